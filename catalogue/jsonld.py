"""schema.org JSON-LD for catalogue pages, so that search engines and partners can read
offers as structured data. Empty values are left out rather than sent as blanks."""

from decimal import Decimal

from cms.seo import social_image

from .choices import ContentLicence, PricingModel, Territory

LICENCE_URLS = {
    ContentLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    ContentLicence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    ContentLicence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ContentLicence.OPEN_LICENCE: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def clean_jsonld(data: dict) -> dict:
    """Drop empty values, which schema.org readers treat as wrong rather than unknown."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def iso_duration(hours) -> str | None:
    """ISO 8601 duration in whole minutes: 1.5 → "PT1H30M"."""
    if not hours:
        return None
    total_minutes = round(Decimal(hours) * 60)
    whole_hours, minutes = divmod(total_minutes, 60)
    return "PT" + (f"{whole_hours}H" if whole_hours else "") + (f"{minutes}M" if minutes else "")


def organization(actor, request=None) -> dict | None:
    if actor is None:
        return None
    address = clean_jsonld(
        {
            "@type": "PostalAddress",
            "addressLocality": actor.commune,
            "postalCode": actor.postcode,
        }
    )
    identifiers = [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in (("SIRET", actor.siret), ("RNA", actor.rna))
        if value
    ]
    if len(address) > 1:
        address["addressCountry"] = "FR"
    return clean_jsonld(
        {
            "@type": "Organization",
            "name": actor.name,
            "url": actor.website,
            "email": actor.contact_email,
            "telephone": actor.contact_phone,
            "description": actor.description,
            "address": address if len(address) > 1 else None,
            "identifier": identifiers,
        }
    )


def price_offer(page) -> dict | None:
    """The schema.org Offer of a page, from its pricing model. A price only when it is
    known: 0 when the offer is free or has a free tier (freemium), the amount when the kind
    records one. Otherwise (paid, membership, pay what you want…) the Offer names the model
    and its details and states no price, which would be invented."""
    price = getattr(page, "price_amount", None)
    if page.pricing_model == PricingModel.FREE or (
        page.pricing_model == PricingModel.FREEMIUM and price is None
    ):
        price = Decimal("0")
    if not page.pricing_model and price is None:
        return None
    return clean_jsonld(
        {
            "@type": "Offer",
            "name": page.get_pricing_model_display(),
            "description": page.price_details,
            "price": None if price is None else str(price),
            "priceCurrency": None if price is None else "EUR",
        }
    )


def area_served(page):
    if page.territory_details:
        return page.territory_details
    if page.territory == Territory.NATIONAL:
        return {"@type": "Country", "name": "France"}
    return None


def offer_jsonld(page, request=None) -> dict:
    """The shared properties, then the kind's own: each kind declares its `jsonld_type`
    and `jsonld_properties()`, so a new kind needs no branch here."""
    image = social_image(page, request)
    themes = ", ".join(theme.name for theme in page.themes.all())
    work = page.jsonld_creative_work
    modified = page.last_published_at
    return clean_jsonld(
        {
            "@context": "https://schema.org",
            "@type": page.jsonld_type,
            "name": page.title,
            "description": page.summary,
            "url": page.get_full_url(request=request),
            "inLanguage": "fr" if work else None,
            "keywords": themes if work else None,
            "category": None if work else themes,
            "dateModified": modified.isoformat() if work and modified else None,
            "provider": organization(page.provider, request),
            "image": image["url"] if image else None,
            "offers": price_offer(page),
            **page.jsonld_properties(),
        }
    )

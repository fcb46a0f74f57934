"""schema.org JSON-LD for catalogue pages, so that search engines and partners can read
offers as structured data."""

from decimal import Decimal

from .choices import ContentLicence, PricingModel

LICENCE_URLS = {
    ContentLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    ContentLicence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    ContentLicence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ContentLicence.OPEN_LICENCE: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def organization(actor, request=None) -> dict | None:
    if actor is None:
        return None
    address = _clean(
        {
            "@type": "PostalAddress",
            "addressLocality": actor.commune,
            "postalCode": actor.postcode,
            "addressCountry": "FR",
        }
    )
    identifiers = [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in (("SIRET", actor.siret), ("RNA", actor.rna))
        if value
    ]
    return _clean(
        {
            "@type": "Organization",
            "name": actor.name,
            "url": actor.website,
            "email": actor.contact_email,
            "telephone": actor.contact_phone,
            "description": actor.description,
            "address": address if len(address) > 2 else None,
            "identifier": identifiers,
        }
    )


def _price_offer(page) -> dict | None:
    price = getattr(page, "price_amount", None)
    if page.pricing_model == PricingModel.FREE:
        price = Decimal("0")
    if price is None:
        return None
    return {"@type": "Offer", "price": str(price), "priceCurrency": "EUR"}


def _common(page, request) -> dict:
    return {
        "@context": "https://schema.org",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request=request),
        "inLanguage": "fr",
        "keywords": ", ".join(theme.name for theme in page.themes.all()),
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
    }


def offer_jsonld(page, request=None) -> dict:
    from .models import ResourcePage, SupportServicePage, ToolPage, TrainingOfferPage

    data = _common(page, request)
    provider = organization(page.provider, request)
    if isinstance(page, ToolPage):
        data.update(
            {
                "@type": "SoftwareApplication",
                "applicationCategory": "BusinessApplication",
                "operatingSystem": "Web",
                "offers": _price_offer(page),
                "license": page.licence_name,
                "provider": provider,
            }
        )
    elif isinstance(page, ResourcePage):
        data.update(
            {
                "@type": "LearningResource",
                "learningResourceType": page.get_resource_type_display(),
                "license": LICENCE_URLS.get(
                    page.content_licence, page.get_content_licence_display()
                ),
                "provider": provider,
                "sameAs": page.resource_url,
            }
        )
    elif isinstance(page, TrainingOfferPage):
        data.update(
            {
                "@type": "Course",
                "provider": provider,
                "educationalLevel": page.get_level_display(),
                "timeRequired": f"PT{page.duration_hours.normalize():f}H"
                if page.duration_hours
                else None,
                "offers": _price_offer(page),
                "educationalCredentialAwarded": page.certification,
            }
        )
    elif isinstance(page, SupportServicePage):
        data.update(
            {
                "@type": "Service",
                "provider": provider,
                "serviceType": page.get_support_level_display(),
                "areaServed": page.territory_details or page.get_territory_display(),
            }
        )
    return _clean(data)

"""schema.org JSON-LD for training modules: a Course with its CourseInstances.

The organisations behind a module are its `provider`; a session's training organisation is
the instance's `organizer`. schema.org's `instructor` is a Person, and we record no person,
so it is left out rather than filled with an organisation."""

from django.utils.translation import gettext

from catalogue.jsonld import clean_jsonld, organization


def _hours(value) -> str | None:
    if not value:
        return None
    minutes = int(round(float(value) * 60))
    hours, rest = divmod(minutes, 60)
    return f"PT{hours}H{rest}M" if rest else f"PT{hours}H"


def course_instance(session, request=None) -> dict:
    if session.online:
        location = {"@type": "VirtualLocation", "url": session.registration_url or None}
    else:
        location = clean_jsonld(
            {
                "@type": "Place",
                "name": session.venue,
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": session.commune,
                    "postalCode": session.postcode,
                    "addressCountry": "FR",
                },
            }
        )
    return clean_jsonld(
        {
            "@type": "CourseInstance",
            "courseMode": "online" if session.online else "onsite",
            "startDate": session.start.isoformat(),
            "endDate": session.end.isoformat(),
            "location": clean_jsonld(location),
            "maximumAttendeeCapacity": session.seats,
            "organizer": organization(session.trainer),
            "url": session.registration_url,
        }
    )


def module_jsonld(module, sessions, request=None) -> dict:
    authors = [organization(actor) for actor in module.authors.all()]
    offers = []
    if module.price_per_participant is not None:
        offers.append(
            {
                "@type": "Offer",
                "price": str(module.price_per_participant),
                "priceCurrency": "EUR",
                "category": gettext("per participant"),
            }
        )
    if module.price_per_group is not None:
        offers.append(
            {
                "@type": "Offer",
                "price": str(module.price_per_group),
                "priceCurrency": "EUR",
                "category": gettext("per group session"),
            }
        )
    return clean_jsonld(
        {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": module.title,
            "description": module.summary,
            "url": module.get_full_url(request=request),
            "inLanguage": "fr",
            "educationalLevel": module.get_level_display(),
            "timeRequired": _hours(module.duration_hours),
            "coursePrerequisites": module.prerequisites,
            "teaches": [f"{c.code} {c.name}" for c in module.competences.all()],
            "provider": authors[0] if len(authors) == 1 else authors,
            "offers": offers,
            "hasCourseInstance": [course_instance(session, request) for session in sessions],
        }
    )

"""Visitors' reports on demo offers: two open in the coordination's queue, one closed with
its note. Demo only."""

from datetime import timedelta

from django.utils import timezone

from catalogue.choices import ReportReason, ReportStatus
from catalogue.models import OfferPage, OfferReport

# (offer slug, reason, message, e-mail, days ago, closing note or None)
DEMO_REPORTS = [
    (
        "doodle",
        ReportReason.OUTDATED,
        "La formule gratuite affiche maintenant de la publicité et limite les sondages : "
        "la fiche dit encore « gratuit, sans publicité ».",
        "secretariat@asso-exemple.fr",
        2,
        None,
    ),
    (
        "zoom",
        ReportReason.BROKEN_LINK,
        "Le lien vers la politique de confidentialité mène à une page introuvable.",
        "",
        5,
        None,
    ),
    (
        "canva",
        ReportReason.WRONG,
        "Canva propose une offre gratuite pour les associations, pas seulement un tarif réduit.",
        "",
        40,
        "Vérifié sur le site de l'éditeur : la fiche précise maintenant l'offre associative.",
    ),
]


def demo_offer_reports(coordinator, count) -> None:
    """Once: a second run leaves the queue as the coordination left it."""
    if OfferReport.objects.exists():
        return
    offers = {offer.slug: offer for offer in OfferPage.objects.visible()}
    now = timezone.now()
    for slug, reason, message, email, days_ago, note in DEMO_REPORTS:
        if slug not in offers:
            continue
        created_at = now - timedelta(days=days_ago)
        closed = note is not None
        OfferReport.objects.create(
            offer=offers[slug],
            reason=reason,
            message=message,
            email=email,
            created_at=created_at,
            status=ReportStatus.CLOSED if closed else ReportStatus.OPEN,
            closing_note=note or "",
            closed_by=coordinator if closed else None,
            closed_at=created_at + timedelta(days=3) if closed else None,
        )
        count("offer_reports")

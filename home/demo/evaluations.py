"""Demo evaluations: the grid answered by the demo's digital actors and support
structures, at least three organisations on most tools, with answers drawn from each
offer's own facts where the grid asks about them (licence, hosting, GDPR, export) and
varied, reproducibly, elsewhere. Demo only: production never runs the demo loader."""

import hashlib
from datetime import datetime, time, timedelta

from django.utils import timezone

from wagtail.models import Workflow

from catalogue.choices import AnswerValue
from catalogue.models import Actor, Evaluation, EvaluationAnswer, EvaluationCriterion, OfferPage
from catalogue.services import offer_mark_qualified
from home.roles import EVALUATION_WORKFLOW_NAME

# The organisations that qualify offers in the programme's working groups.
EVALUATORS = [
    "tiers-lieu-tours",
    "cooperative-touraine",
    "epn-amboise",
    "pava-loches",
    "ligue-37",
    "dla-37",
]
# Tools left « non évaluée », so that the invitation to evaluate shows.
UNEVALUATED = {"ordi-reconditionne", "le-compte-asso"}

COMMENTS = {
    AnswerValue.YES: [
        "Vérifié sur le site de l'éditeur.",
        "Constaté lors de notre atelier avec trois associations.",
        "Confirmé par l'éditeur par écrit.",
    ],
    AnswerValue.PARTIAL: [
        "Vrai pour l'offre de base, pas pour les options payantes.",
        "La documentation existe mais reste incomplète.",
        "Dépend de l'hébergeur choisi.",
    ],
    AnswerValue.NO: [
        "Rien trouvé à ce sujet dans les conditions d'utilisation.",
        "Point bloquant relevé par les bénévoles testeurs.",
    ],
    AnswerValue.NOT_APPLICABLE: ["Sans objet pour ce type d'usage."],
}


def _draw(*parts: str) -> int:
    """A reproducible number from the names: the demo is the same on every machine."""
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:4], "big")


FACTS = {
    "licence-libre": lambda o: AnswerValue.YES if getattr(o, "licence", "") == "libre" else None,
    "hebergement-ue": lambda o: {
        "france": AnswerValue.YES,
        "ue": AnswerValue.YES,
        "auto_heberge": AnswerValue.PARTIAL,
        "hors_ue": AnswerValue.NO,
    }.get(getattr(o, "hosting_location", "")),
    "contrat-sous-traitance": lambda o: (
        AnswerValue.YES if getattr(o, "gdpr_dpa", False) else AnswerValue.NO
    ),
    "export-donnees": lambda o: (
        AnswerValue.YES if getattr(o, "data_export", False) else AnswerValue.NO
    ),
    "tarif-associatif": lambda o: (
        AnswerValue.YES
        if o.pricing_model in ("gratuit", "prix_libre", "tarif_associatif")
        else AnswerValue.PARTIAL
    ),
}
ORDER = [AnswerValue.YES, AnswerValue.YES, AnswerValue.PARTIAL, AnswerValue.YES, AnswerValue.NO]


def demo_answer(offer, criterion, organisation: str) -> AnswerValue:
    fact = FACTS.get(criterion.slug)
    answer = fact(offer) if fact else None
    draw = _draw(offer.slug, criterion.slug, organisation)
    if answer is None:
        answer = ORDER[draw % len(ORDER)]
    elif draw % 7 == 0:  # organisations do not always agree
        answer = AnswerValue.PARTIAL
    if draw % 23 == 0:
        answer = AnswerValue.NOT_APPLICABLE
    return answer


SUMMARIES = [
    "Testé avec deux associations du réseau lors d'un atelier : adapté aux petites équipes.",
    "Bon outil pour démarrer ; prévoir un accompagnement pour la configuration initiale.",
    "Réponses vérifiées auprès de l'éditeur ; quelques réserves sur la documentation.",
    "Évaluation faite en groupe de travail, avec les retours de bénévoles peu initiés.",
]


def _approval_day(offer, organisation: str, days_back: int = 0) -> datetime:
    """A past approval, near the offer's date of qualification in the demo content, so
    that offers qualified long ago show as due for review."""
    day = offer.last_qualified_on or timezone.localdate()
    day -= timedelta(days=days_back + _draw(offer.slug, organisation) % 20)
    return timezone.make_aware(datetime.combine(day, time(10)))


def _evaluation(offer, actor, criteria, *, user=None, seed: str = "") -> Evaluation:
    kind = offer.specific_class.kind
    evaluation = Evaluation(
        offer=offer,
        actor=actor,
        created_by=user,
        live=False,
        summary=SUMMARIES[_draw(offer.slug, actor.slug, seed) % len(SUMMARIES)],
    )
    for criterion in criteria:
        if not criterion.applies_to_kind(kind):
            continue
        answer = demo_answer(offer.specific, criterion, actor.slug + seed)
        comments = COMMENTS[answer]
        draw = _draw(offer.slug, criterion.slug, actor.slug, seed)
        evaluation.answers.add(
            EvaluationAnswer(
                criterion=criterion,
                criterion_name=criterion.name,
                answer=answer,
                comment=comments[draw % len(comments)] if draw % 3 else "",
                source=offer.website if answer == AnswerValue.YES and draw % 4 == 0 else "",
            )
        )
    evaluation.save()
    return evaluation


def _approve(evaluation: Evaluation, at: datetime, *, user, coordinator) -> None:
    evaluation.save_revision(user=user).publish(user=coordinator)
    Evaluation.objects.filter(pk=evaluation.pk).update(first_published_at=at, last_published_at=at)


def demo_evaluations(users, count) -> None:
    """Once: approved evaluations by three organisations on most tools and one or two on
    other offers, one superseded, one draft and one awaiting coordination."""

    if Evaluation.objects.exists():
        return
    criteria = list(EvaluationCriterion.objects.filter(active=True).select_related("group"))
    actors = {actor.slug: actor for actor in Actor.objects.filter(slug__in=EVALUATORS)}
    members = {
        organisation.slug: user for user in users.values() for organisation in user.actors.all()
    }
    coordinator = users["coordination"]
    offers = list(OfferPage.objects.visible().order_by("path"))
    approved_days = {}
    for index, offer in enumerate(offers):
        kind = offer.specific_class.kind
        if offer.slug in UNEVALUATED:
            continue
        wanted = 3 if kind == "outil" else index % 3
        chosen = [slug for slug in EVALUATORS if slug != offer.provider.slug if slug in actors]
        start = _draw(offer.slug) % len(chosen)
        for slug in (chosen[start:] + chosen[:start])[:wanted]:
            user = members.get(slug)
            at = _approval_day(offer, slug)
            if offer.slug == "framadate" and not approved_days.get(offer.pk):
                # An earlier evaluation by the same organisation, superseded by the next one.
                older = _evaluation(offer, actors[slug], criteria, user=user, seed="2023")
                _approve(older, at - timedelta(days=400), user=user, coordinator=coordinator)
                count("evaluations")
            evaluation = _evaluation(offer, actors[slug], criteria, user=user)
            _approve(evaluation, at, user=user, coordinator=coordinator)
            approved_days[offer.pk] = max(approved_days.get(offer.pk, at.date()), at.date())
            count("evaluations")
    # Approving moved each offer's qualification to today: put back the demo's dates.
    for offer_id, day in approved_days.items():
        OfferPage.objects.filter(pk=offer_id).update(last_qualified_on=None)
        offer_mark_qualified(offer_id=offer_id, on=day)

    by_slug = {offer.slug: offer for offer in offers}
    tours, touraine = users["acteur.tours"], users["acteur.touraine"]
    if "nextcloud" in by_slug:
        draft = _evaluation(by_slug["nextcloud"], actors["tiers-lieu-tours"], criteria, user=tours)
        draft.save_revision(user=tours)
        count("evaluations")
    if "brevo" in by_slug:
        submitted = _evaluation(
            by_slug["brevo"], actors["cooperative-touraine"], criteria, user=touraine, seed="b"
        )
        submitted.save_revision(user=touraine)
        Workflow.objects.get(name=EVALUATION_WORKFLOW_NAME).start(submitted, touraine)
        count("evaluations")

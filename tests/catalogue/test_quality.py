"""The data-quality score's arithmetic and its list of what is missing, against
hand-computed cases (`catalogue.quality`)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from django.utils import translation

from catalogue.choices import OfferFormat
from catalogue.quality import (
    Hint,
    QualityFacts,
    assess,
    description_completeness,
    description_text,
    freshness,
    offer_facts,
)
from tests.factories.catalogue import ActorFactory, AudienceFactory, ThemeFactory, ToolPageFactory

TODAY = date(2026, 6, 1)

COMPLETE = QualityFacts(
    last_update=TODAY,
    description_length=400,
    has_themes=True,
    has_audiences=True,
    has_pricing=True,
    format=OfferFormat.ONLINE,
    has_website=True,
    has_commune=False,
)


def _facts(**changes) -> QualityFacts:
    return QualityFacts(**{**COMPLETE.__dict__, **changes})


def _codes(quality) -> list[str]:
    return [hint.code for hint in quality.missing]


@pytest.mark.parametrize(
    ("age_days", "expected"),
    [
        (0, 1.0),
        (182, 1.0),  # six months: still full
        (183, 547 / 548),
        (456, 0.5),  # half way between 182 and 730 days
        (729, 1 / 548),
        (730, 0.0),  # two years
        (2000, 0.0),
        (-3, 1.0),  # a check dated ahead is not more than fresh
    ],
)
def test_freshness_is_full_for_six_months_then_falls_linearly_to_nil_at_two_years(
    age_days, expected
):
    assert freshness(TODAY - timedelta(days=age_days), TODAY) == pytest.approx(expected)


def test_freshness_without_any_date_is_nil():
    assert freshness(None, TODAY) == 0.0


@pytest.mark.parametrize(
    ("length", "expected"),
    [(0, 0.0), (150, 0.0), (200, 0.0), (201, 0.005), (300, 0.5), (399, 0.995), (400, 1.0)],
)
def test_description_is_nil_under_200_characters_and_full_from_400(length, expected):
    assert description_completeness(length) == pytest.approx(expected)
    assert description_completeness(5000) == 1.0


def test_a_complete_offer_scores_100_with_nothing_missing():
    quality = assess(COMPLETE, today=TODAY)

    assert quality.score == 100
    assert quality.missing == ()


def test_an_empty_offer_scores_0_and_misses_everything():
    quality = assess(
        _facts(
            last_update=None,
            description_length=0,
            has_themes=False,
            has_audiences=False,
            has_pricing=False,
            has_website=False,
        ),
        today=TODAY,
    )

    assert quality.score == 0
    assert _codes(quality) == [
        "description_short",
        "no_themes",
        "no_audiences",
        "no_pricing",
        "no_website",
        "never_updated",
    ]


def test_each_component_weighs_a_sixth():
    # 5 of 6 criteria: 83.33 → 83.
    for changes in (
        {"has_themes": False},
        {"has_audiences": False},
        {"has_pricing": False},
        {"has_website": False},
        {"description_length": 100},
        {"last_update": TODAY - timedelta(days=800)},
    ):
        assert assess(_facts(**changes), today=TODAY).score == 83, changes


def test_components_in_between_add_up():
    # Freshness 0.5 (456 days), description 0.5 (300 characters), no audience:
    # (0.5 + 0.5 + 1 + 0 + 1 + 1) / 6 = 66.67 → 67.
    quality = assess(
        _facts(
            last_update=TODAY - timedelta(days=456),
            description_length=300,
            has_audiences=False,
        ),
        today=TODAY,
    )

    assert quality.score == 67
    assert quality.missing == (
        Hint("description_short", {"length": 300, "target": 400}),
        Hint("no_audiences"),
        Hint("stale", {"months": 14}),
    )


def test_the_mean_is_rounded_half_up():
    # Description 0.43 (286 characters): (5 + 0.43) / 6 = 90.5 → 91, not 90 (to even).
    assert assess(_facts(description_length=286), today=TODAY).score == 91


@pytest.mark.parametrize(
    ("offer_format", "website", "commune", "score", "missing"),
    [
        (OfferFormat.ONLINE, True, False, 100, []),
        (OfferFormat.ONLINE, False, True, 83, ["no_website"]),
        (OfferFormat.ONSITE, False, True, 100, []),
        (OfferFormat.ONSITE, True, False, 83, ["no_commune"]),
        # A hybrid offer needs both, each half of the criterion: 5.5 / 6 = 91.67 → 92.
        (OfferFormat.HYBRID, True, True, 100, []),
        (OfferFormat.HYBRID, True, False, 92, ["no_commune"]),
        (OfferFormat.HYBRID, False, True, 92, ["no_website"]),
        (OfferFormat.HYBRID, False, False, 83, ["no_website", "no_commune"]),
    ],
)
def test_contact_must_match_the_format(offer_format, website, commune, score, missing):
    quality = assess(
        _facts(format=offer_format, has_website=website, has_commune=commune), today=TODAY
    )

    assert (quality.score, _codes(quality)) == (score, missing)


@pytest.mark.parametrize(("broken", "score"), [(0, 100), (1, 90), (2, 80), (10, 0), (11, 0)])
def test_each_broken_link_takes_10_points_off_never_below_0(broken, score):
    quality = assess(COMPLETE, today=TODAY, broken_links=broken)

    assert quality.score == score
    assert ("broken_links" in _codes(quality)) == bool(broken)


def test_a_negative_count_of_broken_links_is_none():
    assert assess(COMPLETE, today=TODAY, broken_links=-2) == assess(COMPLETE, today=TODAY)


def test_what_is_missing_reads_in_french():
    quality = assess(
        _facts(
            description_length=150,
            has_themes=False,
            has_audiences=False,
            has_pricing=False,
            format=OfferFormat.HYBRID,
            has_website=False,
            has_commune=False,
            last_update=TODAY - timedelta(days=400),
        ),
        today=TODAY,
        broken_links=3,
    )

    with translation.override("fr"):
        assert quality.messages == [
            "Description trop courte : 150 caractères sur 400 conseillés",
            "Aucune thématique",
            "Aucun public",
            "Modèle tarifaire non renseigné",
            "Offre en ligne sans site web",
            "Offre en présentiel sans commune : renseignez celle de la structure qui la propose",
            "Pas mise à jour depuis 13 mois : à revérifier",
            "3 liens cassés",
        ]
        assert assess(_facts(last_update=None), today=TODAY).messages == [
            "Jamais publiée ni vérifiée"
        ]
        assert assess(COMPLETE, today=TODAY, broken_links=1).messages == ["1 lien cassé"]
        assert assess(_facts(description_length=1), today=TODAY).messages == [
            "Description trop courte : 1 caractère sur 400 conseillés"
        ]


def test_hints_survive_their_json_form():
    hint = Hint("description_short", {"length": 12, "target": 400})

    assert Hint.from_json(hint.as_json()) == hint


def test_the_description_is_the_summary_and_the_paragraphs_as_read():
    body = [
        {
            "type": "paragraph",
            "value": "<p>Un <b>outil</b>  libre&nbsp;:</p>\n<ul><li>sûr</li></ul>",
        },
        {"type": "quote", "value": {"quote": "Formidable !", "attribution": "Une trésorière"}},
        {"type": "image", "value": {"image": 3, "caption": "Capture"}},
        {"type": "paragraph", "value": "<p>Fin.</p>"},
    ]

    assert description_text("Résumé.", body) == "Résumé. Un outil libre : sûr Fin."


@pytest.mark.django_db
def test_facts_are_read_from_the_page_and_its_provider(catalogue):
    offer = ToolPageFactory(
        parent=catalogue,
        summary="x" * 100,
        format=OfferFormat.ONSITE,
        website="",
        provider=ActorFactory(commune="Blois"),
        themes=[ThemeFactory()],
        audiences=[],
        pricing_model="",
        last_qualified_on=date(2020, 1, 1),
    )
    offer.last_published_at = datetime(2026, 5, 1, 12, tzinfo=UTC)

    facts = offer_facts(offer)

    assert facts == QualityFacts(
        last_update=date(2026, 5, 1),
        description_length=100,
        has_themes=True,
        has_audiences=False,
        has_pricing=False,
        format=OfferFormat.ONSITE,
        has_website=False,
        has_commune=True,
    )
    # The check counts when it is later than the publication.
    offer.last_qualified_on = date(2026, 5, 20)
    assert offer_facts(offer).last_update == date(2026, 5, 20)
    offer.provider.commune = "  "
    assert not offer_facts(offer).has_commune


@pytest.mark.django_db
def test_facts_of_a_revision_read_its_relations_in_memory(catalogue):
    offer = ToolPageFactory(parent=catalogue, audiences=[AudienceFactory()])
    offer.audiences = []
    offer.save_revision()

    draft = offer.get_latest_revision_as_object()

    assert not offer_facts(draft).has_audiences

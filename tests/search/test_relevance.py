"""The relevance set: realistic queries on the French demo content, with the offers and
modules each must return in its top 5. Runs on SQLite and PostgreSQL alike."""

import pytest

from django.db import transaction

from home.demo.loader import load_demo
from home.selectors import site_search

TOP = 5

# query -> slugs that must all be among the first five results.
RELEVANCE = {
    "logiciel de gestion d'association": ["garradin", "assoconnect"],
    "comptabilité": ["assoconnect", "garradin"],
    "comptabilite": ["assoconnect", "garradin"],
    "compta": ["assoconnect", "garradin"],
    "visio": ["jitsi-meet", "zoom", "formation-animer-visio"],
    "visioconférence": ["jitsi-meet", "zoom"],
    "réunion à distance": ["formation-animer-visio", "jitsi-meet"],
    "RGPD": ["guide-rgpd-associations", "mooc-rgpd-cnil", "donnees-et-rgpd"],
    "données personnelles": ["guide-rgpd-associations", "donnees-et-rgpd"],
    "cybersécurité": ["guide-cybersecurite-associations", "formation-cybersecurite-benevoles"],
    "mots de passe": ["se-proteger-en-ligne", "guide-cybersecurite-associations"],
    "hameçonnage": ["video-hameconnage"],
    "site web": ["formation-site-web"],
    "logiciel libre": ["garradin"],
    "sobriété numérique": ["infographie-sobriete"],
    "gouvernance partagée": ["gouvernance-partagee", "formation-gouvernance-partagee"],
    "tableur trésorier": ["formation-tableur-tresorier"],
    "certification Pix": ["formation-pix-certification"],
    "dons en ligne": ["helloasso-adhesions"],
    "messagerie": ["mattermost", "google-workspace"],
    "outils collaboratifs": ["outils-collaboratifs"],
    "subvention": ["le-compte-asso"],
}


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(log=lambda *_: None)
        yield
        transaction.set_rollback(True)


def _top(query: str, size: int = TOP) -> list[str]:
    return [page.slug for page in site_search(query)[:size]]


@pytest.mark.parametrize(("query", "expected"), RELEVANCE.items(), ids=list(RELEVANCE))
def test_query_finds_the_expected_pages_in_its_top_five(demo_content, db, query, expected):
    top = _top(query)
    assert set(expected) <= set(top), f"{query!r} → {top}"


@pytest.mark.parametrize(
    ("typed", "other"),
    [
        ("association", "associations"),
        ("comptabilite", "comptabilité"),
        ("RGPD", "données personnelles"),
        ("visio", "visioconférence"),
        ("asso", "association"),
    ],
)
def test_equivalent_queries_give_the_same_results(demo_content, db, typed, other):
    assert _top(typed, 50) == _top(other, 50)
    assert _top(typed, 50)


def test_offers_and_modules_are_searched_together(demo_content, db):
    results = [page.specific_class.__name__ for page in site_search("RGPD")]
    assert "TrainingModulePage" in results
    assert {"ResourcePage", "TrainingOfferPage"} <= set(results)


def test_a_title_match_ranks_above_a_body_match(demo_content, db):
    assert _top("hameçonnage", 1) == ["video-hameconnage"]

"""What a result recommends for each measure from the catalogue and the training offer:
offers best qualified first, local actors, modules with their sessions
(diagnostic/recommendations.py `catalogue_matches`, reads in diagnostic/selectors.py)."""

from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from catalogue.choices import AnswerValue, GuidAssoLevel
from catalogue.models import OfferQuality
from catalogue.services import taxonomy_load_seed
from diagnostic.models import Measure
from diagnostic.recommendations import Recommendation, catalogue_matches, result_recommendations
from diagnostic.scoring import AxisScore
from diagnostic.services import diagnostic_load_seed, result_create, result_outcome
from tests.factories.catalogue import (
    ActorFactory,
    ResourcePageFactory,
    ThemeFactory,
    ToolPageFactory,
)
from tests.factories.evaluations import EvaluationCriterionFactory, approved_rows
from tests.factories.images import ImageFactory
from tests.factories.training import TrainingModulePageFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

# Measure themes, sub-themes, offers, modules, sessions, authors, the offers shown, their
# themes, their logos' renditions, the modules shown, the actors.
QUERY_BOUND = 11
AXIS = AxisScore("axe", "Axe", 20.0, None, 1, 0)


def _recommendation(slug, themes):
    measure = Measure.objects.create(slug=slug, title=slug.capitalize(), why="-", how="-")
    measure.themes.set(themes)
    return Recommendation(measure, AXIS, [])


def _qualify(offer, *, answer=None, quality=None):
    """Give `offer` a scorecard of one evaluation answering `answer` (oui scores 1, partiel
    0.5), and the data-quality score `quality` (none when None)."""
    if answer is not None:
        criterion = EvaluationCriterionFactory(slug="critere-hebergement")
        approved_rows(offer=offer, actors=[ActorFactory()], criteria=[criterion], answer=answer)
    OfferQuality.objects.filter(offer=offer).delete()
    if quality is not None:
        OfferQuality.objects.create(offer=offer, score=quality, computed_at=timezone.now())
    return offer


def _titles(items):
    return [item.title for item in items]


def test_offers_come_best_qualified_first(catalogue):
    theme = ThemeFactory(slug="rgpd")

    def offer(slug):
        return ToolPageFactory(parent=catalogue, slug=slug, themes=[theme])

    _qualify(offer("alpha"), answer=AnswerValue.PARTIAL, quality=50)
    _qualify(offer("beta"), answer=AnswerValue.YES, quality=10)
    _qualify(offer("gamma"), answer=AnswerValue.PARTIAL, quality=80)
    _qualify(offer("epsilon"), quality=100)
    _qualify(offer("delta"), quality=100)
    _qualify(offer("zeta"))
    reco = _recommendation("registre", [theme])

    catalogue_matches([reco], limit=10)

    # Scorecard first (not evaluated after), then data quality (none after), then title.
    assert _titles(reco.offers) == ["Beta", "Gamma", "Alpha", "Delta", "Epsilon", "Zeta"]
    # Each as its kind, with its scorecard's numbers read already.
    assert type(reco.offers[0]).__name__ == "ToolPage"
    assert reco.offers[0].scorecard_summary.score == 1.0

    catalogue_matches([reco])

    assert _titles(reco.offers) == ["Beta", "Gamma", "Alpha"]


def test_drafts_unpublished_and_restricted_offers_never_appear(catalogue):
    theme = ThemeFactory(slug="cybersecurite")
    hidden_providers = [ActorFactory(name=f"Cachée {n}") for n in range(3)]
    draft = ToolPageFactory(
        parent=catalogue, slug="brouillon", themes=[theme], live=False, provider=hidden_providers[0]
    )
    unpublished = ToolPageFactory(
        parent=catalogue, slug="depubliee", themes=[theme], provider=hidden_providers[1]
    )
    restricted = ToolPageFactory(
        parent=catalogue, slug="restreinte", themes=[theme], provider=hidden_providers[2]
    )
    for offer in (unpublished, restricted):
        _qualify(offer, answer=AnswerValue.YES, quality=100)
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    shown = ResourcePageFactory(parent=catalogue, slug="visible", themes=[theme])
    reco = _recommendation("sauvegardes", [theme])

    catalogue_matches([reco], limit=10)

    assert draft.pk and [o.pk for o in reco.offers] == [shown.pk]
    # Nor do the organisations known only through them.
    assert [a.pk for a in reco.actors] == [shown.provider_id]


def test_a_parent_theme_reaches_its_sub_themes_offers_not_the_reverse(catalogue):
    parent = ThemeFactory(slug="communication")
    child = ThemeFactory(slug="reseaux-sociaux", parent=parent)
    on_child = ToolPageFactory(parent=catalogue, slug="sur-sous-theme", themes=[child])
    on_parent = ToolPageFactory(parent=catalogue, slug="sur-parent", themes=[parent])
    broad = _recommendation("communiquer", [parent])
    narrow = _recommendation("reseaux", [child])
    other = _recommendation("sans-offre", [ThemeFactory(slug="sobriete")])

    catalogue_matches([broad, narrow, other], limit=10)

    assert {o.pk for o in broad.offers} == {on_child.pk, on_parent.pk}
    assert [o.pk for o in narrow.offers] == [on_child.pk]
    assert other.offers == [] and other.actors == [] and other.modules == []


def test_actors_of_the_department_come_first_then_by_guidasso_level(catalogue, training_index):
    theme = ThemeFactory(slug="gouvernance")
    actors = {
        name: ActorFactory(name=name, departments=departments, guidasso_level=level)
        for name, departments, level in [
            ("Zèbre", "37, 41", GuidAssoLevel.SPECIALIST),
            ("Alpha", "37", GuidAssoLevel.INFORMATION),
            ("Écluse", "37", GuidAssoLevel.ORIENTATION),
            ("Delta", "37", ""),
            ("Eta", "37", GuidAssoLevel.GENERALIST),
            ("Nationale", "", GuidAssoLevel.SPECIALIST),
            ("Ailleurs", "41", GuidAssoLevel.SPECIALIST),
        ]
    }
    for n, name in enumerate(["Zèbre", "Alpha", "Écluse", "Delta", "Nationale", "Ailleurs"]):
        ToolPageFactory(parent=catalogue, slug=f"offre-{n}", themes=[theme], provider=actors[name])
    # An author of one of the measure's modules is one of its actors too.
    module = TrainingModulePageFactory(
        parent=training_index, related__themes=[theme], related__authors=[actors["Eta"]]
    )
    trainer = ActorFactory(name="Formatrice", departments="37", guidasso_level="")
    TrainingSessionFactory(module=module, trainer=trainer)
    reco = _recommendation("referent", [theme])

    catalogue_matches([reco], department="37", limit=10)

    assert [a.name for a in reco.actors] == [
        "Zèbre",
        "Eta",
        "Alpha",
        "Écluse",
        "Delta",
        "Formatrice",
        "Nationale",
        "Ailleurs",
    ]

    catalogue_matches([reco], department="41", limit=3)

    assert [a.name for a in reco.actors] == ["Ailleurs", "Zèbre", "Nationale"]

    catalogue_matches([reco], limit=4)

    # No department known: by level, then name (« Écluse » sorts as « Ecluse »).
    assert [a.name for a in reco.actors] == ["Ailleurs", "Nationale", "Zèbre", "Eta"]


def test_modules_with_an_upcoming_session_come_first_with_their_sessions(training_index):
    theme = ThemeFactory(slug="competences-numeriques")
    now = timezone.now()

    def module(slug, *starts, live=True):
        page = TrainingModulePageFactory(
            parent=training_index, slug=slug, live=live, related__themes=[theme]
        )
        for days in starts:
            TrainingSessionFactory(module=page, start=now + timedelta(days=days))
        return page

    later = module("bravo", 30, 20)
    module("alpha")
    sooner = module("charlie", 5)
    module("delta", -10)  # its only session is over
    module("echo", 1, live=False)
    reco = _recommendation("former", [theme])

    catalogue_matches([reco], limit=10)

    assert [m.module.title for m in reco.modules] == ["Charlie", "Bravo", "Alpha", "Delta"]
    assert [s.module_id for s in reco.modules[0].sessions] == [sooner.pk]
    bravo_sessions = reco.modules[1].sessions
    assert [s.module_id for s in bravo_sessions] == [later.pk, later.pk]
    assert bravo_sessions[0].start < bravo_sessions[1].start
    assert reco.modules[2].sessions == [] and reco.modules[3].sessions == []

    catalogue_matches([reco], limit=2)

    assert [m.module.title for m in reco.modules] == ["Charlie", "Bravo"]


def _plant(catalogue, training_index, n):
    """A measure with its own theme, offers (two evaluated, all with a logo), a module with
    a session, and their organisations."""
    theme = ThemeFactory(slug=f"theme-{n}")
    for k in range(4):
        offer = ToolPageFactory(
            parent=catalogue,
            slug=f"offre-{n}-{k}",
            themes=[theme],
            logo=ImageFactory(),
            provider__logo=ImageFactory(),
        )
        if k < 2:
            _qualify(offer, answer=AnswerValue.YES, quality=50)
    module = TrainingModulePageFactory(
        parent=training_index, slug=f"module-{n}", related__themes=[theme]
    )
    TrainingSessionFactory(module=module)
    return _recommendation(f"mesure-{n}", [theme])


def test_the_whole_fill_costs_the_same_queries_for_two_measures_as_for_six(
    catalogue, training_index, django_assert_max_num_queries
):
    recommendations = [_plant(catalogue, training_index, n) for n in range(6)]
    catalogue_matches(recommendations, department="37")  # the restricted paths, cached

    counts = []
    for some in (recommendations[:2], recommendations):
        with (
            CaptureQueriesContext(connection) as queries,
            django_assert_max_num_queries(QUERY_BOUND),
        ):
            catalogue_matches(some, department="37")
        counts.append(len(queries))
        for reco in some:
            # Everything shown was read already: reading it costs nothing more.
            with django_assert_max_num_queries(0):
                for offer in reco.offers:
                    offer.scorecard_summary, list(offer.themes.all()), offer.provider.logo
                    list(offer.logo.renditions.all())
                for match in reco.modules:
                    [(s.trainer, s.module.title) for s in match.sessions]
                [actor.logo for actor in reco.actors]
            assert len(reco.offers) == 3 and len(reco.modules) == 1 and reco.actors

    assert counts[0] == counts[1]


@pytest.fixture
def diagnostic(home_page):
    taxonomy_load_seed()
    page, _created = diagnostic_load_seed(parent=home_page)
    return page


def test_a_result_recommends_the_actors_of_its_department_first(diagnostic, catalogue):
    from catalogue.models import Theme

    rgpd = Theme.objects.get(slug="rgpd")
    elsewhere = ActorFactory(name="Ailleurs", departments="41", guidasso_level="")
    local = ActorFactory(name="Locale", departments="37", guidasso_level="")
    ToolPageFactory(parent=catalogue, slug="registre-a", themes=[rgpd], provider=elsewhere)
    ToolPageFactory(parent=catalogue, slug="registre-b", themes=[rgpd], provider=local)
    # The weakest answer everywhere calls for every measure; « registre-rgpd » is urgent.
    answers = {q.slug: q.options[0].value for _a, q in diagnostic.questionnaire().questions()}

    def actors_for(department):
        result = result_create(page=diagnostic, answers=answers, department=department)
        recommendations = result_recommendations(result, result_outcome(result))
        reco = next(r for r in recommendations if r.measure.slug == "registre-rgpd")
        assert {o.slug for o in reco.offers} == {"registre-a", "registre-b"}
        return [actor.name for actor in reco.actors]

    assert actors_for("37") == ["Locale", "Ailleurs"]
    assert actors_for("41") == ["Ailleurs", "Locale"]

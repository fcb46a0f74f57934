"""Every page type costs at most 10 SQL queries when the page cache misses, the first
request after a change included.

A change moves the content generation: the page cache, the routes, the navigation and
the site are read again by the first request for each page. Reads that depend on less
(taxonomy options, restricted paths, private collections, synonyms) are kept until what
they depend on changes (`cms.content_version` topics), so each kind of change is
measured: the first request after it must stay within the bound too. In steady state, a
page leaves room for the three reads that a publish adds."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from catalogue.models import OFFER_MODELS
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    CollectionItemFactory,
    ThematicCollectionPageFactory,
    ThemeFactory,
    offer_factory,
)
from tests.factories.images import ImageFactory
from tests.factories.training import (
    CompetenceFactory,
    TrainingModulePageFactory,
    TrainingPathPageFactory,
    TrainingSessionFactory,
)
from training.models import PathModule

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
# The first request after a publish adds the site, the route and the navigation.
MAX_STEADY_QUERIES = MAX_QUERIES - 3


@pytest.fixture
def site_content(catalogue, training_index, home_page):
    from home.models import StandardPage

    themes = [ThemeFactory(), ThemeFactory()]
    audience = AudienceFactory()
    offers = []
    for n in range(8):
        model = OFFER_MODELS[n % len(OFFER_MODELS)]
        offers.append(
            offer_factory(model)(
                parent=catalogue,
                slug=f"offre-{n}",
                provider=ActorFactory(logo=ImageFactory()),
                logo=ImageFactory(),
                themes=themes,
                audiences=[audience],
            )
        )
    collection = ThematicCollectionPageFactory(parent=catalogue, slug="collection", themes=themes)
    collection.include_theme_offers = True
    for offer in offers[:3]:
        CollectionItemFactory(collection=collection, offer=offer)
    collection.save_revision().publish()
    module = TrainingModulePageFactory(
        parent=training_index,
        slug="module",
        themes=themes,
        audiences=[audience],
        competences=[CompetenceFactory(), CompetenceFactory()],
        offers=offers[:3],
    )
    TrainingSessionFactory(module=module)
    path = TrainingPathPageFactory(parent=training_index, slug="parcours")
    path.path_modules = [PathModule(module=module, sort_order=0)]
    path.save_revision().publish()
    about = home_page.add_child(instance=StandardPage(title="À propos", slug="a-propos"))
    # Moved, unpublished and restricted by the changes below; no page measured is under it.
    spare = home_page.add_child(instance=StandardPage(title="Annexe", slug="annexe"))
    return {
        "offers": offers,
        "themes": themes,
        "audience": audience,
        "about": about,
        "home": home_page,
        "spare": spare,
    }


URLS = [
    "/",
    "/catalogue/",
    "/catalogue/?themes={theme}&kind=outil",
    # One offer of each kind: the fixture creates them in the order of OFFER_MODELS.
    *(f"/catalogue/offre-{n}/" for n in range(len(OFFER_MODELS))),
    "/catalogue/collection/",
    "/formations/",
    "/formations/parcours/",
    "/formations/module/",
    "/a-propos/",
    "/recherche/?q=offre",
]


def _urls(content) -> list[str]:
    theme = content["themes"][0].slug
    return [template.format(theme=theme) for template in URLS]


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in ctx.captured_queries]


def _report(url: str, sql: list[str]) -> str:
    return f"{url}: {len(sql)} queries\n" + "\n".join(query[:150] for query in sql)


def test_each_page_type_costs_at_most_seven_queries_once_known(
    client, site_content, settings, subtests
):
    settings.PAGE_CACHE_TIMEOUT = 0
    for url in _urls(site_content):
        with subtests.test(url=url):
            client.get(url)
            _response, sql = _get(client, url)
            assert len(sql) <= MAX_STEADY_QUERIES, _report(url, sql)


def _publish(content):
    content["offers"][-1].save_revision().publish()


def _unpublish_or_publish(content):
    spare = content["spare"]
    spare.refresh_from_db()
    if spare.live:
        spare.unpublish()
    else:
        spare.save_revision().publish()


def _move(content):
    spare = Page.objects.get(pk=content["spare"].pk)
    home, about = (Page.objects.get(pk=content[name].pk) for name in ("home", "about"))
    spare.move(about if spare.get_parent().pk == home.pk else home, pos="last-child")


def _restrict_or_lift(content):
    restrictions = PageViewRestriction.objects.filter(page=content["spare"])
    if restrictions.exists():
        restrictions.delete()
    else:
        PageViewRestriction.objects.create(
            page=content["spare"], restriction_type=PageViewRestriction.LOGIN
        )


def _edit_theme(content):
    content["themes"][1].save()


def _edit_audience(content):
    content["audience"].save()


CHANGES = {
    "publish": _publish,
    "unpublish": _unpublish_or_publish,
    "move": _move,
    "view restriction": _restrict_or_lift,
    "theme": _edit_theme,
    "audience": _edit_audience,
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_first_request_after_a_change_costs_at_most_ten_queries(
    client, site_content, change, subtests
):
    for url in _urls(site_content):
        with subtests.test(url=url):
            # What a process learns once and keeps (content types, the renditions a
            # first view writes) is not what a change costs.
            client.get(url)
            CHANGES[change](site_content)
            response, sql = _get(client, url)
            assert response["X-Page-Cache"] == "miss"
            assert len(sql) <= MAX_QUERIES, _report(url, sql)

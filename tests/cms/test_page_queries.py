"""Every page type costs at most 10 SQL queries when the page cache misses.

The site, route, navigation, breadcrumbs, view restrictions and filter options are read
once per content generation (the first request after a change pays for them), so each
page is requested once before it is measured; the server-side page cache is off, or the
measured request would cost none."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    home_page.add_child(instance=StandardPage(title="À propos", slug="a-propos"))
    return offers


URLS = [
    "/",
    "/catalogue/",
    "/catalogue/?themes={theme}&kind=outil",
    "/catalogue/offre-0/",
    "/catalogue/offre-1/",
    "/catalogue/offre-2/",
    "/catalogue/offre-3/",
    "/catalogue/collection/",
    "/formations/",
    "/formations/parcours/",
    "/formations/module/",
    "/a-propos/",
    "/recherche/?q=offre",
]


def test_each_page_type_costs_at_most_ten_queries(client, site_content, settings, subtests):
    settings.PAGE_CACHE_TIMEOUT = 0
    theme = site_content[0].themes.first().slug
    for template in URLS:
        url = template.format(theme=theme)
        with subtests.test(url=url):
            assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            count = len(ctx.captured_queries)
            assert count <= MAX_QUERIES, f"{url}: {count} queries\n" + "\n".join(
                q["sql"][:150] for q in ctx.captured_queries
            )

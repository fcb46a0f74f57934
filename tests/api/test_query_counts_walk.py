"""Every query a partner can write over a list costs the same SQL for 10 and 100 items.

The schema is walked by introspection: for each root field that returns a list (plain or
paginated), a query selects every field reachable from the list's items to depth 3
(scalars at any depth up to 3, objects and lists recursed while there is depth left,
interfaces and unions through a fragment on each possible type). It runs over 10 items,
then over 100, each item with its nested relations populated, and must cost the same
number of SQL queries. A field that does not batch fails the test; so does a root list
field without a seeding function below, so that a new root cannot escape the walk."""

from collections import Counter
from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.models import (
    Actor,
    Audience,
    EvaluationCriterion,
    OfferPage,
    ThematicCollectionPage,
    Theme,
)
from cms.api.schema import schema
from partners.models import PageRemoval
from tests.api.schema_walk import QueryBuilder, root_list_fields
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    CollectionItemFactory,
    ResourcePageFactory,
    SupportServicePageFactory,
    ThematicCollectionPageFactory,
    ThemeFactory,
    ToolPageFactory,
    TrainingOfferPageFactory,
)
from tests.factories.documents import DocumentFactory
from tests.factories.evaluations import (
    CriterionGroupFactory,
    EvaluationCriterionFactory,
    approved_rows,
)
from tests.factories.images import ImageFactory
from tests.factories.training import (
    CompetenceFactory,
    TrainingModulePageFactory,
    TrainingPathPageFactory,
    TrainingSessionFactory,
)
from tests.graphql_client import post_graphql
from training.models import PathModule, TrainingModulePage, TrainingPathPage, TrainingSession

pytestmark = pytest.mark.django_db

MAX_DEPTH = 3

# Arguments given to fields that need them to answer (none is required by the schema,
# but an image rendition without a filter is refused). Keyed by (type, field).
ARGUMENTS = {
    ("ReperesImage", "rendition"): '(fill: "160x160")',
    ("ReperesImage", "srcSet"): "(sizes: [640])",
}

# Arguments a root list field requires, keyed by root.
ROOT_ARGUMENTS = {"search": 'query: "sondage"', "removedSince": 'since: "2000-01-01T00:00:00Z"'}

GRAPHQL = schema.graphql_schema


# The data


class World:
    """Content shared by the seeding functions, created once per test."""

    def __init__(self, catalogue, training_index):
        self.catalogue = catalogue
        self.training_index = training_index
        parent = ThemeFactory()
        self.themes = [parent, ThemeFactory(parent=parent)]
        self.audiences = [AudienceFactory(), AudienceFactory()]
        self.document = DocumentFactory()
        self.competence = CompetenceFactory()
        self._linked = None
        self._modules = None
        self._criteria = None

    def actor(self):
        return ActorFactory(logo=ImageFactory())

    def rich_text(self, linked):
        """Rich text linking a page, a document and an image, as editors write it."""
        image = ImageFactory()
        return (
            f'<p>Présentation de <a linktype="page" id="{linked[0].pk}">l\'offre</a> et '
            f'<a linktype="document" id="{self.document.pk}">son guide</a>.</p>'
            f'<embed embedtype="image" id="{image.pk}" format="left" alt="Capture"/>'
        )

    def body(self, linked):
        # Every optional child is filled in, so that every block field has a value to load.
        return [
            {"type": "paragraph", "value": self.rich_text(linked)},
            {
                "type": "image",
                "value": {"image": ImageFactory().pk, "alt_text": "Capture", "caption": "Écran"},
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Essayer",
                    "text": "En ligne.",
                    "link_text": "Voir",
                    "page": linked[0].pk,
                    "url": "https://example.org/",
                },
            },
            {
                "type": "offer_links",
                "value": {"heading": "Voir aussi", "offers": [page.pk for page in linked]},
            },
            {"type": "quote", "value": {"quote": "Utile.", "attribution": "Une trésorière"}},
            {"type": "document", "value": {"document": self.document.pk, "title": "Guide"}},
        ]

    def offer(self, n, linked=None, **fields):
        """An offer of each kind in turn, with every relation filled in."""
        factory = (
            ToolPageFactory,
            ResourcePageFactory,
            TrainingOfferPageFactory,
            SupportServicePageFactory,
        )[n % 4]
        extra = {}
        if factory is ResourcePageFactory:
            extra["document"] = self.document
        if factory is ToolPageFactory and linked:
            extra["alternatives"] = [page for page in linked if page.kind == "outil"]
        offer = factory(
            parent=self.catalogue,
            provider=self.actor(),
            logo=ImageFactory(),
            themes=self.themes,
            audiences=self.audiences,
            body=self.body(linked) if linked else [],
            **extra,
            **fields,
        )
        # Approved evaluations by two organisations, so that the scorecard and every
        # field of the evaluations have something to load.
        approved_rows(offer=offer, actors=[self.actor(), self.actor()], criteria=self.criteria)
        return offer

    @property
    def criteria(self):
        if self._criteria is None:
            group = CriterionGroupFactory()
            self._criteria = [EvaluationCriterionFactory(group=group) for _ in range(2)]
        return self._criteria

    @property
    def linked(self):
        """Offers the others link to (one of each kind)."""
        if self._linked is None:
            self._linked = [self.offer(n) for n in range(4)]
        return self._linked

    def module(self, **fields):
        module = TrainingModulePageFactory(
            parent=self.training_index,
            themes=self.themes,
            audiences=self.audiences,
            competences=[self.competence],
            authors=[self.actor()],
            offers=self.linked[:2],
            objectives=self.rich_text(self.linked),
            **fields,
        )
        start = timezone.now() + timedelta(days=7)
        for day in range(2):
            TrainingSessionFactory(
                module=module, start=start + timedelta(days=day), trainer=self.actor()
            )
        return module

    @property
    def modules(self):
        if self._modules is None:
            self._modules = [self.module(), self.module()]
        return self._modules


# Each seeding function tops its root's list up to `count` items.


def seed_offers(world, count):
    linked = world.linked
    for n in range(count - OfferPage.objects.count()):
        world.offer(n, linked)


def seed_collections(world, count):
    for n in range(count - ThematicCollectionPage.objects.count()):
        collection = ThematicCollectionPageFactory(
            parent=world.catalogue,
            themes=world.themes,
            include_theme_offers=n % 2 == 0,
            intro=world.rich_text(world.linked),
        )
        for offer in world.linked[:2]:
            CollectionItemFactory(collection=collection, offer=offer)


def seed_actors(world, count):
    for _ in range(count - Actor.objects.count()):
        world.actor()


def seed_themes(world, count):
    parent = None
    for n in range(count - Theme.objects.count()):
        if n % 2 == 0:
            parent = ThemeFactory()
        else:
            ThemeFactory(parent=parent)


def seed_audiences(world, count):
    for _ in range(count - Audience.objects.count()):
        AudienceFactory()


def seed_training_paths(world, count):
    modules = world.modules
    for _ in range(count - TrainingPathPage.objects.count()):
        path = TrainingPathPageFactory(parent=world.training_index)
        path.audiences = world.audiences
        path.save()
        for order, module in enumerate(modules):
            PathModule.objects.create(path=path, module=module, sort_order=order)


def seed_training_modules(world, count):
    for _ in range(count - TrainingModulePage.objects.count()):
        world.module()


def seed_upcoming_sessions(world, count):
    modules = world.modules
    start = timezone.now() + timedelta(days=30)
    for n in range(count - TrainingSession.objects.count()):
        TrainingSessionFactory(
            module=modules[n % 2], start=start + timedelta(hours=n), trainer=world.actor()
        )


def seed_removed_since(world, count):
    """Offers that were public, then unpublished: the feed's rows."""
    for n in range(count - PageRemoval.objects.count()):
        world.offer(n).unpublish()


def seed_criteria(world, count):
    groups = [world.criteria[0].group, CriterionGroupFactory()]
    for n in range(count - EvaluationCriterion.objects.count()):
        EvaluationCriterionFactory(group=groups[n % 2], applies_to=["outil"] if n % 3 else [])


def seed_search(world, count):
    """Offers of every kind and modules, mixed, all matching the walk's search."""
    found = getattr(world, "search_hits", 0)
    for n in range(found, count):
        if n % 5 == 4:
            world.module(title=f"Sondage en ligne {n}")
        else:
            world.offer(n, world.linked, title=f"Sondage {n}")
    world.search_hits = max(found, count)


SEEDS = {
    "offers": seed_offers,
    "collections": seed_collections,
    "actors": seed_actors,
    "themes": seed_themes,
    "audiences": seed_audiences,
    "trainingPaths": seed_training_paths,
    "trainingModules": seed_training_modules,
    "upcomingSessions": seed_upcoming_sessions,
    "search": seed_search,
    "removedSince": seed_removed_since,
    "criteria": seed_criteria,
}


# The test


def _run(client, query, root, count, paginated):
    variables = {"count": count} if paginated else {}
    response = post_graphql(client, query, variables)
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"][:3]
    data = body["data"][root]
    items = data["items"] if paginated else data
    return len(items)


def _measure(client, query, root, count, paginated):
    # The first run creates what is created once (image renditions) and warms the
    # per-process caches (content types, site root paths); the second one is measured.
    _run(client, query, root, count, paginated)
    with CaptureQueriesContext(connection) as context:
        found = _run(client, query, root, count, paginated)
    assert found == count, f"{root}: {found} items instead of {count}; fix its seeding."
    return [query["sql"] for query in context.captured_queries]


def _growth(small, large) -> str:
    def shape(sql):
        return sql.split(" WHERE ")[0][:160]

    grown = Counter(map(shape, large)) - Counter(map(shape, small))
    return "\n".join(f"  +{n} × {sql}" for sql, n in grown.most_common(8))


def test_every_root_list_field_has_a_seeding_function():
    missing = sorted(set(root_list_fields(GRAPHQL)) - set(SEEDS))
    assert not missing, (
        f"Root list fields without a seeding function in {__name__}: {missing}. "
        "Add one, so that the query-count walk covers them."
    )


@pytest.mark.parametrize("root", sorted(root_list_fields(GRAPHQL)))
def test_query_count_is_the_same_for_10_and_100_items(
    root, client, settings, catalogue, training_index
):
    if root not in SEEDS:
        pytest.fail(f"`{root}` has no seeding function: add it to SEEDS.")
    # The walk's query is larger than partners' queries; the limits on bodies and query
    # size are not what this test is about.
    settings.GRAPHQL_MAX_BODY_BYTES = 1024 * 1024
    # The second run of each size is measured: it must not come from the response cache.
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0
    settings.GRAPHQL_MAX_TOKENS = 10**6
    settings.GRAPHQL_MAX_ALIASES = settings.GRAPHQL_MAX_DIRECTIVES = 10**6
    # Every list of the walk nests the lists below it, each unsized one counted at its
    # assumed length: the widest roots cost over a million.
    settings.GRAPHQL_MAX_COST = 10**12
    # Wagtail caches every rendition it creates; a small local-memory cache would then
    # evict the site's root paths between the two runs, and count one query more.
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        settings.CACHES = {
            "default": {**settings.CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 100_000}}
        }
    paginated = root_list_fields(GRAPHQL)[root]
    builder = QueryBuilder(GRAPHQL, max_depth=MAX_DEPTH, arguments=ARGUMENTS)
    arguments = ", ".join(filter(None, [ROOT_ARGUMENTS.get(root), "perPage: $count"]))
    if paginated:
        query = builder.root_query(root, arguments, variables="$count: Int")
    else:
        query = builder.root_query(root)
    world = World(catalogue, training_index)

    SEEDS[root](world, 10)
    small = _measure(client, query, root, 10, paginated)
    SEEDS[root](world, 100)
    large = _measure(client, query, root, 100, paginated)

    assert len(large) == len(small), (
        f"`{root}` costs {len(small)} SQL queries for 10 items and {len(large)} for 100. "
        f"Queries that grew:\n{_growth(small, large)}"
    )

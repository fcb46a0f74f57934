"""Nothing unpublished leaves the API, by any path.

A unique word is planted in each kind of hidden content: a never-published page, the
draft revision of a live page, a page under each kind of view restriction (login,
password, groups; the last one on an ancestor), and a document and an image in a private
collection. Live pages link all of them from every place a link can sit: call-to-action
and offer-links blocks, document and image blocks, rich-text page and document links and
image embeds, alternatives, curated collections, modules' offers, logos, a resource's
document. Every root field is then walked to depth 4, selecting every field the schema
has, and no response may contain any of the words.

Evaluations are the one snippet with drafts (`DraftStateMixin`): a draft, an evaluation
in moderation, a withdrawn one and a superseded one of the live tool carry their words in
their summary, comments and sources. `test_every_snippet_with_drafts_is_planted` fails
when another snippet model gets drafts, so that a draft of it gets planted here.

A second walk is built from introspection alone, as a partner's tool would build it, and
selects every field with its default arguments: no field may answer `INTERNAL`."""

import json
from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from grapple.registry import registry
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    PageViewRestriction,
)

from cms.api.errors import INTERNAL
from cms.api.schema import schema
from diagnostic.models import DiagnosticResult
from home.models import StandardPage
from tests.api.schema_walk import QueryBuilder, introspected_schema, root_list_fields
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
from tests.factories.diagnostic import DiagnosticPageFactory, DiagnosticResultFactory
from tests.factories.documents import DocumentFactory
from tests.factories.evaluations import (
    DRAFT,
    MODERATION,
    WITHDRAWN,
    EvaluationCriterionFactory,
    EvaluationFactory,
    supersede,
)
from tests.factories.images import ImageFactory
from tests.factories.training import (
    TrainingModulePageFactory,
    TrainingPathPageFactory,
    TrainingSessionFactory,
)
from tests.graphql_client import post_graphql
from training.models import PathModule

pytestmark = pytest.mark.django_db

MAX_DEPTH = 4

# One word per kind of hidden content; none appears in any live content.
SECRETS = {
    "draft": "zorglubdraft",
    "revision": "zorglubrevision",
    "login": "zorglublogin",
    "password": "zorglubpassword",
    "groups": "zorglubgroups",
    "document": "zorglubdocument",
    "image": "zorglubimage",
    "evaluation-draft": "zorglubevaldraft",
    "evaluation-moderation": "zorglubevalmoderation",
    "evaluation-withdrawn": "zorglubevalwithdrawn",
    "evaluation-superseded": "zorglubevalsuperseded",
}
# Snippet models with drafts whose hidden states the walk plants.
PLANTED_DRAFTS = {"Evaluation"}

# The live walk selects renditions, so that their URLs (which carry the image's file
# name) are checked too.
ARGUMENTS = {
    ("ReperesImage", "rendition"): '(fill: "160x160")',
    ("ReperesImage", "srcSet"): "(sizes: [640])",
}

RESULT_ID = "6f1c2a52-37a4-4a8e-9d0e-0a1b2c3d4e5f"

# Single lookups of live content; a new lookup root fails the walk until it is listed.
LOOKUPS = {
    "offer": 'slug: "vitrine"',
    "collection": 'slug: "selection"',
    "trainingPath": 'slug: "parcours-vitrine"',
    "trainingModule": 'slug: "module-vitrine"',
    # A real token shows a draft, by design (tests/api/test_preview_query.py): the walk
    # checks that a forged one reaches nothing.
    "preview": 'token: "jeton-contrefait"',
    "diagnostic": 'slug: "diagnostic-vitrine"',
    "diagnosticResult": f'id: "{RESULT_ID}"',
}
# Lookups that must answer null here.
NULL_LOOKUPS = {"preview"}

# Root lists that need an argument, and those that search (searched for each word too).
LIST_ARGUMENTS = {
    "search": 'query: "vitrine"',
    "offers": "perPage: 100",
    "removedSince": 'since: "2000-01-01T00:00:00Z"',
}
SEARCHES = {
    "search": "query",
    "offers": "search",
    "actors": "search",
    "trainingModules": "search",
}


def _hidden_page(factory, parent, secret, **fields):
    return factory(
        parent=parent,
        slug=f"cache-{secret}",
        title=f"Titre {secret}",
        summary=f"Résumé {secret}.",
        **fields,
    )


def _rich_text(pages, document, image) -> str:
    links = "".join(f'<a linktype="page" id="{page.pk}">une page</a> ' for page in pages)
    return (
        f"<p>Voir {links} et "
        f'<a linktype="document" id="{document.pk}">le guide</a>.</p>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Une image"/>'
    )


def _body(pages, offers, document, image, visible_document) -> list:
    return [
        {"type": "paragraph", "value": _rich_text(pages, document, image)},
        *(
            {
                "type": "call_to_action",
                "value": {"title": "Aller", "link_text": "Voir", "page": page.pk, "url": ""},
            }
            for page in pages
        ),
        {
            "type": "offer_links",
            "value": {"heading": "Voir aussi", "offers": [o.pk for o in offers]},
        },
        {"type": "document", "value": {"document": document.pk, "title": "Guide"}},
        {"type": "document", "value": {"document": visible_document.pk, "title": "Public"}},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Image", "caption": "Image"}},
        {"type": "quote", "value": {"quote": "Utile.", "attribution": "Une trésorière"}},
    ]


@pytest.fixture
def hidden(home_page, catalogue):
    """The hidden content, each carrying its word."""
    draft = _hidden_page(ToolPageFactory, catalogue, SECRETS["draft"], live=False)

    changed = ResourcePageFactory(parent=catalogue, slug="modifiee", title="Ressource modifiée")
    changed.title = f"Titre {SECRETS['revision']}"
    changed.summary = f"Résumé {SECRETS['revision']}."
    changed.slug = f"cache-{SECRETS['revision']}"
    changed.save_revision()

    login = _hidden_page(TrainingOfferPageFactory, catalogue, SECRETS["login"])
    PageViewRestriction.objects.create(page=login, restriction_type=PageViewRestriction.LOGIN)

    password = _hidden_page(SupportServicePageFactory, catalogue, SECRETS["password"])
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="motdepasse"
    )

    members = StandardPage(title="Espace des membres", slug="membres")
    home_page.add_child(instance=members)
    members.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Membres")])
    groups = StandardPage(
        title=f"Titre {SECRETS['groups']}",
        slug=f"cache-{SECRETS['groups']}",
        intro=f"Chapeau {SECRETS['groups']}.",
    )
    members.add_child(instance=groups)
    groups.save_revision().publish()

    private = Collection.get_first_root_node().add_child(name="Réservée")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = DocumentFactory(
        collection=private,
        title=f"Document {SECRETS['document']}",
        file__filename=f"{SECRETS['document']}.pdf",
    )
    image = ImageFactory(
        collection=private,
        title=f"Image {SECRETS['image']}",
        file__filename=f"{SECRETS['image']}.png",
    )
    return {
        "offers": [draft, changed, login, password],
        "pages": [draft, changed, login, password, groups],
        "document": document,
        "image": image,
    }


@pytest.fixture
def world(hidden, home_page, catalogue, training_index):
    """Live content of every type, linking the hidden content from everywhere it can."""
    pages, offers = hidden["pages"], hidden["offers"]
    document, image = hidden["document"], hidden["image"]
    rich_text = _rich_text(pages, document, image)
    body = _body(pages, offers, document, image, DocumentFactory(title="Guide public"))
    themes = [ThemeFactory(slug="vitrine-theme", name="Thème vitrine")]
    audiences = [AudienceFactory(slug="vitrine-public", name="Public vitrine")]
    provider = ActorFactory(name="Structure vitrine", logo=image)

    for page in (home_page, catalogue, training_index):
        page.intro = rich_text
        page.save_revision().publish()

    tool = ToolPageFactory(
        parent=catalogue,
        slug="vitrine",
        title="Outil vitrine",
        provider=provider,
        logo=image,
        themes=themes,
        audiences=audiences,
        alternatives=[hidden["pages"][0]],
        body=body,
    )
    _plant_evaluations(tool)
    ResourcePageFactory(
        parent=catalogue, slug="ressource-vitrine", document=document, body=body, themes=themes
    )
    TrainingOfferPageFactory(parent=catalogue, slug="formation-vitrine", body=body)
    SupportServicePageFactory(parent=catalogue, slug="accompagnement-vitrine", body=body)

    collection = ThematicCollectionPageFactory(
        parent=catalogue, slug="selection", intro=rich_text, themes=themes
    )
    for offer in [*offers, tool]:
        CollectionItemFactory(collection=collection, offer=offer)
    collection.save_revision().publish()

    standard = StandardPage(title="À propos vitrine", slug="a-propos", body=body)
    home_page.add_child(instance=standard)
    standard.save_revision().publish()

    module = TrainingModulePageFactory(
        parent=training_index,
        slug="module-vitrine",
        title="Module vitrine",
        objectives=rich_text,
        expected_results=rich_text,
        offers=[*offers, tool],
        authors=[provider],
        themes=themes,
    )
    path = TrainingPathPageFactory(
        parent=training_index, slug="parcours-vitrine", presentation=rich_text
    )
    PathModule.objects.create(path=path, module=module, sort_order=0)
    TrainingSessionFactory(
        module=module, start=timezone.now() + timedelta(days=3), trainer=provider
    )

    diagnostic = DiagnosticPageFactory(parent=home_page, slug="diagnostic-vitrine")
    result = DiagnosticResultFactory(page=diagnostic)
    DiagnosticResult.objects.filter(pk=result.pk).update(id=RESULT_ID)
    # Unpublished changes to the questionnaire, and a draft questionnaire.
    diagnostic.axes[0].value["name"] = f"Axe {SECRETS['revision']}"
    diagnostic.save_revision()
    DiagnosticPageFactory(
        parent=home_page,
        slug=f"cache-{SECRETS['draft']}",
        title=f"Titre {SECRETS['draft']}",
        live=False,
    )


def _plant_evaluations(offer):
    """An approved evaluation of `offer`, and one in each state that must never show."""
    criterion = EvaluationCriterionFactory(slug="critere-vitrine", name="Critère vitrine")

    def hidden(word):
        return {
            "summary": f"Synthèse {word}.",
            "answers": {criterion: ("non", f"Commentaire {word}.", f"https://{word}.example/")},
        }

    current = EvaluationFactory(offer=offer, answers={criterion: "oui"})
    for state in (DRAFT, MODERATION, WITHDRAWN):
        EvaluationFactory(offer=offer, state=state, **hidden(SECRETS[f"evaluation-{state}"]))
    old = EvaluationFactory(offer=offer, **hidden(SECRETS["evaluation-superseded"]))
    supersede(old, EvaluationFactory(offer=offer, actor=old.actor, answers={criterion: "oui"}))
    # Approved, then edited with a draft of its own: the draft stays in its revisions.
    answer = current.answers.get()
    answer.comment = f"Commentaire {SECRETS['evaluation-draft']}."
    current.answers = [answer]
    current.summary = f"Synthèse {SECRETS['evaluation-draft']}."
    current.save_revision()


def _post(client, query: str) -> dict:
    response = post_graphql(client, query)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def _leaks(body: dict) -> list[str]:
    text = json.dumps(body, ensure_ascii=False).lower()
    return [kind for kind, word in SECRETS.items() if word in text]


def _assert_found(body: dict, root: str) -> None:
    if root in NULL_LOOKUPS:
        assert body["data"][root] is None, root
    else:
        assert body["data"][root], f"The walk of `{root}` found nothing: fix its data."


def _walk_queries(builder_for, graphql_schema) -> dict[str, str]:
    """Every root field's walk query, keyed by a label."""
    lists = root_list_fields(graphql_schema)
    queries = {}
    for root in graphql_schema.query_type.fields:
        if root in lists:
            queries[root] = builder_for().root_query(root, LIST_ARGUMENTS.get(root, ""))
        elif root in LOOKUPS:
            queries[root] = builder_for().root_query(root, LOOKUPS[root])
        else:
            pytest.fail(f"The root `{root}` is not walked: add live arguments to LOOKUPS.")
    return queries


@pytest.fixture
def walk_settings(settings):
    # The walk's queries are larger than partners' queries; the limits on bodies and query
    # size are not what these tests are about.
    settings.GRAPHQL_MAX_BODY_BYTES = 4 * 1024 * 1024
    for limit in ("TOKENS", "COST", "ALIASES", "DIRECTIVES", "DEPTH"):
        setattr(settings, f"GRAPHQL_MAX_{limit}", 10**12)
    return settings


def test_no_hidden_content_reaches_any_field(client, world, hidden, walk_settings):
    graphql_schema = schema.graphql_schema
    queries = _walk_queries(
        lambda: QueryBuilder(graphql_schema, max_depth=MAX_DEPTH, arguments=ARGUMENTS),
        graphql_schema,
    )
    for root, query in queries.items():
        body = _post(client, query)
        assert "errors" not in body, (root, body["errors"][:3])
        _assert_found(body, root)
        assert not _leaks(body), f"`{root}` shows hidden content: {_leaks(body)}"


def test_no_hidden_content_is_found_by_searching_or_looking_up(client, hidden, walk_settings):
    graphql_schema = schema.graphql_schema

    def builder():
        return QueryBuilder(graphql_schema, max_depth=MAX_DEPTH, arguments=ARGUMENTS)

    queries = []
    for root, argument in SEARCHES.items():
        queries += [
            builder().root_query(root, f'{argument}: "{word}"') for word in SECRETS.values()
        ]
    queries += [builder().root_query("offer", f'id: "{o.pk}"') for o in hidden["offers"]]
    queries += [builder().root_query("offer", f'slug: "cache-{w}"') for w in SECRETS.values()]
    for query in queries:
        body = _post(client, query)
        assert not _leaks(body), f"{query[:80]}… shows hidden content: {_leaks(body)}"


def test_no_field_answers_internal_with_its_default_arguments(client, world, walk_settings):
    graphql_schema = introspected_schema(client)
    queries = _walk_queries(
        lambda: QueryBuilder(graphql_schema, max_depth=MAX_DEPTH), graphql_schema
    )
    for root, query in queries.items():
        body = _post(client, query)
        internal = [
            error
            for error in body.get("errors", [])
            if error.get("extensions", {}).get("code") == INTERNAL
        ]
        assert not internal, (root, internal[:3])
        _assert_found(body, root)


def test_every_snippet_with_drafts_is_planted():
    drafted = {
        model.__name__ for model in registry.snippets if issubclass(model, DraftStateMixin)
    } - PLANTED_DRAFTS
    assert not drafted, (
        f"{drafted} can have drafts: plant a draft of each in this walk (see SECRETS)."
    )


def test_the_walk_reaches_the_approved_evaluation(client, world, walk_settings):
    query = '{ offer(slug: "vitrine") { evaluations { summary } scorecard { evaluationCount } } }'

    body = _post(client, query)

    assert body["data"]["offer"]["scorecard"] == {"evaluationCount": 2}
    assert len(body["data"]["offer"]["evaluations"]) == 2

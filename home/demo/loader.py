"""Loads the French demo content. Idempotent: objects are looked up by slug and only
created when missing, so a second run changes nothing."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from catalogue.blocks import ParagraphBlock
from catalogue.models import (
    MODEL_BY_KIND,
    Actor,
    Audience,
    CatalogueIndexPage,
    CollectionItem,
    OfferPage,
    ThematicCollectionPage,
    Theme,
    ToolPage,
    kind_fields,
)
from catalogue.search import search_index_rebuild
from catalogue.services import taxonomy_load_seed
from cms.site import site_address, site_sync
from home.models import FeaturedCollection, HomePage, StandardPage
from home.roles import roles_setup

from .accounts import assign_owners, demo_accounts, demo_workflow_states
from .diagnostic import demo_diagnostic
from .evaluations import demo_evaluations
from .images import demo_illustration, demo_logo
from .reports import demo_offer_reports
from .training_loader import load_training_demo

CONTENT_FILE = Path(__file__).resolve().parent / "content.json"

# Blocks that point at other pages: built once every page they may name exists.
LINKING_BLOCKS = {"call_to_action", "offer_links"}

COMMON_FIELDS = {
    "summary",
    "pricing_model",
    "price_details",
    "format",
    "territory",
    "website",
}


def _rich_text(html: str) -> str:
    """The HTML as the admin's editor saves it (each block with its `data-block-key`), so
    that opening a demo page and saving it unchanged is not counted as a change."""
    converter = ContentstateConverter(list(ParagraphBlock.FEATURES))
    return converter.to_database_format(converter.from_database_format(html))


def _links_pages(items: list) -> bool:
    return any(isinstance(item, dict) and item["type"] in LINKING_BLOCKS for item in items)


def _body(items: list, pages: dict[str, Page] | None = None) -> list[tuple[str, object]]:
    """StreamField data from the demo's body items: a string is a paragraph; a dict names
    its block `type`, with pages and offers given by slug (looked up in `pages`) and an
    image by the title of a generated illustration."""
    body = []
    for item in items:
        if isinstance(item, str):
            body.append(("paragraph", RichText(_rich_text(f"<p>{item}</p>"))))
            continue
        value = {key: item[key] for key in item if key != "type"}
        if item["type"] == "image":
            value["image"] = demo_illustration(item["image"])
        elif item["type"] == "call_to_action" and "page" in value:
            value["page"] = pages[value["page"]]
        elif item["type"] == "offer_links":
            value["offers"] = [pages[slug] for slug in value["offers"]]
        body.append((item["type"], value))
    return body


def _publish(page: Page) -> None:
    page.save_revision().publish()


class DemoLoader:
    def __init__(self, content: dict, log=print):
        self.content = content
        self.log = log
        self.created: dict[str, int] = {}

    def count(self, key: str) -> None:
        self.created[key] = self.created.get(key, 0) + 1

    @transaction.atomic
    def run(self) -> dict[str, int]:
        seed = taxonomy_load_seed()
        self.created.update({k: v for k, v in seed.items() if v})
        home = self.home_page()
        if site_sync():
            self.count("site")
        catalogue = self.catalogue_page(home)
        actors = self.actors()
        self.offers(catalogue, actors)
        collections = self.collections(catalogue)
        self.feature_collections(home, collections)
        self.standard_pages(home)
        load_training_demo(home=home, publish=_publish, make_actor=self.actor, count=self.count)
        roles_setup()
        users = demo_accounts(self.count)
        assign_owners(users)
        demo_workflow_states(users, self.count)
        demo_evaluations(users, self.count)
        demo_offer_reports(users["coordination"], self.count)
        demo_diagnostic(home, users["conseiller"], self.count)
        # Publishing indexes each page, but themes and providers set afterwards would be
        # missing: one rebuild at the end sees the final content.
        search_index_rebuild()
        return self.created

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        data = self.content["home"]
        home = HomePage(title=data["title"], slug="accueil", intro=f"<p>{data['intro']}</p>")
        root.add_child(instance=home)
        _publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Repères"
            site.save()
        else:
            hostname, port = site_address(settings.SITE_URL)
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="Repères",
            )
        # Wagtail's placeholder "Welcome" page is useless once the home page exists.
        if old_root and old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
        self.count("home")
        return home

    def catalogue_page(self, home: HomePage) -> CatalogueIndexPage:
        catalogue = CatalogueIndexPage.objects.first()
        if catalogue:
            return catalogue
        catalogue = CatalogueIndexPage(
            title="Catalogue des offres numériques",
            slug="catalogue",
            intro="<p>Outils, ressources, formations et accompagnements pour le numérique associatif, "
            "vérifiés par les acteurs du territoire.</p>",
        )
        home.add_child(instance=catalogue)
        _publish(catalogue)
        self.count("catalogue")
        return catalogue

    def actors(self) -> dict[str, Actor]:
        return {data["slug"]: self.actor(data) for data in self.content["actors"]}

    def actor(self, data: dict) -> Actor:
        actor = Actor.objects.filter(slug=data["slug"]).first()
        if actor is None:
            fields = {k: v for k, v in data.items() if k not in {"slug", "departments"}}
            actor = Actor(slug=data["slug"], departments=", ".join(data["departments"]), **fields)
            actor.logo = demo_logo(actor.name)
            actor.full_clean()
            actor.save()
            self.count("actors")
        return actor

    def offers(self, catalogue: CatalogueIndexPage, actors: dict[str, Actor]) -> None:
        themes = {t.slug: t for t in Theme.objects.all()}
        audiences = {a.slug: a for a in Audience.objects.all()}
        existing = set(OfferPage.objects.child_of(catalogue).values_list("slug", flat=True))
        pending_alternatives, pending_bodies = [], []
        for data in self.content["offers"]:
            if data["slug"] in existing:
                continue
            model = MODEL_BY_KIND[data["kind"]]
            fields = {k: data[k] for k in COMMON_FIELDS | kind_fields(model) if k in data}
            page = model(
                title=data["title"],
                slug=data["slug"],
                provider=actors[data["provider"]],
                body=[] if _links_pages(data["body"]) else _body(data["body"]),
                last_qualified_on=date.fromisoformat(data["last_qualified_on"]),
                logo=demo_logo(data["title"]),
                live=data["state"] != "draft",
                **fields,
            )
            page.themes = [themes[slug] for slug in data["themes"]]
            page.audiences = [audiences[slug] for slug in data["audiences"]]
            catalogue.add_child(instance=page)
            if data["state"] == "draft":
                page.save_revision()
            else:
                _publish(page)
            if data["state"] == "restricted":
                PageViewRestriction.objects.create(
                    page=page, restriction_type=PageViewRestriction.LOGIN
                )
            if data["state"] == "live_with_draft_changes":
                changes = data["draft_changes"]
                page.summary = changes["summary"]
                page.body = _body(changes["body"])
                page.save_revision()
            if _links_pages(data["body"]):
                if data["state"] != "live":
                    raise ValueError(
                        gettext("%(slug)s: only a live offer may link to other pages.")
                        % {"slug": data["slug"]}
                    )
                pending_bodies.append((page, data["body"]))
            if data.get("alternatives"):
                pending_alternatives.append((page, data["alternatives"]))
            self.count(f"offers:{data['kind']}")
        for page, slugs in pending_alternatives:
            # Alternatives point at other tools, which may come later in the file. The
            # page is re-read so that pending draft changes stay out of the live row.
            page = ToolPage.objects.get(pk=page.pk)
            page.alternatives = list(ToolPage.objects.filter(slug__in=slugs))
            page.save()
        pages = {page.slug: page for page in Page.objects.all()}
        for page, items in pending_bodies:
            page = OfferPage.objects.get(pk=page.pk).specific
            page.body = _body(items, pages)
            _publish(page)

    def collections(self, catalogue: CatalogueIndexPage) -> dict[str, ThematicCollectionPage]:
        themes = {t.slug: t for t in Theme.objects.all()}
        offers = {o.slug: o for o in OfferPage.objects.child_of(catalogue)}
        result = {c.slug: c for c in ThematicCollectionPage.objects.child_of(catalogue)}
        for data in self.content["collections"]:
            if data["slug"] in result:
                continue
            collection = ThematicCollectionPage(
                title=data["title"],
                slug=data["slug"],
                intro=f"<p>{data['intro']}</p>",
                include_theme_offers=data["include_theme_offers"],
            )
            collection.themes = [themes[slug] for slug in data["themes"]]
            collection.items = [
                CollectionItem(offer=offers[item["offer"]], note=item["note"], sort_order=index)
                for index, item in enumerate(data["items"])
            ]
            catalogue.add_child(instance=collection)
            _publish(collection)
            result[collection.slug] = collection
            self.count("collections")
        return result

    def feature_collections(self, home: HomePage, collections: dict) -> None:
        if home.featured_collections.exists():
            return
        home = HomePage.objects.get(pk=home.pk)
        home.featured_collections = [
            FeaturedCollection(collection=collections[slug], sort_order=index)
            for index, slug in enumerate(self.content["home"]["featured_collections"])
        ]
        _publish(home)
        self.count("featured_collections")

    def standard_pages(self, home: HomePage) -> None:
        existing = set(StandardPage.objects.child_of(home).values_list("slug", flat=True))
        pages = {page.slug: page for page in Page.objects.all()}
        for data in self.content["standard_pages"]:
            if data["slug"] in existing:
                continue
            page = StandardPage(
                title=data["title"], slug=data["slug"], body=_body(data["body"], pages)
            )
            home.add_child(instance=page)
            _publish(page)
            self.count("standard_pages")


def load_demo(*, content_file: Path = CONTENT_FILE, log=print) -> dict[str, int]:
    content = json.loads(content_file.read_text(encoding="utf-8"))
    return DemoLoader(content, log=log).run()

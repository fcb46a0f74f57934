"""Seeded catalogues for the benchmarks, written as rows in bulk: publishing page by page
costs about 220 ms an offer, writing the tree rows directly about 1 ms.

Every function here empties or fills the database of `DATABASE_URL`: meant for a
benchmark database only."""

import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Collection, Locale, Page, Site

from catalogue.models import (
    Actor,
    CatalogueIndexPage,
    OfferPage,
    ReperesImage,
    ReperesRendition,
    ResourcePage,
    Theme,
    ToolPage,
)
from diagnostic.services import diagnostic_load_seed
from home.models import HomePage
from training.models import TrainingIndexPage

LOGO_FILTER = "fill-160x160"


def reset(themes: int = 3) -> tuple[CatalogueIndexPage, list[Theme]]:
    """An empty site: home page, catalogue and `themes` themes."""
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    locale, _ = Locale.objects.get_or_create(language_code="fr")
    # Flushing emptied the rows that Wagtail's migrations create.
    Collection.add_root(name="Root")
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil", locale=locale))
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Catalogue", slug="catalogue", locale=locale)
    )
    rows = [Theme.objects.create(name=f"Thème {n}", slug=f"theme-{n}") for n in range(themes)]
    return catalogue, rows


@transaction.atomic
def insert_offers(catalogue: CatalogueIndexPage, offers: list[OfferPage], start: int) -> None:
    """Write `offers` (unsaved, of any kinds, with their fields set) as the children
    `start`, `start + 1`… of the catalogue: the tree row, then each table's own row."""
    now = timezone.now()
    for n, offer in enumerate(offers, start=start):
        offer.draft_title = offer.title
        offer.slug = offer.slug or f"offre-{n}"
        offer.path = Page._get_path(catalogue.path, catalogue.depth + 1, n + 1)
        offer.depth = catalogue.depth + 1
        offer.numchild = 0
        offer.url_path = f"{catalogue.url_path}{offer.slug}/"
        offer.content_type = ContentType.objects.get_for_model(type(offer))
        offer.locale_id = catalogue.locale_id
        offer.translation_key = uuid.uuid4()
        offer.live = True
        offer.first_published_at = offer.last_published_at = now
    # Django refuses bulk_create on multi-table inheritance: each table gets its own rows.
    created = Page.objects.bulk_create([Page(**_fields(offer, Page)) for offer in offers])
    for offer, row in zip(offers, created, strict=True):
        offer.pk = offer.page_ptr_id = offer.offerpage_ptr_id = row.pk
    OfferPage._base_manager._insert(offers, fields=OfferPage._meta.local_concrete_fields)
    for model in {type(offer) for offer in offers}:
        mine = [offer for offer in offers if type(offer) is model]
        model._base_manager._insert(mine, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=catalogue.pk).update(numchild=start + len(offers))


def _fields(page: Page, model) -> dict:
    return {
        field.attname: getattr(page, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
    }


def logos(count: int) -> list[ReperesImage]:
    """`count` images, each with its listing rendition, sharing one file: a listing
    reads rows, never the files."""
    from tests.factories.images import ImageFactory

    model = ImageFactory(collection=Collection.get_first_root_node())
    rendition = model.get_rendition(LOGO_FILTER)
    images = ReperesImage.objects.bulk_create(
        ReperesImage(**{**_fields(model, ReperesImage), "title": f"Logo {n}"}) for n in range(count)
    )
    ReperesRendition.objects.bulk_create(
        ReperesRendition(
            image=image,
            filter_spec=rendition.filter_spec,
            focal_point_key=rendition.focal_point_key,
            file=rendition.file.name,
            width=rendition.width,
            height=rendition.height,
        )
        for image in images
    )
    return images


def listing_catalogue(count: int) -> None:
    """`count` offers, tools and resources in turn, each with a provider among five, one
    to three of three themes, and its own logo: the data the listing benchmarks read."""
    catalogue, themes = reset()
    rng = random.Random(count)  # noqa: S311 - reproducible text, not secrets
    actors = [Actor.objects.create(name=f"Structure {n}", slug=f"structure-{n}") for n in range(5)]
    images = logos(count)
    offers = []
    for n in range(count):
        model = ToolPage if n % 2 else ResourcePage
        offers.append(
            model(
                title=f"Offre {rng.randrange(10**6):06d}",
                summary="Un outil numérique pour les associations.",
                body=[("paragraph", "<p>Présentation détaillée de l'offre.</p>")],
                provider=actors[n % 5],
                logo=images[n],
            )
        )
    insert_offers(catalogue, offers, 0)
    through = OfferPage.themes.through
    through.objects.bulk_create(
        through(offerpage_id=offer.pk, theme_id=theme.pk)
        for n, offer in enumerate(offers)
        for theme in themes[: 1 + n % 3]
    )
    vacuum()


def load_site(count: int) -> None:
    """The listing catalogue, plus what the load run's mixed users visit besides:
    the training offer (`/formations/`, without modules) and the seed diagnostic
    (`/diagnostic/`, as `manage.py load_diagnostic` creates it)."""
    listing_catalogue(count)
    home = HomePage.objects.get()
    home.add_child(instance=TrainingIndexPage(title="Formations", slug="formations"))
    diagnostic_load_seed(parent=home)
    vacuum()


def vacuum() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does on a live database after a bulk load: statistics
            # (without them the planner picks hash joins over whole tables), and the
            # visibility map that lets index-only scans skip the table.
            cursor.execute("VACUUM ANALYZE")

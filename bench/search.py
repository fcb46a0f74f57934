"""Search listing scenario: the catalogue's filtered search (search + theme filter, first
page, with its count) over 1,000 then 10,000 offers, and the ratio of the two.

    python3 tasks.py bench --scenario search [--repeat 15]

Meant for PostgreSQL (`DATABASE_URL`); it empties that database first. Offers are written
as tree rows directly (about 1 ms a page, against 220 ms to publish page by page), then
the database is vacuumed and analysed, as autovacuum would. Each line gives the median
time and the SQL queries of one run; the two sizes are measured one after the other, so
load from other processes on the machine moves the ratio: run it on a quiet machine, or
several times."""

import random
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.filters import OfferFilterSet
from catalogue.models import Actor, CatalogueIndexPage, OfferPage, Theme, ToolPage
from catalogue.search import search_index_rebuild
from catalogue.selectors import offers_by_ids
from cms.api.pagination import paginate

from .seed import insert_offers, reset, vacuum

# Words of the generated texts: a few frequent ones, and many rare ones, the way a real
# catalogue's vocabulary is spread.
COMMON = ["association", "outil", "numérique", "gestion", "ligne", "gratuit", "bénévoles"]
RARE = [
    "comptabilité",
    "visioconférence",
    "sondage",
    "adhérents",
    "billetterie",
    "formulaire",
    "agenda",
    "messagerie",
    "cotisations",
    "subvention",
    "sauvegarde",
    "hébergement",
    "newsletter",
    "affiche",
    "tableur",
    "inventaire",
    "cartographie",
    "signature",
    "archivage",
    "planning",
    "covoiturage",
    "trésorerie",
    "pétition",
    "traduction",
    "sténographie",
    "podcast",
    "wiki",
    "forum",
    "boutique",
    "chatbot",
]
SEARCH = "comptabilité"
THEMES = 3
PAGE_SIZE = 20


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(COMMON) if rng.random() < 0.6 else rng.choice(RARE) for _ in range(words)]
    return " ".join(picked).capitalize() + "."


def seed(catalogue: CatalogueIndexPage, themes: list[Theme], start: int, stop: int) -> None:
    """Offers `start` to `stop - 1` under the catalogue, tools with one theme each."""
    rng = random.Random(start)  # noqa: S311 - reproducible text, not secrets
    actor = Actor.objects.first() or Actor.objects.create(name="Structure", slug="structure")
    pages = [
        ToolPage(
            title=_sentence(rng, 3),
            summary=_sentence(rng, 14),
            body=[("paragraph", f"<p>{_sentence(rng, 60)}</p>")],
            provider=actor,
        )
        for _n in range(start, stop)
    ]
    insert_offers(catalogue, pages, start)
    through = OfferPage.themes.through
    through.objects.bulk_create(
        through(offerpage_id=page.pk, theme_id=themes[n % len(themes)].pk)
        for n, page in enumerate(pages)
    )


def index() -> None:
    search_index_rebuild()


def listing(theme: Theme, search: str = SEARCH):
    """The road the site takes (the `offers` GraphQL field; the HTML listing pages the
    same way): the filter set, then the first page, its total and its loaded offers."""

    def run():
        filterset = OfferFilterSet({"q": search, "themes": [theme.slug]})
        assert filterset.is_valid(), filterset.errors
        page = paginate(filterset.qs, page=1, per_page=PAGE_SIZE, load=offers_by_ids, by_id=True)
        assert len(page.items) == PAGE_SIZE and page.pagination.total >= PAGE_SIZE
        return page.pagination.total

    return run


def measure(fn, repeat: int) -> tuple[float, int]:
    """Median time in ms over `repeat` runs, and the number of SQL queries of one run."""
    fn()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    # Read now: the log it slices is emptied when a later request reconnects.
    queries = len(ctx.captured_queries)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, queries


def main(repeat: int) -> None:
    catalogue, themes = reset(THEMES)
    results = {}
    plain = {}
    done = 0
    for size in (1_000, 10_000):
        seed(catalogue, themes, done, size)
        done = size
        index()
        vacuum()
        hits = listing(themes[0])()
        results[size], queries = measure(listing(themes[0]), repeat)
        # The same listing without search: what the filter layer costs by itself.
        plain[size], plain_queries = measure(listing(themes[0], search=""), repeat)
        print(
            f"recherche « {SEARCH} » + thématique, 1re page et total, {size:>6} offres : "
            f"{results[size]:7.1f} ms, {queries} requêtes SQL ({hits} résultats) ; "
            f"sans recherche : {plain[size]:7.1f} ms, {plain_queries} requêtes SQL"
        )
    print(
        f"ratio 10k / 1k : {results[10_000] / results[1_000]:.2f}x, "
        f"sans recherche : {plain[10_000] / plain[1_000]:.2f}x  (base : {connection.vendor})"
    )

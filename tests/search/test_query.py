import pytest

from catalogue.models import OfferPage, SearchSynonym
from catalogue.search import apply_search
from catalogue.search.query import query_groups, synonym_sets
from catalogue.selectors import offers_by_ids
from cms.api.pagination import paginate
from tests.factories.catalogue import ThemeFactory, ToolPageFactory
from tests.filtering import filter_offers

pytestmark = pytest.mark.django_db


def _slugs(qs):
    return [page.slug for page in qs]


def test_a_word_finds_longer_words_it_starts(catalogue):
    ToolPageFactory(parent=catalogue, slug="jitsi", summary="Visioconférence libre.")
    assert _slugs(filter_offers(q="visioconf")) == ["jitsi"]


def test_every_word_must_match(catalogue):
    ToolPageFactory(parent=catalogue, slug="a", title="Sondage en ligne")
    ToolPageFactory(parent=catalogue, slug="b", title="Sondage papier")
    assert _slugs(filter_offers(q="sondage ligne")) == ["a"]


def test_a_synonym_added_by_an_editor_applies_at_once(catalogue):
    ToolPageFactory(parent=catalogue, slug="newsletter", title="Lettre d'information")
    assert _slugs(filter_offers(q="newsletter")) == []

    SearchSynonym.objects.create(terms="newsletter\nlettre d'information")
    assert _slugs(filter_offers(q="newsletter")) == ["newsletter"]


def test_a_multi_word_synonym_is_one_group_of_alternatives():
    synonyms = [[("visio",), ("reunion", "distance")]]
    assert query_groups("réunions à distance zoom", synonyms) == [
        [("visio",), ("reunion", "distance")],
        [("zoom",)],
    ]


def test_the_seeded_synonyms_are_there():
    seeded = synonym_sets()
    assert [("rgpd",), ("donnees", "personnelles")] in seeded


def test_rank_is_annotated_in_sql_and_orders_title_first(catalogue):
    ToolPageFactory(parent=catalogue, slug="body", title="Outil", summary="Pour les sondages.")
    ToolPageFactory(parent=catalogue, slug="title", title="Sondages", summary="Un outil.")

    ranked = apply_search(OfferPage.objects.all(), "sondage").order_by("-search_rank", "pk")
    assert "search_rank" in str(ranked.query)
    assert [(page.slug, page.search_rank > 0) for page in ranked] == [
        ("title", True),
        ("body", True),
    ]


def test_a_query_without_words_matches_nothing(catalogue):
    ToolPageFactory(parent=catalogue)
    assert not apply_search(OfferPage.objects.all(), " de la ? ").exists()


@pytest.mark.parametrize("count", [10, 40])
def test_a_search_listing_page_costs_constant_queries(catalogue, count, django_assert_num_queries):
    theme = ThemeFactory(slug="outils")
    for n in range(count):
        ToolPageFactory(parent=catalogue, title=f"Sondage {n}", themes=[theme])
    # theme ids, synonyms, the page's ids with the total, its rows, themes, audiences; no
    # renditions without logos. The view restrictions, read when the offers were published,
    # are still known: publishing leaves them alone.
    with django_assert_num_queries(6):
        qs = filter_offers(q="sondage", themes=["outils"])
        page = paginate(qs, page=1, per_page=10, load=offers_by_ids, by_id=True)
        assert page.pagination.total == count
        assert len(page.items) == 10


def test_hits_are_grouped_by_the_page_keys_and_full_rows_still_load(catalogue):
    ToolPageFactory(parent=catalogue, slug="a", title="Comptabilité simple")
    ToolPageFactory(parent=catalogue, slug="b", summary="Un outil de comptabilité.")
    queryset = apply_search(OfferPage.objects.visible(), "comptabilité").order_by("-search_rank")

    sql = str(queryset.values_list("pk").query)
    group_by = sql.split("GROUP BY", 1)[1].split("HAVING", 1)[0]
    # The keys of the two tables, not every column of the page row.
    assert "url_path" not in group_by and "title" not in group_by
    assert [page.slug for page in queryset] == ["a", "b"]

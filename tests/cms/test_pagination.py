import pytest

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from catalogue.models import OfferPage
from catalogue.selectors import offers_by_ids
from cms.api.errors import BadUserInput
from cms.api.pagination import IdPaginator, paginate
from tests.factories.catalogue import ResourcePageFactory, ThemeFactory, ToolPageFactory
from tests.filtering import filter_offers

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(catalogue):
    theme = ThemeFactory(slug="outils")
    for n in range(7):
        factory = ToolPageFactory if n % 2 else ResourcePageFactory
        factory(parent=catalogue, slug=f"offre-{n}", title=f"Sondage {n % 3}", themes=[theme])
    return OfferPage.objects.visible().order_by("title", "pk")


def test_pages_hold_the_same_ids_and_total_as_django_paginator(offers):
    ours, django = IdPaginator(offers, 3), Paginator(offers, 3)
    for number in (1, 2, 3):
        page = ours.page(number)
        expected = django.page(number)
        assert page.object_list == [offer.pk for offer in expected.object_list]
        assert (page.has_next(), page.has_previous()) == (
            expected.has_next(),
            expected.has_previous(),
        )
    assert (ours.count, ours.num_pages) == (7, 3)


def test_a_page_reads_its_ids_and_the_total_in_one_query(offers, django_assert_num_queries):
    paginator = IdPaginator(offers, 3)
    with django_assert_num_queries(1):
        page = paginator.page(2)
        assert (len(page.object_list), paginator.count, paginator.num_pages) == (3, 7, 3)


@pytest.mark.parametrize(
    ("number", "error"), [("abc", PageNotAnInteger), (0, EmptyPage), (4, EmptyPage)]
)
def test_invalid_pages_are_refused_like_django_does(offers, number, error):
    with pytest.raises(error):
        IdPaginator(offers, 3).page(number)


def test_an_empty_listing_has_one_empty_first_page(catalogue, django_assert_num_queries):
    paginator = IdPaginator(OfferPage.objects.visible().order_by("pk"), 3)
    with django_assert_num_queries(1):
        page = paginator.page(1)
    assert (page.object_list, paginator.count, paginator.num_pages) == ([], 0, 1)


def test_a_ranked_listing_loads_the_same_offers_in_the_same_order(offers):
    ranked = filter_offers(q="sondage", themes=["outils"])
    expected = [offer.pk for offer in ranked]
    page = paginate(ranked, page=2, per_page=4, load=offers_by_ids, by_id=True)
    assert [offer.pk for offer in page.items] == expected[4:]
    assert {type(offer).__name__ for offer in page.items} == {"ToolPage", "ResourcePage"}
    assert (page.pagination.total, page.pagination.total_pages) == (7, 2)


def test_a_page_past_the_end_is_a_user_error(offers):
    with pytest.raises(BadUserInput):
        paginate(offers, page=4, per_page=3, by_id=True)

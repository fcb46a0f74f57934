from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page

from catalogue.models import SearchTerm
from catalogue.search.documents import FIELD_SCALE, TITLE_WEIGHT
from tests.factories.catalogue import ThemeFactory, ToolPageFactory
from tests.factories.training import TrainingModulePageFactory

pytestmark = pytest.mark.django_db


def _terms(page) -> dict[str, int]:
    return dict(SearchTerm.objects.filter(page=page).values_list("term", "weight"))


def test_publishing_indexes_the_page_with_the_title_above_the_summary(catalogue):
    offer = ToolPageFactory(
        parent=catalogue, title="Sondages", summary="Planifier des réunions.", themes=[]
    )
    weights = _terms(offer)

    assert weights["sondag"] == TITLE_WEIGHT * FIELD_SCALE + 1
    assert weights["reunion"] == 2 * FIELD_SCALE + 1
    assert weights["sondag"] > weights["reunion"]


def test_related_names_are_indexed(catalogue):
    offer = ToolPageFactory(
        parent=catalogue, provider__name="Framasoft", themes=[ThemeFactory(name="Gouvernance")]
    )

    assert {"framasoft", "gouvern"} <= set(_terms(offer))


def test_drafts_are_not_indexed_and_unpublishing_drops_the_page(catalogue):
    draft = ToolPageFactory(parent=catalogue, live=False)
    offer = ToolPageFactory(parent=catalogue)
    assert not _terms(draft)
    assert _terms(offer)

    offer.unpublish()
    assert not _terms(offer)


def test_deleting_a_page_deletes_its_terms(catalogue):
    offer = ToolPageFactory(parent=catalogue)
    offer.delete()
    assert not SearchTerm.objects.filter(page_id=offer.pk).exists()


def test_the_command_rebuilds_offers_and_modules_only(catalogue, training_index):
    offer = ToolPageFactory(parent=catalogue, title="Nextcloud")
    module = TrainingModulePageFactory(parent=training_index, title="Atelier tableur")
    SearchTerm.objects.all().delete()

    call_command("rebuild_site_search", stdout=StringIO())

    indexed = set(SearchTerm.objects.values_list("page_id", flat=True))
    assert indexed == {offer.pk, module.pk}
    assert not indexed & set(
        Page.objects.exclude(pk__in=[offer.pk, module.pk]).values_list("pk", flat=True)
    )

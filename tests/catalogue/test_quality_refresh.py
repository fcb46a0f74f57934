"""The stored data-quality scores follow publication, an organisation's commune and the
date (`services.offer_quality_refresh`, its signals, task and command)."""

from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Revision
from wagtail.rich_text import RichText

from catalogue.choices import OfferFormat
from catalogue.models import OfferQuality
from catalogue.services import offer_quality_refresh
from cms import content_version
from tests.factories.catalogue import ActorFactory, AudienceFactory, ThemeFactory, ToolPageFactory

pytestmark = pytest.mark.django_db

# With the summary of the factory, more than the 400 characters of a full description.
LONG = "<p>" + "Une présentation assez longue pour compter. " * 10 + "</p>"


def _complete_offer(catalogue, **kwargs):
    values = {
        "parent": catalogue,
        "body": [("paragraph", RichText(LONG))],
        "themes": [ThemeFactory()],
        "audiences": [AudienceFactory()],
        **kwargs,
    }
    return ToolPageFactory(**values)


def _row(offer) -> OfferQuality:
    return OfferQuality.objects.get(offer=offer)


def test_publishing_an_offer_stores_its_score(catalogue):
    offer = _complete_offer(catalogue, audiences=[])

    row = _row(offer)

    assert row.score == 83
    assert [hint.code for hint in row.hints] == ["no_audiences"]
    assert row.computed_at is not None


def test_a_draft_changes_nothing_a_publication_updates_it(catalogue):
    offer = _complete_offer(catalogue, audiences=[])
    audience = AudienceFactory()
    generation = content_version.current()

    offer.audiences = [audience]
    offer.save_revision()

    assert _row(offer).score == 83
    assert content_version.current() == generation

    offer.get_latest_revision().publish()

    assert _row(offer).score == 100
    assert _row(offer).missing == []


def test_unpublishing_drops_the_score(catalogue):
    offer = _complete_offer(catalogue)

    offer.unpublish()

    assert not OfferQuality.objects.filter(offer=offer).exists()


def test_an_organisation_commune_rescores_its_on_site_offers(catalogue):
    actor = ActorFactory(commune="")
    offer = _complete_offer(catalogue, provider=actor, format=OfferFormat.ONSITE, website="")
    assert _row(offer).score == 83

    actor.commune = "Chinon"
    actor.save()

    assert _row(offer).score == 100


def test_the_refresh_follows_the_date_and_moves_the_generation_once_only_on_change(catalogue):
    offers = [_complete_offer(catalogue) for _ in range(3)]
    today = timezone.localdate()
    generation = content_version.current()

    # Nothing changed since publication: the caches stay warm.
    assert offer_quality_refresh(today=today) == 0
    assert content_version.current() == generation

    # A year on, freshness is (730 - 365) / 548 = 0.67: (5 + 0.67) / 6 = 94.4 → 94.
    assert offer_quality_refresh(today=today + timedelta(days=365)) == 3
    assert {_row(offer).score for offer in offers} == {94}
    assert content_version.current() != generation
    moved = content_version.current()
    # `changed()` bumps now and once more on commit: one call, not one per row.
    assert moved - generation <= 2


def test_the_refresh_writes_no_revision(catalogue):
    offer = _complete_offer(catalogue)
    revisions = Revision.objects.count()

    offer_quality_refresh(today=timezone.localdate() + timedelta(days=900))

    assert Revision.objects.count() == revisions
    offer.refresh_from_db()
    assert not offer.has_unpublished_changes


def test_broken_links_lower_the_score_and_are_listed(catalogue):
    offer = _complete_offer(catalogue)

    offer_quality_refresh(offer_ids=[offer.pk], broken_links={offer.pk: 2})

    assert _row(offer).score == 80
    assert [hint.message for hint in _row(offer).hints] == ["2 liens cassés"]


def test_the_command_refreshes_every_score_through_the_task_queue(catalogue, capsys):
    offer = _complete_offer(catalogue)
    OfferQuality.objects.filter(offer=offer).update(score=3, missing=[])

    call_command("refresh_offer_quality")

    assert _row(offer).score == 100
    assert "tâche" in capsys.readouterr().out


def test_the_command_can_run_in_process(catalogue, capsys):
    offer = _complete_offer(catalogue)
    OfferQuality.objects.filter(offer=offer).delete()
    draft = _complete_offer(catalogue, live=False)

    call_command("refresh_offer_quality", "--now")

    assert _row(offer).score == 100
    assert not OfferQuality.objects.filter(offer=draft).exists()
    assert "1 score modifié" in capsys.readouterr().out

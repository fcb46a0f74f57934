import pytest

from wagtail.models import Collection, PageViewRestriction

from catalogue.models import Evaluation, OfferReport
from cms import content_version

from ..factories.catalogue import ActorFactory, ThemeFactory, ToolPageFactory


@pytest.fixture
def generation():
    def read():
        return content_version.current()

    return read


def test_publishing_unpublishing_and_deleting_a_page_change_the_generation(catalogue, generation):
    tool = ToolPageFactory(parent=catalogue, live=False)
    before = generation()
    tool.save_revision().publish()
    published = generation()
    assert published != before

    tool.refresh_from_db()
    tool.unpublish()
    unpublished = generation()
    assert unpublished != published

    tool.delete()
    assert generation() != unpublished


def test_a_draft_revision_leaves_the_generation_alone(catalogue, generation):
    tool = ToolPageFactory(parent=catalogue)
    before = generation()
    tool.title = "Un nouveau titre en brouillon"
    tool.save_revision()
    assert generation() == before


def test_a_rendition_leaves_the_generation_alone(db, generation):
    from ..factories.images import ImageFactory

    image = ImageFactory()
    before = generation()
    image.get_rendition("fill-160x160")
    assert generation() == before


def test_file_metadata_filled_in_by_a_read_leaves_the_generation_alone(db, generation):
    from ..factories.documents import DocumentFactory
    from ..factories.images import ImageFactory

    image, document = ImageFactory(), DocumentFactory()
    type(image).objects.filter(pk=image.pk).update(file_size=None, file_hash="")
    type(document).objects.filter(pk=document.pk).update(file_size=None, file_hash="")
    image.refresh_from_db()
    document.refresh_from_db()
    before = generation()
    for media in (image, document):
        media.get_file_size()
        media.get_file_hash()
        saved = type(media).objects.get(pk=media.pk)
        assert saved.file_size is not None and saved.file_hash  # written by the read
    assert generation() == before

    image.title = "Un autre titre"
    image.save(update_fields=["title"])
    assert generation() != before


def test_moving_a_page_changes_the_generation(catalogue, home_page, generation):
    tool = ToolPageFactory(parent=catalogue)
    before = generation()
    tool.move(home_page, pos="last-child")
    assert generation() != before


def test_a_view_restriction_and_a_taxonomy_change_the_generation(catalogue, generation):
    tool = ToolPageFactory(parent=catalogue)
    before = generation()
    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)
    restricted = generation()
    assert restricted != before

    ThemeFactory(name="Comptabilité")
    themed = generation()
    assert themed != restricted

    Collection.get_first_root_node().add_child(name="Privée")
    assert generation() != themed


def test_a_lost_counter_never_comes_back_to_an_old_number(db, generation):
    from django.core.cache import cache

    first = generation()
    content_version.bump()
    cache.delete(content_version.KEY)
    assert generation() > first + 1


def test_the_bump_is_repeated_when_the_transaction_commits(
    db, generation, django_capture_on_commit_callbacks
):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        ThemeFactory(name="Gouvernance")
    assert generation() == before + 2


def test_a_model_that_changes_no_public_content_leaves_the_generation_alone(catalogue, generation):
    tool = ToolPageFactory(parent=catalogue)
    actor = ActorFactory()
    before = generation()

    evaluation = Evaluation.objects.create(offer=tool, actor=actor, live=False)
    evaluation.summary = "Un brouillon"
    evaluation.save()
    assert generation() == before

    OfferReport.objects.create(offer=tool, reason="obsolete", message="Le site a changé.")
    assert generation() == before

    actor.name = "Un autre nom"
    actor.save()
    assert generation() != before

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


@pytest.fixture
def reads():
    """How many times each remembered read computed, keyed by what it depends on."""
    computed = []

    def read(name, depends_on=()):
        return content_version.remember(
            name, lambda: computed.append(name) or len(computed), depends_on=depends_on
        )

    read.computed = computed
    return read


def test_a_read_kept_per_topic_survives_publishing_and_follows_its_model(catalogue, reads):
    from catalogue.models import Theme

    tool = ToolPageFactory(parent=catalogue, live=False)
    reads("themes", depends_on=(Theme,))
    reads("everything")

    tool.save_revision().publish()
    reads("themes", depends_on=(Theme,))
    reads("everything")
    assert reads.computed == ["themes", "everything", "everything"]

    ThemeFactory(name="Gouvernance")
    reads("themes", depends_on=(Theme,))
    assert reads.computed[-1] == "themes"


def test_the_page_tree_topic_moves_with_the_tree_shape_only(catalogue, home_page, reads):
    def tree_moved(change) -> bool:
        reads("tree", depends_on=(content_version.PAGE_TREE,))
        before = len(reads.computed)
        change()
        reads("tree", depends_on=(content_version.PAGE_TREE,))
        return len(reads.computed) > before

    tool = ToolPageFactory(parent=catalogue, live=False)
    assert not tree_moved(lambda: tool.save_revision().publish())
    assert not tree_moved(lambda: ToolPageFactory(parent=catalogue))
    assert not tree_moved(lambda: tool.unpublish())
    assert tree_moved(lambda: tool.create_alias(parent=home_page, update_slug="alias"))
    assert tree_moved(lambda: tool.move(home_page, pos="last-child"))
    assert tree_moved(lambda: tool.delete())


def test_restricted_paths_follow_a_restriction_and_a_move(catalogue, home_page):
    from cms.visibility import restricted_page_paths

    folder = ToolPageFactory(parent=catalogue, slug="dossier")
    assert restricted_page_paths() == ()

    restriction = PageViewRestriction.objects.create(
        page=folder, restriction_type=PageViewRestriction.LOGIN
    )
    assert restricted_page_paths() == (folder.path,)

    folder.move(home_page, pos="last-child")
    folder.refresh_from_db()
    assert restricted_page_paths() == (folder.path,)

    restriction.delete()
    assert restricted_page_paths() == ()


def test_private_collections_follow_a_collection_restriction(db):
    from wagtail.models import CollectionViewRestriction

    from cms.visibility import private_collection_ids

    parent = Collection.get_first_root_node().add_child(name="Interne")
    assert private_collection_ids() == frozenset()

    restriction = CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.LOGIN
    )
    child = parent.add_child(name="Compta")
    assert private_collection_ids() == {parent.pk, child.pk}

    restriction.delete()
    assert private_collection_ids() == frozenset()

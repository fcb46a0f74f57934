"""Keeps the search index in step with publishing. Deleting a page deletes its rows
(foreign key cascade); a move or a view restriction changes nothing indexed, since
results always go through `visible()`."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from .indexing import search_index_page, search_unindex_page


@receiver(page_published)
def _index_published_page(sender, instance, **kwargs):
    search_index_page(page=instance)


@receiver(page_unpublished)
def _unindex_unpublished_page(sender, instance, **kwargs):
    search_unindex_page(page_id=instance.pk)

"""The tombstones behind the changes feed (`removedSince`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import RemovalReason


class PageRemoval(models.Model):
    """A page that partners could see and no longer can: unpublished, deleted, put behind
    a view restriction or moved under one. One row per page, the latest removal: a page
    removed twice is reported once, and a page that becomes visible again loses its row,
    so the feed never lists a page a partner can read."""

    # Not a foreign key: the page may be gone.
    page_id = models.PositiveIntegerField(_("page ID"), unique=True)
    page_type = models.CharField(_("page type"), max_length=100)
    url_path = models.CharField(_("URL path"), max_length=255)
    reason = models.CharField(_("reason"), max_length=16, choices=RemovalReason.choices)
    removed_at = models.DateTimeField(_("removed at"), db_index=True)

    class Meta:
        verbose_name = _("page removal")
        verbose_name_plural = _("page removals")
        ordering = ["removed_at", "page_id"]

    def __str__(self):
        return f"{self.page_type} {self.page_id} ({self.reason})"

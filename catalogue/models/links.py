"""What the link checker found, link by link (`catalogue.link_services` writes it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import LinkSource

# Longer addresses are left unchecked: a unique index cannot hold them on PostgreSQL.
URL_MAX_LENGTH = 2000


class LinkCheck(models.Model):
    """The last check of one external link of a live offer: its website, another address
    field of its kind, or a link in its presentation. One row per offer and address,
    updated at each run; the rows of links that are gone are deleted by the next run."""

    offer = models.ForeignKey(
        "catalogue.OfferPage",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="link_checks",
        # The unique constraint's index starts with it.
        db_index=False,
    )
    url = models.CharField(_("link"), max_length=URL_MAX_LENGTH)
    source = models.CharField(_("found in"), max_length=16, choices=LinkSource.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    ok = models.BooleanField(_("working"))
    checked_at = models.DateTimeField(_("checked on"))
    first_broken_at = models.DateTimeField(
        _("broken since"),
        null=True,
        blank=True,
        help_text=_("First of the checks in a row that found the link broken."),
    )

    # Rows are written by every run, unchanged links included: the run moves the content
    # generation itself, only when which links are broken changed (`link_services`).
    changes_public_content = False

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [
            models.UniqueConstraint(fields=["offer", "url"], name="link_check_unique_per_offer")
        ]

    def __str__(self):
        return self.url

from django.db import models
from django.utils.translation import gettext_lazy as _


class RemovalReason(models.TextChoices):
    """Why a page left the public view. The values are stable: they appear in the API."""

    UNPUBLISHED = "unpublished", _("unpublished")
    DELETED = "deleted", _("deleted")
    RESTRICTED = "restricted", _("restricted (view restriction)")
    MOVED = "moved", _("moved under a private section")


class WebhookEvent(models.TextChoices):
    """What a webhook may subscribe to. The values are sent in the body (`event`)."""

    PUBLISHED = "page.published", _("page published")
    UNPUBLISHED = "page.unpublished", _("page unpublished or made private")
    DELETED = "page.deleted", _("page deleted")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SUCCEEDED = "succeeded", _("delivered")
    FAILED = "failed", _("failed (attempts exhausted)")

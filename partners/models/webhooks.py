"""Signed webhooks: what partners subscribe to, and the log of every delivery."""

import secrets
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DeliveryStatus, WebhookEvent
from ..webhook_targets import TargetRefused, check_url


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class EventsField(models.JSONField):
    """A list of `WebhookEvent` codes, edited as checkboxes (JSON keeps it portable
    across SQLite and PostgreSQL)."""

    def formfield(self, **kwargs):
        return models.Field.formfield(
            self,
            form_class=forms.MultipleChoiceField,
            choices=WebhookEvent.choices,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class HttpsURLField(models.URLField):
    """An address where a scheme left out means HTTPS (Django 6's default, chosen now)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Webhook(models.Model):
    """An address of a partner site that we call, signed with its secret, when a page is
    published, unpublished or deleted. Managed by the coordination."""

    name = models.CharField(_("name"), max_length=100)
    url = HttpsURLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The partner's address that receives the events (HTTPS in production)."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_secret,
        help_text=_(
            "Shared with the partner, who checks the X-Reperes-Signature header with it. "
            "Generated for you; change it to revoke the old one."
        ),
    )
    events = EventsField(
        _("events"),
        default=list,
        help_text=_("The events sent to this address."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        unknown = set(self.events or []) - set(WebhookEvent.values)
        if not isinstance(self.events, list) or unknown or not self.events:
            errors["events"] = _("Choose at least one of the listed events.")
        # Empty when the form field already refused the value.
        if self.url:
            try:
                check_url(self.url)
            except TargetRefused as refusal:
                errors["url"] = ValidationError(
                    refusal.message, code=refusal.code, params=refusal.params
                )
        if errors:
            raise ValidationError(errors)


class WebhookDelivery(models.Model):
    """One event sent to one webhook, with its attempts. The body is stored as sent, so
    that every retry carries the same bytes and the same signature."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=32, choices=WebhookEvent.choices)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} → {self.webhook}"

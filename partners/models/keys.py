"""API keys of partner websites, and how much each is used per day."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

# Keyed callers are partners we know; the anonymous limit (a setting) is the lower one.
DEFAULT_KEY_RATE_LIMIT = 600
MAX_KEY_RATE_LIMIT = 100_000


DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_origins(text: str) -> list[str]:
    """The origins of a text, one per line, written as browsers send them in `Origin`
    (`scheme://host[:port]`, lower case, no path, no default port), without repeats."""
    origins = []
    for line in text.split():
        origin = _origin(line)
        if origin is None:
            raise ValidationError(
                _("“%(origin)s” is not an origin such as https://www.example.org."),
                params={"origin": line},
                code="invalid_origin",
            )
        if origin not in origins:
            origins.append(origin)
    return origins


def _origin(text: str) -> str | None:
    try:
        url = urlsplit(text.strip().lower())
        port = url.port
    except ValueError:
        return None
    if (
        url.scheme not in DEFAULT_PORTS
        or not url.hostname
        or url.path not in ("", "/")
        or url.query
        or url.fragment
        or url.username is not None
    ):
        return None
    host = f"[{url.hostname}]" if ":" in url.hostname else url.hostname
    if port is not None and port != DEFAULT_PORTS[url.scheme]:
        host = f"{host}:{port}"
    return f"{url.scheme}://{host}"


def validate_origins(text: str) -> None:
    parse_origins(text)


class ApiKey(models.Model):
    """A partner website's key to the public API: it lifts the partner's rate limit above
    the anonymous one, lets its web pages call the API from the browser (CORS), and counts
    its use. Only a hash of the key is stored: the key itself is shown once, at creation."""

    name = models.CharField(_("name"), max_length=120, help_text=_("The partner or its website."))
    contact_email = models.EmailField(
        _("contact e-mail"),
        help_text=_("Who to warn about changes or abuse. Never shown in the API."),
    )
    allowed_origins = models.TextField(
        _("allowed origins"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "The websites whose pages may call the API from a browser, one per line, "
            "such as https://www.example.org."
        ),
    )
    rate_limit = models.PositiveIntegerField(
        _("rate limit (requests per minute)"),
        default=DEFAULT_KEY_RATE_LIMIT,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_KEY_RATE_LIMIT)],
    )
    enabled = models.BooleanField(
        _("enabled"), default=True, help_text=_("A disabled key is refused (HTTP 401).")
    )
    prefix = models.CharField(_("key start"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("contact_email"),
        FieldPanel("allowed_origins"),
        FieldPanel("rate_limit"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def clean(self):
        self.allowed_origins = "\n".join(parse_origins(self.allowed_origins))


class ApiKeyUsage(models.Model):
    """How many API requests a key made on a day. Counted in the shared cache and written
    here now and then (see `partners.key_services`), so a request never waits for a write."""

    key = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="usage", verbose_name=_("API key")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("API key usage")
        verbose_name_plural = _("API key usage")
        ordering = ["-day", "key"]
        constraints = [
            models.UniqueConstraint(fields=["key", "day"], name="partners_usage_key_day")
        ]

    def __str__(self):
        return f"{self.key.name} {self.day}: {self.count}"

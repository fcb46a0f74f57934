import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from partners.choices import RemovalReason, WebhookEvent
from partners.key_services import api_key_issue
from partners.models import ApiKey, PageRemoval, Webhook


class ApiKeyFactory(DjangoModelFactory):
    """An API key; its secret, readable only at creation, is left on `key.token`."""

    class Meta:
        model = ApiKey

    name = factory.Sequence(lambda n: f"Site partenaire {n}")
    contact_email = factory.Sequence(lambda n: f"partenaire{n}@example.org")
    allowed_origins = ""
    rate_limit = 600
    enabled = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key = model_class(*args, **kwargs)
        key.token = api_key_issue(key=key)
        key.full_clean()
        key.save()
        return key


class WebhookFactory(DjangoModelFactory):
    class Meta:
        model = Webhook

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    url = "http://127.0.0.1:9/"
    secret = factory.Sequence(lambda n: f"secret-partenaire-{n}")
    events = factory.LazyFunction(lambda: list(WebhookEvent.values))


class PageRemovalFactory(DjangoModelFactory):
    class Meta:
        model = PageRemoval

    page_id = factory.Sequence(lambda n: 100_000 + n)
    page_type = "ToolPage"
    url_path = factory.LazyAttribute(lambda o: f"/accueil/catalogue/offre-{o.page_id}/")
    reason = RemovalReason.UNPUBLISHED
    removed_at = factory.LazyFunction(timezone.now)

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from partners.choices import RemovalReason, WebhookEvent
from partners.models import PageRemoval, Webhook


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

"""Wiring: an offer's data-quality score follows its publication (`services`), and the
scores of the offers of an organisation follow its commune. The daily refresh
(`tasks.refresh_offer_quality`) covers what only the date changes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from .models import Actor, OfferPage
from .services import offer_quality_refresh


@receiver(page_published)
@receiver(page_unpublished)
def _refresh_offer(sender, instance, **kwargs):
    if isinstance(instance, OfferPage):
        offer_quality_refresh(offer_ids=[instance.pk])


@receiver(post_save, sender=Actor)
def _refresh_provided_offers(sender, instance, created=False, raw=False, **kwargs):
    if created or raw:
        return
    offer_ids = list(instance.offers.values_list("pk", flat=True))
    if offer_ids:
        offer_quality_refresh(offer_ids=offer_ids)

from django import template
from django.conf import settings

from ..models import OfferQuality

register = template.Library()


@register.inclusion_tag("includes/offer_quality_hints.html", takes_context=True)
def offer_quality_hints(context, offer):
    """The data-quality score and what is missing, for those who may edit the offer. The
    page is the same for every anonymous visitor and kept in the page cache: without a
    session cookie the user is not even read, which would add `Vary: Cookie`."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {"quality": None}
    user = request.user
    if not user.is_authenticated or not offer.permissions_for_user(user).can_edit():
        return {"quality": None}
    quality = OfferQuality.objects.filter(offer_id=offer.pk).first()
    return {"quality": quality, "offer": offer, "missing": quality.messages if quality else []}

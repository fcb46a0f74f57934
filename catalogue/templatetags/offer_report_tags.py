from django import template
from django.urls import reverse

from ..report_forms import OfferReportForm

register = template.Library()


@register.inclusion_tag("includes/offer_report_form.html")
def offer_report_form(offer, form=None):
    """The report form of an offer: empty on the offer page, which is the same for every
    visitor, or as the visitor filled it when it comes back with errors."""
    return {
        "form": form if form is not None else OfferReportForm(auto_id="report-%s"),
        "action": reverse("offer_report", args=[offer.pk]),
    }

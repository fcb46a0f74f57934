"""The public « signaler une information erronée ou obsolète » form of offer pages.

Offer pages are public: the same bytes for every anonymous visitor, kept by the server's
page cache and by any CDN (`cms.page_cache`). A CSRF token in them would either be one
visitor's token served to everyone, or would make every offer page uncacheable. So the
form on the offer page carries no token, and the view it posts to is exempt from Django's
CSRF check, which would refuse a visitor without a CSRF cookie.

That is safe here because CSRF protects what a request may do with the visitor's
authority (their session), and this view uses none: a report is anonymous whoever sends
it, so a forged cross-site post could do nothing a robot cannot do directly. What remains
is abuse, which three other guards bound: the `Origin` check below (browsers send it with
every cross-site POST, so another site cannot make its visitors report on our behalf, nor
spread a flood over their addresses), a honeypot field for form-filling robots, and a rate
limit per address in the shared cache (`partners.ratelimit`). The view answers POSTs with
a redirect or a page that is never cached (`cms.page_cache` stores GETs only)."""

import math
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from partners.clients import client_address
from partners.ratelimit import rate_limit_hit

from .models import OfferPage
from .report_forms import OfferReportForm
from .report_services import offer_report_create

RATE_WINDOW_SECONDS = 3600
FORM_TEMPLATE = "catalogue/offer_report.html"


def _visible_offer(offer_id: int) -> OfferPage:
    """The offer, if the public may see it: a draft, a private or a missing offer is a
    404, so that nobody can report on (or probe for) what is not published."""
    offer = OfferPage.objects.visible().filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    return offer


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def posted_from_our_pages(request) -> bool:
    """Whether a POST comes from one of our own pages, as far as the browser tells:
    by `Origin`, which browsers send with every cross-origin POST, else by `Referer`.
    A request with neither comes from no current browser's cross-site form (a robot may
    send anything: the honeypot and the rate limit are for robots)."""
    allowed = {
        _origin(request.build_absolute_uri("/")),
        _origin(settings.SITE_URL),
        *(origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS),
    }
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() in allowed  # "null" (a sandboxed frame, a data: page) is not
    referer = request.headers.get("Referer")
    return referer is None or _origin(referer) in allowed


def _rate_limit_error(request) -> tuple[str, int] | None:
    """A French error and the seconds to wait when this address sent too many reports
    this hour; None while it may send."""
    limit = settings.OFFER_REPORT_RATE_LIMIT
    if not limit:
        return None
    decision = rate_limit_hit(
        f"offer-report:{client_address(request)}",
        limit=limit,
        window_seconds=RATE_WINDOW_SECONDS,
    )
    if decision.allowed:
        return None
    minutes = math.ceil(decision.retry_after / 60)
    message = ngettext(
        "Many reports were sent from your connection in the last hour. Try again in "
        "%(minutes)d minute: your message is kept below.",
        "Many reports were sent from your connection in the last hour. Try again in "
        "%(minutes)d minutes: your message is kept below.",
        minutes,
    ) % {"minutes": minutes}
    return message, decision.retry_after


def _form_page(request, offer, form, *, status=200, headers=None):
    response = render(request, FORM_TEMPLATE, {"offer": offer, "form": form}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@csrf_exempt  # see the module's docstring
@require_http_methods(["GET", "HEAD", "POST"])
def offer_report(request, offer_id: int):
    """The form on a page of its own (GET), and where the offer page's form posts."""
    offer = _visible_offer(offer_id)
    if request.method != "POST":
        return _form_page(request, offer, OfferReportForm(auto_id="report-%s"))

    form = OfferReportForm(request.POST, auto_id="report-%s")
    if not posted_from_our_pages(request):
        form.is_valid()  # the visitor's input is shown back, with the one error that matters
        form.errors.clear()
        form.add_error(None, gettext("This form can only be sent from the Repères website."))
        return _form_page(request, offer, form, status=403)
    thanks = redirect("offer_report_thanks", offer_id=offer.pk)
    if form.caught_in_trap():
        # Answered as a success: a robot told it failed would try again differently.
        return thanks
    if not form.is_valid():
        return _form_page(request, offer, form, status=400)
    refusal = _rate_limit_error(request)
    if refusal is not None:
        message, retry_after = refusal
        form.add_error(None, message)
        return _form_page(request, offer, form, status=429, headers={"Retry-After": retry_after})
    offer_report_create(
        offer=offer,
        reason=form.cleaned_data["reason"],
        message=form.cleaned_data["message"],
        email=form.cleaned_data["email"],
    )
    return thanks


@require_safe
def offer_report_thanks(request, offer_id: int):
    """The confirmation, after the redirect: reloading it sends nothing again. The same
    page for everyone, so the page cache may keep it."""
    offer = _visible_offer(offer_id)
    return render(
        request,
        "catalogue/offer_report_thanks.html",
        {"offer": offer, "report_url": reverse("offer_report", args=[offer.pk])},
    )

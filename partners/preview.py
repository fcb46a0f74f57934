"""Headless preview of drafts on a partner's front end, with wagtail-headless-preview's
`HeadlessPreviewMixin` (never `HeadlessMixin`, whose `serve()` would redirect our HTML
pages away). The admin keeps its own preview; the partner's is a second preview mode,
offered only when HEADLESS_PREVIEW_URL is set."""

from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from django.conf import settings
from django.core.signing import BadSignature
from django.utils.translation import gettext_lazy as _

from cms.db_router import read_primary

PARTNER_MODE = "partner"
# The package keeps previews a day (`PagePreview.garbage_collect`); a token older than
# that is refused even before its row is collected.
TOKEN_MAX_AGE = 24 * 60 * 60


class PartnerPreviewMixin(HeadlessPreviewMixin):
    """Page models whose drafts a partner's site may preview through `preview(token:)`."""

    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if settings.HEADLESS_PREVIEW_URL:
            modes.append((PARTNER_MODE, _("Partner site")))
        return modes

    def serve_preview(self, request, preview_mode):
        if preview_mode == PARTNER_MODE and settings.HEADLESS_PREVIEW_URL:
            return super().serve_preview(request, preview_mode)
        # Every other mode is the page's own preview, as without the mixin.
        return super(HeadlessPreviewMixin, self).serve_preview(request, preview_mode)

    @classmethod
    def get_page_from_preview_token(cls, token: str):
        """The draft a token designates, or None for a forged, altered or expired one
        (the package's own method raises on those)."""
        if not token_is_valid(cls, token):
            return None
        return super().get_page_from_preview_token(token)


def token_is_valid(model, token: str) -> bool:
    try:
        model.get_preview_signer().unsign(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:  # SignatureExpired included
        return False
    return True


def preview_page(token: str):
    """The draft behind a preview token, whatever its page type, or None. The signature
    is checked before any query, so a forged token costs nothing and reaches no SQL."""
    if not token_is_valid(PartnerPreviewMixin, token):
        return None
    # The editor saved the draft a moment ago: a replica may not have it yet.
    read_primary()
    preview = PagePreview.objects.filter(token=token).select_related("content_type").first()
    model = preview.content_type.model_class() if preview else None
    if model is None or not issubclass(model, PartnerPreviewMixin):
        return None
    return model.get_page_from_preview_token(token)

import pytest

from wagtail.models import Site

from cms.site import site_sync

SITE_URL = "https://reperes.example.org"


@pytest.fixture
def public_site(settings, home_page):
    """The default site served at SITE_URL, as a deployment sets it."""
    settings.SITE_URL = SITE_URL
    # Derived from SITE_URL when the settings load, so overridden with it here.
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    assert site_sync()
    return Site.objects.get(is_default_site=True)

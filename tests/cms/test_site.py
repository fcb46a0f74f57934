"""The default Wagtail Site follows SITE_URL: the function, the command and the system check."""

import pytest

from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from wagtail.models import Site

from cms.site import site_address, site_sync

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://reperes.example.org", ("reperes.example.org", 443)),
        ("https://reperes.example.org/", ("reperes.example.org", 443)),
        ("http://reperes.example.org", ("reperes.example.org", 80)),
    ],
)
def test_site_address(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    "url",
    [
        "reperes.example.org",
        "ftp://reperes.example.org",
        "https://reperes.example.org/sous-dossier/",
        "https://reperes.example.org:8443",
        "http://reperes.example.org:443",
    ],
)
def test_site_address_refuses_what_wagtail_cannot_link_to(url):
    with pytest.raises(ImproperlyConfigured):
        site_address(url)


def test_sync_site_command_is_idempotent(home_page, settings, capsys):
    settings.SITE_URL = "http://127.0.0.1:8000"

    call_command("sync_site")
    call_command("sync_site")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8000, home_page.pk)
    first, second = capsys.readouterr().out.splitlines()
    assert "updated" in first and "already up to date" in second


def test_sync_without_a_site_changes_nothing(settings):
    Site.objects.all().delete()
    assert site_sync() is False
    assert not Site.objects.exists()


def test_check_refuses_an_unusable_site_url(settings):
    settings.SITE_URL = "https://reperes.example.org/sous-dossier"
    assert "cms.E001" in [message.id for message in run_checks()]


def test_deploy_checks_want_https_and_an_allowed_host(settings):
    settings.SITE_URL = "http://reperes.example.org"
    settings.ALLOWED_HOSTS = ["autre.example.org"]
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert {"cms.W001", "cms.W002"} <= ids
    settings.SITE_URL = "https://autre.example.org"
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not {"cms.W001", "cms.W002"} & ids


def test_demo_points_the_site_at_site_url(settings):
    from home.demo.loader import load_demo

    settings.SITE_URL = "https://reperes.example.org"

    created = load_demo(log=lambda *_: None)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("reperes.example.org", 443)
    assert created["site"] == 1
    assert "site" not in load_demo(log=lambda *_: None)

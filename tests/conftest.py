import ipaddress
import shutil
import socket

import pytest

from django.conf import settings

from wagtail.models import Page, Site

from home.models import HomePage

from .factories.catalogue import CatalogueIndexPageFactory


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePage(title="Repères", slug="accueil")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def catalogue(home_page):
    index = CatalogueIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse")


def pytest_configure(config):
    assert settings.LANGUAGE_CODE == "fr"


@pytest.fixture
def training_index(home_page):
    from .factories.training import TrainingIndexPageFactory

    index = TrainingIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


class FakeResolver(dict):
    def __init__(self):
        super().__init__()
        self.lookups = []


@pytest.fixture
def dns(monkeypatch):
    """`socket.getaddrinfo` answering for the names it is given
    (`dns["partenaire.example"] = ["10.0.0.5"]`) and recording each lookup of them
    (`dns.lookups`). Other names go to the real resolver, so that the database and the
    cache are still found."""
    resolver = FakeResolver()
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        if host not in resolver:
            return real_getaddrinfo(host, port, family, type, proto, flags)
        resolver.lookups.append(host)
        infos = []
        for text in resolver[host]:
            address = ipaddress.ip_address(text)
            if address.version == 4:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (text, port)))
            else:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (text, port, 0, 0)))
        return infos

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return resolver

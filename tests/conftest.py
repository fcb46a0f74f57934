import shutil

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

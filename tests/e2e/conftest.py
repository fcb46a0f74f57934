import shutil

import pytest

from .browser import chromium


@pytest.fixture(autouse=True)
def _migrated_data(django_db_serialized_rollback):
    """Browser tests run against a live server, so their database is flushed after each of
    them, Wagtail's root page included. Serialized rollback puts back what the migrations
    wrote before each one, so that they pass in any order."""


@pytest.fixture(scope="module")
def _screenshots(request):
    """The test module's `SCREENSHOTS` folder, emptied once per module."""
    folder = request.module.SCREENSHOTS
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def browser(monkeypatch, _screenshots):
    with chromium(monkeypatch) as browser:
        yield browser


@pytest.fixture
def live_site(transactional_db, live_server):
    """The site's skeleton on the live server: the home page (the `Site` on the server's
    host and port), the catalogue, the training offer and the roles."""
    from wagtail.models import Page, Site

    from catalogue.models import CatalogueIndexPage
    from home.models import HomePage
    from home.roles import roles_setup
    from training.models import TrainingIndexPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Repères", slug="accueil"))
    home.save_revision().publish()
    Site.objects.all().delete()
    host, port = live_server.url.split("//")[1].split(":")
    Site.objects.create(hostname=host, port=int(port), root_page=home, is_default_site=True)
    catalogue = home.add_child(instance=CatalogueIndexPage(title="Catalogue", slug="catalogue"))
    catalogue.save_revision().publish()
    training = home.add_child(instance=TrainingIndexPage(title="Formations", slug="formations"))
    training.save_revision().publish()
    roles_setup()
    return {"home": home, "catalogue": catalogue, "training": training, "url": live_server.url}

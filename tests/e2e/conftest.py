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

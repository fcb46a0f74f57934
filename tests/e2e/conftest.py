import pytest


@pytest.fixture(autouse=True)
def _migrated_data(django_db_serialized_rollback):
    """Browser tests run against a live server, so their database is flushed after each of
    them, Wagtail's root page included. Serialized rollback puts back what the migrations
    wrote before each one, so that they pass in any order."""

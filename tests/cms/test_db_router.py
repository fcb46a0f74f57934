"""The read replica: which reads may go there (anonymous requests, before any write, not
right after a public change), and that everything else reads and writes the primary."""

import pytest

from django.core.cache import cache
from django.db import connections, transaction
from django.db.utils import ConnectionRouter
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from cms import content_version, db_router
from partners.models import PageRemoval
from tests.factories.users import UserFactory

ROUTER = ["cms.db_router.ReplicaRouter"]


@pytest.fixture
def replica_configured(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def _routed(request, action):
    """What `action(router)` returns inside `request`, as the middleware runs it."""
    seen = []
    db_router.ReplicaMiddleware(lambda _request: seen.append(action(ConnectionRouter(ROUTER))))(
        request
    )
    return seen[0]


def _read(router):
    return router.db_for_read(Page)


def test_outside_a_request_everything_reads_the_primary(replica_configured):
    router = ConnectionRouter(ROUTER)
    assert router.db_for_read(Page) == "default"
    assert router.db_for_write(Page) == "default"


def test_an_anonymous_request_reads_the_replica(replica_configured, rf):
    assert _routed(rf.get("/offres/"), _read) == "replica"
    assert _routed(rf.post("/graphql/"), _read) == "replica"


def test_a_request_with_a_session_or_under_the_admin_reads_the_primary(replica_configured):
    with_session = RequestFactory(HTTP_COOKIE="sessionid=abc").get("/offres/")
    assert _routed(with_session, _read) == "default"
    assert _routed(RequestFactory().get("/admin/pages/"), _read) == "default"


def test_a_write_pins_the_rest_of_the_request_to_the_primary(replica_configured, rf):
    def write_then_read(router):
        before = router.db_for_read(Page)
        assert router.db_for_write(PageRemoval) == "default"
        return before, router.db_for_read(Page), router.db_for_read(PageRemoval)

    assert _routed(rf.get("/"), write_then_read) == ("replica", "default", "default")


def test_a_read_inside_a_transaction_goes_to_the_primary_and_stays_there(
    replica_configured, rf, db
):
    def in_transaction(router):
        with transaction.atomic():
            inside = router.db_for_read(Page)
        return inside, router.db_for_read(Page)

    assert _routed(rf.get("/"), in_transaction) == ("default", "default")


def test_read_primary_pins_the_request(replica_configured, rf):
    def pinned(router):
        db_router.read_primary()
        return router.db_for_read(Page)

    assert _routed(rf.get("/graphql/"), pinned) == "default"


def test_after_a_public_change_anonymous_requests_read_the_primary_for_a_while(
    replica_configured, rf, settings
):
    settings.DATABASE_REPLICA_LAG_SECONDS = 30
    content_version.bump()
    assert _routed(rf.get("/"), _read) == "default"
    # The lag window is the key's lifetime; once it expired, the replica again.
    cache.delete(db_router.PUBLIC_CHANGE_KEY)
    assert _routed(rf.get("/"), _read) == "replica"


def test_without_a_replica_the_middleware_routes_nothing(rf):
    # The test settings have no DATABASE_REPLICA_URL: no alias, no router.
    assert "replica" not in connections.settings
    assert _routed(rf.get("/"), lambda _router: db_router.reads_replica()) is False


def test_migrations_never_run_on_the_replica():
    router = db_router.ReplicaRouter()
    assert router.allow_migrate("default", "catalogue") is True
    assert router.allow_migrate("replica", "catalogue") is False


@pytest.fixture
def replica(django_db_serialized_rollback, transactional_db, settings):
    """A second alias on the test database, as a replica that is never late: committed
    rows (a transactional test) are read through its own connection."""
    # The handler's settings are settings.DATABASES itself: the alias appears in both.
    connections.settings["replica"] = dict(connections["default"].settings_dict)
    settings.DATABASE_ROUTERS = ROUTER
    # Connected here: the test case refuses to open a connection to an alias it was not
    # told about, and it could not be told about one that did not exist yet.
    connections["replica"].connect()
    try:
        yield connections["replica"]
    finally:
        connections["replica"].close()
        del connections["replica"]
        del connections.settings["replica"]


def _queries(client, path):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(path)
    assert response.status_code == 200
    return len(primary), len(replica)


def test_an_anonymous_page_is_read_from_the_replica_and_an_editor_reads_the_primary(
    replica, home_page, client, settings
):
    settings.PAGE_CACHE_TIMEOUT = 0
    # Just published: the replica may still lag behind.
    primary, on_replica = _queries(client, home_page.url)
    assert primary > 0 and on_replica == 0

    cache.delete(db_router.PUBLIC_CHANGE_KEY)
    primary, on_replica = _queries(client, home_page.url)
    assert primary == 0 and on_replica > 0

    client.force_login(UserFactory(is_superuser=True))
    primary, on_replica = _queries(client, home_page.url)
    assert primary > 0 and on_replica == 0


def test_a_request_that_writes_reads_its_own_write_on_the_primary(replica, rf):
    def view(_request):
        before = Page.objects.count()
        PageRemoval.objects.create(
            page_id=99, page_type="x", url_path="/x/", reason="deleted", removed_at=timezone.now()
        )
        return before, PageRemoval.objects.filter(page_id=99).exists()

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(replica) as on_replica,
    ):
        before, found = db_router.ReplicaMiddleware(view)(rf.get("/"))
    assert found
    assert [query["sql"].split()[0] for query in on_replica] == ["SELECT"]
    assert [query["sql"].split()[0] for query in primary] == ["INSERT", "SELECT"]

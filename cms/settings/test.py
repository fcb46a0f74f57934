"""The test suite: e-mails kept in memory, fast password hashing, GraphiQL on."""

from pathlib import Path

from .environment import env

env.set_defaults(
    GRAPHIQL_ENABLED="true",
    EMAIL_URL="memorymail://",
    ALLOWED_HOSTS="localhost,127.0.0.1,[::1],testserver",
    # Tests post many queries from one address; those about limits set their own.
    API_RATE_LIMIT_ANONYMOUS="0",
    TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    MEDIA_ROOT=str(Path(__file__).resolve().parents[2] / ".test-media"),
    # Creating and migrating the test database on a loaded CI machine may take longer
    # than a web request should; the timeout's own test sets one in its transaction.
    DATABASE_STATEMENT_TIMEOUT_MS="0",
)

from .base import *  # noqa: E402, F403

# Only the tests hash passwords by the thousand; MD5 keeps them fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

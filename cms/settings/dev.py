"""Development (`manage.py`): debug, GraphiQL, and e-mails printed to the console."""

from .environment import env

env.set_defaults(
    DEBUG="true",
    GRAPHIQL_ENABLED="true",
    EMAIL_URL="consolemail://",
    ALLOWED_HOSTS="localhost,127.0.0.1,[::1],testserver",
    LOG_FORMAT="console",
    # The demo's accounts sign in with a password only.
    ADMIN_2FA_REQUIRED="false",
)

from .base import *  # noqa: E402, F403

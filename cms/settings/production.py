"""Production (WSGI/ASGI): HTTPS only, static files served by WhiteNoise, and a refusal to
start with a development secret or with DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from .environment import env

# ALLOWED_HOSTS has no default here: a production server must say which host it serves.
# The public address then defaults to the first one, over HTTPS.
_hosts = env.list("ALLOWED_HOSTS")
if not _hosts:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host this server answers for.")
env.set_defaults(
    SITE_URL=f"https://{_hosts[0].lstrip('.')}",
    CONN_MAX_AGE="60",
    SERVE_STATIC="true",
)

from .base import *  # noqa: E402, F403

if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 40:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to a real secret (40+ characters).")
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must stay off in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer probes its servers over plain HTTP, often without X-Forwarded-Proto:
# a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

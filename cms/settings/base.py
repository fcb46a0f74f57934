"""Settings common to every environment. Each setting is assigned here once; the
environment modules (dev, test, production) only choose defaults for the variables read
through `env` (see environment.py), and production adds its HTTPS-only settings."""

import math
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

from .environment import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site. Every absolute link derives from it: the Wagtail Site
# (`manage.py sync_site`, and the demo), hence page `full_url` in the API, JSON-LD, iCal,
# the sitemap and e-mails; and the admin links of e-mails through WAGTAILADMIN_BASE_URL.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "home",
    "diagnostic",
    "training",
    "catalogue",
    "partners",
    "cms",
    "accounts",
    "corsheaders",
    "wagtail_headless_preview",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # grapple builds its types from the snippet registry at start-up: it must
    # come after every Wagtail app.
    "grapple",
    "graphene_django",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for its French catalogue: Wagtail's workflow status says « il y a 12 minutes »
    # through `naturaltime`, whose words live in humanize's translations.
    "django.contrib.humanize",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

# Production serves its own static files, collected with hashed and compressed names, through
# WhiteNoise. Development and tests serve them from the app folders and never run collectstatic.
SERVE_STATIC = env.bool("SERVE_STATIC", default=False)

MIDDLEWARE = [
    # Outermost, so that every answer is counted and timed, then logged with its request id
    # (cms/observability/): a preflight, a refused API call and a static file included.
    "cms.observability.metrics.MetricsMiddleware",
    "cms.observability.request_log.RequestLogMiddleware",
    # Before the rest, so that preflights are answered before any view (which would say 405) and
    # every API answer, a 401 or a 429 included, carries the CORS headers a browser needs.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that a stored page gets the header of the current settings.
    "cms.csp.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if SERVE_STATIC else []),
    # Before sessions and the rest: a refused API request costs as little as possible.
    "partners.middleware.ApiAccessMiddleware",
    # After the key checks, which must read the primary (cms/db_router.py).
    "cms.db_router.ReplicaMiddleware",
    # Public pages only (see cms/page_cache.py): outside the page cache, which stores the
    # page uncompressed, and outside the session, CSRF and messages middleware, whose
    # cookies tell a public response from a private one.
    "cms.page_cache.PublicGZipMiddleware",
    "cms.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: it wraps request.user with the session's verified device, which
    # the admin's two-factor gate right after it reads (accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.page_routing.CachedRouteMiddleware",
    # Last, as django-axes asks: it turns the login view's answer into the lockout page
    # once the attempt it has just recorded locked the caller out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

# Public HTML pages (cms/page_cache.py): how long browsers (max-age) and shared caches such
# as a CDN (s-maxage) keep them, how long a stale copy may be served while it is fetched
# again, and how long the server keeps whole responses (0 turns that store off). The
# server's store is emptied by every publish; a CDN's copy lives until s-maxage runs out.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=300)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env.int("PAGE_CACHE_STALE_WHILE_REVALIDATE", default=60)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=3600)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": {
        # Health checks make persistent connections (CONN_MAX_AGE > 0) survive a database
        # restart. Options in the URL's query string (`?conn_max_age=…`) win over these.
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=0),
        "CONN_HEALTH_CHECKS": True,
        **env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    }
}
# No single SQL statement may hold a worker longer than this (0: no limit). PostgreSQL
# cancels it, and the API answers a coded error. SQLite has no such setting.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=5000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _timeout = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
    _options["options"] = f"{_options.get('options', '')} {_timeout}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"KEY_PREFIX": "reperes", **env.cache_url("CACHE_URL", default="locmem://")}}

# Faults and health. What a database or Redis outage costs a request, and what the load
# balancer's probes say (cms/health.py: /healthz, the process answers; /readyz, the database,
# the cache and the task queue). A database that is down or frozen makes pages and the API
# answer 503 with Retry-After (cms/unavailable.py); Redis down leaves the site serving,
# without cache and without rate limits (cms/cache.py).
# Seconds to open a database connection, or to check a kept one before a request uses it: a
# frozen database then gets a 503 answered within 2 s. psycopg rounds its own
# `connect_timeout` up to whole seconds, 2 at least; a shorter one is kept by cms/postgresql
# (a helper thread).
DATABASE_CONNECT_TIMEOUT = env.float("DATABASE_CONNECT_TIMEOUT", default=1.5)
# How long we wait for the database's answer to one statement, commit or connection check
# before giving the connection up (cms/db_deadline.py): for a server that stopped answering,
# which its own statement_timeout cannot stop. Past that timeout by default; 0: no limit.
DATABASE_CLIENT_TIMEOUT_MS = env.int(
    "DATABASE_CLIENT_TIMEOUT_MS",
    default=DATABASE_STATEMENT_TIMEOUT_MS + 1000 if DATABASE_STATEMENT_TIMEOUT_MS else 0,
)
# Once the database or Redis has failed, each process stops trying it for this long
# (seconds): requests are answered at once instead of each waiting for a timeout.
DATABASE_BREAKER_SECONDS = env.float("DATABASE_BREAKER_SECONDS", default=5)
CACHE_BREAKER_SECONDS = env.float("CACHE_BREAKER_SECONDS", default=10)
# Seconds a Redis operation may take (connection included) before it counts as a miss.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)
# The Retry-After (seconds) of the 503 answers.
SERVICE_UNAVAILABLE_RETRY_AFTER = env.int("SERVICE_UNAVAILABLE_RETRY_AFTER", default=30)
# Each check of /readyz gets this long (seconds; django-health-check adds one of grace).
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=1)
# /readyz reports the task queue degraded when a task has been ready for longer than this
# (seconds: no worker drains the queue); 0 leaves the queue's age out.
HEALTH_TASK_QUEUE_MAX_AGE = env.int("HEALTH_TASK_QUEUE_MAX_AGE", default=0)

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "cms.postgresql"  # the deadline and the breaker
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", max(2, math.ceil(DATABASE_CONNECT_TIMEOUT))
    )
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # One Redis client, not one per call; a miss rather than an error while Redis is down.
    CACHES["default"]["BACKEND"] = "cms.cache.TolerantRedisCache"
    _cache_options = CACHES["default"].setdefault("OPTIONS", {})
    _cache_options.setdefault("socket_timeout", CACHE_SOCKET_TIMEOUT)
    _cache_options.setdefault("socket_connect_timeout", CACHE_SOCKET_TIMEOUT)

# EMAIL_URL: `smtp://host:25`, `smtp+tls://user:password@host:587`, `smtp+ssl://…:465`,
# `consolemail://`, `memorymail://`. Without it, a mail server on this machine (Django's default).
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    EMAIL_BACKEND = "cms.mail.ReadableConsoleBackend"  # subjects and bodies decoded
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Repères <noreply@localhost>")

# Admin security.
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords, the admin's login
# refuses that username from that address, the right password included, for
# AXES_COOLOFF_MINUTES, and answers 429 with a French page (accounts/throttling.py). Failures
# count per username and address together, not per address alone, so that an office whose
# staff share one public address (NAT) is not locked out by one person's typos, and not per
# username alone, so that anyone cannot lock a coordinator out from anywhere. Unknown
# usernames count and lock exactly like real ones: the answer tells nothing about who exists.
# The state lives in the database (axes' default handler), shared by every worker.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Its start-up banner would open every management command's output.
AXES_VERBOSE = False
# The caller's address as the API's rate limits see it (API_CLIENT_IP_HEADER behind a proxy).
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# Axes checks the backend first; it refuses a locked-out caller before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Two-factor authentication (TOTP, django-otp) for the admin. Whoever has a confirmed
# device is asked for a code at each new session; when ADMIN_2FA_REQUIRED is on,
# superusers and the coordination must also have one, and are sent to enrol it first
# (accounts/policy.py). A lost phone: `manage.py reset_2fa USERNAME`.
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Repères"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Our catalogue first (makemessages writes it), then our corrections of Wagtail's own
# French strings (wrong or left in English), which win over the installed apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]

# Media and static files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# A full address when media are served from another host (S3, a CDN): the CSP admits its
# images (see "Browser security").
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Where uploads live: "filesystem" (MEDIA_ROOT, the default; cms/media_files.py serves its
# images) or "s3", an S3-compatible object store (cms/media_storage.py). With "s3", images
# and renditions are public objects at the bucket's (or the CDN's) address, and documents
# stay private objects that only Wagtail's document view reads (WAGTAILDOCS_SERVE_METHOD).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE not in ("filesystem", "s3"):
    raise ImproperlyConfigured('MEDIA_STORAGE must be "filesystem" or "s3".')
_media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_STORAGE == "s3":
    _media_storage = {
        "BACKEND": "cms.media_storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            # Empty: Amazon S3 itself; otherwise the provider's address (Scaleway, OVH, MinIO…).
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            # Empty: boto3 finds credentials itself (AWS_* variables, an instance role).
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            # A CDN (or the bucket's public host) in front of the public images, e.g.
            # `medias.example.org`: image URLs in pages and in the API then point there.
            "custom_domain": env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
        },
    }
# Per-object ACLs (images public-read, documents private), for providers that have no
# bucket policies; off by default, as AWS refuses ACLs on buckets created since 2023.
MEDIA_S3_OBJECT_ACLS = env.bool("MEDIA_S3_OBJECT_ACLS", default=False)
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if SERVE_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = "Repères"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatar requests from the admin (privacy, and no network in some setups).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILIMAGES_IMAGE_MODEL = "catalogue.ReperesImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAIL_I18N_ENABLED = False
# Draftail whose text box screen readers can name (cms/rich_text_editor.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "cms.rich_text_editor.LabelledDraftailRichTextArea"}
}

# An offer is due for a new check this many months after its last approved evaluation.
OFFER_REVIEW_MONTHS = env.int("OFFER_REVIEW_MONTHS", default=6)

# Anonymous diagnostic results (no advisor attached them to an association) are deleted
# this many months after the run, by `manage.py purge_diagnostic_results` on the task
# queue; 0 keeps them forever.
DIAGNOSTIC_RETENTION_MONTHS = env.int("DIAGNOSTIC_RETENTION_MONTHS", default=24)

# PostgreSQL full-text search with the French configuration, so that
# "association" also finds "associations". SQLite ignores SEARCH_CONFIG.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french",
    }
}

# A constant, not a variable: the limit is written into the committed SDL's descriptions.
GRAPHQL_MAX_PAGE_SIZE = 100
GRAPHQL_MAX_BODY_BYTES = env.int("GRAPHQL_MAX_BODY_BYTES", default=64 * 1024)
# Limits checked before a query runs (cms/api/validation.py); a query over one of them
# is refused with QUERY_TOO_COMPLEX. The cost counts 1 per object field and, for a list,
# its page size (`perPage`, or its default), multiplied by the lists around it; a list
# without a size argument (an offer's themes, a body's blocks) counts GRAPHQL_UNSIZED_LIST_COST.
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=10)
GRAPHQL_MAX_ALIASES = env.int("GRAPHQL_MAX_ALIASES", default=30)
GRAPHQL_MAX_TOKENS = env.int("GRAPHQL_MAX_TOKENS", default=2000)
GRAPHQL_MAX_DIRECTIVES = env.int("GRAPHQL_MAX_DIRECTIVES", default=10)
GRAPHQL_MAX_COST = env.int("GRAPHQL_MAX_COST", default=5000)
GRAPHQL_UNSIZED_LIST_COST = env.int("GRAPHQL_UNSIZED_LIST_COST", default=5)
# Partners need the schema, so introspection is on unless turned off; the committed SDL is
# served at /graphql/schema.graphql either way.
GRAPHQL_INTROSPECTION = env.bool("GRAPHQL_INTROSPECTION", default=True)
GRAPHIQL_ENABLED = env.bool("GRAPHIQL_ENABLED", default=False)
# HTTP caching of anonymous GET answers (seconds): browsers and Apollo keep them max-age,
# a CDN s-maxage, and either may serve them stale while it revalidates (ETag, 304).
GRAPHQL_CACHE_MAX_AGE = env.int("GRAPHQL_CACHE_MAX_AGE", default=60)
GRAPHQL_CACHE_S_MAXAGE = env.int("GRAPHQL_CACHE_S_MAXAGE", default=300)
GRAPHQL_CACHE_STALE_WHILE_REVALIDATE = env.int("GRAPHQL_CACHE_STALE_WHILE_REVALIDATE", default=60)
# The server-side response cache; any publish invalidates it at once, so the timeout only
# bounds how long unused answers take memory. 0 turns it off.
GRAPHQL_RESPONSE_CACHE_TIMEOUT = env.int("GRAPHQL_RESPONSE_CACHE_TIMEOUT", default=3600)
# Automatic persisted queries: how long a stored query lives, and how many new ones may be
# stored in that time (the store never holds more than twice as many).
GRAPHQL_APQ_TIMEOUT = env.int("GRAPHQL_APQ_TIMEOUT", default=7 * 24 * 3600)
GRAPHQL_APQ_MAX_ENTRIES = env.int("GRAPHQL_APQ_MAX_ENTRIES", default=10_000)

# The partner API: GraphQL and the open data. API keys, rate limits and CORS apply there only.
API_URLS_REGEX = r"^/(graphql|opendata)(/|$)"
# Requests per minute and per address of anonymous callers (0: no limit); a key has its own.
API_RATE_LIMIT_ANONYMOUS = env.int("API_RATE_LIMIT_ANONYMOUS", default=60)
# Behind a reverse proxy, the header in which it passes the caller's address.
API_CLIENT_IP_HEADER = env.str("API_CLIENT_IP_HEADER", default="")

# The public « signaler une information erronée » form of offer pages: reports accepted
# per address and per hour (0: no limit), counted in the shared cache like the API's.
OFFER_REPORT_RATE_LIMIT = env.int("OFFER_REPORT_RATE_LIMIT", default=5)
# Diagnostics completed per address and hour through the pages; 0 for no limit.
DIAGNOSTIC_RUN_RATE_LIMIT = env.int("DIAGNOSTIC_RUN_RATE_LIMIT", default=20)
# The admin report of offers to review lists those whose review date is past or at most
# this many days ahead, and those that have none.
OFFER_REVIEW_SOON_DAYS = env.int("OFFER_REVIEW_SOON_DAYS", default=30)
# The diagnostic observatory hides the figures of any group (a month, a department, a
# month in a department) holding fewer results than this (diagnostic/observatory.py).
DIAGNOSTIC_OBSERVATORY_MIN_GROUP = env.int("DIAGNOSTIC_OBSERVATORY_MIN_GROUP", default=5)

# django-cors-headers. Allowed origins: these, and those of the enabled API keys (partners.cors).
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = API_URLS_REGEX
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "X-Request-ID"]

GRAPPLE = {
    "APPS": ["catalogue", "training", "home", "diagnostic"],
    "AUTO_CAMELCASE": True,
    "EXPOSE_GRAPHIQL": False,
    "PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": GRAPHQL_MAX_PAGE_SIZE,
    "PAGE_INTERFACE": "cms.api.interfaces.PublicPageInterface",
    "ALLOWED_IMAGE_FILTERS": [
        "fill-160x160",
        "fill-320x180",
        "max-320x320",
        "width-640",
        "width-1200",
        "format-webp",
    ],
}

# Background work (webhook deliveries) runs on Django's Tasks API (the django-tasks
# backport), on the "background" queue. Its default backend keeps the queue in the
# database, so it needs no other service; a worker runs it:
# `manage.py db_worker --backend background`. Tests run tasks at once (immediate backend).
# Wagtail's own small tasks (reference and search index updates) stay on "default",
# which runs them in the request as before: the site needs no worker to stay correct.
BACKGROUND_TASKS = "background"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND_TASKS: {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    },
}

# Webhooks: attempts per delivery, the delay before the first retry (doubled at each
# retry after it), and how long a partner's server may take to answer.
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_SECONDS = env.int("WEBHOOK_RETRY_SECONDS", default=60)
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
# Webhooks reach public Internet addresses over HTTPS only, never this machine nor a
# private network (partners/webhook_targets.py). True lifts both rules, for a receiver
# on a developer's machine; off everywhere by default, tests included: the tests that
# deliver to a receiver on loopback turn it on themselves.
WEBHOOK_ALLOW_PRIVATE_NETWORKS = env.bool("WEBHOOK_ALLOW_PRIVATE_NETWORKS", default=False)

# The link checker (`manage.py check_links`, on the task queue): how many addresses it
# checks at once, and at once on one host; how long it waits for an answer (seconds), and
# how many redirects it follows. Like webhooks, it reaches public Internet addresses only;
# True lets it check links to this machine and private networks (development only).
LINK_CHECK_CONCURRENCY = env.int("LINK_CHECK_CONCURRENCY", default=8)
LINK_CHECK_PER_HOST = env.int("LINK_CHECK_PER_HOST", default=2)
LINK_CHECK_TIMEOUT_SECONDS = env.float("LINK_CHECK_TIMEOUT_SECONDS", default=10)
LINK_CHECK_MAX_REDIRECTS = env.int("LINK_CHECK_MAX_REDIRECTS", default=5)
LINK_CHECK_ALLOW_PRIVATE_NETWORKS = env.bool("LINK_CHECK_ALLOW_PRIVATE_NETWORKS", default=False)
# Headless preview of drafts on a partner's front end: the admin offers a second preview
# mode that opens this address with a signed token (`?content_type=…&token=…`), which the
# front end passes to the `preview(token:)` root field. Empty: only our own preview.
HEADLESS_PREVIEW_URL = env.str("HEADLESS_PREVIEW_URL", default="")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL},
    "ENFORCE_TRAILING_SLASH": False,
}

# Scale-out
# A PostgreSQL read replica (streaming replication), read by anonymous requests only
# (cms/db_router.py); unset, everything reads the primary. After a change of public
# content, anonymous requests still read the primary for DATABASE_REPLICA_LAG_SECONDS, so
# that the caches refilled then never keep what a lagging replica still shows.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
DATABASE_REPLICA_LAG_SECONDS = env.int("DATABASE_REPLICA_LAG_SECONDS", default=10)
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **{key: DATABASES["default"][key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
        **env.db_url_config(DATABASE_REPLICA_URL),
        # A test run reads the primary's test database through this alias.
        "TEST": {"MIRROR": "default"},
    }
    _options = DATABASES["replica"].setdefault("OPTIONS", {})
    _timeout = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
    _options["options"] = f"{_options.get('options', '')} {_timeout}".strip()
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # The deadline and the breaker of the primary (Faults and health), a breaker its own.
        DATABASES["replica"]["ENGINE"] = "cms.postgresql"
        _options.setdefault("connect_timeout", max(2, math.ceil(DATABASE_CONNECT_TIMEOUT)))
    DATABASE_ROUTERS = ["cms.db_router.ReplicaRouter"]
# Periodic tasks, queued by `manage.py run_scheduler` (cms/scheduler.py) for the workers:
# (the task's dotted path, every so many seconds or each day at "HH:MM", local time).
# Several schedulers may run: each run is claimed once in the shared cache.
SCHEDULE = [
    ("partners.tasks.flush_api_usage", 300),
    ("catalogue.tasks.refresh_offer_quality", "04:00"),
    ("catalogue.tasks.check_offer_links", "03:30"),
    ("diagnostic.tasks.purge_old_results", "05:00"),
]
# How often the scheduler looks for due tasks (seconds).
SCHEDULER_TICK_SECONDS = env.int("SCHEDULER_TICK_SECONDS", default=30)

# Browser security
#
# The Content-Security-Policy (django-csp) of every answer: only our own origin, and no
# inline script or style but those a nonce names (`{{ request.csp_nonce }}`). Public pages
# use no nonce, so that the page cache and a CDN may keep them with their header.
# CSP_REPORT_ONLY sends it as `Content-Security-Policy-Report-Only` instead, for a rollout:
# browsers then report violations (to their console, and to CSP_REPORT_URI if set) but
# block nothing.
_csp_report_only = env.bool("CSP_REPORT_ONLY", default=False)
_csp_report_uri = env.str("CSP_REPORT_URI", default="")


def _origin(url: str) -> list[str]:
    """`scheme://host[:port]` of an absolute address, for a source list; none for a path."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


_csp_directives = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, NONCE],
    # The bars of offers' scorecards are sized by `style="width: …%"` attributes, which
    # cannot load anything nor hold selectors, unlike <style> blocks.
    "style-src-attr": [UNSAFE_INLINE],
    # data: for the small icons that stylesheets inline (GraphiQL's, the admin's); media
    # may live on another host (S3, a CDN), named by MEDIA_URL.
    "img-src": [SELF, "data:", *_origin(MEDIA_URL)],
    "font-src": [SELF, "data:"],
    # Video blocks embed the player of the video's site (oEmbed: YouTube, Vimeo, and any
    # PeerTube instance, hence every HTTPS origin); the headless preview frames the
    # partner's front end in the admin.
    "frame-src": [SELF, "https:", *_origin(HEADLESS_PREVIEW_URL)],
    "object-src": [NONE],
    "base-uri": [SELF],
    # 'self', not 'none': Wagtail's preview shows our own pages in a frame of the admin.
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    **({"report-uri": [_csp_report_uri]} if _csp_report_uri else {}),
}
CONTENT_SECURITY_POLICY = None if _csp_report_only else {"DIRECTIVES": _csp_directives}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_directives} if _csp_report_only else None
# What the Wagtail admin (ADMIN_CSP_PATH) needs on top, replacing the site's directives
# (cms/csp.py). Wagtail 8 still writes inline scripts (inline panels, date and time fields,
# workflow dialogs) and loads its choosers' HTML with their scripts by fetch, which no
# nonce of the page can cover: the admin needs 'unsafe-inline' for scripts (a nonce in the
# same list would switch it off). Its templates and Draftail also write <style> blocks and
# attributes; blob: shows the images picked for upload before they are sent.
ADMIN_CSP_PATH = "/admin/"
ADMIN_CSP_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [*_csp_directives["img-src"], "blob:"],
}

# Clickjacking: no page may be framed, except Wagtail's previews, whose views say
# SAMEORIGIN themselves (`xframe_options_sameorigin_override`).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites learn our origin, never the page's path and query (a diagnostic result's
# address is its only key). Not "same-origin": YouTube's player refuses to play in a frame
# whose request carries no referrer at all.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# django-permissions-policy: the powerful features no page of ours uses, refused to our
# pages and to the frames they embed. Fullscreen, autoplay and picture-in-picture stay
# allowed for the video players.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "serial": [],
    "usb": [],
}

# Uploaded files are never run by a browser on our origin. Documents always go through
# Wagtail's view (never a storage URL: the private objects of "s3" have none), which checks
# collection privacy and answers `Content-Disposition: attachment` for every type (PDFs
# included), with `X-Content-Type-Options: nosniff` and `Content-Security-Policy:
# default-src 'none'`. Neither list admits HTML or SVG, which could carry scripts.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]

# The search index's covering index (`include=`) is a PostgreSQL optimisation; SQLite,
# the embedded default, builds the same index without the extra column, which is fine.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Every line, Django's and ours, goes to the standard error through one handler: JSON
# objects for a log shipper (LOG_FORMAT=json) or readable lines (console). Lines logged
# while a request runs carry its request_id and user_id (cms/observability/logs.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
if LOG_FORMAT not in ("json", "console"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or console.")
LOGGING_CONFIG = "cms.observability.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "cms.observability.logs.json_formatter"},
        "console": {"()": "cms.observability.logs.console_formatter"},
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers would print some lines twice; the request log replaces
        # runserver's, which would also print query strings.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}

# Observability (cms/observability/): request ids, error reports, metrics.
# An `X-Request-ID` sent by a proxy or a caller is kept when it is a plausible id
# (request_log.py checks it first); otherwise each request gets a new one.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
# An address is personal data, and behind a proxy the library would guess it from
# headers anyone can send: the request log has none.
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
# Sentry, only when a DSN is set (and sentry-sdk installed, the `sentry` extra).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="")
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
# The share of requests traced for performance (0 to 1); 0 sends errors only.
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
# The bearer token a Prometheus scrape of /metrics sends; unset, /metrics answers 404.
# Workers' counters are added up through PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

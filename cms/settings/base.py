"""Settings common to every environment. Each setting is assigned here once; the
environment modules (dev, test, production) only choose defaults for the variables read
through `env` (see environment.py), and production adds its HTTPS-only settings."""

from pathlib import Path

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
]

# Production serves its own static files, collected with hashed and compressed names, through
# WhiteNoise. Development and tests serve them from the app folders and never run collectstatic.
SERVE_STATIC = env.bool("SERVE_STATIC", default=False)

MIDDLEWARE = [
    # First, so that preflights are answered before any view (which would say 405) and
    # every API answer, a 401 or a 429 included, carries the CORS headers a browser needs.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if SERVE_STATIC else []),
    # Before sessions and the rest: a refused API request costs as little as possible.
    "partners.middleware.ApiAccessMiddleware",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.page_routing.CachedRouteMiddleware",
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
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "cms.cache.RedisCache"  # one Redis client, not one per call

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
MEDIA_URL = "/media/"
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
# Documents are served by Wagtail's view, never from a storage URL: it checks the
# collection's privacy first, and the private objects of "s3" have no public URL anyway.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

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
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

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

# The search index's covering index (`include=`) is a PostgreSQL optimisation; SQLite,
# the embedded default, builds the same index without the extra column, which is fine.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

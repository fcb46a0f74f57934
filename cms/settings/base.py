"""Settings common to every environment. Each setting is assigned here once; the
environment modules (dev, test, production) only choose defaults for the variables read
through `env` (see environment.py), and production adds its HTTPS-only settings."""

from pathlib import Path

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
    "training",
    "catalogue",
    "partners",
    "cms",
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
]

# Production serves its own static files, collected with hashed and compressed names, through
# WhiteNoise. Development and tests serve them from the app folders and never run collectstatic.
SERVE_STATIC = env.bool("SERVE_STATIC", default=False)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if SERVE_STATIC else []),
    # Public pages only (see cms/page_cache.py): outside the page cache, which stores the
    # page uncompressed, and outside the session, CSRF and messages middleware, whose
    # cookies tell a public response from a private one.
    "cms.page_cache.PublicGZipMiddleware",
    "cms.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"KEY_PREFIX": "reperes", **env.cache_url("CACHE_URL", default="locmem://")}}

# EMAIL_URL: `smtp://host:25`, `smtp+tls://user:password@host:587`, `smtp+ssl://…:465`,
# `consolemail://`, `memorymail://`. Without it, a mail server on this machine (Django's default).
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
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
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=10)
GRAPHIQL_ENABLED = env.bool("GRAPHIQL_ENABLED", default=False)

GRAPPLE = {
    "APPS": ["catalogue", "training", "home"],
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

# The search index's covering index (`include=`) is a PostgreSQL optimisation; SQLite,
# the embedded default, builds the same index without the extra column, which is fine.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

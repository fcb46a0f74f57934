from urllib.parse import urlsplit

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .api.schema import schema
from .api.sdl import schema_sdl
from .api.views import GraphQLApiView
from .health import liveness, readiness
from .media_files import MediaImageView
from .observability.exposition import MetricsView
from .observability.metrics import METRICS_PATH
from .robots import robots_txt
from .sitemap import VisibleSitemap

graphql_view = GraphQLApiView.as_view(schema=schema)

# A database outage is answered 503, not 500 (see cms/unavailable.py).
handler500 = "cms.unavailable.server_error"

urlpatterns = [
    path("healthz", liveness, name="healthz"),
    path("readyz", readiness, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("catalogue.urls")),
    path("", include("training.urls")),
    path("", include("home.urls")),
    path("graphql/", graphql_view, name="graphql"),
    # The same view without the slash: APPEND_SLASH would redirect, and a client that
    # follows a redirected POST drops its body.
    path("graphql", graphql_view),
    path("graphql/schema.graphql", schema_sdl, name="graphql-schema"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": VisibleSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(METRICS_PATH.lstrip("/"), MetricsView.as_view(), name="metrics"),
]

if settings.MEDIA_STORAGE == "filesystem":
    # In every environment, not only with DEBUG: production has no other server of uploads.
    urlpatterns.append(
        # MEDIA_URL may name a CDN in front of this server: only its path routes here.
        path(
            f"{urlsplit(settings.MEDIA_URL).path.strip('/')}/<path:path>", MediaImageView.as_view()
        )
    )

urlpatterns += [path("", include(wagtail_urls))]

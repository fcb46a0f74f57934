"""The site's URLs, plus the two peers the benchmarks compare with, mounted for the
benchmarks only: Wagtail's API v2 and stock grapple.

Stock grapple is grapple's own schema (`grapple.schema`: its generic `pages` root and the
per-item resolvers it generates), built before ours. `cms.api.schema` puts batched
resolvers on the same generated types when it is built, and graphene reads a type's
resolvers once, when a schema is built: so the stock schema must come first, and
importing `cms.urls` (which builds ours) must wait."""

import sys

from graphene_django.views import GraphQLView

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

if "cms.api.schema" in sys.modules:
    raise RuntimeError("Stock grapple's schema must be built before ours (see docstring).")

import graphene  # noqa: E402

from wagtail import hooks  # noqa: E402


def _object_type_last(mixins: list) -> None:
    mixins.append(graphene.ObjectType)


# Stock grapple builds its Mutation root from the registered mixins alone, and ours (the
# diagnostic's) are plain mixins that `cms.api.schema` completes with graphene's
# ObjectType: without it, building the stock schema fails.
with hooks.register_temporarily("register_schema_mutation", _object_type_last, order=10**6):
    from grapple.schema import schema as stock_schema  # noqa: E402

from catalogue.models import OfferPage  # noqa: E402
from cms.urls import urlpatterns as site_urlpatterns  # noqa: E402

# The same data as our `offers` query, declared for API v2 only inside the benchmark.
OfferPage.api_fields = [
    APIField("summary"),
    APIField("provider"),
    APIField("themes"),
    APIField("logo_thumbnail", serializer=ImageRenditionField("fill-160x160", source="logo")),
]

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", router.urls),
    path("stock-graphql/", csrf_exempt(GraphQLView.as_view(schema=stock_schema))),
    *site_urlpatterns,
]

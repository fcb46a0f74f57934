from django.urls import path

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from catalogue.models import OfferPage
from cms.urls import urlpatterns as site_urlpatterns

# The same data as our `offers` query, declared for API v2 only inside the benchmark.
OfferPage.api_fields = [
    APIField("summary"),
    APIField("provider"),
    APIField("themes"),
    APIField("logo_thumbnail", serializer=ImageRenditionField("fill-160x160", source="logo")),
]

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", router.urls), *site_urlpatterns]

import wagtail_factories

from catalogue.models import ReperesImage


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = ReperesImage

    title = "Logo"

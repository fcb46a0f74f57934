from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image


class ReperesImage(AbstractImage):
    """The project's image model. It differs from Wagtail's only in how it reads
    renditions that a listing has prefetched."""

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_rendition(self, filter: Filter | str):
        # Wagtail writes every rendition it returns to the cache, even a prefetched one:
        # one cache round trip per item in a list. A prefetched rendition is read as is.
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("renditions")
        if prefetched is not None:
            spec = filter.spec if isinstance(filter, Filter) else filter
            spec = self.clean_filter_for_svg(Filter(spec=spec)).spec
            focal_key = Filter(spec=spec).get_cache_key(self)
            for rendition in prefetched:
                if rendition.filter_spec == spec and rendition.focal_point_key == focal_key:
                    return rendition
        return super().get_rendition(filter)


class ReperesRendition(AbstractRendition):
    image = models.ForeignKey(ReperesImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

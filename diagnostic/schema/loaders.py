"""Per-request loaders of the diagnostic (see `cms.api.loaders` for how they batch)."""

from cms.api.loaders import ManyToManyLoader

from ..models import Measure


class ThemesByMeasureIdLoader(ManyToManyLoader):
    model = Measure
    field_name = "themes"
    target_relations = ("parent",)

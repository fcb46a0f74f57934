from wagtail.blocks import StructValue

from .choices import ActivityType


class SequenceValue(StructValue):
    @property
    def activity_label(self) -> str:
        value = self.get("activity_type")
        return ActivityType(value).label if value in ActivityType.values else ""

    @property
    def duration_label(self) -> str:
        minutes = self.get("duration_minutes") or 0
        hours, rest = divmod(minutes, 60)
        if not hours:
            return f"{rest} min"
        return f"{hours} h {rest:02d}" if rest else f"{hours} h"

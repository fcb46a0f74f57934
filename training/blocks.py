"""The sequence plan of a training module."""

from django.utils.translation import gettext_lazy as _

from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLInt, GraphQLString
from wagtail import blocks

from .choices import ActivityType
from .struct_values import SequenceValue


@register_streamfield_block
class SequenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    duration_minutes = blocks.IntegerBlock(
        label=_("duration (minutes)"),
        min_value=5,
        max_value=480,
        help_text=_("Between 5 and 480 minutes."),
    )
    activity_type = blocks.ChoiceBlock(label=_("activity type"), choices=ActivityType.choices)
    description = blocks.TextBlock(label=_("outline"))
    materials = blocks.TextBlock(
        label=_("materials and equipment"),
        required=False,
        help_text=_("E.g. slides, computers, flip chart."),
    )

    graphql_fields = [
        GraphQLString("title", required=True, description="Titre de la séquence."),
        GraphQLInt("duration_minutes", required=True, description="Durée en minutes."),
        GraphQLString("activity_type", required=True, description="Type d'activité (code)."),
        GraphQLString("activity_label", required=True, description="Type d'activité (libellé)."),
        GraphQLString("description", required=True, description="Déroulé de la séquence."),
        GraphQLString("materials", description="Supports et matériel."),
    ]

    def activity_label(self, info, values, **kwargs):
        return SequenceValue(self, values).activity_label

    class Meta:
        icon = "time"
        label = _("Sequence")
        template = "blocks/sequence.html"
        value_class = SequenceValue
        preview_value = {
            "title": "Tour de table",
            "duration_minutes": 15,
            "activity_type": "echange",
            "description": "Chaque participant présente son association et ses attentes.",
        }


class SequencePlanBlock(blocks.StreamBlock):
    sequence = SequenceBlock()

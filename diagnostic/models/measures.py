from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLForeignKey, GraphQLInt, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from catalogue.widgets import ThemeCheckboxes
from cms.api.fields import GraphQLList

from ..choices import MeasurePriority


class Measure(index.Indexed, models.Model):
    """Something an association can do about a need the diagnostic found: why it matters,
    how to start, how urgent it is, and the themes whose offers help with it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    why = models.TextField(_("why"), help_text=_("Why this matters for the association."))
    how = models.TextField(_("how"), help_text=_("A first concrete step."))
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        choices=MeasurePriority.choices,
        default=MeasurePriority.MEDIUM,
        help_text=_("Priority measures are shown first, then those of the weakest axes."),
    )
    themes = models.ManyToManyField(
        "catalogue.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="measures",
        help_text=_("The offers and modules of these themes are recommended with the measure."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("priority"),
        FieldPanel("why"),
        FieldPanel("how"),
        FieldPanel("themes", widget=ThemeCheckboxes),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    graphql_fields = [
        GraphQLString("title", required=True, description="Intitulé de la mesure."),
        GraphQLString("slug", required=True, description="Identifiant stable."),
        GraphQLString("why", required=True, description="Pourquoi cette mesure compte."),
        GraphQLString("how", required=True, description="Une première étape concrète."),
        GraphQLInt(
            "priority", required=True, description="Priorité, de 1 (urgente) à 4 (quand possible)."
        ),
        GraphQLList(
            GraphQLForeignKey,
            "themes",
            "catalogue.Theme",
            description="Thématiques dont les offres aident à la mettre en œuvre.",
        ),
    ]

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["priority", "title"]

    def __str__(self):
        return self.title

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLBoolean, GraphQLForeignKey, GraphQLInt, GraphQLPage, GraphQLString
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.api.fields import GraphQLDateTime


class SessionQuerySet(models.QuerySet):
    def upcoming(self, *, start=None, end=None) -> "SessionQuerySet":
        """Sessions not yet finished (at `start`, now by default), of visible modules,
        soonest first."""
        from .pages import TrainingModulePage

        qs = self.filter(
            module__in=TrainingModulePage.objects.visible().values("pk"),
            end__gte=start or timezone.now(),
        )
        if end is not None:
            qs = qs.filter(start__lte=end)
        return qs.select_related("module", "trainer").order_by("start", "pk")


class TrainingSession(models.Model):
    """A scheduled run of a training module, in a town or online."""

    module = models.ForeignKey(
        "training.TrainingModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    online = models.BooleanField(_("en ligne"), default=False)
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    venue = models.CharField(
        _("lieu"), max_length=200, blank=True, help_text=_("Ex. Maison des associations, salle 2.")
    )
    seats = models.PositiveSmallIntegerField(_("places"), help_text=_("Nombre de places ouvertes."))
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    trainer = models.ForeignKey(
        "catalogue.Actor",
        verbose_name=_("structure formatrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_sessions",
    )

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("module"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [
                FieldPanel("online"),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("postcode")]),
                FieldPanel("venue"),
            ],
            heading=_("Lieu"),
        ),
        FieldRowPanel([FieldPanel("seats"), FieldPanel("registration_url")]),
        FieldPanel("trainer"),
    ]
    graphql_fields = [
        GraphQLDateTime("start", required=True, description="Début (ISO 8601)."),
        GraphQLDateTime("end", required=True, description="Fin (ISO 8601)."),
        GraphQLBoolean("online", required=True, description="La session a lieu en ligne."),
        GraphQLString("commune", description="Commune."),
        GraphQLString("postcode", description="Code postal."),
        GraphQLString("venue", description="Lieu."),
        GraphQLInt("seats", required=True, description="Nombre de places."),
        GraphQLString("registration_url", description="Lien d'inscription."),
        GraphQLForeignKey("trainer", "catalogue.Actor", description="Structure formatrice."),
        GraphQLPage("module", description="Module de formation."),
    ]

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(seats__gt=0), name="session_has_seats"),
        ]

    def __str__(self):
        place = _("en ligne") if self.online else self.commune
        return f"{self.module.title} — {self.start:%d/%m/%Y} — {place}"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin doit suivre le début.")
        if self.seats is not None and self.seats <= 0:
            errors["seats"] = _("Indiquez au moins une place.")
        if not self.online and not self.commune:
            errors["commune"] = _("Indiquez la commune, ou cochez « en ligne ».")
        if errors:
            raise ValidationError(errors)

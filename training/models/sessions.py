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
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    online = models.BooleanField(_("online"), default=False)
    commune = models.CharField(_("municipality"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("E.g. Maison des associations, room 2.")
    )
    seats = models.PositiveSmallIntegerField(_("seats"), help_text=_("Number of seats available."))
    registration_url = models.URLField(_("registration link"), blank=True)
    trainer = models.ForeignKey(
        "catalogue.Actor",
        verbose_name=_("training organisation"),
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
            heading=_("Venue"),
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
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(seats__gt=0), name="session_has_seats"),
        ]

    def __str__(self):
        place = _("online") if self.online else self.commune
        return f"{self.module.title} — {self.start:%d/%m/%Y} — {place}"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must come after the start.")
        if self.seats is not None and self.seats <= 0:
            errors["seats"] = _("Offer at least one seat.")
        if not self.online and not self.commune:
            errors["commune"] = _("Give the municipality, or tick “online”.")
        if errors:
            raise ValidationError(errors)

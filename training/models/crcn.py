from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLString
from wagtail.admin.panels import FieldPanel


class CompetenceDomain(models.Model):
    """A domain of the French digital skills framework (CRCN), e.g. « Protection et sécurité »."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("code"), FieldPanel("name")]
    graphql_fields = [
        GraphQLString("code", required=True, description="Code du domaine (1 à 5)."),
        GraphQLString("name", required=True, description="Nom du domaine."),
    ]

    class Meta:
        verbose_name = _("CRCN domain")
        verbose_name_plural = _("CRCN domains")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}. {self.name}"


class Competence(models.Model):
    """One of the 16 competences of the CRCN, e.g. « 4.2 Protéger les données personnelles »."""

    domain = models.ForeignKey(
        CompetenceDomain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="competences",
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=160)

    panels = [FieldPanel("domain"), FieldPanel("code"), FieldPanel("name")]
    graphql_fields = [
        GraphQLString("code", required=True, description="Code de la compétence, ex. 4.2."),
        GraphQLString("name", required=True, description="Nom de la compétence."),
        GraphQLString("domain_code", required=True, description="Code du domaine."),
        GraphQLString("domain_name", required=True, description="Nom du domaine."),
    ]

    class Meta:
        verbose_name = _("CRCN competence")
        verbose_name_plural = _("CRCN competences")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def domain_code(self) -> str:
        return self.domain.code

    @property
    def domain_name(self) -> str:
        return self.domain.name

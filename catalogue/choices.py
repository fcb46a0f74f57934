from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActorKind(models.TextChoices):
    DIGITAL_ACTOR = "acteur_numerique", _("Digital actor")
    SUPPORT_STRUCTURE = "structure_accompagnement", _("Support structure")
    PUBLISHER = "editeur", _("Publisher")
    PUBLIC_SERVICE = "service_public", _("Public service")


class GuidAssoLevel(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation")
    INFORMATION = "information", _("Information")
    GENERALIST = "accompagnement_generaliste", _("General support")
    SPECIALIST = "accompagnement_specialiste", _("Specialist support")


class PricingModel(models.TextChoices):
    FREE = "gratuit", pgettext_lazy("pricing model", "Free")
    PAY_WHAT_YOU_WANT = "prix_libre", _("Pay what you want")
    MEMBERSHIP = "adhesion", _("Membership")
    FREEMIUM = "freemium", _("Freemium")
    PAID = "payant", _("Paid")
    NONPROFIT_RATE = "tarif_associatif", _("Non-profit rate")


class OfferFormat(models.TextChoices):
    ONLINE = "en_ligne", _("Online")
    ONSITE = "presentiel", _("On site")
    HYBRID = "hybride", _("Hybrid")


class Territory(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("territory", "National")
    REGIONAL = "regional", pgettext_lazy("territory", "Regional")
    DEPARTMENTAL = "departemental", pgettext_lazy("territory", "Departmental")
    LOCAL = "local", pgettext_lazy("territory", "Local")


class ToolLicence(models.TextChoices):
    FREE_SOFTWARE = "libre", _("Free software")
    PROPRIETARY = "proprietaire", _("Proprietary software")


class HostingLocation(models.TextChoices):
    FRANCE = "france", _("France")
    EU = "ue", _("European Union")
    OUTSIDE_EU = "hors_ue", _("Outside the European Union")
    SELF_HOSTED = "auto_heberge", _("Self-hostable")
    UNKNOWN = "inconnu", _("Not stated")


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    VIDEO = "video", _("Video")
    INFOGRAPHIC = "infographie", _("Infographic")
    METHODOLOGY = "methodologie", _("Methodology")
    TOOLBOX = "boite_a_outils", _("Toolbox")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")


class ContentLicence(models.TextChoices):
    CC_BY = "cc_by", _("Creative Commons BY")
    CC_BY_SA = "cc_by_sa", _("Creative Commons BY-SA")
    CC_BY_NC_SA = "cc_by_nc_sa", _("Creative Commons BY-NC-SA")
    OPEN_LICENCE = "licence_ouverte", _("Open Licence (Etalab)")
    ALL_RIGHTS_RESERVED = "tous_droits_reserves", _("All rights reserved")


class TrainingLevel(models.TextChoices):
    BEGINNER = "debutant", _("Beginner")
    INTERMEDIATE = "intermediaire", _("Intermediate")
    ADVANCED = "avance", _("Advanced")


class OfferOrdering(models.TextChoices):
    """Allowed orderings for offer listings, never a raw order_by string."""

    TITLE = "titre", _("Title (A → Z)")
    RECENT = "recent", _("Recently updated")
    OLDEST = "ancien", _("Least recently updated")
    QUALITY = "qualite", _("Best data quality first")
    # The overall score of the scorecard (`catalogue.scorecards`); offers not evaluated last.
    SCORE = "score", _("Best evaluated")


class AnswerValue(models.TextChoices):
    """An answer on the grid; its score (`ANSWER_SCORES`) is what the scorecard adds up."""

    YES = "oui", pgettext_lazy("evaluation answer", "Yes")
    PARTIAL = "partiel", pgettext_lazy("evaluation answer", "Partly")
    NO = "non", pgettext_lazy("evaluation answer", "No")
    NOT_APPLICABLE = "na", pgettext_lazy("evaluation answer", "Not applicable")


# "Not applicable" is never scored: it leaves the criterion out instead of counting as "no".
ANSWER_SCORES = {
    AnswerValue.YES: 2,
    AnswerValue.PARTIAL: 1,
    AnswerValue.NO: 0,
    AnswerValue.NOT_APPLICABLE: None,
}


class LinkSource(models.TextChoices):
    """Where in an offer the link checker found a link."""

    WEBSITE = "site_web", _("Website")
    FIELD = "champ", _("Other field of the offer")
    BODY = "presentation", _("Presentation")


class ReportReason(models.TextChoices):
    """Why a visitor reports an offer (`OfferReport`)."""

    WRONG = "erronee", _("Wrong information")
    OUTDATED = "obsolete", _("Outdated information")
    BROKEN_LINK = "lien_casse", _("Broken link")
    OTHER = "autre", _("Other")


class ReportStatus(models.TextChoices):
    OPEN = "ouvert", _("Open")
    CLOSED = "clos", _("Closed")


class ReviewDue(models.TextChoices):
    """How urgent an offer's next check is, in the report of offers to review."""

    OVERDUE = "depassee", _("Review date passed")
    SOON = "proche", _("Review date near")
    UNDATED = "sans_date", _("No review date")

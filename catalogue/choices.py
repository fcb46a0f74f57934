from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    DIGITAL_ACTOR = "acteur_numerique", _("Acteur du numérique")
    SUPPORT_STRUCTURE = "structure_accompagnement", _("Structure d'accompagnement")
    PUBLISHER = "editeur", _("Éditeur")
    PUBLIC_SERVICE = "service_public", _("Service public")


class GuidAssoLevel(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation")
    INFORMATION = "information", _("Information")
    GENERALIST = "accompagnement_generaliste", _("Accompagnement généraliste")
    SPECIALIST = "accompagnement_specialiste", _("Accompagnement spécialiste")


class PricingModel(models.TextChoices):
    FREE = "gratuit", _("Gratuit")
    PAY_WHAT_YOU_WANT = "prix_libre", _("Prix libre")
    MEMBERSHIP = "adhesion", _("Adhésion")
    FREEMIUM = "freemium", _("Freemium")
    PAID = "payant", _("Payant")
    NONPROFIT_RATE = "tarif_associatif", _("Tarif associatif")


class OfferFormat(models.TextChoices):
    ONLINE = "en_ligne", _("En ligne")
    ONSITE = "presentiel", _("Présentiel")
    HYBRID = "hybride", _("Hybride")


class Territory(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Régional")
    DEPARTMENTAL = "departemental", _("Départemental")
    LOCAL = "local", _("Local")


class ToolLicence(models.TextChoices):
    FREE_SOFTWARE = "libre", _("Logiciel libre")
    PROPRIETARY = "proprietaire", _("Logiciel propriétaire")


class HostingLocation(models.TextChoices):
    FRANCE = "france", _("France")
    EU = "ue", _("Union européenne")
    OUTSIDE_EU = "hors_ue", _("Hors Union européenne")
    SELF_HOSTED = "auto_heberge", _("Auto-hébergeable")
    UNKNOWN = "inconnu", _("Non communiqué")


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    VIDEO = "video", _("Vidéo")
    INFOGRAPHIC = "infographie", _("Infographie")
    METHODOLOGY = "methodologie", _("Méthodologie")
    TOOLBOX = "boite_a_outils", _("Boîte à outils")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")


class ContentLicence(models.TextChoices):
    CC_BY = "cc_by", _("Creative Commons BY")
    CC_BY_SA = "cc_by_sa", _("Creative Commons BY-SA")
    CC_BY_NC_SA = "cc_by_nc_sa", _("Creative Commons BY-NC-SA")
    OPEN_LICENCE = "licence_ouverte", _("Licence Ouverte (Etalab)")
    ALL_RIGHTS_RESERVED = "tous_droits_reserves", _("Tous droits réservés")


class TrainingLevel(models.TextChoices):
    BEGINNER = "debutant", _("Débutant")
    INTERMEDIATE = "intermediaire", _("Intermédiaire")
    ADVANCED = "avance", _("Avancé")


class OfferOrdering(models.TextChoices):
    """Allowed orderings for offer listings, never a raw order_by string."""

    TITLE = "titre", _("Titre (A → Z)")
    RECENT = "recent", _("Mises à jour récentes")
    OLDEST = "ancien", _("Mises à jour anciennes")

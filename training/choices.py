from django.db import models
from django.utils.translation import gettext_lazy as _


class PathLevel(models.TextChoices):
    LEVEL_1 = "niveau_1", _("Niveau 1 — acculturation numérique")
    LEVEL_2 = "niveau_2", _("Niveau 2 — démarche collaborative et enjeux associatifs")


class ModuleFormat(models.TextChoices):
    ONSITE = "presentiel", _("Présentiel")
    REMOTE = "distanciel", _("Distanciel")
    HYBRID = "hybride", _("Hybride")


class ActivityType(models.TextChoices):
    LECTURE = "apport", _("Apport")
    WORKSHOP = "atelier_pratique", _("Atelier pratique")
    ROLE_PLAY = "mise_en_situation", _("Mise en situation")
    DISCUSSION = "echange", _("Échange")
    ASSESSMENT = "evaluation", _("Évaluation")

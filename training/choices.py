from django.db import models
from django.utils.translation import gettext_lazy as _


class PathLevel(models.TextChoices):
    LEVEL_1 = "niveau_1", _("Level 1 — digital literacy")
    LEVEL_2 = "niveau_2", _("Level 2 — collaborative approach and associations' stakes")


class ModuleFormat(models.TextChoices):
    ONSITE = "presentiel", _("On site")
    REMOTE = "distanciel", _("Remote")
    HYBRID = "hybride", _("Hybrid")


class ActivityType(models.TextChoices):
    LECTURE = "apport", _("Lecture")
    WORKSHOP = "atelier_pratique", _("Hands-on workshop")
    ROLE_PLAY = "mise_en_situation", _("Role play")
    DISCUSSION = "echange", _("Discussion")
    ASSESSMENT = "evaluation", _("Assessment")

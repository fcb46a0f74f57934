from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

siret_validator = RegexValidator(r"^\d{14}$", _("Un SIRET compte exactement 14 chiffres."))
rna_validator = RegexValidator(
    r"^W\d{9}$", _("Un numéro RNA commence par W suivi de 9 chiffres (ex. W372000123).")
)
postcode_validator = RegexValidator(r"^\d{5}$", _("Un code postal compte 5 chiffres."))
departments_validator = RegexValidator(
    r"^(\s*(\d{2,3}|2A|2B)\s*)(,\s*(\d{2,3}|2A|2B)\s*)*$",
    _("Indiquez des numéros de départements séparés par des virgules (ex. 37, 41)."),
)

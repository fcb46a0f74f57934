from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

siret_validator = RegexValidator(r"^\d{14}$", _("A SIRET number has exactly 14 digits."))
rna_validator = RegexValidator(
    r"^W\d{9}$", _("An RNA number is W followed by 9 digits (e.g. W372000123).")
)
postcode_validator = RegexValidator(r"^\d{5}$", _("A postcode has 5 digits."))
departments_validator = RegexValidator(
    r"^(\s*(\d{2,3}|2A|2B)\s*)(,\s*(\d{2,3}|2A|2B)\s*)*$",
    _("Enter department numbers separated by commas (e.g. 37, 41)."),
)

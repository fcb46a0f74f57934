import pytest

from django.core.exceptions import ValidationError

from catalogue.models import Audience, Theme
from catalogue.services import taxonomy_load_seed
from tests.factories.catalogue import ThemeFactory

pytestmark = pytest.mark.django_db


def test_seed_loads_two_level_themes_and_audiences_once():
    first = taxonomy_load_seed()
    second = taxonomy_load_seed()

    assert first["themes"] == Theme.objects.count() > 20
    assert first["audiences"] == Audience.objects.count() == 10
    assert second == {"themes": 0, "audiences": 0, "criteria": 0}
    rgpd = Theme.objects.get(slug="rgpd")
    assert rgpd.parent.slug == "donnees-securite"
    assert str(rgpd) == "Données et sécurité › Protection des données personnelles (RGPD)"


def test_themes_have_two_levels_at_most():
    top = ThemeFactory()
    child = ThemeFactory(parent=top)
    grandchild = Theme(name="Trop profond", slug="trop-profond", parent=child)

    with pytest.raises(ValidationError) as excinfo:
        grandchild.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_a_theme_with_children_cannot_get_a_parent():
    top = ThemeFactory()
    ThemeFactory(parent=top)
    other = ThemeFactory()
    top.parent = other

    with pytest.raises(ValidationError):
        top.full_clean()

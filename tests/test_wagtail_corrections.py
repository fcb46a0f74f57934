"""Our corrections of Wagtail's French strings (locale/wagtail) are the ones Django uses."""

from datetime import timedelta

import pytest

from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Current page status:", "Statut actuel de la page :"),
        ("Status: ", "Statut : "),
        ("Hello %(username)s,", "Bonjour %(username)s,"),
    ],
)
def test_wagtails_wrong_french_is_corrected(english, french):
    assert gettext(english) == french


def test_moments_ago_read_as_french():
    assert timesince_simple(timezone.now()) == "à l'instant"
    assert timesince_simple(timezone.now() - timedelta(minutes=12)) == "il y a 12\xa0minutes"

"""Seeds the synonyms editors start from; they maintain them in the admin afterwards."""

from django.db import migrations

SYNONYMS = [
    "visio\nvisioconférence\nréunion à distance",
    "RGPD\ndonnées personnelles",
    "compta\ncomptabilité",
    "asso\nassociation",
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalogue", "SearchSynonym")
    for terms in SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_site_search")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

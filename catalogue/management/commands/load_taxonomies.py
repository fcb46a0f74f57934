from django.core.management.base import BaseCommand
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalogue.services import taxonomy_load_seed


class Command(BaseCommand):
    help = _("Load (or update) the reference themes and audiences.")

    def handle(self, **options):
        created = taxonomy_load_seed()
        themes = ngettext(
            "%(count)s theme created", "%(count)s themes created", created["themes"]
        ) % {"count": created["themes"]}
        audiences = ngettext(
            "%(count)s audience created", "%(count)s audiences created", created["audiences"]
        ) % {"count": created["audiences"]}
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Taxonomies up to date: %(themes)s, %(audiences)s.")
                % {"themes": themes, "audiences": audiences}
            )
        )

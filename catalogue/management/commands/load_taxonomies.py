from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalogue.services import taxonomy_load_seed
from cms.management.base import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _("Load (or update) the reference themes and audiences, and the evaluation grid.")

    def handle(self, **options):
        created = taxonomy_load_seed()
        themes = ngettext(
            "%(count)s theme created", "%(count)s themes created", created["themes"]
        ) % {"count": created["themes"]}
        audiences = ngettext(
            "%(count)s audience created", "%(count)s audiences created", created["audiences"]
        ) % {"count": created["audiences"]}
        criteria = ngettext(
            "%(count)s criterion created", "%(count)s criteria created", created["criteria"]
        ) % {"count": created["criteria"]}
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Taxonomies up to date: %(themes)s, %(audiences)s, %(criteria)s.")
                % {"themes": themes, "audiences": audiences, "criteria": criteria}
            )
        )

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cms.management.base import TranslatedHelpCommand
from partners.key_services import api_key_usage_flush_all


class Command(TranslatedHelpCommand):
    help = _(
        "Write the API keys' request counts of today and yesterday from the shared cache "
        "to the database. Run it from cron, every few minutes."
    )

    def handle(self, **options):
        rows = api_key_usage_flush_all()
        self.stdout.write(
            ngettext("%(count)d daily count written.", "%(count)d daily counts written.", rows)
            % {"count": rows}
            if rows
            else gettext("No API key was used today or yesterday.")
        )

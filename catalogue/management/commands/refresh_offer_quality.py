from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalogue.services import offer_quality_refresh
from catalogue.tasks import refresh_offer_quality
from cms.management.base import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _(
        "Recompute the data-quality score of every offer, on the task queue. Run it from "
        "cron once a day: freshness falls with the date alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help=_("Compute in this process instead of the task queue (after a deployment)."),
        )

    def handle(self, *, now=False, **options):
        if not now:
            result = refresh_offer_quality.enqueue()
            self.stdout.write(gettext("Refresh queued (task %(id)s).") % {"id": result.id})
            return
        changed = offer_quality_refresh()
        self.stdout.write(
            ngettext("%(count)d score changed.", "%(count)d scores changed.", changed)
            % {"count": changed}
            if changed
            else gettext("No score changed.")
        )

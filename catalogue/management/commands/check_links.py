from django_tasks import TaskResultStatus

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.tasks import check_offer_links
from cms.management.base import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _(
        "Queue a check of the links of every live offer (website, address fields and links "
        "in the presentation), which the background worker runs. Run it from cron, once a "
        "day or a week; the results are in the « Broken links » report."
    )

    def handle(self, **options):
        result = check_offer_links.enqueue()
        if not result.is_finished:
            self.stdout.write(
                gettext(
                    "Link check queued (task %(id)s); the background worker runs it: "
                    "manage.py db_worker --backend background"
                )
                % {"id": result.id}
            )
        elif result.status == TaskResultStatus.SUCCESSFUL:
            # A backend that runs tasks at once (development, tests) has already done it.
            self.stdout.write(
                gettext("Links checked: %(links)d (offers: %(offers)d, broken: %(broken)d).")
                % result.return_value
            )
        else:
            raise CommandError(
                gettext("The link check failed: %(error)s")
                % {"error": result.errors[-1].traceback if result.errors else result.status}
            )

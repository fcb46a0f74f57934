from django_tasks import TaskResultStatus

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from diagnostic.tasks import purge_old_results


class Command(BaseCommand):
    # Translated when asked for: argparse cannot wrap a lazy string (`manage.py help`).
    @property
    def help(self):
        return gettext(
            "Queue the deletion of the anonymous diagnostic results older than "
            "DIAGNOSTIC_RETENTION_MONTHS months (0 keeps them all), which the background worker "
            "runs. Results an advisor attached to one of their associations are kept. Run it "
            "from cron, once a day."
        )

    def handle(self, **options):
        if settings.DIAGNOSTIC_RETENTION_MONTHS <= 0:
            self.stdout.write(
                gettext("DIAGNOSTIC_RETENTION_MONTHS is 0: diagnostic results are kept.")
            )
            return
        result = purge_old_results.enqueue()
        if not result.is_finished:
            self.stdout.write(
                gettext(
                    "Deletion of old diagnostic results queued (task %(id)s); the background "
                    "worker runs it: manage.py db_worker --backend background"
                )
                % {"id": result.id}
            )
        elif result.status == TaskResultStatus.SUCCESSFUL:
            # A backend that runs tasks at once (development, tests) has already done it.
            self.stdout.write(
                gettext("Anonymous diagnostic results deleted: %(count)d.")
                % {"count": result.return_value}
            )
        else:
            raise CommandError(
                gettext("The deletion of old diagnostic results failed: %(error)s")
                % {"error": result.errors[-1].traceback if result.errors else result.status}
            )

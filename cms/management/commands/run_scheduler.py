import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from cms import scheduler


class Command(BaseCommand):
    # Translated when asked for: argparse cannot wrap a lazy string (`manage.py help`).
    @property
    def help(self):
        return gettext(
            "Queue the periodic tasks of SCHEDULE when they fall due, for the background "
            "workers, until stopped (SIGTERM or SIGINT). One such process is enough; a second "
            "one queues nothing twice."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help=gettext("Queue the tasks due now, then exit."),
        )

    def handle(self, **options):
        scheduler.parse(settings.SCHEDULE)  # a wrong entry stops the start, not a tick
        stop = threading.Event()
        if not options["once"]:
            # honcho, systemd and gunicorn's habits: SIGTERM asks for a clean stop.
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_args: stop.set())
            self.stdout.write(gettext("Scheduler started."), ending="\n")
            self.stdout.flush()
        while True:
            for task_path in scheduler.run_due():
                self.stdout.write(gettext("Queued: %(task)s") % {"task": task_path})
            self.stdout.flush()
            if options["once"] or stop.wait(settings.SCHEDULER_TICK_SECONDS):
                break
        if not options["once"]:
            self.stdout.write(gettext("Scheduler stopped."))

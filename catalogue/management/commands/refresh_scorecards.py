from django.core.management.base import BaseCommand

from catalogue.services import scorecards_refresh_all


class Command(BaseCommand):
    help = "Recompute every offer's scorecard from its current approved evaluations."

    def handle(self, **options):
        count = scorecards_refresh_all()
        self.stdout.write(f"{count} offers have a scorecard.")

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.site import site_sync


class Command(BaseCommand):
    help = (
        "Point the default Wagtail Site at SITE_URL, which every absolute link derives from. "
        "Run it after migrate on each deployment; it changes nothing when already in step."
    )

    def handle(self, **options):
        changed = site_sync()
        state = "updated" if changed else "already up to date"
        self.stdout.write(f"Default site {state}: {settings.SITE_URL}")

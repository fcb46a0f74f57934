from django.test.utils import override_settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.management.base import TranslatedHelpCommand
from home.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from home.demo.loader import load_demo


class Command(TranslatedHelpCommand):
    help = _("Load the demo content (idempotent: running it again changes nothing).")

    def handle(self, **options):
        # The demo's workflow transitions would print their notification emails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            created = load_demo(log=self.stdout.write)
        accounts = ", ".join(["admin", *(username for username, *_rest in DEMO_ACCOUNTS)])
        self.stdout.write(
            gettext("Demo accounts (%(accounts)s); password: %(password)s (demo only).")
            % {"accounts": accounts, "password": DEMO_PASSWORD}
        )
        if not created:
            self.stdout.write(
                self.style.SUCCESS(gettext("Demo content already up to date: nothing to create."))
            )
            return
        summary = ", ".join(
            gettext("%(name)s: %(count)s") % {"name": key, "count": value}
            for key, value in sorted(created.items())
        )
        self.stdout.write(
            self.style.SUCCESS(gettext("Demo content loaded (%(summary)s).") % {"summary": summary})
        )

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from home.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from home.demo.loader import load_demo


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : une seconde exécution ne change rien)."

    def handle(self, **options):
        # The demo's workflow transitions would print their notification emails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            created = load_demo(log=self.stdout.write)
        accounts = ", ".join(["admin", *(username for username, *_rest in DEMO_ACCOUNTS)])
        self.stdout.write(
            f"Comptes de démonstration ({accounts}) ; mot de passe : {DEMO_PASSWORD} "
            "(démonstration uniquement)."
        )
        if not created:
            self.stdout.write(
                self.style.SUCCESS("Contenu de démonstration déjà à jour : rien à créer.")
            )
            return
        summary = ", ".join(f"{key} : {value}" for key, value in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration chargé ({summary})."))

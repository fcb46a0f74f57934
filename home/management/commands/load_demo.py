from django.core.management.base import BaseCommand

from home.demo.loader import load_demo


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : une seconde exécution ne change rien)."

    def handle(self, **options):
        created = load_demo(log=self.stdout.write)
        if not created:
            self.stdout.write(
                self.style.SUCCESS("Contenu de démonstration déjà à jour : rien à créer.")
            )
            return
        summary = ", ".join(f"{key} : {value}" for key, value in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration chargé ({summary})."))

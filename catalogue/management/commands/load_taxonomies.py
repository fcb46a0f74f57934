from django.core.management.base import BaseCommand

from catalogue.services import taxonomy_load_seed


class Command(BaseCommand):
    help = "Charge (ou met à jour) les thématiques et publics de référence."

    def handle(self, **options):
        created = taxonomy_load_seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Référentiels à jour : {created['themes']} thématique(s) et "
                f"{created['audiences']} public(s) créés."
            )
        )

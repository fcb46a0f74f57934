from django.core.management.base import BaseCommand

from catalogue.search import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index (offers and training modules) from live pages."

    def handle(self, **options):
        pages = search_index_rebuild()
        self.stdout.write(f"{pages} pages indexed.")

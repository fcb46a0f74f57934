import json

from django.core.management.base import BaseCommand, CommandError
from django.test import Client


class Command(BaseCommand):
    help = "Vérifie que le site répond : accueil, catalogue et API GraphQL (utilisé par la CI)."

    def handle(self, **options):
        client = Client(HTTP_HOST="localhost")
        for path in ("/", "/catalogue/", "/catalogue/?kind=outil", "/admin/login/"):
            response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path} a répondu {response.status_code}.")
        response = client.post(
            "/graphql/",
            json.dumps({"query": "{ offers(perPage: 100) { pagination { total } } }"}),
            content_type="application/json",
        )
        body = response.json()
        total = body.get("data", {}).get("offers", {}).get("pagination", {}).get("total", 0)
        if response.status_code != 200 or total < 40:
            raise CommandError(f"GraphQL : réponse inattendue {body}.")
        self.stdout.write(
            self.style.SUCCESS(f"Le site répond ; {total} offres publiées dans l'API.")
        )

import re
from pathlib import Path

from graphql import print_schema

from django.core.management.base import BaseCommand, CommandError

from cms.api.schema import schema


def stable_sdl(sdl: str) -> str:
    """grapple collects a type's interfaces in a set, so their order changes between
    processes; sort them so the committed SDL only changes when the schema does."""
    return re.sub(
        r"implements ([\w &]+) \{",
        lambda match: "implements " + " & ".join(sorted(match.group(1).split(" & "))) + " {",
        sdl,
    )


class Command(BaseCommand):
    help = "Écrit le schéma GraphQL (SDL) dans un fichier, ou vérifie qu'il est à jour (--check)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="schema.graphql")
        parser.add_argument("--check", action="store_true", help="Échoue si le fichier diffère.")

    def handle(self, path, check, **options):
        sdl = stable_sdl(print_schema(schema.graphql_schema)) + "\n"
        target = Path(path)
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != sdl:
                raise CommandError(
                    f"{target} n'est plus à jour : lancez `python3 tasks.py schema` et committez-le."
                )
            self.stdout.write(self.style.SUCCESS(f"{target} est à jour."))
            return
        target.write_text(sdl, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Schéma écrit dans {target}."))

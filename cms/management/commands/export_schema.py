import re
from pathlib import Path

from graphql import print_schema

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.api.schema import schema
from cms.management.base import TranslatedHelpCommand


def stable_sdl(sdl: str) -> str:
    """grapple collects a type's interfaces in a set, so their order changes between
    processes; sort them so the committed SDL only changes when the schema does."""
    return re.sub(
        r"implements ([\w &]+) \{",
        lambda match: "implements " + " & ".join(sorted(match.group(1).split(" & "))) + " {",
        sdl,
    )


class Command(TranslatedHelpCommand):
    help = _("Write the GraphQL schema (SDL) to a file, or check that it is up to date (--check).")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="schema.graphql")
        parser.add_argument("--check", action="store_true", help=_("Fail if the file differs."))

    def handle(self, path, check, **options):
        sdl = stable_sdl(print_schema(schema.graphql_schema)) + "\n"
        target = Path(path)
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != sdl:
                raise CommandError(
                    gettext("%(path)s is out of date: run `python3 tasks.py schema` and commit it.")
                    % {"path": target}
                )
            self.stdout.write(
                self.style.SUCCESS(gettext("%(path)s is up to date.") % {"path": target})
            )
            return
        target.write_text(sdl, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(gettext("Schema written to %(path)s.") % {"path": target})
        )

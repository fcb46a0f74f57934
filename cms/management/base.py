"""The base of our management commands, whose `help` is translated."""

from django.core.management.base import BaseCommand


class TranslatedHelpCommand(BaseCommand):
    # argparse formats the description with a regular expression, which a lazy
    # translation is not: `manage.py help <command>` failed with a TypeError. The text is
    # translated here, once the language is active.
    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

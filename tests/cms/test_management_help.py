import pytest

from django.core.management import get_commands, load_command_class
from django.utils import translation

PROJECT_APPS = {"cms", "catalogue", "training", "home", "diagnostic", "partners"}
PROJECT_COMMANDS = sorted(
    (name, app) for name, app in get_commands().items() if app in PROJECT_APPS
)


def test_the_project_has_commands_to_check():
    assert {"check_links", "load_demo", "export_schema"} <= {name for name, _ in PROJECT_COMMANDS}


@pytest.mark.parametrize(("name", "app"), PROJECT_COMMANDS, ids=[n for n, _ in PROJECT_COMMANDS])
def test_help_of_every_command_is_printed_in_french(name, app):
    command = load_command_class(app, name)
    with translation.override("fr"):
        text = command.create_parser("manage.py", name).format_help()
    assert f"manage.py {name}" in text
    assert str(command.help).split()[0] in text

#!/usr/bin/env python3
"""Project commands that need nothing but python3: they create `.venv`, install the
dependencies pinned in pyproject.toml, then run inside it.

    python3 tasks.py demo     # set up, load the French demo content, serve on :8000
    python3 tasks.py demo --reset   # the same, from an empty SQLite database
    python3 tasks.py serve    # the Procfile's processes (web, worker, scheduler), with honcho
    python3 tasks.py test     # run the test suite (pytest arguments may follow)
    python3 tasks.py lint | format | schema | check-schema | check-messages | bench | setup
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".reperes-deps"
SCHEMA_FILE = ROOT / "schema.graphql"
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# Our corrections of Wagtail's French strings; written by hand, not by makemessages.
WAGTAIL_CORRECTIONS = ROOT / "locale" / "wagtail" / "fr" / "LC_MESSAGES" / "django.po"
# Locations by file only: line numbers would make every merge of two branches conflict.
MAKEMESSAGES = ("makemessages", "--locale", "fr", "--add-location", "file")
MAKEMESSAGES += ("--ignore", "tests", "--ignore", "bench")


def run(*args: str, env: dict | None = None) -> None:
    result = subprocess.run(args, cwd=ROOT, env={**os.environ, **(env or {})}, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def manage(*args: str, env: dict | None = None) -> None:
    run(str(PYTHON), "manage.py", *args, env=env)


def setup() -> None:
    """Create the virtual environment and install the pinned dependencies (once per change)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    digest = hashlib.sha256("\n".join(requirements).encode()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PYTHON.exists():
        print("Création de l'environnement virtuel .venv…")
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", *requirements)
    STAMP.write_text(digest)


def reset_demo(environ=os.environ) -> list[Path]:
    """Remove the embedded demo's database and uploaded files, so that the demo is loaded
    again from nothing; returns what it removed. It never touches a database or a media
    folder set through the environment: those may hold more than the demo."""
    if environ.get("DATABASE_URL") or environ.get("MEDIA_ROOT"):
        sys.exit(
            "--reset ne s'applique qu'à la démonstration embarquée (SQLite) : "
            "DATABASE_URL ou MEDIA_ROOT est défini, rien n'est supprimé."
        )
    removed = []
    for path in (ROOT / "db.sqlite3", ROOT / "db.sqlite3-journal", ROOT / "media"):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        else:
            continue
        removed.append(path)
    return removed


def demo(*args: str) -> None:
    if "--reset" in args:
        args = tuple(arg for arg in args if arg != "--reset")
        for path in reset_demo():
            print(f"Supprimé : {path.relative_to(ROOT)}")
    setup()
    manage("migrate", "--no-input")
    manage("load_demo")
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nRepères tourne sur http://{address}/ — administration : http://{address}/admin/\n")
    manage("runserver", address)


def dotenv(path: Path) -> dict[str, str]:
    """The `NAME=value` lines of an env file, as honcho reads them (comments skipped; the
    environment wins over the file)."""
    variables = {}
    for line in path.read_text().splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and not name.startswith("#"):
            variables[name.strip()] = value.strip().strip("'\"")
    return {name: value for name, value in variables.items() if name not in os.environ}


def serve(*args: str) -> None:
    """The production topology on one machine: gunicorn, a task worker and the scheduler,
    started by honcho from the Procfile with the variables of .env (made from .env.example
    the first time). Ctrl-C stops all three."""
    setup()
    env_file = ROOT / ".env"
    if not env_file.exists():
        shutil.copy(ROOT / ".env.example", env_file)
        print("Créé : .env (copie de .env.example, à adapter)")
    # migrate and collectstatic must see the database and storage the processes will use.
    variables = dotenv(env_file)
    manage("migrate", "--no-input", env=variables)
    manage("collectstatic", "--no-input", "--verbosity", "0", env=variables)
    environ = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    honcho = str(VENV / "bin" / "honcho")
    os.chdir(ROOT)
    os.execve(honcho, [honcho, "start", *args], environ)  # noqa: S606  (honcho, replacing us)


def test(*args: str) -> None:
    setup()
    # One test process per core (two to four), unless the arguments say otherwise.
    if not any(arg.startswith(("-n", "--numprocesses")) or arg == "no:xdist" for arg in args):
        args = ("-n", str(min(max(os.cpu_count() or 1, 2), 4)), *args)
    run(str(PYTHON), "-m", "pytest", *args)


def lint(*_args: str) -> None:
    setup()
    run(str(PYTHON), "-m", "ruff", "check", ".")
    run(str(PYTHON), "-m", "ruff", "format", "--check", ".")
    # The layers (home > training > catalogue > cms plumbing) and no import cycles.
    run(str(VENV / "bin" / "lint-imports"))


def format_code(*_args: str) -> None:
    setup()
    run(str(PYTHON), "-m", "ruff", "check", "--fix", ".")
    run(str(PYTHON), "-m", "ruff", "format", ".")


def schema(*_args: str) -> None:
    setup()
    manage("export_schema", str(SCHEMA_FILE))


def check_schema(*_args: str) -> None:
    setup()
    manage("export_schema", "--check", str(SCHEMA_FILE))


def _catalogue_entries(*msgattrib_flags: str) -> list[str]:
    """The msgids of the French catalogue that msgattrib selects, header left out."""
    output = subprocess.run(
        ["msgattrib", *msgattrib_flags, "--no-obsolete", "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line for line in output.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
    ]


def check_messages(*_args: str) -> None:
    """Fail when the French catalogue lags behind the code: a compiled .mo that does not
    match the .po, or a string that makemessages finds and that has no French translation, or only
    a fuzzy one. Django falls back to the English msgid without a word, so only a check
    catches it."""
    setup()
    for catalogue in (CATALOGUE, WAGTAIL_CORRECTIONS):
        compiled = catalogue.with_suffix(".mo")
        with tempfile.TemporaryDirectory() as folder:
            fresh = Path(folder) / "django.mo"
            # The same msgfmt call as compilemessages: the bytes match when nothing changed.
            run("msgfmt", "--check-format", "-o", str(fresh), str(catalogue))
            if not compiled.exists() or fresh.read_bytes() != compiled.read_bytes():
                print(f"{compiled.relative_to(ROOT)} ne correspond pas au .po : lancez")
                print("  .venv/bin/python manage.py compilemessages -l fr --ignore .venv")
                sys.exit(1)
    committed = CATALOGUE.read_text()
    manage(*MAKEMESSAGES)
    untranslated = _catalogue_entries("--untranslated")
    fuzzy = _catalogue_entries("--only-fuzzy")
    if not untranslated and not fuzzy:
        # What makemessages changed is bookkeeping (date, locations, obsolete entries):
        # keep the working tree clean.
        CATALOGUE.write_text(committed)
        return
    for title, entries in (("Sans traduction", untranslated), ("Floues (fuzzy)", fuzzy)):
        if entries:
            print(f"{title} ({len(entries)}) :", *entries, sep="\n  ")
    print(f"{CATALOGUE.relative_to(ROOT)} est à jour de makemessages ; traduisez, puis lancez")
    print("  .venv/bin/python manage.py compilemessages -l fr")
    sys.exit(1)


def bench(*args: str) -> None:
    setup()
    run(str(PYTHON), "-m", "bench", *args, env={"DJANGO_SETTINGS_MODULE": "bench.settings"})


COMMANDS = {
    "setup": lambda *a: setup(),
    "demo": demo,
    "serve": serve,
    "test": test,
    "lint": lint,
    "format": format_code,
    "schema": schema,
    "check-schema": check_schema,
    "check-messages": check_messages,
    "bench": bench,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]](*sys.argv[2:])

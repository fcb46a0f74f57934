#!/usr/bin/env python3
"""Project commands that need nothing but python3: they create `.venv`, install the
dependencies pinned in pyproject.toml, then run inside it.

    python3 tasks.py demo     # set up, load the French demo content, serve on :8000
    python3 tasks.py demo --reset   # the same, from an empty SQLite database
    python3 tasks.py serve    # the Procfile's processes (web, worker, scheduler), with honcho
    python3 tasks.py test     # run the test suite (pytest arguments may follow)
    python3 tasks.py lint | format | schema | check-schema | check-messages | bench | setup
    python3 tasks.py backup [ARCHIVE]          # database and uploads in one .tar.gz
    python3 tasks.py restore ARCHIVE [--force] # into the database of DATABASE_URL
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import venv
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


# Backups: the database and the uploads of this installation, in one archive. They use
# the PostgreSQL client tools (pg_dump, pg_restore, psql) or Python's own sqlite3, never
# the virtual environment, so that a restore works on a machine where nothing is set up.
BACKUP_FORMAT = 1
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql", "postgis"}
# The query-string options of DATABASE_URL that libpq understands (Django's own, such
# as conn_max_age, would make pg_dump refuse the address).
LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslpassword",
    "connect_timeout",
    "application_name",
    "options",
    "passfile",
    "target_session_attrs",
}


def _database(environ) -> tuple[str, str | Path]:
    """("postgresql", a libpq address) or ("sqlite", the database file) for DATABASE_URL,
    the embedded SQLite database when it is unset (as in cms/settings/base.py)."""
    url = environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}"
    parts = urlsplit(url)
    if parts.scheme in POSTGRES_SCHEMES:
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k in LIBPQ_OPTIONS])
        return "postgresql", urlunsplit(parts._replace(scheme="postgresql", query=query))
    if parts.scheme == "sqlite":
        # django-environ's reading: sqlite:////absolute/path, sqlite:///relative/path.
        return "sqlite", ROOT / parts.path[1:]
    sys.exit(f"Sauvegarde impossible : base de données non prise en charge ({parts.scheme}).")


def _media_root(environ) -> Path | None:
    """The uploads folder, or None when uploads live in an object store (MEDIA_STORAGE=s3),
    which this command does not copy: the bucket's versioning keeps their history."""
    if environ.get("MEDIA_STORAGE") == "s3":
        return None
    return Path(environ.get("MEDIA_ROOT") or ROOT / "media")


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} est introuvable : installez le client PostgreSQL (postgresql-client).")
    return path


def _psql(address: str, sql: str) -> list[list[str]]:
    result = subprocess.run(
        [_pg_tool("psql"), "--no-psqlrc", "--quiet", "--tuples-only", "--no-align"]
        + ["--field-separator=\t", "--dbname", address, "--command", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"PostgreSQL a refusé la requête : {result.stderr.strip()}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


MIGRATIONS_SQL = "SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app"
TABLES_SQL = (
    "SELECT count(*) FROM pg_catalog.pg_tables"
    " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
)


def _migrations(kind: str, database) -> dict[str, str]:
    """The last migration applied in each app: what code the database is at."""
    if kind == "postgresql":
        rows = _psql(database, MIGRATIONS_SQL)
    else:
        with closing(sqlite3.connect(database)) as connection:
            rows = connection.execute(MIGRATIONS_SQL).fetchall()
    return dict(rows)


def _database_is_empty(kind: str, database) -> bool:
    if kind == "postgresql":
        return _psql(database, TABLES_SQL) == [["0"]]
    if not Path(database).exists():
        return True
    with closing(sqlite3.connect(database)) as connection:
        return not connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]


def _version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return f"{version} ({commit.stdout.strip()})" if commit.returncode == 0 else version


def backup(*args: str, environ=os.environ) -> Path:
    """Write the database (pg_dump's custom format, or a copy of the SQLite file made by
    sqlite3's backup API, consistent even while the site writes) and the uploads into one
    .tar.gz, with a manifest.json that says when, from which version and at which
    migrations; returns the archive's path."""
    now = datetime.datetime.now(datetime.UTC)
    archive = Path(args[0] if args else f"sauvegarde-reperes-{now:%Y%m%d-%H%M%S}.tar.gz")
    kind, database = _database(environ)
    media = _media_root(environ)
    with tempfile.TemporaryDirectory() as folder:
        staging = Path(folder)
        if kind == "postgresql":
            dump = staging / "database.dump"
            run(_pg_tool("pg_dump"), "--format=custom", "--dbname", database, "--file", str(dump))
        else:
            if not Path(database).exists():
                sys.exit(f"La base SQLite {database} n'existe pas : rien à sauvegarder.")
            dump = staging / "database.sqlite3"
            with (
                closing(sqlite3.connect(database)) as source,
                closing(sqlite3.connect(dump)) as copy,
            ):
                source.backup(copy)
        manifest = {
            "format": BACKUP_FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "version": _version(),
            "database": kind,
            "migrations": _migrations(kind, database),
            "media": "s3" if media is None else "files",
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        partial = archive.with_name(f".{archive.name}.partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(staging / "manifest.json", arcname="manifest.json")
            tar.add(dump, arcname=dump.name)
            if media is not None and media.is_dir():
                tar.add(media, arcname="media")
        partial.replace(archive)  # never a half-written archive under the final name
    print(f"Sauvegarde écrite : {archive}")
    if media is None:
        print(
            "Les médias sont dans le stockage objet (MEDIA_STORAGE=s3) et ne sont pas dans "
            "l'archive : leur sauvegarde est le versionnage du bucket."
        )
    return archive


def _extract(archive: Path, folder: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        # "data": no absolute paths, no `..`, no links out of the folder, no devices.
        tar.extractall(folder, filter="data")
    manifest_file = folder / "manifest.json"
    if not manifest_file.exists():
        sys.exit(f"{archive} n'est pas une sauvegarde de Repères (manifest.json absent).")
    manifest = json.loads(manifest_file.read_text())
    if manifest.get("format") != BACKUP_FORMAT:
        sys.exit(f"Format de sauvegarde inconnu : {manifest.get('format')}.")
    return manifest


def restore(*args: str, environ=os.environ) -> None:
    """Replace the database of DATABASE_URL and the uploads folder by those of an
    archive written by `backup`. It refuses a database or a folder that holds anything
    unless --force is given: a restore erases what it replaces."""
    force = "--force" in args
    paths = [arg for arg in args if arg != "--force"]
    if len(paths) != 1:
        sys.exit("Usage : python3 tasks.py restore ARCHIVE [--force]")
    archive = Path(paths[0])
    if not archive.is_file():
        sys.exit(f"Archive introuvable : {archive}")
    kind, database = _database(environ)
    media = _media_root(environ)
    with tempfile.TemporaryDirectory() as folder:
        staging = Path(folder)
        manifest = _extract(archive, staging)
        if manifest["database"] != kind:
            sys.exit(
                f"Cette sauvegarde contient une base {manifest['database']}, et DATABASE_URL "
                f"désigne une base {kind} : restauration impossible."
            )
        restores_media = manifest["media"] == "files" and media is not None
        if not force:
            if not _database_is_empty(kind, database):
                sys.exit(
                    "La base de données cible n'est pas vide : la restauration la remplacerait. "
                    "Relancez avec --force pour l'écraser."
                )
            if restores_media and media.is_dir() and any(media.iterdir()):
                sys.exit(
                    f"Le dossier des médias {media} n'est pas vide : la restauration le "
                    "remplacerait. Relancez avec --force pour l'écraser."
                )
        print(f"Restauration de la sauvegarde du {manifest['created_at']}, {manifest['version']}…")
        if kind == "postgresql":
            run(
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                database,
                str(staging / "database.dump"),
            )
        else:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            source = closing(sqlite3.connect(staging / "database.sqlite3"))
            with source as copy, closing(sqlite3.connect(database)) as target:
                copy.backup(target)
        if restores_media:
            if media.exists():
                shutil.rmtree(media)
            extracted = staging / "media"
            if extracted.is_dir():
                shutil.copytree(extracted, media)
            else:
                media.mkdir(parents=True)
        elif manifest["media"] == "s3" or media is None:
            print(
                "Médias non restaurés : ils sont dans le stockage objet ; "
                "restaurez-les depuis le versionnage du bucket si besoin."
            )
    print(
        "Restauration terminée. Si le code est plus récent que la sauvegarde, lancez : "
        ".venv/bin/python manage.py migrate"
    )


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
    "backup": backup,
    "restore": restore,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]](*sys.argv[2:])

"""`tasks.py backup` and `restore`: an installation restored from its archive answers
the API exactly as the original did, and holds the same uploads."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Sent to both installations. The page is found by its URL path, and its images and the
# listing's are asked as renditions, whose files must have come back with the database.
QUERIES = {
    "offers": """{ offers(perPage: 100) { pagination { total } items {
        id title slug urlPath summary lastPublishedAt themes { slug }
        provider { name logo { url } }
        logo { url fileHash rendition(fill: "160x160") { url width height } srcSet }
        scorecard { evaluationCount score } } } }""",
    "page": """query ($path: String!) { offer(urlPath: $path) {
        id title urlPath summary body { blockType field }
        logo { title rendition(width: 640) { url width height } } } }""",
    "collections": """{ collections(perPage: 100) { pagination { total } items {
        id title urlPath visibleItems { note offer { title urlPath } } } } }""",
}

# Posts QUERIES through the whole Django stack of one installation; prints the bodies.
ASK = """
import json, sys, django
django.setup()
from django.test import Client

queries = json.loads(sys.argv[1])
client = Client()

def ask(name, variables=None):
    body = json.dumps({"query": queries[name], "variables": variables or {}})
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.content.decode()

offers = ask("offers")
with_logo = [o for o in json.loads(offers)["data"]["offers"]["items"] if o["logo"]]
path = with_logo[0]["urlPath"]
print(json.dumps([offers, ask("page", {"path": path}), ask("collections")]))
"""


def _tasks(*args: str, environment: dict, check: bool = True):
    return subprocess.run(  # noqa: S603  (tasks.py with fixed arguments)
        [sys.executable, "tasks.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=check,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _environment(**variables: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k != "MEDIA_STORAGE"}
    return {**environment, **variables}


def test_sqlite_backup_and_restore(tmp_path):
    database, media = tmp_path / "site" / "db.sqlite3", tmp_path / "site" / "media"
    database.parent.mkdir()
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("CREATE TABLE django_migrations (id integer, app text, name text)")
        connection.executemany(
            "INSERT INTO django_migrations VALUES (?, ?, ?)",
            [(1, "catalogue", "0001_initial"), (2, "catalogue", "0002_logo")],
        )
        connection.execute("CREATE TABLE offer (title text)")
        connection.execute("INSERT INTO offer VALUES ('Nextcloud')")
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "logo.png").write_bytes(b"\x89PNG logo")
    (media / "documents").mkdir()
    (media / "documents" / "guide.pdf").write_bytes(b"%PDF guide")
    archive = tmp_path / "sauvegarde.tar.gz"

    _tasks(
        "backup",
        str(archive),
        environment=_environment(DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(media)),
    )

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == "sqlite"
    assert manifest["migrations"] == {"catalogue": "0002_logo"}
    assert manifest["media"] == "files"
    assert manifest["version"].startswith("0.1.0")
    restored, restored_media = tmp_path / "copie" / "db.sqlite3", tmp_path / "copie" / "media"
    target = _environment(DATABASE_URL=f"sqlite:///{restored}", MEDIA_ROOT=str(restored_media))
    _tasks("restore", str(archive), environment=target)
    with closing(sqlite3.connect(restored)) as connection:
        assert connection.execute("SELECT title FROM offer").fetchall() == [("Nextcloud",)]
    assert _files(restored_media) == _files(media)

    refused = _tasks("restore", str(archive), environment=target, check=False)
    assert refused.returncode != 0
    assert "n'est pas vide" in refused.stderr and "--force" in refused.stderr
    (restored_media / "original_images" / "extra.png").write_bytes(b"not in the backup")
    _tasks("restore", str(archive), "--force", environment=target)
    assert _files(restored_media) == _files(media)


def test_uploads_in_an_object_store_are_left_to_the_bucket(tmp_path):
    database = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("CREATE TABLE django_migrations (id integer, app text, name text)")
    (tmp_path / "media" / "original_images").mkdir(parents=True)
    (tmp_path / "media" / "original_images" / "stale.png").write_bytes(b"not the bucket")
    archive = tmp_path / "sauvegarde.tar.gz"
    environment = _environment(
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(tmp_path / "media"),
        MEDIA_STORAGE="s3",
    )

    written = _tasks("backup", str(archive), environment=environment)

    assert "versionnage du bucket" in written.stdout
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["database.sqlite3", "manifest.json"]
        assert json.load(tar.extractfile("manifest.json"))["media"] == "s3"


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in ("postgres", "postgresql") else None


@pytest.fixture
def postgres_databases():
    """Two real databases beside the test database (a backup and a restore must run
    outside pytest-django's transaction): created empty, dropped at the end."""
    psycopg = pytest.importorskip("psycopg")
    server = urlsplit(_postgres_url())
    names = [f"reperes_backup_{os.getpid()}_{role}" for role in ("source", "copy")]
    maintenance = urlunsplit(server._replace(scheme="postgresql", path="/postgres", query=""))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    yield [urlunsplit(server._replace(path=f"/{name}", query="")) for name in names]
    with psycopg.connect(maintenance, autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _installation(database_url: str, media: Path) -> dict:
    # A cache of its own (local memory): a shared Redis would let one installation answer
    # with the other's cached responses.
    return _environment(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        CACHE_URL="locmem://",
    )


def _manage(*args: str, environment: dict) -> None:
    subprocess.run(  # noqa: S603  (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, check=True
    )


def _answers(environment: dict) -> list[str]:
    output = subprocess.run(  # noqa: S603  (our interpreter, a fixed script)
        [sys.executable, "-c", ASK, json.dumps(QUERIES)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump and pg_restore")
@pytest.mark.skipif(_postgres_url() is None, reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
def test_postgresql_restore_answers_the_api_byte_for_byte(tmp_path, postgres_databases):
    source_url, copy_url = postgres_databases
    source = _installation(source_url, tmp_path / "source-media")
    copy = _installation(copy_url, tmp_path / "copy-media")
    _manage("migrate", "--no-input", "-v", "0", environment=source)
    _manage("load_demo", environment=source)
    before = _answers(source)  # renditions made now are in the backup
    archive = tmp_path / "sauvegarde.tar.gz"

    _tasks("backup", str(archive), environment=source)
    _tasks("restore", str(archive), environment=copy)

    assert _answers(copy) == before
    assert all('"errors"' not in answer for answer in before)
    assert any("/media/images/" in answer for answer in before)  # renditions were asked
    assert _files(tmp_path / "copy-media") == _files(tmp_path / "source-media")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == "postgresql"
    assert "catalogue" in manifest["migrations"]
    refused = _tasks("restore", str(archive), environment=copy, check=False)
    assert refused.returncode != 0
    assert "La base de données cible n'est pas vide" in refused.stderr

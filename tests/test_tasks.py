"""`tasks.py`, the commands a newcomer runs with nothing but python3."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tasks(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("project_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    return module


def test_reset_removes_the_demo_database_and_uploads_only(tasks, tmp_path):
    (tmp_path / "db.sqlite3").write_text("demo")
    (tmp_path / "media" / "original_images").mkdir(parents=True)
    (tmp_path / "media" / "original_images" / "logo.png").write_bytes(b"png")
    (tmp_path / "pyproject.toml").write_text("[project]")

    removed = tasks.reset_demo(environ={})

    assert removed == [tmp_path / "db.sqlite3", tmp_path / "media"]
    assert not (tmp_path / "db.sqlite3").exists() and not (tmp_path / "media").exists()
    assert (tmp_path / "pyproject.toml").exists()
    assert tasks.reset_demo(environ={}) == []  # nothing left: nothing to do


@pytest.mark.parametrize("name", ["DATABASE_URL", "MEDIA_ROOT"])
def test_reset_refuses_a_database_or_media_set_by_the_environment(tasks, tmp_path, name):
    (tmp_path / "db.sqlite3").write_text("demo")

    with pytest.raises(SystemExit, match="rien n'est supprimé"):
        tasks.reset_demo(environ={name: "postgres://postgres@127.0.0.1/reperes"})

    assert (tmp_path / "db.sqlite3").exists()


def test_serve_reads_the_env_file_as_honcho_does(tasks, tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# commentaire\nSERVE_STATIC=true\n\nDATABASE_URL='sqlite:///x.db'\n"
        "# CACHE_URL=redis://\nDEBUG=false\n"
    )
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.delenv("DATABASE_URL", raising=False)  # CI sets it
    # The environment wins over the file, as in honcho.
    assert tasks.dotenv(env_file) == {"SERVE_STATIC": "true", "DATABASE_URL": "sqlite:///x.db"}


def test_the_example_env_file_names_the_settings_module():
    lines = (ROOT / ".env.example").read_text().splitlines()
    assert "DJANGO_SETTINGS_MODULE=cms.settings.dev" in lines
    procfile = (ROOT / "Procfile").read_text()
    assert {line.split(":")[0] for line in procfile.splitlines()} == {"web", "worker", "scheduler"}

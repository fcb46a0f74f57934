"""Production settings: `collectstatic` writes hashed, compressed files with their
manifest, WhiteNoise serves them for ten years, and uploaded images are served too.
Settings are read once per process, so production runs in processes of its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMAGE = ROOT / "static" / "favicon.svg"

# Fetches what a browser would, as production's WSGI application answers it.
FETCH = """
import json, sys, django
django.setup()
from django.templatetags.static import static
from django.test import Client

answers = {}
for name, url in (("static", static("css/site.css")), ("image", sys.argv[1])):
    response = Client().get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip, br")
    answers[name] = {
        "url": url,
        "status": response.status_code,
        "cache_control": response.get("Cache-Control"),
        "encoding": response.get("Content-Encoding"),
        "nosniff": response.get("X-Content-Type-Options"),
        "body": b"".join(response.streaming_content).hex(),
    }
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "ALLOWED_HOSTS": "testserver",
        "SECRET_KEY": "production-test-" + "s" * 40,
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_STORAGE": "filesystem",
    }
    subprocess.run(  # noqa: S603  (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    return folder, environment


def test_collectstatic_writes_the_manifest_and_compressed_copies(production):
    folder, _environment = production
    manifest = json.loads((folder / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]

    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    for suffix in ("", ".gz", ".br"):
        assert (folder / "static" / f"{hashed}{suffix}").is_file(), suffix


def test_hashed_static_files_and_uploaded_images_are_served_for_long(production):
    folder, environment = production
    (folder / "media" / "original_images").mkdir(parents=True, exist_ok=True)
    (folder / "media" / "original_images" / "logo.svg").write_bytes(IMAGE.read_bytes())

    output = subprocess.run(  # noqa: S603  (our interpreter, a fixed script)
        [sys.executable, "-c", FETCH, "/media/original_images/logo.svg"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    answers = json.loads(output)

    static = answers["static"]
    assert static["url"].startswith("/static/css/site.") and static["url"] != "/static/css/site.css"
    assert static["status"] == 200
    assert static["cache_control"] == "max-age=315360000, public, immutable"
    assert static["encoding"] == "br"
    image = answers["image"]
    assert image["status"] == 200
    assert bytes.fromhex(image["body"]) == IMAGE.read_bytes()
    assert image["cache_control"] == "public, max-age=31536000, immutable"
    assert image["nosniff"] == "nosniff"

"""GraphiQL loads nothing from another host: its assets are vendored into our static files,
at the versions graphene-django pins, and match the manifest the vendoring script wrote."""

import hashlib
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from graphene_django.views import GraphQLView

from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
VENDOR = ROOT / "static" / "vendor" / "graphiql"


def _vendor_script():
    spec = importlib.util.spec_from_file_location(
        "vendor_graphiql", ROOT / "scripts/vendor_graphiql.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links.extend(value for name, value in attrs if name in ("src", "href") and value)


def _graphiql_links(client) -> tuple[str, list[str]]:
    response = client.get("/graphql/", headers={"accept": "text/html"})
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Links()
    parser.feed(html)
    return html, parser.links


@pytest.mark.django_db
def test_the_graphiql_page_references_no_other_host(client):
    html, links = _graphiql_links(client)
    assert len(links) == 9  # two style sheets, six libraries, graphene-django's start-up
    for link in links:
        assert link.startswith(settings.STATIC_URL), link
        assert "//" not in link, link
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


@pytest.mark.django_db
def test_every_asset_of_the_page_is_a_static_file(client):
    _html, links = _graphiql_links(client)
    for link in links:
        assert finders.find(link.removeprefix(settings.STATIC_URL)), link


def test_the_vendored_files_match_their_manifest():
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    listed = {}
    for package in manifest["packages"]:
        assert package["integrity"].startswith("sha512-")
        listed.update(package["files"])
    on_disk = {
        path.relative_to(VENDOR).as_posix()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "MANIFEST.json"
    }
    assert on_disk == set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_the_vendored_styles_load_nothing_from_outside():
    # Fonts are inlined as data URIs; an @import or url() to a host would break offline.
    for sheet in VENDOR.rglob("*.css"):
        text = sheet.read_text()
        assert not re.search(r"""url\(\s*["']?(https?:)?//""", text), sheet
        assert "@import" not in text, sheet
        assert "sourceMappingURL" not in text, sheet


def test_the_pinned_versions_are_graphene_djangos():
    """graphene-django's graphiql.js is written against these versions: upgrading it
    means running scripts/vendor_graphiql.py again with its new numbers."""
    versions = {name: version for name, version, _files in _vendor_script().PACKAGES}
    assert versions == {
        "whatwg-fetch": GraphQLView.whatwg_fetch_version,
        "react": GraphQLView.react_version,
        "react-dom": GraphQLView.react_version,
        "graphiql": GraphQLView.graphiql_version,
        "graphql-ws": GraphQLView.subscriptions_transport_ws_version,
        "@graphiql/plugin-explorer": GraphQLView.graphiql_plugin_explorer_version,
    }
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    assert {package["name"]: package["version"] for package in manifest["packages"]} == versions

#!/usr/bin/env python3
"""Vendor GraphiQL's browser assets into `static/vendor/graphiql/`, so that GraphiQL works
with no network beyond our own server (graphene-django's page loads them from a CDN).

    python3 scripts/vendor_graphiql.py          # fetch, verify, write the files
    python3 scripts/vendor_graphiql.py --check  # fetch, verify, and compare with the tree

Each package is fetched from the npm registry at the exact version below. Its tarball must
match the sha512 `integrity` the registry publishes for that version, or nothing is
written. `MANIFEST.json` records the versions, the tarballs' integrity and the sha256 of
every file, which the tests check offline. The versions are the ones graphene-django's
view pins (`GraphQLView.*_version`), since its `graphiql.js` is written against their
APIs; a test fails when an upgrade of graphene-django moves them, and then this script
is run again with the new numbers. Needs Python 3.11 only."""

import argparse
import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "static" / "vendor" / "graphiql"
MANIFEST = TARGET / "MANIFEST.json"
REGISTRY = "https://registry.npmjs.org"

# package, version, files inside the package (paths under the tarball's `package/`).
PACKAGES = (
    ("whatwg-fetch", "3.6.2", ("dist/fetch.umd.js",)),
    ("react", "17.0.2", ("umd/react.production.min.js",)),
    ("react-dom", "17.0.2", ("umd/react-dom.production.min.js",)),
    ("graphiql", "2.4.7", ("graphiql.min.js", "graphiql.min.css")),
    ("graphql-ws", "5.13.1", ("umd/graphql-ws.min.js",)),
    (
        "@graphiql/plugin-explorer",
        "0.1.15",
        ("dist/graphiql-plugin-explorer.umd.js", "dist/style.css"),
    ),
)
# Licences travel with the code they cover.
LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt")
# The source maps are not vendored (megabytes, for debugging GraphiQL itself), and Django's
# manifest storage refuses to collect a file that names a missing map: the comment goes.
SOURCE_MAP_COMMENT = re.compile(
    rb"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ ?\*/)\s*$"
)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (fixed https host)
        return response.read()


def _folder(package: str, version: str) -> str:
    # No "@" in the path: it would be escaped as %40 in every URL.
    return f"{package.lstrip('@').replace('/', '-')}-{version}"


def fetch(package: str, version: str, files: tuple[str, ...]) -> tuple[str, dict[str, bytes]]:
    """The package's files, from a tarball whose sha512 matches the registry's integrity."""
    meta = json.loads(_get(f"{REGISTRY}/{urllib.parse.quote(package, safe='@')}/{version}"))
    if meta.get("version") != version:
        raise SystemExit(f"{package}: the registry answered version {meta.get('version')!r}")
    integrity = meta["dist"]["integrity"]
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"{package}@{version}: unexpected integrity {integrity!r}")
    tarball = _get(meta["dist"]["tarball"])
    actual = base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{package}@{version}: the tarball does not match its integrity")
    contents = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        members = {member.name.split("/", 1)[1]: member for member in archive.getmembers()}
        for name in (*files, *LICENCE_FILES):
            member = members.get(name)
            if member is None:
                if name in files:
                    raise SystemExit(f"{package}@{version}: no {name} in the package")
                continue
            contents[name] = SOURCE_MAP_COMMENT.sub(b"\n", archive.extractfile(member).read())
    return integrity, contents


def build() -> tuple[dict, dict[Path, bytes]]:
    manifest, written = {"packages": []}, {}
    for package, version, files in PACKAGES:
        print(f"{package}@{version}…")  # noqa: T201
        integrity, contents = fetch(package, version, files)
        folder = _folder(package, version)
        manifest["packages"].append(
            {
                "name": package,
                "version": version,
                "integrity": integrity,
                "files": {
                    f"{folder}/{name}": hashlib.sha256(data).hexdigest()
                    for name, data in sorted(contents.items())
                },
            }
        )
        for name, data in contents.items():
            written[TARGET / folder / name] = data
    written[MANIFEST] = (json.dumps(manifest, indent=2) + "\n").encode()
    return manifest, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    _manifest, files = build()
    if args.check:
        stale = [
            path for path, data in files.items() if not path.exists() or path.read_bytes() != data
        ]
        for path in stale:
            print(f"differs: {path.relative_to(ROOT)}")  # noqa: T201
        sys.exit(1 if stale else 0)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(files)} files in {TARGET.relative_to(ROOT)}")  # noqa: T201


if __name__ == "__main__":
    main()

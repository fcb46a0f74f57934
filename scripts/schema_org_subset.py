"""Write `tests/schema_org.json`: the part of the schema.org vocabulary our JSON-LD uses, so
that the tests check it offline.

For each type we emit (and its ancestors), the properties schema.org allows on it; for each
of those properties, the types its value may take. Run it on a release's CSV files, from a
copy of github.com/schemaorg/schemaorg (`data/releases/<version>/`):

    python scripts/schema_org_subset.py 30.0 path/to/schemaorg-current-https-types.csv \
        path/to/schemaorg-current-https-properties.csv
"""

import csv
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "tests" / "schema_org.json"
# Every type our JSON-LD builders write (catalogue/jsonld.py, training/jsonld.py and the
# kinds' `jsonld_type`); the tests fail on a type missing here.
EMITTED = [
    "Country",
    "Course",
    "CourseInstance",
    "LearningResource",
    "Offer",
    "Organization",
    "Person",
    "Place",
    "PostalAddress",
    "PropertyValue",
    "Service",
    "SoftwareApplication",
    "VirtualLocation",
]
PREFIX = "https://schema.org/"


def _names(cell: str) -> list[str]:
    return [part.strip().removeprefix(PREFIX) for part in cell.split(",") if part.strip()]


def main(version: str, types_csv: str, properties_csv: str) -> None:
    with open(types_csv, encoding="utf-8") as handle:
        types = {row["label"]: row for row in csv.DictReader(handle)}
    with open(properties_csv, encoding="utf-8") as handle:
        properties = {row["label"]: row for row in csv.DictReader(handle)}

    def ancestors(name: str) -> list[str]:
        seen: list[str] = []
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen or current not in types:
                continue
            seen.append(current)
            todo += _names(types[current]["subTypeOf"])
        return seen

    wanted = sorted({ancestor for name in EMITTED for ancestor in ancestors(name)})
    used = {
        label: row
        for label, row in properties.items()
        if not row["supersededBy"] and set(_names(row["domainIncludes"])) & set(wanted)
    }
    data = {
        "source": f"schema.org {version}, schemaorg-current-https CSV files",
        "types": {
            name: {
                "ancestors": ancestors(name)[1:],
                "properties": sorted(
                    label for label, row in used.items() if name in _names(row["domainIncludes"])
                ),
            }
            for name in wanted
        },
        "ranges": {label: _names(row["rangeIncludes"]) for label, row in sorted(used.items())},
    }
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])

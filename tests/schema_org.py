"""Checks JSON-LD against the schema.org vocabulary, offline.

`schema_org.json` holds the part of schema.org our builders use (written by
`scripts/schema_org_subset.py` from a release's CSV files): the properties each type allows,
its own or inherited, and the types each property's value may take."""

import json
from pathlib import Path

VOCABULARY = json.loads((Path(__file__).parent / "schema_org.json").read_text(encoding="utf-8"))
TYPES, RANGES = VOCABULARY["types"], VOCABULARY["ranges"]
# schema.org's data types: a property that accepts one takes a plain JSON value.
DATA_TYPES = {"Text", "URL", "Number", "Integer", "Float", "Boolean", "Date", "DateTime", "Time"}
LITERAL_RANGES = DATA_TYPES | {"Duration"}  # ISO 8601 durations are written as text

# What our pages must give for each type, beyond what schema.org allows: the properties
# search engines need to show the item (Google's course, event and software guidelines).
REQUIRED = {
    "Course": {"name", "description", "url", "provider"},
    "CourseInstance": {"courseMode", "startDate", "location"},
    "SoftwareApplication": {"name", "url", "applicationCategory", "operatingSystem"},
    "LearningResource": {"name", "url", "learningResourceType"},
    "Service": {"name", "url", "serviceType"},
    "Organization": {"name"},
    "Place": {"address"},
    "PostalAddress": {"addressLocality"},
    "PropertyValue": {"propertyID", "value"},
}


def allowed_properties(type_name: str) -> set[str]:
    names = [type_name, *TYPES[type_name]["ancestors"]]
    return {prop for name in names for prop in TYPES[name]["properties"]}


def _is_a(type_name: str, expected: str) -> bool:
    return expected == type_name or expected in TYPES[type_name]["ancestors"]


def schema_errors(node: dict, path: str = "$") -> list[str]:
    """Every way `node` (and the nodes inside it) departs from schema.org or from REQUIRED,
    each said with its path; an empty list when it conforms."""
    type_name = node.get("@type")
    if type_name not in TYPES:
        return [f"{path}: unknown or unlisted type {type_name!r}"]
    errors = [
        f"{path}: {type_name} lacks {name}"
        for name in sorted(REQUIRED.get(type_name, set()) - node.keys())
    ]
    if "price" in node and "priceCurrency" not in node:
        errors.append(f"{path}: a price without its priceCurrency")
    allowed = allowed_properties(type_name)
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in allowed:
            errors.append(f"{path}: {name} is not a property of {type_name}")
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{name}[{index}]"
            if isinstance(item, dict):
                item_type = item.get("@type")
                if item_type in TYPES and not any(_is_a(item_type, r) for r in RANGES[name]):
                    errors.append(f"{where}: {item_type} given, where {name} takes {RANGES[name]}")
                errors += schema_errors(item, where)
            elif not LITERAL_RANGES & set(RANGES[name]):
                errors.append(f"{where}: a plain value, where {name} takes {RANGES[name]}")
    return errors

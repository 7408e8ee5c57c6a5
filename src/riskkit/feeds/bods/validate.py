"""BODS statements checked against the bundled schema of their version, reported and kept.

The 0.2.0 (draft-04) and 0.4.0 (2020-12) schemas ship in ``riskkit/feeds/data`` (never
downloaded). A statement that does not conform is still read: it carries its first problems,
since real registers often miss a required field that ownership does not need. There is no 0.3
schema bundled yet: 0.3 statements are read, and counted as ``not_validated``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from riskkit.feeds.ocds.schema import require
from riskkit.feeds.ocds.validate import SchemaProblem, capped_problems

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA_02 = DATA / "bods-0.2.0"
SCHEMA_04 = DATA / "bods-0.4.0"
"""The bundled schemas (Apache-2.0; see ``riskkit/feeds/data/README.md``)."""

_ENTRY_02 = {
    "entity": "entity-statement.json",
    "person": "person-statement.json",
    "relationship": "ownership-or-control-statement.json",
}


@functools.cache
def _validators() -> dict[tuple[str, str], Any]:
    jsonschema = require("jsonschema")
    referencing = require("referencing")
    drafts = require("referencing.jsonschema")
    found: dict[tuple[str, str], Any] = {}
    registry = referencing.Registry()
    schemas_02 = {p.name: _load(p) for p in sorted(SCHEMA_02.glob("*.json"))}
    for name, schema in schemas_02.items():
        registry = registry.with_resource(name, drafts.DRAFT4.create_resource(schema))
    for kind, name in _ENTRY_02.items():
        found["0.2", kind] = jsonschema.Draft4Validator(schemas_02[name], registry=registry)
    registry_04 = referencing.Registry()
    for path in sorted(SCHEMA_04.glob("*.json")):
        schema = _load(path)
        resource = drafts.DRAFT202012.create_resource(schema)
        registry_04 = registry_04.with_resource(schema["$id"], resource)
    one_statement = {"$ref": "urn:statement#/$defs/Statement"}  # the file's root is an array
    validator = jsonschema.Draft202012Validator(one_statement, registry=registry_04)
    for kind in _ENTRY_02:
        found["0.4", kind] = validator
    return found


def _load(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def has_schema(version: str) -> bool:
    """Whether statements of ``version`` can be validated here."""
    return version in ("0.2", "0.4")


def schema_problems(
    statement: dict[str, Any], version: str, kind: str
) -> tuple[tuple[SchemaProblem, ...], int]:
    """The first :data:`MAX_PROBLEMS` schema problems of ``statement``, and how many more."""
    return capped_problems(_validators()[version, kind], statement)

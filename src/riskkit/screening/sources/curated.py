"""riskkit's curated entity TOML (``rules/entities.toml``): ``[pack]`` and ``[[entities]]``.

Name and ``aliases`` become strong names; ``brands`` become weak aliases (a brand is matched only
when the whole name is equal: "Ezviz" must not fuzzily match a company). Unknown keys are left
to the pack loader, which validates the file; this reader only needs the screening fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from riskkit._support.io import parse_toml
from riskkit.errors import InvalidInput
from riskkit.screening.countries import country_code
from riskkit.screening.model import EntryRecord, IdentifierRecord, ListFile
from riskkit.screening.sources._common import Warnings, check_size, dedupe, read_lines

LIST_NAME = "riskkit curated"


def _strings(value: Any, where: str, source: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput.one(source, where, "should be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _entity(item: Any, index: int, source: str) -> EntryRecord:
    where = f"entities[{index}]"
    if not isinstance(item, dict):
        raise InvalidInput.one(source, where, "should be a table")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput.one(source, f"{where}.name", "a non-empty name is required")
    identifiers: list[IdentifierRecord] = []
    for i, ident in enumerate(item.get("identifiers") or []):
        if not isinstance(ident, dict) or not all(
            isinstance(ident.get(k), str) and ident[k].strip() for k in ("scheme", "value")
        ):
            raise InvalidInput.one(source, f"{where}.identifiers[{i}]",
                                   "should be {scheme = \"...\", value = \"...\"}")  # fmt: skip
        identifiers.append(
            IdentifierRecord(scheme=ident["scheme"].strip(), value=ident["value"].strip())
        )
    brands: list[str] = []
    for i, brand in enumerate(item.get("brands") or []):
        if not isinstance(brand, dict) or not isinstance(brand.get("name"), str):
            raise InvalidInput.one(source, f"{where}.brands[{i}]", 'should be {name = "..."}')
        brands.append(brand["name"].strip())
    country = item.get("country")
    code = country_code(country) if isinstance(country, str) else None
    notes = item.get("notes")
    entity_id = item.get("id")
    return EntryRecord(
        source=source,
        format="riskkit-curated",
        list=LIST_NAME,
        entity_type="entity",
        name=name.strip(),
        aliases=dedupe(
            [
                a
                for a in _strings(item.get("aliases"), f"{where}.aliases", source)
                if a != name.strip()
            ]
        ),
        weak_aliases=dedupe(brands),
        identifiers=tuple(identifiers),
        countries=(code,) if code else (),
        remarks=notes if isinstance(notes, str) else None,
        source_id=entity_id if isinstance(entity_id, str) else None,
    )


def read(path: Path) -> ListFile:
    """Read the curated entities of a riskkit entity TOML file."""
    source = str(path)
    warnings = Warnings()
    check_size(path, "input_bytes")
    data = parse_toml("".join(read_lines(path, warnings, limit="input_bytes")), source)
    raw = data.get("entities")
    if not isinstance(raw, list):
        raise InvalidInput.one(source, "entities", "expected an [[entities]] array of tables")
    entries = tuple(_entity(item, i, source) for i, item in enumerate(raw))
    counts = {
        "rows": len(raw),
        "skipped": 0,
        "entries": len(entries),
        "aliases": sum(len(e.aliases) for e in entries),
        "weak_aliases": sum(len(e.weak_aliases) for e in entries),
        "identifiers": sum(len(e.identifiers) for e in entries),
        "warnings": warnings.total,
        f"list:{LIST_NAME}": len(entries),
    }
    return ListFile(path=source, format="riskkit-curated", records=entries, files=(source,),
                    counts=counts, warnings=warnings.as_tuple())  # fmt: skip

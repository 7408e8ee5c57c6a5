"""OpenSanctions ``targets.simple.csv``: one row per target, multi-values joined with ``;``.

Columns are found by header name (``id``, ``schema``, ``name`` are required), so the optional
columns OpenSanctions has added over time (``program_ids``, ``last_change``) do not matter.
Identifiers carry no scheme in this export; they are recorded under the scheme ``id``.
"""

from __future__ import annotations

from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.screening.countries import country_code
from riskkit.screening.model import DateRecord, EntityType, EntryRecord, ListFile
from riskkit.screening.sources._common import (
    Warnings,
    dedupe,
    identifier,
    parse_date,
    split_list,
    tally,
)
from riskkit.screening.sources._table import Table

REQUIRED_COLUMNS = ("id", "schema", "name")
_TYPES: dict[str, EntityType] = {
    "person": "individual", "organization": "entity", "company": "entity",
    "legalentity": "entity", "publicbody": "entity", "vessel": "vessel", "airplane": "aircraft",
}  # fmt: skip


def looks_like(first_line: str) -> bool:
    """True for a targets.simple.csv header line."""
    return first_line.lstrip("\ufeff").lower().startswith("id,schema,name")


def _column(cell: str) -> str:
    return cell.strip().lower()


def read(path: Path) -> ListFile:
    """Read an OpenSanctions ``targets.simple.csv`` export."""
    source = str(path)
    warnings = Warnings()
    table = Table(
        path, warnings, required=REQUIRED_COLUMNS,
        not_header="not an OpenSanctions targets.simple.csv header "
        "(expected id,schema,name,aliases,...)",
        column=_column,
    )  # fmt: skip
    entries: list[EntryRecord] = []
    for line, row in table:
        name = row["name"]
        if not name:
            table.skip(line, "row has no name")
            continue
        datasets = split_list(row.get("dataset"))
        dates: list[DateRecord] = [
            parse_date(v, "birth", source=source, line=line, warnings=warnings)
            for v in split_list(row.get("birth_date"))
        ]
        if first_seen := row.get("first_seen"):
            dates.append(parse_date(first_seen[:10], "first_seen", source=source, line=line,
                                    warnings=warnings))  # fmt: skip
        entries.append(
            EntryRecord(
                source=source,
                format="opensanctions-csv",
                list=datasets[0] if len(datasets) == 1 else "OpenSanctions",
                programmes=split_list(row.get("sanctions")),
                entity_type=_TYPES.get(row["schema"].casefold(), "unknown"),
                name=name,
                aliases=dedupe([a for a in split_list(row.get("aliases")) if a != name]),
                identifiers=tuple(
                    i
                    for i in (identifier("id", v) for v in split_list(row.get("identifiers")))
                    if i is not None
                ),
                countries=dedupe(
                    [c for c in (country_code(v) for v in split_list(row.get("countries"))) if c]
                ),
                addresses=split_list(row.get("addresses")),
                dates=tuple(dates),
                remarks="; ".join(datasets) or None,
                source_id=row["id"] or None,
                line=line,
            )
        )
    rows, skipped = table.rows, table.skipped
    if rows and not entries:
        raise InvalidInput.one(source, "", "no row could be read as an OpenSanctions target")
    counts = {
        "rows": rows,
        "skipped": skipped,
        "entries": len(entries),
        "aliases": sum(len(e.aliases) for e in entries),
        "identifiers": sum(len(e.identifiers) for e in entries),
        "warnings": warnings.total,
        **tally([e.list for e in entries]),
    }
    return ListFile(path=source, format="opensanctions-csv", records=tuple(entries),
                    files=(source,), counts=counts, warnings=warnings.as_tuple())  # fmt: skip

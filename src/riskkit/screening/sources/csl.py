"""trade.gov Consolidated Screening List (CSL), CSV and JSON.

Real CSV copies repeat the header row and can end in a record cut off mid-field; both are
warned about and skipped. Each row's ``source`` names the list ("Entity List (EL) - Bureau of
Industry and Security"), which becomes a short list name ("Entity List").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from riskkit._support.io import parse_json, surrogate_at
from riskkit.errors import InvalidInput
from riskkit.screening.countries import country_code
from riskkit.screening.model import DateRecord, EntityType, EntryRecord, IdentifierRecord, ListFile
from riskkit.screening.sources._common import (
    Warnings,
    check_size,
    dedupe,
    entry_counts,
    identifier,
    parse_date,
    read_lines,
    split_list,
)
from riskkit.screening.sources._table import Table

REQUIRED_COLUMNS = ("source", "name")
_LIST_CODES = {
    "SDN": "SDN", "EL": "Entity List", "DPL": "DPL", "SSI": "SSI", "UVL": "UVL", "ISN": "ISN",
    "DTC": "DTC", "PLC": "NS-PLC", "MEU": "MEU", "CMIC": "NS-CMIC", "NS-MBS LIST": "NS-MBS",
    "NS-MBS": "NS-MBS", "FSE": "FSE", "CAP": "CAPTA",
}  # fmt: skip
_CODE_IN_SOURCE = re.compile(r"\(([A-Za-z\- ]+)\)")
_TYPES: dict[str, EntityType] = {
    "individual": "individual", "entity": "entity", "vessel": "vessel", "aircraft": "aircraft",
}  # fmt: skip
# ``ids`` entries that are facts about the listing, not identifiers.
_NOT_IDENTIFIERS = ("target type", "issuer name", "additional sanctions", "secondary sanctions",
                    "executive order", "gender", "listing date", "effective date",
                    "purchase/sales", "organization established", "organization type")  # fmt: skip


def list_name(source: str) -> str:
    """Short name for a CSL ``source`` value; the value itself when no code is recognised."""
    for code in _CODE_IN_SOURCE.findall(source):
        if found := _LIST_CODES.get(code.strip().upper()):
            return found
    return source.split(" - ")[0].strip() or "CSL"


class _Row:
    """One CSL record as plain values, whichever file format it came from."""

    def __init__(self, src: Mapping[str, Any]) -> None:
        self.src = src

    def text(self, key: str) -> str:
        value = self.src.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float):
            return str(value)
        raise TypeError(f"{key} should be text, not {type(value).__name__}")

    def many(self, key: str) -> tuple[str, ...]:
        value = self.src.get(key)
        if value is None or isinstance(value, str):
            return split_list(value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value if v.strip())
        raise TypeError(f"{key} should be text or a list of text")


def _ids(
    row: _Row, source: str, line: int | str | None, warnings: Warnings
) -> tuple[list[IdentifierRecord], list[str], list[DateRecord]]:
    """Identifiers, weak aliases (issuer names) and listing dates from the ``ids`` field."""
    weak: list[str] = []
    found: list[IdentifierRecord] = []
    dates: list[DateRecord] = []
    raw = row.src.get("ids")
    triples: list[tuple[str, str, str | None]] = []
    if isinstance(raw, list):
        for item in raw:
            if not isinstance(item, dict):
                raise TypeError("ids should be a list of objects")
            triples.append(
                (str(item.get("type") or ""), str(item.get("number") or ""), item.get("country"))
            )
    else:
        for item in split_list(row.text("ids")):
            parts = item.split(", ")
            if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-1].isupper():
                triples.append((", ".join(parts[:-2]), parts[-2], parts[-1]))
            elif len(parts) >= 2:
                triples.append((parts[0], ", ".join(parts[1:]), None))
    for scheme, value, country in triples:
        lowered = scheme.casefold()
        if lowered.startswith("issuer name"):
            weak.append(value)
        elif lowered.startswith(("listing date", "effective date")):
            kind = "listed_on" if lowered.startswith("listing") else "effective"
            dates.append(parse_date(value, kind, source=source, line=line, warnings=warnings))
        elif not lowered.startswith(_NOT_IDENTIFIERS):
            ident = identifier(scheme, value, country if isinstance(country, str) else None)
            if ident is not None:
                found.append(ident)
    return found, weak, dates


def _addresses(row: _Row) -> tuple[list[str], list[str]]:
    raw = row.src.get("addresses")
    texts: list[str] = []
    countries: list[str] = []
    if isinstance(raw, list):
        for item in raw:
            if not isinstance(item, dict):
                raise TypeError("addresses should be a list of objects")
            parts = [str(item.get(k) or "").strip() for k in
                     ("address", "city", "state", "postal_code", "country")]  # fmt: skip
            texts.append(", ".join(p for p in parts if p))
            if code := country_code(str(item.get("country") or "")):
                countries.append(code)
    else:
        for address in row.many("addresses"):
            texts.append(address)
            tail = address.rsplit(",", 1)[-1].strip()
            if len(tail) == 2 and (code := country_code(tail)):
                countries.append(code)
    return texts, countries


def _entry(
    row: _Row, source: str, fmt: str, line: int | str | None, warnings: Warnings
) -> EntryRecord:
    name = row.text("name")
    idents, weak, id_dates = _ids(row, source, line, warnings)
    addresses, countries = _addresses(row)
    for key in ("citizenships", "nationalities"):
        countries.extend(c for c in (country_code(v) for v in row.many(key)) if c)
    dates = [
        parse_date(value, kind, source=source, line=line, warnings=warnings)
        for key, kind in (("start_date", "listed_on"), ("end_date", "expires"))
        if (value := row.text(key))
    ]
    dates += id_dates
    dates += [
        parse_date(v, "birth", source=source, line=line, warnings=warnings)
        for v in row.many("dates_of_birth")
    ]
    return EntryRecord(
        source=source,
        format="csl-json" if fmt == "json" else "csl-csv",
        list=list_name(row.text("source")),
        programmes=row.many("programs"),
        entity_type=_TYPES.get(row.text("type").casefold(), "unknown"),
        name=name,
        aliases=dedupe([a for a in row.many("alt_names") if a != name]),
        weak_aliases=dedupe([w for w in weak if w != name]),
        identifiers=tuple(dict.fromkeys(idents)),
        countries=dedupe(countries),
        addresses=dedupe(addresses),
        dates=tuple(dates),
        remarks=row.text("remarks") or None,
        source_id=row.text("_id") or row.text("id") or row.text("entity_number") or None,
        line=line if isinstance(line, int) else None,
    )


def _result(path: Path, fmt: str, entries: list[EntryRecord], rows: int, skipped: int,
            warnings: Warnings) -> ListFile:  # fmt: skip
    source = str(path)
    if rows and not entries:
        raise InvalidInput.one(source, "", "no record could be read as a CSL entry")
    counts = entry_counts(entries, rows, skipped, warnings)
    return ListFile(
        path=source,
        format="csl-json" if fmt == "json" else "csl-csv",
        records=tuple(entries),
        files=(source,),
        counts=counts,
        warnings=warnings.as_tuple(),
    )


def read_csv(path: Path) -> ListFile:
    """Read a CSL CSV file (the 29-column layout of data.trade.gov)."""
    source = str(path)
    warnings = Warnings()
    table = Table(
        path, warnings, required=REQUIRED_COLUMNS,
        not_header="not a CSL CSV header: no column {missing} (found {found}...)",
        column=_column, repeated_header=True,
        cut_off_hint=" (a record cut off or a stray quote)",
    )  # fmt: skip
    entries: list[EntryRecord] = []
    for line, record in table:
        row = _Row(record)
        if not row.text("name"):
            table.skip(line, "record has no name")
            continue
        entries.append(_entry(row, source, "csv", line, warnings))
    return _result(path, "csv", entries, table.rows, table.skipped, warnings)


def _column(cell: str) -> str:
    return cell.strip().lstrip("\ufeff")


def read_json(path: Path) -> ListFile:
    """Read CSL JSON: ``{"results": [...]}`` as trade.gov serves it, or a bare list."""
    source = str(path)
    warnings = Warnings()
    check_size(path)
    text = "".join(read_lines(path, warnings))
    data = parse_json(text, source)
    results: object = data.get("results") if isinstance(data, dict) else data
    if not isinstance(results, list):
        raise InvalidInput.one(
            source, "results", 'expected a list of CSL records (a "results" array)'
        )
    entries: list[EntryRecord] = []
    skipped = 0
    for index, item in enumerate(results):
        where = f"results[{index}]"
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("name"), str)
            or not item["name"].strip()
        ):
            skipped += 1
            warnings.add(source, None, f"{where}: not a record with a name; skipped")
            continue
        bad = surrogate_at(item, where)
        if bad is not None:
            skipped += 1
            warnings.add(
                source, None, f"{bad}: text with a lone surrogate (an escape such as \\ud800, "
                "which is no character); skipped",
            )  # fmt: skip
            continue
        try:
            entries.append(_entry(_Row(item), source, "json", where, warnings))
        except (TypeError, ValueError) as exc:
            skipped += 1
            warnings.add(source, None, f"{where}: {exc}; skipped")
    return _result(path, "json", entries, len(results), skipped, warnings)


__all__ = ["list_name", "read_csv", "read_json"]

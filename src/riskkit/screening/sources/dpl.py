"""BIS Denied Persons List: tab-separated, quoted, with a header; one row per address.

Rows of one denial (same name and effective date) become one entry with several addresses.
Dates are US style (``06/19/2003``) except ``Last_Update`` (ISO); typos such as ``3017-08-22``
are kept as text with a warning.
"""

from __future__ import annotations

from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.screening.countries import country_code
from riskkit.screening.model import DateRecord, EntryRecord, ListFile
from riskkit.screening.sources._common import (
    Warnings,
    dedupe,
    parse_date,
)
from riskkit.screening.sources._table import Table

REQUIRED_COLUMNS = ("Name", "Effective_Date")
_DATES = (("Effective_Date", "effective"), ("Expiration_Date", "expires"),
          ("Last_Update", "last_update"))  # fmt: skip


_US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    ]
)


def looks_like(first_line: str) -> bool:
    """True for a DPL header line."""
    return first_line.lstrip("\ufeff").startswith(('"Name"\t', "Name\t"))


def read(path: Path) -> ListFile:
    """Read a DPL file (``dpl.txt``)."""
    source = str(path)
    warnings = Warnings()
    table = Table(
        path, warnings, required=REQUIRED_COLUMNS, delimiter="\t",
        not_header="not a Denied Persons List header (expected tab-separated Name, "
        "Street_Address, City, ..., Effective_Date, ...)",
    )  # fmt: skip
    groups: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    for line, record in table:
        if not record["Name"]:
            table.skip(line, "row has no name")
            continue
        key = (" ".join(record["Name"].split()).upper(), record["Effective_Date"])
        groups.setdefault(key, []).append((line, record))
    rows, skipped = table.rows, table.skipped
    entries: list[EntryRecord] = []
    for rows_of_party in groups.values():
        first_line, first = rows_of_party[0]
        addresses: list[str] = []
        countries: list[str] = []
        for _, record in rows_of_party:
            parts = [record.get(k, "") for k in
                     ("Street_Address", "City", "State", "Postal_Code", "Country")]  # fmt: skip
            addresses.append(", ".join(p for p in parts if p))
            if code := country_code(record.get("Country")):
                countries.append(code)
            elif record.get("State", "").upper() in _US_STATES:
                # The DPL leaves Country blank for most US addresses; the state says where.
                countries.append("US")
        dates: list[DateRecord] = []
        for _, record in rows_of_party:
            for column, kind in _DATES:
                if record.get(column):
                    dates.append(
                        parse_date(
                            record[column], kind, source=source, line=first_line, warnings=warnings
                        )
                    )
        citation = first.get("FR_Citation") or None
        entries.append(
            EntryRecord(
                source=source,
                format="bis-dpl",
                list="DPL",
                name=first["Name"],
                countries=dedupe(countries),
                addresses=dedupe(addresses),
                dates=tuple(dict.fromkeys(dates)),
                remarks=citation,
                source_id=f"line {first_line}",
                line=first_line,
            )
        )
    if rows and not entries:
        raise InvalidInput.one(source, "", "no row could be read as a Denied Persons List entry")
    counts = {"rows": rows, "skipped": skipped, "entries": len(entries),
              "warnings": warnings.total, "list:DPL": len(entries)}  # fmt: skip
    return ListFile(path=source, format="bis-dpl", records=tuple(entries), files=(source,),
                    counts=counts, warnings=warnings.as_tuple())  # fmt: skip

"""OFAC legacy CSV: ``sdn.csv`` (SDN list) and ``cons_prim.csv`` (non-SDN consolidated lists).

The files have no header, write ``-0- `` for null, end with a 0x1A byte, join programmes as
``SDGT] [SYRIA``, and keep weak aliases, identifiers and birth dates inside the Remarks text.
Sibling files in the same folder are read when present: ``add.csv`` / ``cons_add.csv``
(addresses), ``alt.csv`` / ``cons_alt.csv`` (strong aliases) and ``sdn_comments.csv`` /
``cons_comments.csv`` (Remarks text that overflowed the primary file).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.screening.countries import country_code
from riskkit.screening.model import DateRecord, EntityType, EntryRecord, IdentifierRecord, ListFile
from riskkit.screening.sources._common import (
    Warnings,
    dedupe,
    entry_counts,
    identifier,
    null,
    parse_date,
)
from riskkit.screening.sources._table import csv_rows

PRIMARY_COLUMNS = 12
_TYPES: dict[str, EntityType] = {
    "individual": "individual",
    "vessel": "vessel",
    "aircraft": "aircraft",
}

# Which non-SDN list an entry of cons_prim.csv is on follows from its programmes.
_CONS_LISTS = (
    ("CMIC-EO13959", "NS-CMIC"), ("NS-PLC", "NS-PLC"), ("561-RELATED", "CAPTA"),
    ("FSE-", "FSE"), ("UKRAINE-EO13662", "SSI"), ("RUSSIA-EO14024", "SSI"),
)  # fmt: skip

_WEAK_ALIAS_START = re.compile(r"\b[afn]\.k\.a\.,?\s*'")
_SPACES = re.compile(r"\s*")
_SCHEMES = (
    "Unified Social Credit Code (USCC)", "ISIN", "Equity Ticker", "Passport",
    "Diplomatic Passport", "National ID No.", "Tax ID No.", "Registration Number",
    "Registration ID", "Legal Entity Number", "Company Number", "Business Registration Number",
    "Business Number", "Commercial Registry Number", "C.R. No.", "Identification Number",
    "Cedula No.", "NIT #", "RFC", "CURP", "SSN", "IMO", "MMSI",
    "Vessel Registration Identification", "SWIFT/BIC", "V.A.T. Number", "D-U-N-S Number",
    "Government Gazette Number", "Trade License No.", "Personal ID Card", "Residency Number",
    "Birth Certificate Number", "Driver's License No.", "Turkish Identification Number",
    "UK Company Number", "Chinese Commercial Code", "Aircraft Tail Number", "Website",
    "Email Address", "Public Security and Immigration No.", "Digital Currency Address",
    "Aircraft Manufacturer's Serial Number (MSN)", "Serial No.",
)  # fmt: skip
_SCHEME_RE = re.compile(
    r"^(?:alt\.\s+)?(?P<scheme>"
    + "|".join(re.escape(s) for s in sorted(_SCHEMES, key=len, reverse=True))
    + r"|[A-Z][A-Za-z.'/\- ]{1,40}?(?:No\.|Number|ID))"
    r"(?:\s*-\s*(?P<currency>[A-Z]{3,5}))?\s+(?P<value>[^\s(][^()]*?)"
    r"(?:\s+\((?P<country>[^()]+)\))?\.?$"
)
_DATE_RE = re.compile(
    r"^(?:alt\.\s+)?(?P<label>DOB|Listing Date \([^)]*\)|Effective Date \([^)]*\))"
    r"\s+(?P<value>.+?)\.?$"
)
_DATE_STARTS = ("DOB", "Listing Date", "Effective Date", "alt.")
_NATION_STARTS = ("nationality", "citizen", "alt.")
_ISSUER_RE = re.compile(r"^Issuer Name\s+(?P<name>.+?)\.?$")
_NATION_RE = re.compile(r"^(?:alt\.\s+)?(?:nationality|citizen)\s+(?P<country>.+?)\.?$")


def siblings(primary: Path) -> dict[str, Path]:
    """The add, alt and comments files that belong with a primary file, if they exist."""
    if primary.name.lower().startswith("cons_"):
        names = {"add": "cons_add.csv", "alt": "cons_alt.csv", "comments": "cons_comments.csv"}
    else:
        names = {"add": "add.csv", "alt": "alt.csv", "comments": "sdn_comments.csv"}
    return {
        role: primary.with_name(n) for role, n in names.items() if primary.with_name(n).is_file()
    }


def primary_for(auxiliary: Path) -> Path | None:
    """``sdn.csv`` for ``alt.csv`` and the like; None when the name is not an OFAC sibling."""
    name = auxiliary.name.lower()
    if name in {"add.csv", "alt.csv", "sdn_comments.csv"}:
        return auxiliary.with_name("sdn.csv")
    if name in {"cons_add.csv", "cons_alt.csv", "cons_comments.csv"}:
        return auxiliary.with_name("cons_prim.csv")
    return None


def _list_name(primary: Path, programmes: tuple[str, ...]) -> str:
    if not primary.name.lower().startswith("cons_"):
        return "SDN"
    upper = [p.upper() for p in programmes]
    for prefix, list_name in _CONS_LISTS:
        if any(p.startswith(prefix) for p in upper):
            return list_name
    return "NS-MBS"


def _weak_aliases(text: str) -> list[str]:
    """The quoted names after a.k.a., f.k.a. and n.k.a.: each runs from its opening quote to
    the first quote that ends a part (one followed by ``;`` or by the end of the Remarks),
    on one line.

    Found in time linear in the text: a single regex (``'(.+?)'(?=...)``) tries every quote
    after every opening one, so a row of unclosed a.k.a.s took minutes."""
    ends: list[int] = []
    last = len(text.rstrip())  # only whitespace after this
    quote = text.find("'")
    while quote != -1:
        after = _SPACES.match(text, quote + 1).end()  # type: ignore[union-attr]
        if after >= last or text[after] == ";" or (text[after] == "." and after + 1 >= last):
            ends.append(quote)
        quote = text.find("'", quote + 1)
    found: list[str] = []
    pos = 0
    while start := _WEAK_ALIAS_START.search(text, pos):
        first = start.end()
        i = bisect.bisect_left(ends, first + 1)
        newline = text.find("\n", first)
        if i < len(ends) and (newline == -1 or ends[i] < newline):
            found.append(text[first : ends[i]].strip())
            pos = ends[i] + 1
        else:
            pos = start.start() + 1
    return found


class _Remarks:
    """What OFAC packs into Remarks: weak aliases, identifiers, dates and nationalities."""

    def __init__(self, text: str, source: str, line: int, warnings: Warnings) -> None:
        weak = _weak_aliases(text) if "k.a." in text else []
        idents: list[IdentifierRecord] = []
        dates: list[DateRecord] = []
        countries: list[str] = []
        for part in text.split(";"):
            part = part.strip()
            if not part or part.lower().startswith(("a.k.a.", "f.k.a.", "n.k.a.", "linked to")):
                continue
            # Each pattern is tried only on parts that start as it does (a regex that fails
            # costs as much as one that matches, and Remarks have ~100,000 parts).
            if part.startswith(_DATE_STARTS) and (m := _DATE_RE.match(part)):
                label = m.group("label")
                kind = "birth" if label == "DOB" else (
                    "listed_on" if label.startswith("Listing") else "effective"
                )  # fmt: skip
                dates.append(
                    parse_date(m.group("value"), kind, source=source, line=line, warnings=warnings)
                )
            elif part.startswith("Issuer Name") and (m := _ISSUER_RE.match(part)):
                weak.append(m.group("name"))
            elif part.startswith(_NATION_STARTS) and (m := _NATION_RE.match(part)):
                if code := country_code(m.group("country")):
                    countries.append(code)
            elif m := _SCHEME_RE.match(part):
                scheme = m.group("scheme")
                if m.group("currency"):
                    scheme = f"{scheme} - {m.group('currency')}"
                found = identifier(scheme, m.group("value"), m.group("country"))
                if found is not None:
                    idents.append(found)
                    if found.country:
                        countries.append(found.country)
        self.weak_aliases = tuple(weak)
        self.identifiers = tuple(dict.fromkeys(idents))
        self.dates = tuple(dates)
        self.countries = tuple(countries)


def _by_ent_num(
    path: Path, warnings: Warnings, min_fields: int
) -> dict[str, list[tuple[int, list[str]]]]:
    rows: dict[str, list[tuple[int, list[str]]]] = {}
    for line, row in csv_rows(path, warnings):
        if not row or not any(f.strip() for f in row):
            continue
        if len(row) < min_fields or not row[0].strip().isdigit():
            warnings.add(
                str(path), line, f"expected {min_fields} fields starting with ent_num; skipped"
            )
            continue
        rows.setdefault(row[0].strip(), []).append((line, row))
    return rows


def read(primary: Path) -> ListFile:
    """Read an OFAC legacy primary file and its siblings into one ListFile."""
    source = str(primary)
    warnings = Warnings()
    extra = siblings(primary)
    addresses = _by_ent_num(extra["add"], warnings, 5) if "add" in extra else {}
    aliases = _by_ent_num(extra["alt"], warnings, 4) if "alt" in extra else {}
    comments = _by_ent_num(extra["comments"], warnings, 2) if "comments" in extra else {}
    entries: list[EntryRecord] = []
    rows_read = skipped = 0
    for line, row in csv_rows(primary, warnings):
        if not row or not any(f.strip() for f in row):
            continue
        rows_read += 1
        ent_num = row[0].strip()
        if len(row) != PRIMARY_COLUMNS or not ent_num.isdigit():
            skipped += 1
            warnings.add(
                source, line, f"{len(row)} fields, expected {PRIMARY_COLUMNS} starting with a "
                "numeric ent_num (OFAC legacy CSV); skipped",
            )  # fmt: skip
            continue
        name = null(row[1])
        if name is None:
            skipped += 1
            warnings.add(source, line, f"ent_num {ent_num} has no name; skipped")
            continue
        programmes = tuple(p.strip() for p in (null(row[3]) or "").split("] [") if p.strip())
        remarks_text = (null(row[11]) or "") + "".join(
            (r[1] if len(r) > 1 else "") for _, r in comments.get(ent_num, [])
        )
        remarks = _Remarks(remarks_text, source, line, warnings)
        entry_addresses: list[str] = []
        countries: list[str] = []
        for _, add in addresses.get(ent_num, []):
            parts = [p for p in (null(f) for f in add[2:5]) if p]
            if parts:
                entry_addresses.append(", ".join(parts))
            if code := country_code(null(add[4])):
                countries.append(code)
        strong = [null(alt[3]) for _, alt in aliases.get(ent_num, [])]
        entries.append(
            EntryRecord(
                source=source,
                format="ofac-legacy-csv",
                list=_list_name(primary, programmes),
                programmes=programmes,
                entity_type=_TYPES.get((null(row[2]) or "").lower(), "entity"),
                name=name,
                aliases=dedupe([a for a in strong if a and a != name]),
                weak_aliases=dedupe([a for a in remarks.weak_aliases if a != name]),
                identifiers=remarks.identifiers,
                countries=dedupe([*countries, *remarks.countries]),
                addresses=dedupe(entry_addresses),
                dates=remarks.dates,
                remarks=remarks_text or None,
                source_id=ent_num,
                line=line,
            )
        )
    if rows_read and not entries:
        raise InvalidInput.one(
            source, "", "no row could be read as an OFAC legacy CSV record (12 fields, numeric "
            "ent_num first); is this the right file?",
        )  # fmt: skip
    counts = entry_counts(entries, rows_read, skipped, warnings)
    return ListFile(
        path=source,
        format="ofac-legacy-csv",
        records=tuple(entries),
        files=(source, *(str(p) for p in extra.values())),
        counts=counts,
        warnings=warnings.as_tuple(),
    )

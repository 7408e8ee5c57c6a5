"""List entries: the public pydantic model, the compact record readers keep, and a file's result.

Readers produce ``EntryRecord`` values (attrs, slotted: about a tenth of the memory of a pydantic
model, which matters at 30,000 entries and more). ``ListEntry``, the validated public model, is
built from a record only when someone asks for it: ``ListFile.entries`` or a returned ``Match``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["entity", "individual", "vessel", "aircraft", "unknown"]
ListFormat = Literal[
    "ofac-legacy-csv", "csl-csv", "csl-json", "bis-dpl", "un-xml", "opensanctions-csv",
    "riskkit-curated",
]  # fmt: skip


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Identifier(_Frozen):
    """A registry, tax, securities or travel-document number given for a listed party."""

    scheme: str = Field(min_length=1)
    """What kind of number, as the list words it (``ISIN``, ``Unified Social Credit Code``)."""
    value: str = Field(min_length=1)
    """The number as printed in the list."""
    country: str | None = None
    """ISO 3166 alpha-2 code of the issuing country, where the list gives one."""


class ListedDate(_Frozen):
    """A dated event in a list entry (listed, effective, expires, last updated, born)."""

    kind: str
    """``listed_on``, ``effective``, ``expires``, ``last_update``, ``birth`` ..."""
    value: date | None
    """The day, or None when the list's text could not be read as a plausible date."""
    text: str
    """The date exactly as the list printed it."""


class ListEntry(_Frozen):
    """One party on one list, as read from one file."""

    source: str
    """The file the entry was read from."""
    format: ListFormat
    """The file format the reader recognised."""
    list: str
    """Short list name: ``SDN``, ``NS-CMIC``, ``Entity List``, ``DPL``, ``UN``, ..."""
    programmes: tuple[str, ...] = ()
    """Sanctions programmes or legal bases given for the entry (``CMIC-EO13959``)."""
    entity_type: EntityType = "unknown"
    name: str = Field(min_length=1)
    """The primary name as printed."""
    aliases: tuple[str, ...] = ()
    """Strong aliases (a.k.a., f.k.a., good quality): matched fuzzily like the name."""
    weak_aliases: tuple[str, ...] = ()
    """Weak aliases and brands: matched only when the whole normalised name is equal."""
    identifiers: tuple[Identifier, ...] = ()
    countries: tuple[str, ...] = ()
    """ISO 3166 alpha-2 codes of addresses, nationality or registration, where derivable."""
    addresses: tuple[str, ...] = ()
    dates: tuple[ListedDate, ...] = ()
    remarks: str | None = None
    source_id: str | None = None
    """The list's own id for the entry (OFAC ent_num, CSL _id, UN DATAID, curated id)."""
    line: int | None = None
    """Line in the source file where the entry starts, for explanations and warnings."""

    def strong_names(self) -> tuple[str, ...]:
        """The primary name followed by the strong aliases."""
        return (self.name, *self.aliases)


@attrs.frozen
class IdentifierRecord:
    """The compact form of ``Identifier`` that readers keep."""

    scheme: str
    value: str
    country: str | None = None

    def to_model(self) -> Identifier:
        return Identifier(scheme=self.scheme, value=self.value, country=self.country)


@attrs.frozen
class DateRecord:
    """The compact form of ``ListedDate`` that readers keep."""

    kind: str
    value: date | None
    text: str

    def to_model(self) -> ListedDate:
        return ListedDate(kind=self.kind, value=self.value, text=self.text)


@attrs.frozen
class EntryRecord:
    """The compact form of ``ListEntry`` that readers keep; same fields, not validated."""

    source: str
    format: ListFormat
    list: str
    name: str
    programmes: tuple[str, ...] = ()
    entity_type: EntityType = "unknown"
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    identifiers: tuple[IdentifierRecord, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    dates: tuple[DateRecord, ...] = ()
    remarks: str | None = None
    source_id: str | None = None
    line: int | None = None

    def strong_names(self) -> tuple[str, ...]:
        """The primary name followed by the strong aliases."""
        return (self.name, *self.aliases)

    def to_model(self) -> ListEntry:
        """The validated public model of this entry."""
        return ListEntry(
            source=self.source,
            format=self.format,
            list=self.list,
            programmes=self.programmes,
            entity_type=self.entity_type,
            name=self.name,
            aliases=self.aliases,
            weak_aliases=self.weak_aliases,
            identifiers=tuple(i.to_model() for i in self.identifiers),
            countries=self.countries,
            addresses=self.addresses,
            dates=tuple(d.to_model() for d in self.dates),
            remarks=self.remarks,
            source_id=self.source_id,
            line=self.line,
        )

    @classmethod
    def from_model(cls, entry: ListEntry) -> EntryRecord:
        return cls(
            source=entry.source,
            format=entry.format,
            list=entry.list,
            name=entry.name,
            programmes=entry.programmes,
            entity_type=entry.entity_type,
            aliases=entry.aliases,
            weak_aliases=entry.weak_aliases,
            identifiers=tuple(
                IdentifierRecord(i.scheme, i.value, i.country) for i in entry.identifiers
            ),
            countries=entry.countries,
            addresses=entry.addresses,
            dates=tuple(DateRecord(d.kind, d.value, d.text) for d in entry.dates),
            remarks=entry.remarks,
            source_id=entry.source_id,
            line=entry.line,
        )


@attrs.frozen
class ListFile:
    """Everything read from one list file (with its OFAC sibling files, if any)."""

    path: str
    """The file that was asked for."""
    format: ListFormat
    records: tuple[EntryRecord, ...]
    """The entries in their compact form (what the Screener indexes)."""
    files: tuple[str, ...]
    """Every file actually read (OFAC primaries pull in add, alt and comments files)."""
    counts: Mapping[str, int]
    """Rows read, rows skipped, entries, aliases, identifiers, and entries per list."""
    warnings: tuple[str, ...]
    """Problems that did not stop the read, each naming its file and line."""

    @functools.cached_property
    def entries(self) -> tuple[ListEntry, ...]:
        """The entries as validated public models (built on first use)."""
        return tuple(r.to_model() for r in self.records)

"""The typed list-entry model every reader produces, and the file-level result of a read."""

from __future__ import annotations

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
class ListFile:
    """Everything read from one list file (with its OFAC sibling files, if any)."""

    path: str
    """The file that was asked for."""
    format: ListFormat
    entries: tuple[ListEntry, ...]
    files: tuple[str, ...]
    """Every file actually read (OFAC primaries pull in add, alt and comments files)."""
    counts: Mapping[str, int]
    """Rows read, rows skipped, entries, aliases, identifiers, and entries per list."""
    warnings: tuple[str, ...]
    """Problems that did not stop the read, each naming its file and line."""

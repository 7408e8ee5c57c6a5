"""What a screening returns: ``Match``, one list entry a screened name may be, and its
``HitKey``, which names the entry stably across runs and machines."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

import attrs

from riskkit.screening.model import EntryRecord, ListEntry
from riskkit.screening.score import Band, TokenPair


@attrs.frozen(eq=False, repr=False)
class Match:
    """One list entry that a screened name may be.

    ``explanation`` is a str like the other fields; the screener writes it the first time it
    is read (most callers of a screen read only scores and bands), so ``Match(explanation=...)``
    also takes a function that returns the text. Equality, hashing, ``repr`` and pickling use
    the text.
    """

    entry: ListEntry
    score: float
    """0..1; see ``riskkit.screening.score`` for how it is computed."""
    band: Band
    matched_name: str
    """The entry's name or alias (as printed in the list) that scored best."""
    name_kind: str
    """``primary``, ``alias``, ``weak alias`` or ``identifier``."""
    _explanation: str | Callable[[], str] = attrs.field(alias="explanation")
    matched_tokens: tuple[TokenPair, ...] = ()
    key: HitKey | None = None
    """Stable public key of the hit: the list, the digest of its file, the entry's own id."""
    tie: bool = False
    """True when another entry scored exactly the same for this query: results with equal
    scores are ordered by literal closeness of the matched name to the query (the name equal
    to the query as typed first), then by index order; look at all of them."""

    @property
    def explanation(self) -> str:
        """Which words aligned, their weights, what was left over, the country effect and the
        band."""
        text = self._explanation
        if not isinstance(text, str):
            text = text()
            object.__setattr__(self, "_explanation", text)
        return text

    def _values(self) -> tuple[object, ...]:
        return (
            self.entry, self.score, self.band, self.matched_name, self.name_kind,
            self.explanation, self.matched_tokens, self.key, self.tie,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Match)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        names = ("entry", "score", "band", "matched_name", "name_kind", "explanation",
                 "matched_tokens", "key", "tie")  # fmt: skip
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._values(), strict=True))
        return f"Match({shown})"

    def __getstate__(self) -> dict[str, object]:
        self.explanation  # noqa: B018 - write the text: a pickle holds no screener
        return {a.name: getattr(self, a.name) for a in attrs.fields(Match)}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


@attrs.frozen
class HitKey:
    """Which list entry a hit is, stably: the same file and entry give the same key anywhere.

    ``str(key)`` is ``LIST:DIGEST:ID``, for example ``SDN:3f5a9c2e71d0:36216``.
    """

    list: str
    """Short list name as the reader gives it (``SDN``, ``Entity List``, ``UN``)."""
    digest: str
    """First 12 hex digits of the SHA-256 of the file the entry was read from; ``unread``
    when the entry did not come from a file that can be read (entries built in memory)."""
    entry_id: str
    """The entry's own id in the list (OFAC ent_num, CSL id, UN DATAID), or ``line N``."""

    def __str__(self) -> str:
        return f"{self.list}:{self.digest}:{self.entry_id}"


@functools.lru_cache(maxsize=256)
def _file_name(source: str) -> str:
    return Path(source).name


@functools.lru_cache(maxsize=256)
def file_digest(source: str) -> str:
    """First 12 hex digits of the SHA-256 of the file at ``source``; ``unread`` if unreadable."""
    try:
        data = Path(source).read_bytes()
    except OSError:
        return "unread"
    return hashlib.sha256(data).hexdigest()[:12]


def hit_key(entry: EntryRecord | ListEntry) -> HitKey:
    """The stable public key of a list entry (see ``HitKey``)."""
    entry_id = entry.source_id or (f"line {entry.line}" if entry.line else "unknown")
    return HitKey(entry.list, file_digest(entry.source), entry_id)


def where(entry: EntryRecord) -> str:
    """Where an entry was read: its list, file name, line and own id, for explanations."""
    place = _file_name(entry.source) + (f" line {entry.line}" if entry.line else "")
    ident = (
        f" id {entry.source_id}"
        if entry.source_id and not entry.source_id.startswith("line")
        else ""
    )
    return f"{entry.list}, {place}{ident}"

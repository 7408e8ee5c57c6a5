"""``Screener``: screen many names against list entries, with an explanation for every hit.

A screen runs in steps, each in its own module: the query is read as words
(``normalize``); names equal as a whole are found by key and the others by the inverted index
(``candidates``); the best score per entry is kept and capped where doubt remains (``caps``); and
each hit becomes a ``Match`` whose explanation is written when read (``explain``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import attrs
from rapidfuzz import fuzz

from riskkit.screening.cache import load_index, save_index
from riskkit.screening.candidates import WordHits, scored_candidates
from riskkit.screening.caps import Pending, cap_near_names, offer, one_word
from riskkit.screening.explain import match_for
from riskkit.screening.frequency import is_ordinary
from riskkit.screening.index import ScreeningIndex
from riskkit.screening.match import Match, hit_key, where
from riskkit.screening.model import EntityType, EntryRecord, ListEntry, ListFile
from riskkit.screening.normalize import read_misspelt_forms, tokens
from riskkit.screening.score import REVIEW_AT
from riskkit.screening.sources import read_lists
from riskkit.screening.sources._common import identifier_key


def _record(entry: ListEntry | EntryRecord) -> EntryRecord:
    return entry if isinstance(entry, EntryRecord) else EntryRecord.from_model(entry)


class Screener:
    """Screens names against list entries. Build once (about 1 s for 30,000 entries), reuse.

    Results are deterministic: the same entries and query always give the same matches in the
    same order. Entries are kept in their compact form; the ``ListEntry`` of a ``Match`` is
    built when the match is returned.
    """

    def __init__(
        self,
        entries: Iterable[ListEntry | EntryRecord],
        *,
        entity_types: Collection[EntityType] | None = None,
        weak_aliases: bool = True,
    ) -> None:
        """Index ``entries``.

        Load options:

        - ``entity_types``: index only entries of these types (``"entity"``, ``"individual"``,
          ``"vessel"``, ``"aircraft"``, ``"unknown"``); None (the default) indexes all. Screening
          companies only? ``entity_types={"entity", "unknown"}`` leaves out people, vessels and
          aircraft (``unknown`` is what lists without a type column, like the DPL, give).
        - ``weak_aliases``: whether the weak aliases the lists give count (OFAC's "a.k.a." in
          Remarks, the UN's low-quality aliases, curated brands). True by default; they match
          only when the whole normalised name is equal, and a one-word weak alias of four
          letters or fewer stays in review. Acronyms read from a trailing parenthesis ("...
          Center (SSRC)") are weak aliases of the index's own making and are kept either way.
        """
        records = (_record(e) for e in entries)
        if entity_types is not None:
            wanted = frozenset(entity_types)
            records = (r for r in records if r.entity_type in wanted)
        if not weak_aliases:
            records = (attrs.evolve(r, weak_aliases=()) if r.weak_aliases else r for r in records)
        self.index = ScreeningIndex(tuple(records))
        self._models: dict[int, ListEntry] = {}
        self._word_hits: WordHits = {}

    @classmethod
    def from_files(
        cls,
        paths: Iterable[Path | str],
        *,
        entity_types: Collection[EntityType] | None = None,
        weak_aliases: bool = True,
    ) -> Screener:
        """Read list files (any supported format) and index their entries (load options as
        for ``Screener``)."""
        return cls.from_list_files(
            read_lists(paths), entity_types=entity_types, weak_aliases=weak_aliases
        )

    @classmethod
    def from_list_files(
        cls,
        list_files: Iterable[ListFile],
        *,
        entity_types: Collection[EntityType] | None = None,
        weak_aliases: bool = True,
    ) -> Screener:
        return cls(
            (r for list_file in list_files for r in list_file.records),
            entity_types=entity_types,
            weak_aliases=weak_aliases,
        )

    def save(self, path: Path | str) -> None:
        """Save the built index to ``path`` (a safe format: see ``riskkit.screening.cache``)."""
        save_index(self.index, path)

    @classmethod
    def load(cls, path: Path | str) -> Screener:
        """A Screener over an index saved by ``save`` (entries are decoded when asked for)."""
        screener = cls.__new__(cls)
        screener.index = load_index(path)
        screener._models = {}
        screener._word_hits = {}
        return screener

    @property
    def records(self) -> tuple[EntryRecord, ...]:
        """Every indexed entry, in its compact form."""
        records = self.index.records
        return records if isinstance(records, tuple) else tuple(records)

    @property
    def entries(self) -> tuple[ListEntry, ...]:
        """Every indexed entry as a validated model (builds them all: prefer ``records``)."""
        return tuple(self._model(i) for i in range(len(self.index.records)))

    def __len__(self) -> int:
        return len(self.index.records)

    def _model(self, entry_id: int) -> ListEntry:
        model = self._models.get(entry_id)
        if model is None:
            model = self._models[entry_id] = self.index.records[entry_id].to_model()
        return model

    def screen(
        self,
        name: str,
        *,
        country: str | None = None,
        limit: int = 5,
        min_score: float = REVIEW_AT,
    ) -> list[Match]:
        """The best ``limit`` entries for ``name`` scoring at least ``min_score``, best first.

        ``country`` (ISO alpha-2) raises the score of entries in that country a little and lowers
        entries known to be elsewhere. Pass ``min_score=0`` to see ``no_match`` candidates too.
        """
        words = tokens(name)
        if not words or limit <= 0:
            return []
        ix = self.index
        words = read_misspelt_forms(words, ix.vocabulary)
        best: dict[int, Pending] = {}
        # 1. Exact keys: the whole normalised name equal, in any order or spacing. The only
        #    route by which weak aliases can match.
        exact_ids = ix.names_with_key(words)
        for name_id in sorted(exact_ids):
            offer(ix, best, name_id, 1.0, (), country, "equal after normalisation")
        # 2. Candidates from the inverted index (exact words and one-edit neighbours).
        for name_id, score, pairs in scored_candidates(
            ix, words, self._word_hits, min_score, exact_ids
        ):
            offer(ix, best, name_id, score, pairs, country, "", words)
        if len(words) == 1:
            one_word(ix, best, words[0], country)
        cap_near_names(ix, best, words, exact_ids)
        kept = [(entry_id, p) for entry_id, p in best.items() if p.score >= min_score]
        typed = name.casefold()
        ordered = sorted(
            kept,
            key=lambda item: (
                -item[1].score,
                -fuzz.ratio(typed, ix.name_text[item[1].name_id].casefold()),
                item[0],
            ),
        )
        scores = [p.score for _, p in ordered]
        tied = {score for score in scores if scores.count(score) > 1}
        return [
            match_for(ix, p, words, self._model(ix.name_entry[p.name_id]), tie=p.score in tied)
            for _, p in ordered[:limit]
        ]

    def explain(self, name: str, *, country: str | None = None, limit: int = 5) -> str:
        """Why ``name`` matches what it matches, as text: the normalised words the screener
        compares (``tokens(name)``: legal forms, boilerplate and stopwords gone, scripts folded),
        then the best ``limit`` candidates down to ``no_match``, each with its band, score,
        stable key and explanation (aligned words and their weights, words left over, caps and
        the country effect)."""
        words = tokens(name)
        lines = [f"query {name!r}", f"normalised words: {' '.join(words) or '(none)'}"]
        if len(words) == 1 and is_ordinary(words[0]):
            lines.append(f'"{words[0]}" is an ordinary word: alone it stays in review at most')
        matches = self.screen(name, country=country, limit=limit, min_score=0.0)
        if not matches:
            lines.append("no candidate shares a word (or a word within the typo distance)")
        for m in matches:
            lines.append(f"{m.band} {m.score:.2f} {m.key}: {m.explanation}")
        return "\n".join(lines) + "\n"

    def screen_identifier(self, scheme: str, value: str) -> list[Match]:
        """Entries carrying this identifier exactly (case, spaces, dots and dashes ignored).

        An empty ``scheme`` matches the value under any scheme.
        """
        ix = self.index
        scheme_key, value_key = identifier_key(scheme, value)
        if not value_key:
            return []
        if scheme_key:
            found = ix.identifiers.get((scheme_key, value_key), [])
        else:
            found = ix.identifier_values.get(value_key, [])
        matches: list[Match] = []
        for entry_id in sorted(set(found)):
            record = ix.records[entry_id]
            shown = next(
                (f"{i.scheme} {i.value}" for i in record.identifiers
                 if identifier_key(i.scheme, i.value)[1] == value_key),
                value,
            )  # fmt: skip
            matches.append(
                Match(
                    entry=self._model(entry_id),
                    score=1.0,
                    band="match",
                    matched_name=shown,
                    name_kind="identifier",
                    explanation=f"identifier {shown} of {record.name!r} [{where(record)}] "
                    "equals the one screened; score 1.00 -> match",
                    key=hit_key(record),
                )
            )
        return matches


def screen_many(
    screener: Screener, names: Sequence[str], *, country: str | None = None, limit: int = 5
) -> dict[str, list[Match]]:
    """Screen several names; a convenience for the CLI's ``riskkit screen NAME...``."""
    return {name: screener.screen(name, country=country, limit=limit) for name in names}

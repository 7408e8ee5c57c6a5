"""``Screener``: screen many names against list entries, with an explanation for every hit."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs
from rapidfuzz.distance import JaroWinkler

from riskkit.screening.index import KINDS, ScreeningIndex, compact_key, exact_key
from riskkit.screening.model import ListEntry, ListFile
from riskkit.screening.normalize import LEGAL_WORDS, tokens
from riskkit.screening.score import (
    MATCH_AT,
    REVIEW_AT,
    Band,
    TokenPair,
    align,
    band_for,
    country_effect,
)
from riskkit.screening.sources import read_lists
from riskkit.screening.sources._common import identifier_key

CANDIDATES = 30
"""Names scored in full per query, chosen by an upper-bound estimate from the inverted index."""
COMMON_DF = 2000
"""Words in more names than this do not generate candidates unless the query has no other."""


WEAK_ACRONYM_CAP = 0.85


def _is_short(name_tokens: tuple[int, ...], words: list[str]) -> bool:
    return len(name_tokens) == 1 and len(words[name_tokens[0]]) <= 4


def _drop_misspelt_forms(words: list[str], vocabulary: dict[str, int]) -> list[str]:
    """Drop words the lists never use that are a typo of a legal form ("Liablity")."""
    kept = [
        w
        for w in words
        if w in vocabulary
        or len(w) < 5
        or not any(JaroWinkler.similarity(w, form) >= 0.92 for form in LEGAL_WORDS)
    ]
    return kept or words


@attrs.frozen
class _Pending:
    """A scored candidate whose explanation has not been written yet."""

    score: float
    name_id: int
    pairs: tuple[TokenPair, ...]
    unmatched_query: tuple[str, ...]
    unmatched_listed: tuple[str, ...]
    country_text: str
    how: str


@attrs.frozen
class Match:
    """One list entry that a screened name may be."""

    entry: ListEntry
    score: float
    """0..1; see ``riskkit.screening.score`` for how it is computed."""
    band: Band
    matched_name: str
    """The entry's name or alias (as printed in the list) that scored best."""
    name_kind: str
    """``primary``, ``alias``, ``weak alias`` or ``identifier``."""
    explanation: str
    """Which words aligned, their weights, what was left over, the country effect and the band."""
    matched_tokens: tuple[TokenPair, ...] = ()


def _where(entry: ListEntry) -> str:
    place = Path(entry.source).name + (f" line {entry.line}" if entry.line else "")
    ident = (
        f" id {entry.source_id}"
        if entry.source_id and not entry.source_id.startswith("line")
        else ""
    )
    return f"{entry.list}, {place}{ident}"


class Screener:
    """Screens names against list entries. Build once (about 2 s for 30,000 entries), reuse.

    Results are deterministic: the same entries and query always give the same matches in the
    same order.
    """

    def __init__(self, entries: Iterable[ListEntry]) -> None:
        self.index = ScreeningIndex(tuple(entries))

    @classmethod
    def from_files(cls, paths: Iterable[Path | str]) -> Screener:
        """Read list files (any supported format) and index every entry."""
        return cls.from_list_files(read_lists(paths))

    @classmethod
    def from_list_files(cls, list_files: Iterable[ListFile]) -> Screener:
        return cls(e for list_file in list_files for e in list_file.entries)

    @property
    def entries(self) -> tuple[ListEntry, ...]:
        return self.index.entries

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
        words = _drop_misspelt_forms(words, ix.vocabulary)
        best: dict[int, _Pending] = {}
        # 1. Exact keys: the whole normalised name equal, in any order or spacing. The only
        #    route by which weak aliases can match.
        exact_ids = set(ix.exact.get(exact_key(words), ()))
        exact_ids.update(ix.compact.get(compact_key(words), ()))
        for name_id in sorted(exact_ids):
            self._offer(best, name_id, 1.0, (), (), (), country, "equal after normalisation")
        # 2. Candidates from the inverted index (exact words and one-edit neighbours).
        vocabulary = ix.vocabulary
        query_weights: list[float | None] = []
        generators: list[tuple[float, list[int]]] = []
        common: list[tuple[float, list[int]]] = []
        for word in words:
            token_id = vocabulary.get(word)
            hits = {token_id} if token_id is not None and token_id in ix.postings else set()
            query_weights.append(ix.idf[token_id] if token_id is not None else None)
            hits |= ix.neighbours(word)
            for hit in sorted(hits):
                postings = ix.postings.get(hit, [])
                target = generators if len(postings) <= COMMON_DF else common
                target.append((ix.idf[hit], postings))
        if not generators:
            generators = common
        weight_q = sum(w if w is not None else ix.unknown_weight for w in query_weights)
        estimate: dict[int, float] = {}
        for weight, postings in generators:
            for name_id in postings:
                estimate[name_id] = estimate.get(name_id, 0.0) + weight
        # The estimate is what the name would score if every shared word matched perfectly and
        # weighed the same on both sides; names that cannot reach the floor are not scored.
        name_weight = ix.name_weight
        floor = min_score * 0.8
        ranked = heapq.nlargest(
            CANDIDATES,
            (
                (ratio, -name_id)
                for name_id, w in estimate.items()
                if (ratio := 2 * w / (weight_q + name_weight[name_id])) >= floor
            ),
        )
        cache: dict[tuple[str, str], float] = {}
        for _, negative_id in ranked:
            name_id = -negative_id
            if name_id in exact_ids:
                continue
            listed = [ix.words[t] for t in ix.name_tokens[name_id]]
            alignment = align(
                words, query_weights, listed, [ix.idf[t] for t in ix.name_tokens[name_id]], cache
            )
            self._offer(
                best, name_id, alignment.score, alignment.pairs, alignment.unmatched_query,
                alignment.unmatched_listed, country, "",
            )  # fmt: skip
        ordered = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
        return [self._explain(p) for _, p in ordered if p.score >= min_score][:limit]

    def _offer(
        self,
        best: dict[int, _Pending],
        name_id: int,
        raw: float,
        pairs: tuple[TokenPair, ...],
        unmatched_query: tuple[str, ...],
        unmatched_listed: tuple[str, ...],
        country: str | None,
        how: str,
    ) -> None:
        ix = self.index
        entry_id = ix.name_entry[name_id]
        entry = ix.entries[entry_id]
        kind = KINDS[ix.name_kind[name_id]]
        if kind == "weak alias" and raw < 1.0:
            return
        adjust, country_text = country_effect(country, entry.countries)
        score = round(min(1.0, max(0.0, raw + adjust)), 4)
        if kind == "weak alias" and _is_short(ix.name_tokens[name_id], ix.words):
            # A weak alias that is one short word ("BNC", "NEC") is equal to too many
            # unrelated names to decide anything alone: a person should look.
            score = min(score, WEAK_ACRONYM_CAP)
            how = f"{how}; a short weak alias is capped at {WEAK_ACRONYM_CAP}"
        previous = best.get(entry_id)
        if previous is not None and previous.score >= score:
            return
        best[entry_id] = _Pending(
            score, name_id, pairs, unmatched_query, unmatched_listed, country_text, how
        )

    def _explain(self, pending: _Pending) -> Match:
        """Turn a scored candidate into a Match; explanations are only written for results."""
        ix = self.index
        name_id = pending.name_id
        entry = ix.entries[ix.name_entry[name_id]]
        kind = KINDS[ix.name_kind[name_id]]
        matched = ix.name_text[name_id]
        pairs = pending.pairs
        parts = [f'{kind} "{matched}" of {entry.name!r} [{_where(entry)}]']
        if pending.how:
            parts.append(pending.how)
        if pairs:
            aligned = ", ".join(
                f"{p.query}={p.listed}" if p.similarity == 1.0
                else f"{p.query}~{p.listed} {p.similarity:.2f}"
                for p in pairs
            )  # fmt: skip
            weights = ", ".join(f"{p.listed} {p.weight:.1f}" for p in pairs)
            parts.append(f"aligned {aligned} (weights {weights})")
        if pending.unmatched_query:
            parts.append("query words unmatched: " + ", ".join(pending.unmatched_query))
        if pending.unmatched_listed:
            parts.append("listed words unmatched: " + ", ".join(pending.unmatched_listed))
        if pending.country_text:
            parts.append(pending.country_text)
        band = band_for(pending.score)
        parts.append(
            f"score {pending.score:.2f} -> {band} (match >= {MATCH_AT}, review >= {REVIEW_AT})"
        )
        return Match(
            entry=entry,
            score=pending.score,
            band=band,
            matched_name=matched,
            name_kind=kind,
            explanation="; ".join(parts),
            matched_tokens=pairs,
        )

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
            entry = ix.entries[entry_id]
            shown = next(
                (f"{i.scheme} {i.value}" for i in entry.identifiers
                 if identifier_key(i.scheme, i.value)[1] == value_key),
                value,
            )  # fmt: skip
            matches.append(
                Match(
                    entry=entry,
                    score=1.0,
                    band="match",
                    matched_name=shown,
                    name_kind="identifier",
                    explanation=f"identifier {shown} of {entry.name!r} [{_where(entry)}] "
                    "equals the one screened; score 1.00 -> match",
                )
            )
        return matches


def screen_many(
    screener: Screener, names: Sequence[str], *, country: str | None = None, limit: int = 5
) -> dict[str, list[Match]]:
    """Screen several names; a convenience for the CLI's ``riskkit screen NAME...``."""
    return {name: screener.screen(name, country=country, limit=limit) for name in names}

"""The text that says why a name matched what it matched.

Most callers of a screen read only scores and bands, so a ``Match`` carries a function that
writes its explanation the first time it is read.
"""

from __future__ import annotations

import functools

from riskkit.screening.caps import Pending
from riskkit.screening.index import ScreeningIndex
from riskkit.screening.match import Match, hit_key, where
from riskkit.screening.model import EntryRecord, ListEntry
from riskkit.screening.score import MATCH_AT, REVIEW_AT, TokenPair, band_for, token_pairs
from riskkit.screening.tables import KINDS


def match_for(
    ix: ScreeningIndex,
    pending: Pending,
    words: list[str],
    entry: ListEntry,
    *,
    tie: bool = False,
) -> Match:
    """Turn a scored candidate into a Match, whose explanation is written when read."""
    name_id = pending.name_id
    entry_id = ix.name_entry[name_id]
    record = ix.records[entry_id]
    kind = KINDS[ix.name_kind[name_id]]
    matched = ix.name_text[name_id]
    listed = ix.name_words(name_id)
    pairs = token_pairs(words, listed, [ix.idf[t] for t in ix.name_tokens[name_id]], pending.pairs)
    return Match(
        entry=entry,
        score=pending.score,
        band=band_for(pending.score),
        matched_name=matched,
        name_kind=kind,
        explanation=functools.partial(
            explanation, pending, words, listed, pairs, kind, matched, record, tie
        ),
        matched_tokens=pairs,
        key=hit_key(record),
        tie=tie,
    )


def explanation(
    pending: Pending,
    words: list[str],
    listed: list[str],
    pairs: tuple[TokenPair, ...],
    kind: str,
    matched: str,
    record: EntryRecord,
    tie: bool,
) -> str:
    """The explanation of a hit: the name and where it is listed, caps, aligned words and
    their weights, words left unmatched, the country effect, the score and its band."""
    parts = [f'{kind} "{matched}" of {record.name!r} [{where(record)}]']
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
        used_q = {i for i, _, _ in pending.pairs}
        used_n = {j for _, j, _ in pending.pairs}
        unmatched_query = [q for i, q in enumerate(words) if i not in used_q]
        unmatched_listed = [n for j, n in enumerate(listed) if j not in used_n]
        if unmatched_query:
            parts.append("query words unmatched: " + ", ".join(unmatched_query))
        if unmatched_listed:
            parts.append("listed words unmatched: " + ", ".join(unmatched_listed))
    if pending.country_text:
        parts.append(pending.country_text)
    band = band_for(pending.score)
    parts.append(
        f"score {pending.score:.2f} -> {band} (match >= {MATCH_AT}, review >= {REVIEW_AT})"
    )
    if tie:
        parts.append("tied with another entry's score")
    return "; ".join(parts)

"""Scored candidates, the best one per entry, and the caps that keep a doubtful one in review.

A raw alignment score says how alike two names are; whether the listed party is the one named
takes more: the country, whether the name is a weak alias, whether a distinctive word differs on
both sides (sister companies), whether a one-word query is an ordinary word or a brand, whether
the query is exactly another listed name. Each cap says so in the hit's explanation.
"""

from __future__ import annotations

from collections.abc import Sequence

import attr
import attrs

from riskkit.screening.frequency import is_ordinary
from riskkit.screening.index import ScreeningIndex
from riskkit.screening.normalize import tokens
from riskkit.screening.score import Pair, country_effect
from riskkit.screening.tables import WEAK, exact_key, fuzzy_eligible

WEAK_ACRONYM_CAP = 0.85
"""Highest score of a weak alias that is one word of four letters or fewer: review at most."""
ORDINARY_CAP = 0.85
"""Highest score for a query that is one ordinary word ("Budget", "Moscow"): review at most."""
ANOTHER_NAME_CAP = 0.85
"""Highest score of a near name when the query is exactly another listed name: review at most.
An edit that turns a listed name into another listed name is not a typo ("... ALKOR" is not
"... ALKON")."""
BRAND_SCORE = 0.9
"""Score of a one-word query that is the only distinctive word of exactly one listed party."""
BRAND_MAX_NAMES = 12
"""A word in more listed names than this is not one party's brand."""
WORD_ORDER_DIFFERS = 0.0
"""Score change when the aligned words come in another order: none. Word order never decides
(a whole name equal in another order is an exact match, and a swap of two words is common in
how names are written); kept for callers that read it."""
SISTER_CAP = 0.85
"""Highest score when a distinctive word of the query and one of the listed name are both left
unmatched: a whole word differs, as between sister companies ("... ALKOR" / "... ALKON", one
military unit and another)."""


def _distinctive(word: str) -> bool:
    """A word that tells one party from another: with a digit, or three letters or more and
    not an ordinary word ("alkor", "72nd"; not "of", "trading", "group")."""
    return not word.isalpha() or (len(word) >= 3 and not is_ordinary(word))


def _is_short(name_tokens: Sequence[int], words: list[str]) -> bool:
    return len(name_tokens) == 1 and len(words[name_tokens[0]]) <= 4


@attr.s(auto_attribs=True, frozen=True, slots=True)
class Pending:
    """A scored candidate whose explanation has not been written yet."""

    score: float
    name_id: int
    pairs: tuple[Pair, ...]
    """Aligned (query word, listed word, similarity) index triples; empty for an exact hit."""
    country_text: str
    how: str


def offer(
    ix: ScreeningIndex,
    best: dict[int, Pending],
    name_id: int,
    raw: float,
    pairs: tuple[Pair, ...],
    country: str | None,
    how: str,
    query: Sequence[str] = (),
) -> None:
    """Keep the candidate for its entry if it scores better than the one kept: the raw score
    with the country effect, capped where a word differs or a weak alias is short."""
    kind = ix.name_kind[name_id]
    if kind == WEAK and raw < 1.0:
        return
    entry_id = ix.name_entry[name_id]
    adjust = 0.0
    country_text = ""
    if country:
        # Without a country there is no effect: the entry need not be read (or decoded).
        adjust, country_text = country_effect(country, ix.records[entry_id].countries)
    score = round(min(1.0, max(0.0, raw + adjust)), 4)
    if pairs and score > SISTER_CAP and _word_differs(ix, query, name_id, pairs):
        score = SISTER_CAP
        how = (
            f"{how}; a distinctive word differs on both sides (another party?), capped "
            f"at {SISTER_CAP}"
        ).lstrip("; ")
    if kind == WEAK and _is_short(ix.name_tokens[name_id], ix.words):
        # A weak alias that is one short word ("BNC", "NEC") is equal to too many
        # unrelated names to decide anything alone: a person should look.
        score = min(score, WEAK_ACRONYM_CAP)
        how = f"{how}; a short weak alias is capped at {WEAK_ACRONYM_CAP}"
    previous = best.get(entry_id)
    if previous is not None and previous.score >= score:
        return
    best[entry_id] = Pending(score, name_id, pairs, country_text, how)


def _word_differs(
    ix: ScreeningIndex, query: Sequence[str], name_id: int, pairs: Sequence[Pair]
) -> bool:
    """True when a distinctive word is left unmatched on both sides of an alignment."""
    used_q = {i for i, _, _ in pairs}
    used_n = {j for _, j, _ in pairs}
    listed = ix.name_words(name_id)
    return any(_distinctive(q) for i, q in enumerate(query) if i not in used_q) and any(
        _distinctive(n) for j, n in enumerate(listed) if j not in used_n
    )


def one_word(ix: ScreeningIndex, best: dict[int, Pending], word: str, country: str | None) -> None:
    """A one-word query: an ordinary word never matches; the one distinctive word of
    exactly one listed party's name does ("Sensetime" for "SenseTime Group Limited")."""
    if is_ordinary(word):
        for entry_id, pending in list(best.items()):
            if pending.score > ORDINARY_CAP:
                best[entry_id] = attrs.evolve(
                    pending,
                    score=ORDINARY_CAP,
                    how=f"{pending.how}; an ordinary word alone (word frequency) is capped "
                    f"at {ORDINARY_CAP}".lstrip("; "),
                )
        return
    token_id = ix.vocabulary.get(word)
    if token_id is None or not fuzzy_eligible(word):
        return
    named = ix.postings(token_id)
    if not named or len(named) > BRAND_MAX_NAMES:
        return
    records = ix.records
    owners = sorted({ix.name_entry[n] for n in named})
    parties = {exact_key(tokens(records[e].name)) for e in owners}
    ids = {records[e].source_id for e in owners}
    if len(parties) > 1 and (len(ids) > 1 or None in ids):
        return
    words_of = ix.words
    for name_id in named:
        others = [words_of[t] for t in ix.name_tokens[name_id] if words_of[t] != word]
        if not all(is_ordinary(w) for w in others):
            continue
        entry_id = ix.name_entry[name_id]
        previous = best.get(entry_id)
        if previous is not None and previous.score >= BRAND_SCORE:
            continue
        adjust, country_text = country_effect(country, records[entry_id].countries)
        score = round(min(1.0, max(0.0, BRAND_SCORE + adjust)), 4)
        listed = ix.name_tokens[name_id]
        pairs = ((0, listed.index(token_id), 1.0),)
        how = (
            f'"{word}" is the only distinctive word of this name and no other listed party '
            "has it; the other words are ordinary"
        )
        best[entry_id] = Pending(score, name_id, pairs, country_text, how)


def cap_near_names(
    ix: ScreeningIndex, best: dict[int, Pending], words: list[str], exact_ids: set[int]
) -> None:
    """When the query is exactly a listed name (or, alone, a listed word), a near name is
    another party, not a typo: cap it at ``ANOTHER_NAME_CAP``."""
    listed_word = len(words) == 1 and ix.document_frequency(ix.vocabulary.get(words[0], -1)) > 0
    if listed_word or any(ix.name_kind[n] != WEAK for n in exact_ids):
        for entry_id, pending in list(best.items()):
            # Any partial alignment counts ("X GROUP" when "X COMPANY" was typed), except
            # a brand found for a one-word query, which is exact by construction.
            fuzzy = any(sim < 1.0 for _, _, sim in pending.pairs)
            if pending.pairs and (fuzzy or len(words) > 1) and pending.score > ANOTHER_NAME_CAP:
                best[entry_id] = attrs.evolve(
                    pending,
                    score=ANOTHER_NAME_CAP,
                    how=f"{pending.how}; the query is exactly another listed name, so a "
                    f"near name is capped at {ANOTHER_NAME_CAP}".lstrip("; "),
                )

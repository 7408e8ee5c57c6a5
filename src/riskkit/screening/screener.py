"""``Screener``: screen many names against list entries, with an explanation for every hit."""

from __future__ import annotations

import functools
import hashlib
import heapq
import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import repeat
from operator import add, sub, truediv
from pathlib import Path

import attrs
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from riskkit.screening.cache import load_index, save_index
from riskkit.screening.frequency import is_ordinary
from riskkit.screening.index import KINDS, WEAK, ScreeningIndex, exact_key, fuzzy_eligible
from riskkit.screening.model import EntityType, EntryRecord, ListEntry, ListFile
from riskkit.screening.normalize import LEGAL_WORDS, strip_legal_forms, tokens
from riskkit.screening.score import (
    MATCH_AT,
    REVIEW_AT,
    Band,
    Pair,
    TokenPair,
    align_pairs,
    band_for,
    country_effect,
    similarity,
    token_pairs,
)
from riskkit.screening.sources import read_lists
from riskkit.screening.sources._common import identifier_key

CANDIDATES = 30
"""Names scored in full per query, chosen by an upper-bound estimate from the inverted index."""
COMMON_DF = 2000
"""Words in more names than this do not generate candidates unless the query has no other."""
LEFT_OUT_BUDGET = 20_000
WORD_HITS_KEPT = 10_000
"""Query words whose index hits (the word and its typo neighbours, with similarities) a
Screener keeps between queries; all are dropped when this many are kept."""
"""Postings of left-out words read per query to make candidates' estimates exact."""


WEAK_ACRONYM_CAP = 0.85
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


_LEGAL_WORDS = sorted(LEGAL_WORDS)


def _read_misspelt_forms(words: list[str], vocabulary: dict[str, int]) -> list[str]:
    """Read a word the lists never use that is a typo of a legal-form word ("Liablity") as
    that word, remove legal forms again (so "Aktssionernoye Obshchestvo" goes as a whole), and
    drop what is left of the misspelt forms."""
    read = list(words)
    misspelt: set[str] = set()
    for k, w in enumerate(words):
        if len(w) >= 5 and w not in vocabulary:
            form = process.extractOne(
                w, _LEGAL_WORDS, scorer=JaroWinkler.similarity, score_cutoff=0.92
            )
            if form is not None:
                read[k] = form[0]
                misspelt.add(form[0])
    if not misspelt:
        return words
    kept = [w for w in strip_legal_forms(read) if w not in misspelt]
    return kept or words


@attrs.frozen
class _Pending:
    """A scored candidate whose explanation has not been written yet."""

    score: float
    name_id: int
    pairs: tuple[Pair, ...]
    """Aligned (query word, listed word, similarity) index triples; empty for an exact hit."""
    country_text: str
    how: str


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


def _where(entry: EntryRecord) -> str:
    place = _file_name(entry.source) + (f" line {entry.line}" if entry.line else "")
    ident = (
        f" id {entry.source_id}"
        if entry.source_id and not entry.source_id.startswith("line")
        else ""
    )
    return f"{entry.list}, {place}{ident}"


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
        self._word_hits: dict[str, tuple[dict[int, float], dict[int, float]]] = {}

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
        words = _read_misspelt_forms(words, ix.vocabulary)
        best: dict[int, _Pending] = {}
        # 1. Exact keys: the whole normalised name equal, in any order or spacing. The only
        #    route by which weak aliases can match.
        exact_ids = ix.names_with_key(words)
        for name_id in sorted(exact_ids):
            self._offer(best, name_id, 1.0, (), country, "equal after normalisation")
        # 2. Candidates from the inverted index (exact words and one-edit neighbours).
        vocabulary = ix.vocabulary
        idf = ix.idf
        words_of = ix.words
        offsets = ix.posting_offsets
        query_weights: list[float | None] = []
        rare: list[dict[int, float]] = []
        common: list[dict[int, float]] = []
        kept_hits = self._word_hits
        for word in words:
            token_id = vocabulary.get(word)
            query_weights.append(idf[token_id] if token_id is not None else None)
            hits = kept_hits.get(word)
            if hits is None:
                # Each hit with its similarity: 1 for the word itself; a typo neighbour that
                # could never be aligned (below TOKEN_MIN_SIMILARITY) is not a hit at all.
                # Kept per word (the index does not change; the dicts are only read): names
                # screened in a batch share many words.
                word_rare: dict[int, float] = {}
                word_common: dict[int, float] = {}
                if token_id is not None and (df := offsets[token_id + 1] - offsets[token_id]):
                    (word_rare if df <= COMMON_DF else word_common)[token_id] = 1.0
                for hit in ix.neighbours(word):
                    if hit != token_id and (df := offsets[hit + 1] - offsets[hit]):
                        sim = similarity(word, words_of[hit])
                        if sim > 0.0:
                            (word_rare if df <= COMMON_DF else word_common)[hit] = sim
                if len(kept_hits) >= WORD_HITS_KEPT:
                    kept_hits.clear()
                hits = kept_hits[word] = (word_rare, word_common)
            rare.append(hits[0])
            common.append(hits[1])
        by_word = rare if any(rare) else common
        weight_q = sum(w if w is not None else ix.unknown_weight for w in query_weights)
        # A name's estimate is what it would score if every word it shares with the query (or
        # a neighbour of a query word) aligned with the similarity of the two words: the sum of
        # similarity * (query weight + listed weight) over shared words, divided by (query
        # weight + name weight). Names whose estimate is below the floor are never scored.
        floor = min_score * 0.8
        contribution: dict[int, float] = {}
        generators: list[tuple[int, int, float, float, int]] = []
        for i, word_hits in enumerate(by_word):
            own = query_weights[i]
            for hit, sim in word_hits.items():
                weight = idf[hit]
                own_weight = own if own is not None else weight
                value = sim * (weight + own_weight)
                if value > contribution.get(hit, 0.0):
                    contribution[hit] = value
                length = offsets[hit + 1] - offsets[hit]
                generators.append((length, i, own_weight, weight, hit))
        # Only some matched words need to generate candidates: a set of words whose shared
        # weight could not, on its own, lift a name to the floor can be left out, because a
        # name sharing nothing else is below the floor anyway. Leave out the words with the
        # longest postings while that holds. This is decided per listed word, each query word
        # counted once at its heaviest: "group" can be left out while its rare neighbour
        # "grupp" is kept.
        skipped_q = [0.0] * len(words)
        skipped_listed = [0.0] * len(words)
        total_q = total_listed = 0.0
        gathered: dict[int, float] = {}
        """Per candidate name, the sum of the contributions of the generating words it has."""
        left_out = [0.0] * len(words)
        """Per query word, the most its words left out can add to a candidate's sum."""
        posting_names = ix.posting_names
        zeros = repeat(0.0)
        read: set[int] = set()
        skipped: list[tuple[int, int, int]] = []
        for length, i, own_weight, weight, hit in sorted(generators, reverse=True):
            q = total_q + max(0.0, own_weight - skipped_q[i])
            n = total_listed + max(0.0, weight - skipped_listed[i])
            if q + n < floor * (weight_q + n):
                total_q, total_listed = q, n
                skipped_q[i] = max(skipped_q[i], own_weight)
                skipped_listed[i] = max(skipped_listed[i], weight)
                skipped.append((length, i, hit))
                continue
            if hit in read:
                continue
            read.add(hit)
            # gathered[name] += contribution for every name with the word, in C loops (a
            # word's postings hold each name once).
            start = offsets[hit]
            named = posting_names[start : start + length]
            if not gathered:
                # The first word read has the longest postings: no sums to add to yet.
                gathered = dict.fromkeys(named, contribution[hit])
                continue
            gathered.update(
                zip(
                    named,
                    map(add, map(gathered.get, named, zeros), repeat(contribution[hit])),
                    strict=True,
                )
            )
        # The words left out add their contribution to the candidates that have them: a
        # candidate's sum is then exact. Past a budget of postings read this way, a left-out
        # word only raises an upper estimate (below).
        budget = LEFT_OUT_BUDGET
        for length, i, hit in sorted(skipped):
            if hit in read:
                continue
            if length > budget or not gathered:
                left_out[i] = max(left_out[i], contribution[hit])
                continue
            budget -= length
            read.add(hit)
            start = offsets[hit]
            having = gathered.keys() & posting_names[start : start + length]
            if having:
                gathered.update(
                    zip(
                        having,
                        map(add, map(gathered.__getitem__, having), repeat(contribution[hit])),
                        strict=True,
                    )
                )
        # A name's estimate is its sum (plus what the left-out words it has add) over
        # (query weight + its weight): the best CANDIDATES by estimate are aligned in full.
        # A name's weight is not negative, so a name whose sum (with everything the left-out
        # words could add) is below floor x query weight is below the floor: drop it first.
        extra = sum(left_out)
        need = floor * weight_q - extra
        chosen = [n for n, v in gathered.items() if v >= need]
        sums = list(map(gathered.__getitem__, chosen))
        name_weight = ix.name_weight
        denominators = list(map(add, map(name_weight.__getitem__, chosen), repeat(weight_q)))
        if extra > 0.0 and chosen:
            # Exact without reading every candidate: read names in order of an upper estimate
            # (the heaviest left-out word of each query word added), a block at a time, until
            # the next upper estimate is below the CANDIDATES-th best estimate read.
            # A name of L words can have at most L left-out words: add the L heaviest.
            heaviest = [0.0, *itertools.accumulate(sorted(left_out, reverse=True))]
            token_offsets = ix.name_tokens.offsets
            lengths = list(
                map(
                    sub,
                    map(token_offsets.__getitem__, map(add, chosen, repeat(1))),
                    map(token_offsets.__getitem__, chosen),
                )
            )
            heaviest += [extra] * (max(lengths) + 1 - len(heaviest))
            upper = list(
                map(truediv, map(add, sums, map(heaviest.__getitem__, lengths)), denominators)
            )
            order = sorted(range(len(chosen)), key=upper.__getitem__, reverse=True)
            top: list[tuple[float, int]] = []
            """The best CANDIDATES (estimate, -name id) read so far, a min-heap."""
            get = contribution.get
            many_tokens = ix.name_tokens.many
            for begin in range(0, len(order), CANDIDATES):
                block = [chosen[k] for k in order[begin : begin + CANDIDATES]]
                bound = upper[order[begin]]
                if bound < floor or (len(top) == CANDIDATES and bound < top[0][0]):
                    break
                totals = [sum(map(get, shared, zeros)) for shared in many_tokens(block)]
                for name_id, total in zip(block, totals, strict=True):
                    estimate = total / (weight_q + name_weight[name_id])
                    if estimate < floor:
                        continue
                    item = (estimate, -name_id)
                    if len(top) < CANDIDATES:
                        heapq.heappush(top, item)
                    elif item > top[0]:
                        heapq.heapreplace(top, item)
            ranked = sorted(top, reverse=True)
        else:
            estimates = list(map(truediv, sums, denominators))
            cut = floor
            if len(estimates) > CANDIDATES:
                cut = max(floor, sorted(estimates, reverse=True)[CANDIDATES - 1])
            ranked = heapq.nlargest(
                CANDIDATES,
                [(e, -n) for e, n in zip(estimates, chosen, strict=True) if e >= cut],
            )
        name_tokens = ix.name_tokens
        cache: dict[tuple[str, str], float] = {}
        for _, negative_id in ranked:
            name_id = -negative_id
            if name_id in exact_ids:
                continue
            ids = name_tokens[name_id]
            score, pairs = align_pairs(
                words, query_weights, [words_of[t] for t in ids], [idf[t] for t in ids], cache
            )
            self._offer(best, name_id, score, tuple(pairs), country, "", words)
        if len(words) == 1:
            self._one_word(best, words[0], country)
        listed_word = len(words) == 1 and ix.document_frequency(vocabulary.get(words[0], -1)) > 0
        if listed_word or any(ix.name_kind[n] != WEAK for n in exact_ids):
            # The query is exactly a listed name: a near name is another party, not a typo.
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
        return [self._explain(p, words, tie=p.score in tied) for _, p in ordered[:limit]]

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

    def _one_word(self, best: dict[int, _Pending], word: str, country: str | None) -> None:
        """A one-word query: an ordinary word never matches; the one distinctive word of
        exactly one listed party's name does ("Sensetime" for "SenseTime Group Limited")."""
        ix = self.index
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
            best[entry_id] = _Pending(score, name_id, pairs, country_text, how)

    def _word_differs(self, query: Sequence[str], name_id: int, pairs: Sequence[Pair]) -> bool:
        """True when a distinctive word is left unmatched on both sides of an alignment."""
        used_q = {i for i, _, _ in pairs}
        used_n = {j for _, j, _ in pairs}
        listed = self.index.name_words(name_id)
        return any(_distinctive(q) for i, q in enumerate(query) if i not in used_q) and any(
            _distinctive(n) for j, n in enumerate(listed) if j not in used_n
        )

    def _offer(
        self,
        best: dict[int, _Pending],
        name_id: int,
        raw: float,
        pairs: tuple[Pair, ...],
        country: str | None,
        how: str,
        query: Sequence[str] = (),
    ) -> None:
        ix = self.index
        kind = ix.name_kind[name_id]
        if kind == WEAK and raw < 1.0:
            return
        entry_id = ix.name_entry[name_id]
        record = ix.records[entry_id]
        adjust, country_text = country_effect(country, record.countries)
        score = round(min(1.0, max(0.0, raw + adjust)), 4)
        if pairs and score > SISTER_CAP and self._word_differs(query, name_id, pairs):
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
        best[entry_id] = _Pending(score, name_id, pairs, country_text, how)

    def _explain(
        self,
        pending: _Pending,
        words: list[str],
        *,
        tie: bool = False,
    ) -> Match:
        """Turn a scored candidate into a Match, whose explanation is written when read."""
        ix = self.index
        name_id = pending.name_id
        entry_id = ix.name_entry[name_id]
        record = ix.records[entry_id]
        kind = KINDS[ix.name_kind[name_id]]
        matched = ix.name_text[name_id]
        listed = ix.name_words(name_id)
        pairs = token_pairs(
            words, listed, [ix.idf[t] for t in ix.name_tokens[name_id]], pending.pairs
        )
        return Match(
            entry=self._model(entry_id),
            score=pending.score,
            band=band_for(pending.score),
            matched_name=matched,
            name_kind=kind,
            explanation=functools.partial(
                self._explanation, pending, words, listed, pairs, kind, matched, record, tie
            ),
            matched_tokens=pairs,
            key=hit_key(record),
            tie=tie,
        )

    @staticmethod
    def _explanation(
        pending: _Pending,
        words: list[str],
        listed: list[str],
        pairs: tuple[TokenPair, ...],
        kind: str,
        matched: str,
        record: EntryRecord,
        tie: bool,
    ) -> str:
        parts = [f'{kind} "{matched}" of {record.name!r} [{_where(record)}]']
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
                    explanation=f"identifier {shown} of {record.name!r} [{_where(record)}] "
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

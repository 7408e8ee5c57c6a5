"""The screening index: identifiers, exact name keys, a rare-token inverted index, typo neighbours.

Built once from list entries and then only read. Tokens are interned as integer ids so that a
name is a small tuple of ints; document frequencies give each token an IDF weight. The large
tables are flat arrays rather than dicts of lists: the exact-key and typo-neighbour tables are
sorted arrays of string hashes (a hash collision can only add a candidate, which is then scored
or checked like any other), and the postings are one array with offsets.
"""

from __future__ import annotations

import gc
import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Literal

from riskkit.screening.model import EntryRecord
from riskkit.screening.normalize import tokens
from riskkit.screening.sources._common import identifier_key

NameKind = Literal["primary", "alias", "weak alias"]
KINDS: tuple[NameKind, ...] = ("primary", "alias", "weak alias")
WEAK = 2
"""Index of ``weak alias`` in KINDS."""
MIN_FUZZY_LEN = 5
"""Tokens shorter than this are only ever matched exactly (typos in short words are noise)."""
_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,7}$")
_HASH_OFFSET = 1 << 63


def exact_key(words: Sequence[str]) -> str:
    """Order-free key: "ayman al zawahiri" and "al zawahiri ayman" meet."""
    return " ".join(sorted(words))


def compact_key(words: Sequence[str]) -> str:
    """Spacing-free key: "hik vision" and "hikvision" meet."""
    return "".join(words)


def deletions(word: str) -> set[str]:
    """Every string one character shorter than ``word`` (symmetric-delete typo lookup)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def fuzzy_eligible(word: str) -> bool:
    """True for words long enough, and free of digits, to be matched with a typo."""
    return len(word) >= MIN_FUZZY_LEN and word.isalpha()


class HashMultimap:
    """Many int values per string key, stored as two sorted arrays keyed by ``hash(key)``.

    About 12 bytes per pair instead of a dict entry, a key string and a list. Lookups may return
    values of a colliding key; callers verify or tolerate that.
    """

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        packed = [((hash(key) + _HASH_OFFSET) << 32) | value for key, value in pairs]
        packed.sort()
        self._keys = array("Q", [p >> 32 for p in packed])
        self._values = array("L", [p & 0xFFFFFFFF for p in packed])

    def get(self, key: str) -> Sequence[int]:
        keys = self._keys
        wanted = hash(key) + _HASH_OFFSET
        start = bisect_left(keys, wanted)
        if start == len(keys) or keys[start] != wanted:
            return ()
        return self._values[start : bisect_right(keys, wanted, start)]

    def __len__(self) -> int:
        return len(self._keys)


def _name_variants(entry: EntryRecord) -> Iterable[tuple[str, int]]:
    """(name, kind index) pairs; "X (ABC)" also yields "X" (strong) and "ABC" (weak)."""
    for position, name in enumerate(entry.strong_names()):
        kind = 0 if position == 0 else 1
        yield name, kind
        if "(" in name:
            # Only a trailing acronym is dropped ("... Center (SSRC)"): other parentheticals
            # carry meaning ("GAZPROMBANK (SWITZERLAND) LTD" is not Gazprombank).
            inside = _PARENTHETICAL.findall(name)
            acronyms = [a.strip() for a in inside if _ACRONYM.match(a.strip())]
            if acronyms and len(acronyms) == len(inside):
                outside = _PARENTHETICAL.sub(" ", name).strip()
                if outside:
                    yield outside, kind
                for acronym in acronyms:
                    yield acronym, WEAK
    for name in entry.weak_aliases:
        yield name, WEAK


class ScreeningIndex:
    """Everything the scorer looks names up in. Read-only after construction."""

    def __init__(self, records: Sequence[EntryRecord]) -> None:
        # The build allocates many small objects and frees few; pausing the cyclic GC (which
        # would rescan them again and again) saves about a third of the time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(records)
        finally:
            if was_enabled:
                gc.enable()

    def _build(self, records: Sequence[EntryRecord]) -> None:
        self.records: tuple[EntryRecord, ...] = tuple(records)
        vocabulary: dict[str, int] = {}
        words: list[str] = []
        self.vocabulary = vocabulary
        self.words = words
        # Parallel arrays, one slot per indexed name: cheaper than an object per name.
        self.name_entry = array("L")
        self.name_kind = bytearray()
        self.name_text: list[str] = []
        self.name_tokens: list[tuple[int, ...]] = []
        exact_pairs: list[tuple[str, int]] = []
        compact_pairs: list[tuple[str, int]] = []
        postings: dict[int, list[int]] = {}
        self.identifiers: dict[tuple[str, str], list[int]] = {}
        self.identifier_values: dict[str, list[int]] = {}
        # The same names recur across files (SDN 2021, SDN 2024, CSL): normalise each once.
        normalised: dict[tuple[str, bool | None], tuple[int, ...]] = {}
        for entry_id, entry in enumerate(self.records):
            person = True if entry.entity_type == "individual" else (
                False if entry.entity_type != "unknown" else None
            )  # fmt: skip
            seen: set[tuple[int, ...]] = set()
            for name, kind in _name_variants(entry):
                ids = normalised.get((name, person))
                if ids is None:
                    found = []
                    for w in tokens(name, person=person):
                        token_id = vocabulary.get(w)
                        if token_id is None:
                            token_id = vocabulary[w] = len(words)
                            words.append(w)
                        found.append(token_id)
                    ids = normalised[(name, person)] = tuple(found)
                if not ids:
                    continue
                order_free = tuple(sorted(ids))
                if order_free in seen:
                    continue
                seen.add(order_free)
                name_id = len(self.name_entry)
                self.name_entry.append(entry_id)
                self.name_text.append(name)
                self.name_tokens.append(ids)
                self.name_kind.append(kind)
                name_words = [words[t] for t in ids]
                exact_pairs.append((exact_key(name_words), name_id))
                if len(ids) > 1:
                    compact_pairs.append((compact_key(name_words), name_id))
                if kind != WEAK:
                    for token_id in set(ids):
                        postings.setdefault(token_id, []).append(name_id)
            for ident in entry.identifiers:
                scheme, value = identifier_key(ident.scheme, ident.value)
                self.identifiers.setdefault((scheme, value), []).append(entry_id)
                self.identifier_values.setdefault(value, []).append(entry_id)
        del normalised
        self.exact = HashMultimap(exact_pairs)
        self.compact = HashMultimap(compact_pairs)
        del exact_pairs, compact_pairs
        # Postings as one flat array: token t's names are flat[offsets[t]:offsets[t + 1]].
        self.posting_offsets = array("L", [0])
        self.posting_names = array("L")
        for token_id in range(len(words)):
            self.posting_names.extend(postings.get(token_id, ()))
            self.posting_offsets.append(len(self.posting_names))
        names = max(1, len(self.name_entry))
        self.idf: list[float] = [
            math.log(1.0 + names / max(1, len(postings.get(t, ())))) for t in range(len(words))
        ]
        self.unknown_weight = math.log(1.0 + names)
        """Weight of a query word the lists never use: as rare as a word can be."""
        idf = self.idf
        self.name_weight = array("d", (sum(idf[t] for t in ts) for ts in self.name_tokens))
        self.fuzzy = bytes(fuzzy_eligible(w) for w in words)
        """Per token: 1 when the word may be matched with a typo (see ``fuzzy_eligible``)."""
        self.deletes = HashMultimap(
            (variant, token_id)
            for token_id in postings
            if self.fuzzy[token_id]
            for variant in deletions(words[token_id])
        )

    def postings(self, token_id: int) -> array[int]:
        """The names (strong names only) that contain the token."""
        offsets = self.posting_offsets
        return self.posting_names[offsets[token_id] : offsets[token_id + 1]]

    def document_frequency(self, token_id: int) -> int:
        return self.posting_offsets[token_id + 1] - self.posting_offsets[token_id]

    def names_with_key(self, words: Sequence[str]) -> set[int]:
        """Names equal to ``words`` after normalisation, in any order or spacing."""
        found: set[int] = set()
        key = exact_key(words)
        for name_id in self.exact.get(key):
            if exact_key(self.name_words(name_id)) == key:
                found.add(name_id)
        key = compact_key(words)
        for name_id in self.compact.get(key):
            if compact_key(self.name_words(name_id)) == key:
                found.add(name_id)
        return found

    def name_words(self, name_id: int) -> list[str]:
        words = self.words
        return [words[t] for t in self.name_tokens[name_id]]

    def neighbours(self, word: str) -> set[int]:
        """Vocabulary tokens within one insertion, deletion, substitution or transposition.

        May include a few tokens further away (hash collisions); the scorer decides.
        """
        if not fuzzy_eligible(word):
            return set()
        found: set[int] = set(self.deletes.get(word))
        vocabulary = self.vocabulary
        deletes = self.deletes
        for variant in deletions(word):
            if (token_id := vocabulary.get(variant)) is not None:
                found.add(token_id)
            found.update(deletes.get(variant))
        return found

    def __len__(self) -> int:
        return len(self.records)

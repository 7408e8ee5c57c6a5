"""The screening index: identifiers, exact name keys, a rare-token inverted index, typo neighbours.

Built once from list entries and then only read. Tokens are interned as integer ids so that a
name is a small tuple of ints; document frequencies give each token an IDF weight. The large
tables are flat arrays rather than dicts of lists: the exact-key and typo-neighbour tables are
sorted arrays of string hashes (a hash collision can only add a candidate, which is then scored
or checked like any other), and the postings are one array with offsets.
"""

from __future__ import annotations

import gc
import itertools
import math
import operator
import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from typing import Literal, overload
from zlib import crc32

from riskkit.screening.frequency import is_ordinary
from riskkit.screening.model import EntryRecord
from riskkit.screening.normalize import tokens
from riskkit.screening.sources._common import identifier_key

NameKind = Literal["primary", "alias", "weak alias"]
KINDS: tuple[NameKind, ...] = ("primary", "alias", "weak alias")
WEAK = 2
"""Index of ``weak alias`` in KINDS."""
MIN_FUZZY_LEN = 5
"""Tokens shorter than this are only ever matched exactly (typos in short words are noise)."""
TWO_EDITS_FROM = 8
"""Query words at least this long are looked up with two edits (``score.TWO_EDITS_FROM``)."""
_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,7}$")
_HASH_BITS = 0xFFFFFFFF


def key_hash(key: str) -> int:
    """A 32-bit hash of ``key`` that is the same in every process (CRC-32 of its UTF-8), so a
    saved index can be loaded elsewhere; ``hash(str)`` is salted per process. (The exact-key
    table hashes tuples of ints, whose ``hash`` is not salted.)"""
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))


def exact_key(words: Sequence[str]) -> str:
    """Order-free key: "ayman al zawahiri" and "al zawahiri ayman" meet."""
    return " ".join(sorted(words))


def compact_key(words: Sequence[str]) -> str:
    """Spacing-free key: "hik vision" and "hikvision" meet."""
    return "".join(words)


def fuzzy_eligible(word: str) -> bool:
    """True for words long enough, and free of digits, to be matched with a typo."""
    return len(word) >= MIN_FUZZY_LEN and word.isalpha()


class HashMultimap:
    """Many int values per string key, stored as two sorted arrays keyed by a 32-bit hash.

    About 8 bytes per pair instead of a dict entry, a key string and a list. Lookups may return
    values of a colliding key; callers verify or tolerate that.
    """

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        self._build([(key_hash(key) << 32) | value for key, value in pairs])

    @classmethod
    def from_hashes(cls, packed: list[int]) -> HashMultimap:
        """From ``key_hash(key) << 32 | value`` ints (the caller hashed the keys)."""
        table = cls.__new__(cls)
        table._build(packed)
        return table

    def _build(self, packed: list[int]) -> None:
        packed.sort()
        self.keys = array("L", map(operator.rshift, packed, itertools.repeat(32)))
        """Key hashes, ascending."""
        self.values = array("L", map(operator.and_, packed, itertools.repeat(_HASH_BITS)))
        """The value stored with each key hash."""

    def get(self, key: str) -> Sequence[int]:
        return self.get_hash(key_hash(key))

    def get_hash(self, wanted: int) -> Sequence[int]:
        """Values stored under keys whose ``key_hash(key)`` (or 32-bit tuple hash) is ``wanted``."""
        keys = self.keys
        start = bisect_left(keys, wanted)
        if start == len(keys) or keys[start] != wanted:
            return ()
        end = start + 1
        while end < len(keys) and keys[end] == wanted:
            end += 1
        return self.values[start:end]

    def __len__(self) -> int:
        return len(self.keys)


class FlatTuples(Sequence[Sequence[int]]):
    """Token ids of every indexed name, stored flat: name i is ``flat[offsets[i]:offsets[i+1]]``."""

    def __init__(self, flat: array[int], offsets: array[int]) -> None:
        self.flat = flat
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> Sequence[int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[int]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[int] | Sequence[Sequence[int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return tuple(self.flat[self.offsets[index] : self.offsets[index + 1]])

    def many(self, ids: Iterable[int]) -> list[array[int]]:
        """The token ids of each name in ``ids`` (one comprehension: the query's hot loop)."""
        flat = self.flat
        offsets = self.offsets
        return [flat[offsets[i] : offsets[i + 1]] for i in ids]


def _name_variants(entry: EntryRecord) -> Iterable[tuple[str, int]]:
    """(name, kind index) pairs; "X (ABC)" also yields "X" (strong) and "ABC" (weak)."""
    for position, name in enumerate(entry.strong_names()):
        kind = 0 if position == 0 else 1
        yield name, kind
        if "(" in name:
            # Only a trailing acronym is dropped ("... Center (SSRC)"): other parentheticals
            # carry meaning ("GAZPROMBANK (SWITZERLAND) LTD" is not Gazprombank).
            inside = _PARENTHETICAL.findall(name)
            acronyms = [
                a.strip()
                for a in inside
                if _ACRONYM.match(a.strip()) and not is_ordinary(a.strip().casefold())
            ]
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
        self.records: Sequence[EntryRecord] = tuple(records)
        vocabulary: dict[str, int] = {}
        words: list[str] = []
        self.vocabulary = vocabulary
        self.words = words
        # Parallel arrays, one slot per indexed name: cheaper than an object per name.
        name_entry: list[int] = []
        name_kind = bytearray()
        name_text: list[str] = []
        name_tokens: list[tuple[int, ...]] = []
        self.name_text = name_text
        exact_packed: list[int] = []
        compact_packed: list[int] = []
        postings: dict[int, list[int]] = {}
        self.identifiers: dict[tuple[str, str], list[int]] = {}
        self.identifier_values: dict[str, list[int]] = {}
        # The same names recur across files (SDN 2021, SDN 2024, CSL): normalise each once and
        # keep its token ids (the tuple name_tokens holds too, so the cache costs a dict slot).
        normalised_as: dict[bool | None, dict[str, tuple[int, ...]]] = {
            True: {}, False: {}, None: {},
        }  # fmt: skip
        identifiers = self.identifiers
        identifier_values = self.identifier_values
        for entry_id, entry in enumerate(self.records):
            entity_type = entry.entity_type
            person = True if entity_type == "individual" else (
                None if entity_type == "unknown" else False
            )  # fmt: skip
            normalised = normalised_as[person]
            aliases = entry.aliases
            if entry.weak_aliases or "(" in entry.name or any("(" in a for a in aliases):
                variants = list(_name_variants(entry))
            else:
                variants = [(entry.name, 0)]
                variants += [(alias, 1) for alias in aliases]
            seen: set[tuple[int, ...]] = set()
            for name, kind in variants:
                ids = normalised.get(name)
                if ids is None:
                    found = []
                    for w in tokens(name, person=person):
                        token_id = vocabulary.get(w)
                        if token_id is None:
                            token_id = vocabulary[w] = len(words)
                            words.append(w)
                        found.append(token_id)
                    ids = normalised[name] = tuple(found)
                if not ids:
                    continue
                order_free = tuple(sorted(ids)) if len(ids) > 1 else ids
                if order_free in seen:
                    continue
                seen.add(order_free)
                exact_hash = hash(order_free) & _HASH_BITS
                compact_hash = (
                    crc32("".join(map(words.__getitem__, ids)).encode("utf-8", "surrogatepass"))
                    if len(ids) > 1 else -1
                )  # fmt: skip
                name_id = len(name_entry)
                name_entry.append(entry_id)
                name_text.append(name)
                name_tokens.append(ids)
                name_kind.append(kind)
                exact_packed.append(exact_hash << 32 | name_id)
                if compact_hash >= 0:
                    compact_packed.append(compact_hash << 32 | name_id)
                if kind != WEAK:
                    for token_id in set(ids) if len(ids) > 1 else ids:
                        if (named := postings.get(token_id)) is None:
                            postings[token_id] = [name_id]
                        else:
                            named.append(name_id)
            for ident in entry.identifiers:
                scheme, value = identifier_key(ident.scheme, ident.value)
                if (holders := identifiers.get((scheme, value))) is None:
                    identifiers[(scheme, value)] = [entry_id]
                else:
                    holders.append(entry_id)
                if (holders := identifier_values.get(value)) is None:
                    identifier_values[value] = [entry_id]
                else:
                    holders.append(entry_id)
        del normalised_as
        self.name_entry = array("L", name_entry)
        self.name_kind = bytes(name_kind)
        del name_entry
        self.exact = HashMultimap.from_hashes(exact_packed)
        self.compact = HashMultimap.from_hashes(compact_packed)
        del exact_packed, compact_packed
        names = max(1, len(name_tokens))
        log = math.log
        self.idf: Sequence[float] = [
            log(1.0 + names / max(1, len(postings.get(t, ())))) for t in range(len(words))
        ]
        self.unknown_weight = math.log(1.0 + names)
        """Weight of a query word the lists never use: as rare as a word can be."""
        idf = self.idf
        self.name_weight = array(
            "d",
            [idf[ts[0]] if len(ts) == 1 else sum(map(idf.__getitem__, ts)) for ts in name_tokens],
        )
        # Token ids of every name, flat (a tuple per name costs about 80 bytes more).
        self.name_tokens = FlatTuples(
            array("L", itertools.chain.from_iterable(name_tokens)),
            array("L", itertools.chain((0,), itertools.accumulate(map(len, name_tokens)))),
        )
        del name_tokens[:]
        # Postings as one flat array: token t's names are flat[offsets[t]:offsets[t + 1]].
        # Each token's list is freed as soon as it is copied: the lists and their ints cost
        # about 100 MB at a million names, and the typo tables below need the room.
        flat = array("L")
        offsets = array("L", [0])
        listed: list[int] = []
        """Tokens in at least one strong name, ascending."""
        for token_id in range(len(words)):
            named = postings.pop(token_id, None)
            if named is not None:
                flat.extend(named)
                listed.append(token_id)
            offsets.append(len(flat))
        del postings
        self.posting_offsets = offsets
        self.posting_names = flat
        fuzzy = bytearray(len(words))
        deletes: list[int] = []
        links: list[int] = []
        """Typo neighbours found while building, as ``token << 32 | neighbour`` ints."""
        for token_id in listed:
            word = words[token_id]
            if len(word) >= MIN_FUZZY_LEN and word.isalpha():
                fuzzy[token_id] = 1
                less_one = [word[:i] + word[i + 1 :] for i in range(len(word))]
                # key_hash, inline: a function call per deletion costs seconds at a million.
                deletes += [
                    crc32(v.encode("utf-8", "surrogatepass")) << 32 | token_id for v in less_one
                ]
                for shorter in map(vocabulary.get, less_one):
                    if shorter is not None:
                        links.append(token_id << 32 | shorter)
                        links.append(shorter << 32 | token_id)
        self.fuzzy = bytes(fuzzy)
        """Per token: 1 when the word is indexed for typos (``fuzzy_eligible`` and in a name)."""
        # A word with a repeated letter has equal deletions ("hassan" -> "hasan" twice); the
        # duplicates only repeat a value, which the callers put in a set.
        self.deletes = HashMultimap.from_hashes(deletes)
        del deletes
        self._link_neighbours(links)

    def _link_neighbours(self, links: list[int]) -> None:
        """Store every indexed word's typo neighbours, so that a query word the lists use
        needs one slice instead of a lookup per deletion.

        Two words are neighbours when one is the other less a letter (``links`` already holds
        those) or when they share a deletion: a run of equal keys in the deletion table.
        """
        keys = self.deletes.keys
        values = self.deletes.values
        run_start = previous = -2
        for i in [i for i, (a, b) in enumerate(itertools.pairwise(keys)) if a == b] + [-1]:
            if i == previous + 1:
                previous = i
                continue
            if run_start >= 0:
                members = set(values[run_start : previous + 2])
                if len(members) > 1:
                    links += [a << 32 | b for a in members for b in members if a != b]
            run_start = previous = i
        links.sort()
        # Without repeats, then straight into arrays (a list of the neighbour ints alone would
        # cost about 200 MB at a million names); token t's neighbours start where the first
        # link owned by t or a later token is.
        unique = [link for link, _ in itertools.groupby(links)]
        del links[:]
        self.typo_neighbours = array("L", map(operator.and_, unique, itertools.repeat(_HASH_BITS)))
        owners = array("L", map(operator.rshift, unique, itertools.repeat(32)))
        del unique
        self.typo_offsets = array(
            "L", map(bisect_left, itertools.repeat(owners), range(len(self.words) + 1))
        )

    def postings(self, token_id: int) -> array[int]:
        """The names (strong names only) that contain the token."""
        offsets = self.posting_offsets
        return self.posting_names[offsets[token_id] : offsets[token_id + 1]]

    def document_frequency(self, token_id: int) -> int:
        """Strong names with the token; 0 for -1 (a word the lists never use)."""
        if token_id < 0:
            return 0
        return self.posting_offsets[token_id + 1] - self.posting_offsets[token_id]

    def names_with_key(self, words: Sequence[str]) -> set[int]:
        """Names equal to ``words`` after normalisation, in any order or spacing."""
        found: set[int] = set()
        vocabulary = self.vocabulary
        name_tokens = self.name_tokens
        ids = [vocabulary.get(w) for w in words]
        if None not in ids:
            order_free = tuple(sorted(ids))  # type: ignore[type-var]
            for name_id in self.exact.get_hash(hash(order_free) & _HASH_BITS):
                if tuple(sorted(name_tokens[name_id])) == order_free:
                    found.add(name_id)
        key = compact_key(words)
        for name_id in self.compact.get(key):
            if compact_key(self.name_words(name_id)) == key:
                found.add(name_id)
        return found

    def name_words(self, name_id: int) -> list[str]:
        words = self.words
        return [words[t] for t in self.name_tokens[name_id]]

    def neighbours(self, word: str) -> Collection[int]:
        """Vocabulary tokens within one insertion, deletion, substitution or transposition.

        May include the word itself and a few tokens further away (hash collisions, or two
        edits that delete to the same string); the scorer decides.
        """
        if len(word) == MIN_FUZZY_LEN - 1 and word.isalpha():
            # A four-letter word may be a five-letter listed word less one letter ("Pael").
            return self.deletes.get_hash(key_hash(word))
        if len(word) < MIN_FUZZY_LEN or not word.isalpha():
            return ()
        vocabulary = self.vocabulary
        token_id = vocabulary.get(word)
        if token_id is not None and self.fuzzy[token_id]:
            offsets = self.typo_offsets
            return self.typo_neighbours[offsets[token_id] : offsets[token_id + 1]]
        get = self.deletes.get_hash
        found: set[int] = set(get(key_hash(word)))
        variants = {word[:i] + word[i + 1 :] for i in range(len(word))}
        if len(word) >= TWO_EDITS_FROM:
            # Two edits: the query word less two letters against listed words less one (or
            # none); the scorer then keeps only those within two edits.
            variants |= {v[:i] + v[i + 1 :] for v in variants for i in range(len(v))}
        for variant in variants:
            if (token_id := vocabulary.get(variant)) is not None:
                found.add(token_id)
            if values := get(key_hash(variant)):
                found.update(values)
        return found

    def __len__(self) -> int:
        return len(self.records)

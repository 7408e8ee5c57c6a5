"""What the screening index is made of: the kinds of indexed name, the keys names meet under, and
the flat tables that hold them.

The large tables are flat arrays rather than dicts of lists: ``HashMultimap`` is a sorted array of
32-bit string hashes (a hash collision can only add a candidate, which is then scored or checked
like any other), ``FlatTuples`` one array of token ids with offsets.
"""

from __future__ import annotations

import itertools
import operator
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Literal, overload

NameKind = Literal["primary", "alias", "weak alias"]
KINDS: tuple[NameKind, ...] = ("primary", "alias", "weak alias")
WEAK = 2
"""Index of ``weak alias`` in KINDS."""
MIN_FUZZY_LEN = 5
"""Tokens shorter than this are only ever matched exactly (typos in short words are noise)."""
HASH_BITS = 0xFFFFFFFF
"""The low 32 bits, where a packed ``hash << 32 | value`` keeps its value."""


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
        self.values = array("L", map(operator.and_, packed, itertools.repeat(HASH_BITS)))
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

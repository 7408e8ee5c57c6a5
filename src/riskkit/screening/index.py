"""The screening index: identifiers, exact name keys, a rare-token inverted index, typo neighbours.

Built once from list entries (``riskkit.screening.indexing``) or loaded from a saved file
(``riskkit.screening.cache``), then only read: this module holds the lookups the screener makes.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Collection, Sequence

from riskkit.screening.indexing import build
from riskkit.screening.model import EntryRecord
from riskkit.screening.score import TWO_EDITS_FROM
from riskkit.screening.tables import (
    HASH_BITS,
    MIN_FUZZY_LEN,
    FlatTuples,
    HashMultimap,
    compact_key,
    key_hash,
)


class ScreeningIndex:
    """Everything the scorer looks names up in. Read-only after construction.

    Names are numbered (``name_id``) in parallel arrays, one slot per indexed name; tokens
    (``token_id``) index ``words`` and ``idf``; entries (``entry_id``) index ``records``.
    """

    records: Sequence[EntryRecord]
    vocabulary: dict[str, int]
    """Token id of each word in an indexed name."""
    words: list[str]
    """The word of each token id."""
    idf: Sequence[float]
    """Weight of each token: rarer words weigh more."""
    unknown_weight: float
    """Weight of a query word the lists never use: as rare as a word can be."""
    name_entry: array[int]
    """The entry each name belongs to."""
    name_kind: bytes
    """Each name's index in ``KINDS`` (primary, alias, weak alias)."""
    name_text: list[str]
    """Each name as printed in the list."""
    name_tokens: FlatTuples
    """Each name's token ids."""
    name_weight: array[float]
    """Each name's summed token weights."""
    exact: HashMultimap
    """Names by their order-free token tuple (its 32-bit hash)."""
    compact: HashMultimap
    """Names of two words or more by ``compact_key`` (their words without spaces)."""
    posting_offsets: array[int]
    posting_names: array[int]
    """Strong names per token: token t's are ``posting_names[posting_offsets[t]:...[t + 1]]``,
    in ascending name id order."""
    lightest_offsets: array[int]
    lightest_names: array[int]
    """The first names of each long posting by (name weight, name id), flat with offsets like
    the postings (``riskkit.screening.lightest``)."""
    fuzzy: bytes
    """Per token: 1 when the word is indexed for typos (``fuzzy_eligible`` and in a name)."""
    deletes: HashMultimap
    """Typo-indexed tokens by each string one letter shorter (symmetric-delete lookup)."""
    typo_offsets: array[int]
    typo_neighbours: array[int]
    """Each indexed token's typo neighbours, flat with offsets like the postings."""
    identifiers: dict[tuple[str, str], list[int]]
    """Entries by ``identifier_key(scheme, value)``."""
    identifier_values: dict[str, list[int]]
    """Entries by identifier value alone (any scheme)."""

    def __init__(self, records: Sequence[EntryRecord]) -> None:
        # The build allocates many small objects and frees few; pausing the cyclic GC (which
        # would rescan them again and again) saves about a third of the time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            build(self, records)
        finally:
            if was_enabled:
                gc.enable()

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
            for name_id in self.exact.get_hash(hash(order_free) & HASH_BITS):
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

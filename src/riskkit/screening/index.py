"""The screening index: identifiers, exact name keys, a rare-token inverted index, typo neighbours.

Built once from list entries and then only read. Tokens are stored as integer ids so that a name
is a small tuple of ints; document frequencies give each token an IDF weight.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from riskkit.screening.model import ListEntry
from riskkit.screening.normalize import tokens
from riskkit.screening.sources._common import identifier_key

NameKind = Literal["primary", "alias", "weak alias"]
KINDS: tuple[NameKind, ...] = ("primary", "alias", "weak alias")
MIN_FUZZY_LEN = 5
"""Tokens shorter than this are only ever matched exactly (typos in short words are noise)."""
_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,7}$")


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


def _name_variants(entry: ListEntry) -> Iterable[tuple[str, int]]:
    """(name, kind index) pairs; "X (ABC)" also yields "X" (strong) and "ABC" (weak)."""
    for position, name in enumerate(entry.strong_names()):
        kind = 0 if position == 0 else 1
        yield name, kind
        if "(" in name:
            # Only a trailing acronym is dropped ("... Center (SSRC)"): other parentheticals
            # carry meaning ("GAZPROMBANK (SWITZERLAND) LTD" is not Gazprombank).
            acronyms = [
                a.strip() for a in _PARENTHETICAL.findall(name) if _ACRONYM.match(a.strip())
            ]
            if acronyms and len(acronyms) == len(_PARENTHETICAL.findall(name)):
                outside = _PARENTHETICAL.sub(" ", name).strip()
                if outside:
                    yield outside, kind
                for acronym in acronyms:
                    yield acronym, 2
    for name in entry.weak_aliases:
        yield name, 2


class ScreeningIndex:
    """Everything the scorer looks names up in. Read-only after construction."""

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        # The build allocates ~10^6 small objects and frees none; pausing the cyclic GC
        # (which would rescan them again and again) saves about a third of the time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(entries)
        finally:
            if was_enabled:
                gc.enable()

    def _build(self, entries: Sequence[ListEntry]) -> None:
        self.entries: tuple[ListEntry, ...] = tuple(entries)
        self.words: list[str] = []
        vocabulary: dict[str, int] = {}
        self.vocabulary = vocabulary
        # Parallel arrays, one slot per indexed name: cheaper than an object per name.
        self.name_entry: list[int] = []
        self.name_text: list[str] = []
        self.name_tokens: list[tuple[int, ...]] = []
        self.name_kind: list[int] = []
        self.exact: dict[str, list[int]] = {}
        self.compact: dict[str, list[int]] = {}
        self.postings: dict[int, list[int]] = {}
        self.identifiers: dict[tuple[str, str], list[int]] = {}
        self.identifier_values: dict[str, list[int]] = {}
        seen: set[tuple[int, str]] = set()
        # The same names recur across files (SDN 2021, SDN 2024, CSL): normalise each once.
        normalised: dict[tuple[str, bool | None], list[str]] = {}
        for entry_id, entry in enumerate(self.entries):
            person = True if entry.entity_type == "individual" else (
                False if entry.entity_type != "unknown" else None
            )  # fmt: skip
            for name, kind in _name_variants(entry):
                words = normalised.get((name, person))
                if words is None:
                    words = normalised[(name, person)] = tokens(name, person=person)
                if not words:
                    continue
                key = exact_key(words)
                if (entry_id, key) in seen:
                    continue
                seen.add((entry_id, key))
                ids = tuple(vocabulary.setdefault(w, len(vocabulary)) for w in words)
                name_id = len(self.name_entry)
                self.name_entry.append(entry_id)
                self.name_text.append(name)
                self.name_tokens.append(ids)
                self.name_kind.append(kind)
                self.exact.setdefault(key, []).append(name_id)
                if len(words) > 1:
                    self.compact.setdefault(compact_key(words), []).append(name_id)
                if kind != 2:
                    for token_id in set(ids):
                        self.postings.setdefault(token_id, []).append(name_id)
            for ident in entry.identifiers:
                scheme, value = identifier_key(ident.scheme, ident.value)
                self.identifiers.setdefault((scheme, value), []).append(entry_id)
                self.identifier_values.setdefault(value, []).append(entry_id)
        self.words = [""] * len(vocabulary)
        for word, token_id in vocabulary.items():
            self.words[token_id] = word
        names = max(1, len(self.name_entry))
        self.idf: list[float] = [
            math.log(1.0 + names / max(1, len(self.postings.get(t, ()))))
            for t in range(len(self.words))
        ]
        self.unknown_weight = math.log(1.0 + names)
        """Weight of a query word the lists never use: as rare as a word can be."""
        self.name_weight: list[float] = [sum(self.idf[t] for t in ts) for ts in self.name_tokens]
        self.deletes: dict[str, list[int]] = {}
        for token_id, word in enumerate(self.words):
            if token_id in self.postings and fuzzy_eligible(word):
                for variant in deletions(word):
                    self.deletes.setdefault(variant, []).append(token_id)

    def neighbours(self, word: str) -> set[int]:
        """Vocabulary tokens within one insertion, deletion, substitution or transposition."""
        if not fuzzy_eligible(word):
            return set()
        found: set[int] = set(self.deletes.get(word, ()))
        vocabulary = self.vocabulary
        for variant in deletions(word):
            if (token_id := vocabulary.get(variant)) is not None:
                found.add(token_id)
            found.update(self.deletes.get(variant, ()))
        return found

    def __len__(self) -> int:
        return len(self.entries)

"""Which phrases a text may hold, told from its words before any pattern is run.

Every keyword, trap and brand phrase starts at the start of a word (``(?<!\\w)``) with a fixed
first word, either whole (``de``) or as a prefix (``camara*``). So a text none of whose words
is, or begins with, a phrase's first word cannot hold that phrase, and its pattern need not run:
most texts of a feed (dates, amounts, stationery) hold none. A text whose folding is not
made of word characters and spaces only (``Folded.clean``), and a phrase whose first word is
not made of word characters only, are never ruled out, so the answer is the patterns' own.

The words already looked up are remembered (a feed's vocabulary is small), up to a bound.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

from riskkit.feeds.ocds.items.text import Folded

Target = TypeVar("Target", bound=Hashable)

_WORDS_ONLY = re.compile(r"\w+")
_REMEMBERED = 100_000
"""How many words are remembered before the memory starts afresh."""


class FirstWords(Generic[Target]):
    """Targets (rules, traps, names) by the first word of their phrases."""

    def __init__(self, phrases: Iterable[tuple[Target, str, bool]]) -> None:
        """``phrases``: (target, folded first word of one phrase, whether it is a prefix)."""
        self.exact: dict[str, set[Target]] = {}
        self.prefixes: dict[str, set[Target]] = {}
        always: set[Target] = set()
        everything: set[Target] = set()
        for target, word, prefix in phrases:
            everything.add(target)
            if not _WORDS_ONLY.fullmatch(word):
                always.add(target)
            else:
                (self.prefixes if prefix else self.exact).setdefault(word, set()).add(target)
        self.always = frozenset(always)
        self.everything = frozenset(everything)
        self._prefix_lengths = sorted({len(prefix) for prefix in self.prefixes})
        """A word holds a prefix when its start of that prefix's length is one: a few slices
        and look-ups per new word, not one comparison per prefix."""
        self._looked_up: set[str] = set()
        self._hits: dict[str, frozenset[Target]] = {}
        self._hit_words: set[str] = set()

    def targets(self, folded: Folded) -> frozenset[Target]:
        """The targets whose phrases ``folded`` may hold (a superset of those it holds)."""
        if not folded.clean:
            return self.everything
        words = set(folded.text.split())
        new = words - self._looked_up
        if new:
            if len(self._looked_up) + len(new) > _REMEMBERED:
                self._looked_up.clear()
                self._hits.clear()
                self._hit_words.clear()
                new = words
            for word in new:
                self._look_up(word)
        hits = words & self._hit_words
        if not hits:
            return self.always
        found = set(self.always)
        for word in hits:
            found |= self._hits[word]
        return frozenset(found)

    def _look_up(self, word: str) -> None:
        found = set(self.exact.get(word, ()))
        for length in self._prefix_lengths:
            if length > len(word):
                break
            targets = self.prefixes.get(word[:length])
            if targets is not None:
                found |= targets
        self._looked_up.add(word)
        if found:
            self._hits[word] = frozenset(found)
            self._hit_words.add(word)

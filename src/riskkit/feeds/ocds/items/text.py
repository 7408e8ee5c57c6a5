"""Text folded for matching, with every folded character traced back to the original text.

Keywords, traps and brand names are matched on folded text (lower case, accents dropped,
punctuation read as a space) so that "Cámara", "CAMARA" and "camara" meet; a match is then
reported as the exact original text it covers, which is what a reader can find in the feed.

Folding is defined one character at a time (``fold_char``) but done a whole text at a time:
ASCII text through a byte table, other text through ``str.translate`` with a table that learns
each character's folding the first time it meets it. Most characters fold to exactly one
character, so the origin of each folded character is only worked out when one does not.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

_WORD = re.compile(r"\w", re.UNICODE)


def fold_char(char: str) -> str:
    """One character folded: decomposed, combining marks dropped, case folded."""
    if not _WORD.match(char):
        return " "
    parts = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in parts if not unicodedata.combining(c))
    return kept.casefold() if kept else ""


class _FoldTable(dict[int, str]):
    """Code point -> its folded text, for ``str.translate``; learnt on first use."""

    def __init__(self) -> None:
        super().__init__()
        self.reshaping: set[str] = set()
        """Characters that fold to other than exactly one character."""
        self.unclean: set[str] = set()
        """Characters whose folding holds a character that is neither a word one nor a space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_char(char)
        if len(folded) != 1:
            self.reshaping.add(char)
        if any(c != " " and not _WORD.match(c) for c in folded):
            self.unclean.add(char)
        self[code] = folded
        return folded


_TABLE = _FoldTable()
_ASCII = bytes(ord(fold_char(chr(i))) for i in range(128)) + bytes(128)
"""Every ASCII character folds to one ASCII character: lower case, or a space."""


@attrs.frozen
class Folded:
    """A text folded for matching, and where each folded character came from."""

    original: str
    """The text, NFC-normalised."""
    text: str
    """Lower case, accents dropped, every non-word character a space."""
    offsets: tuple[int, ...] | None
    """For each character of ``text``, the index of the original character it came from;
    None when each folded character came from the original character at its own index."""
    clean: bool
    """Every character of ``text`` is a word character or a space: its words are its
    maximal runs of word characters, so ``text.split()`` gives them."""

    @property
    def origin(self) -> tuple[int, ...]:
        """For each character of ``text``, the index of the original character it came from."""
        return self.offsets if self.offsets is not None else tuple(range(len(self.text)))

    def span(self, start: int, end: int) -> str:
        """The original text that the folded ``text[start:end]`` came from."""
        if start >= end:
            return ""
        if self.offsets is None:
            return self.original[start:end]
        return self.original[self.offsets[start] : self.offsets[end - 1] + 1]


def fold(text: str) -> Folded:
    """``text`` folded, with the origin of every folded character."""
    if text.isascii():
        return Folded(text, text.encode("ascii").translate(_ASCII).decode("ascii"), None, True)
    original = unicodedata.normalize("NFC", text)
    folded = original.translate(_TABLE)
    clean = _TABLE.unclean.isdisjoint(original)
    if _TABLE.reshaping.isdisjoint(original):
        return Folded(original, folded, None, clean)
    offsets = tuple(i for i, char in enumerate(original) for _ in range(len(_TABLE[ord(char)])))
    return Folded(original, folded, offsets, clean)


def fold_plain(text: str) -> str:
    """``text`` folded, without the origins (for phrases and names)."""
    return fold(text).text


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One pattern for ``phrases``: whole words, folded, a trailing ``*`` matching any ending.

    Words are separated by any run of spaces (punctuation folds to a space), so
    "video-vigilancia" matches the phrase "video vigilancia".
    """
    alternatives = [r"\s+".join(words) for words in phrase_words(phrases)]
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.UNICODE)


def phrase_words(phrases: list[str]) -> list[list[str]]:
    """Each phrase as the regular expressions of its folded words, in order."""
    found = []
    for phrase in phrases:
        words: list[str] = []
        for raw in phrase.split():
            parts = [re.escape(w) for w in fold_plain(raw.rstrip("*")).split()]
            if parts and raw.endswith("*"):
                parts[-1] += r"\w*"
            words.extend(parts)
        found.append(words)
    return found


def first_word(phrase: str) -> tuple[str, bool]:
    """The folded first word of ``phrase`` ("" if none), and whether it ends in ``*``."""
    for raw in phrase.split():
        parts = fold_plain(raw.rstrip("*")).split()
        if parts:
            return parts[0], raw.endswith("*") and len(parts) == 1
    return "", False

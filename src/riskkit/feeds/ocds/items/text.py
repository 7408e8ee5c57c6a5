"""Text folded for matching, with every folded character traced back to the original text.

Keywords, traps and brand names are matched on folded text (lower case, accents dropped,
punctuation read as a space) so that "Cámara", "CAMARA" and "camara" meet; a match is then
reported as the exact original text it covers, which is what a reader can find in the feed.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

_WORD = re.compile(r"\w", re.UNICODE)


@attrs.frozen
class Folded:
    """A text folded for matching, and where each folded character came from."""

    original: str
    text: str
    """Lower case, accents dropped, every non-word character a space."""
    origin: tuple[int, ...]
    """For each character of ``text``, the index of the original character it came from."""

    def span(self, start: int, end: int) -> str:
        """The original text that the folded ``text[start:end]`` came from."""
        if start >= end:
            return ""
        return self.original[self.origin[start] : self.origin[end - 1] + 1]


def fold_char(char: str) -> str:
    """One character folded: decomposed, combining marks dropped, case folded."""
    if not _WORD.match(char):
        return " "
    parts = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in parts if not unicodedata.combining(c))
    return kept.casefold() if kept else ""


def fold(text: str) -> Folded:
    """``text`` folded, with the origin of every folded character."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(unicodedata.normalize("NFC", text)):
        for folded in fold_char(char):
            chars.append(folded)
            origin.append(index)
    return Folded(unicodedata.normalize("NFC", text), "".join(chars), tuple(origin))


def fold_plain(text: str) -> str:
    """``text`` folded, without the origins (for phrases and names)."""
    return "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One pattern for ``phrases``: whole words, folded, a trailing ``*`` matching any ending.

    Words are separated by any run of spaces (punctuation folds to a space), so
    "video-vigilancia" matches the phrase "video vigilancia".
    """
    alternatives = []
    for phrase in phrases:
        words: list[str] = []
        for raw in phrase.split():
            parts = [re.escape(w) for w in fold_plain(raw.rstrip("*")).split()]
            if parts and raw.endswith("*"):
                parts[-1] += r"\w*"
            words.extend(parts)
        alternatives.append(r"\s+".join(words))
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.UNICODE)

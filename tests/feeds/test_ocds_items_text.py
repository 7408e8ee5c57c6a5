"""Folding text for matching: the fast folding gives exactly what the plain per-character one did.

``_reference_fold`` is the folding ``items/text.py`` had before it was made fast (one character
at a time: NFC, then each word character NFKD-decomposed, combining marks dropped, case
folded; every other character a space). It stays here, as the definition the fast one must meet.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds.items.text import fold, fold_plain

_WORD = re.compile(r"\w", re.UNICODE)


def _reference_fold_char(char: str) -> str:
    if not _WORD.match(char):
        return " "
    parts = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in parts if not unicodedata.combining(c))
    return kept.casefold() if kept else ""


def _reference_fold(text: str) -> tuple[str, str, tuple[int, ...]]:
    """(NFC original, folded text, origin of each folded character)."""
    chars: list[str] = []
    origin: list[int] = []
    original = unicodedata.normalize("NFC", text)
    for index, char in enumerate(original):
        for folded in _reference_fold_char(char):
            chars.append(folded)
            origin.append(index)
    return original, "".join(chars), tuple(origin)


MULTILINGUAL = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from(
            "ÁÉÍÓÚáéíóúñÑçÇăâîșțĂÂÎȘȚüÜßẞİıﬁﬀ½²ǅǄŉΐ ΣσςЁёЇїҐґԱաՍսﷺ㍱ｶﾞ가各\u0301\u0308-_.,"
        ),
        st.sampled_from("abcABC xyz 09"),
    ),
    max_size=40,
)


@settings(max_examples=1500)
@given(MULTILINGUAL)
@example("VIDEO-Vigilancia Cámara")
@example("Stație Radio portabilă, camera închisă")
@example("ﬁle ǅemal ẞtraße İstanbul ﷺ ½ e\u0301\u0301")
@example("Розпізнавання облич; ռադիոկայաններ; 監視カメラ")
def test_fast_folding_equals_the_per_character_reference(text: str) -> None:
    original, folded_text, origin = _reference_fold(text)
    folded = fold(text)
    assert (folded.original, folded.text, folded.origin) == (original, folded_text, origin)
    assert fold_plain(text) == folded_text


@settings(max_examples=300)
@given(MULTILINGUAL, st.integers(0, 60), st.integers(0, 60))
def test_a_span_of_folded_text_is_the_original_text_it_came_from(
    text: str, start: int, end: int
) -> None:
    original, folded_text, origin = _reference_fold(text)
    start, end = min(start, len(folded_text)), min(end, len(folded_text))
    expected = original[origin[start] : origin[end - 1] + 1] if start < end else ""
    assert fold(text).span(start, end) == expected

"""The scorer's word alignment (``riskkit.screening.score.align_pairs``) aligns two words
exactly when their similarity says they may be: the shortcuts that skip the edit distance
(lengths too far apart, both words too short) never drop a pair the distance would keep."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.screening.score import align_pairs, edit_similarity, similarity

_WORD = st.text(alphabet="aeinrst1", min_size=1, max_size=11)


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, str]:
    """A word and the same word after up to three insertions or deletions."""
    word = draw(_WORD)
    other = word
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(other)))
        if draw(st.booleans()) and other:
            other = other[:at] + other[at + 1 :]
        else:
            other = other[:at] + draw(st.sampled_from("aenx")) + other[at:]
    return word, other


@settings(max_examples=400, deadline=None)
@given(pair=_edited())
def test_two_words_are_aligned_exactly_when_they_are_similar(pair: tuple[str, str]) -> None:
    query, listed = pair
    _, pairs = align_pairs([query], [1.0], [listed], [1.0], {})
    expected = similarity(query, listed)
    assert [sim for _, _, sim in pairs] == ([expected] if expected > 0.0 else [])
    if query != listed and expected > 0.0:
        assert expected == edit_similarity(query, listed)

"""Name keys: the fast path for ASCII names gives what full Unicode normalisation gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from riskkit.model.names import _LEGAL_FORMS, _NON_WORD, name_key


def _unicode_path(name: str) -> str:
    """The general path of ``name_key``, written out: what every name went through before
    ASCII names got their own."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    words = [w for w in _NON_WORD.split(text.replace("&", " and ")) if w]
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_name_gets_the_key_full_normalisation_gives(name: str) -> None:
    assert name_key(name) == _unicode_path(name)


def test_names_that_differ_in_case_punctuation_and_legal_form_share_a_key() -> None:
    assert name_key("Huawei Technologies Co., Ltd.") == name_key("HUAWEI TECHNOLOGIES")
    assert name_key("AT&T Inc.") == name_key("at and t")
    assert name_key("Société Générale") == name_key("SOCIETE GENERALE")
    assert name_key("杭州海康威视数字技术股份有限公司") == "杭州海康威视数字技术"

"""Exact-match name keys for curated entities (fuzzy screening lives in riskkit.screening)."""

from __future__ import annotations

import re
import unicodedata

_LEGAL_FORMS = {
    "co", "company", "corp", "corporation", "ltd", "limited", "inc", "incorporated", "llc",
    "plc", "gmbh", "ag", "sa", "bv", "nv", "jsc", "ojsc", "pjsc", "ooo", "oao", "zao", "kk",
    "pte", "pty", "sarl", "srl", "spa", "ab", "as", "oy", "group", "holdings", "holding",
}  # fmt: skip
_CJK_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def name_key(name: str) -> str:
    """A key under which spellings of the same legal name meet.

    NFKC, accents stripped, case folded, punctuation dropped, ``&`` read as ``and`` and common
    legal-form words removed: "Huawei Technologies Co., Ltd." and "HUAWEI TECHNOLOGIES" share a key.
    """
    text = unicodedata.normalize("NFKC", name)
    for form in _CJK_FORMS:
        text = text.replace(form, " ")
    text = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    text = text.replace("&", " and ")
    words = [w for w in _NON_WORD.split(text) if w]
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)

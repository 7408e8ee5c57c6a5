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
# A bytes.translate table mapping the ASCII characters _NON_WORD matches to spaces.
_ASCII_NON_WORD = bytes(32 if i < 128 and _NON_WORD.fullmatch(chr(i)) else i for i in range(256))


def name_key(name: str) -> str:
    """A key under which spellings of the same legal name meet.

    NFKC, accents stripped, case folded, punctuation dropped, ``&`` read as ``and`` and common
    legal-form words removed: "Huawei Technologies Co., Ltd." and "HUAWEI TECHNOLOGIES" share a key.
    """
    if name.isascii():
        # Most names: normalisation and accents change nothing, casefold is lower, and a
        # byte translation splits on non-word characters several times faster than the regex.
        text = name.lower().replace("&", " and ")
        words = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
    else:
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

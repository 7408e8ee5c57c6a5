"""Name normalisation for screening: one spelling per name, whatever the list or the user typed.

``tokens("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.")`` and ``tokens("Hangzhou Hikvision
Digital Technology Co Ltd")`` are both ``["hangzhou", "hikvision", "digital", "technology"]``.
The steps, in order: Unicode NFKC; list boilerplate ("and any successor, sub-unit, or subsidiary
thereof") dropped; "SURNAME, Given" put in reading order; Cyrillic or Greek look-alike letters
inside a Latin name mapped to Latin, and whole Cyrillic or Greek words transliterated; case folded
and accents stripped; initialisms joined ("S.A." is "sa"); other punctuation split; legal forms in
several languages (Co., Ltd.; Company Limited; LLC; JSC; GmbH; 有限公司; ООО ...) and the words
"and"/"the" dropped, unless nothing else would be left.
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
import unicodedata
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

__all__ = [
    "LEGAL_FORMS", "LEGAL_FORM_WORDS", "is_legal_form_word", "normalize_name",
    "read_misspelt_forms", "strip_legal_forms", "tokens",
]  # fmt: skip

# List boilerplate: "and any successor, sub-unit, or subsidiary thereof". Matched from its
# keywords outward (see ``_drop_boilerplate``): a single regex with a leading ``\s*`` and a
# lazy tail tried every start in a run of spaces and rescanned the tail for every "and any".
_BOILERPLATE_CORE = re.compile(
    r"\b(?:and|including)\s+(?:any|all|its)\s+"
    r"(?:successors?|sub-?units?|subsidiar(?:y|ies)|affiliates?)\b",
    re.IGNORECASE,
)
_THEREOF = re.compile(r"\bthereof\b", re.IGNORECASE)
_NOT_IN_TAIL = re.compile(r"[^\w\s,\-]")

# Letters that look Latin. Used only inside words that mix scripts, or in a name that is mostly
# Latin, because there they are almost always a spoofing trick or a keyboard slip.
_CONFUSABLES = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "α": "a", "ι": "i",
    "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
})  # fmt: skip

# Whole Cyrillic or Greek words are transliterated (BGN/PCGN-like, lower case after casefold)
# so "ООО Газпром" meets the list's "GAZPROM".
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
})  # fmt: skip
_SPECIAL_LATIN = str.maketrans({
    "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h",
})  # fmt: skip
_APOSTROPHES = re.compile(r"['’ʼ`´‘]")
_INITIALISM = re.compile(r"\b[^\W\d_](?:\.[^\W\d_])+\b\.?")
_NON_WORD = re.compile(r"[\W_]+")


def _load_legal_forms() -> tuple[
    tuple[tuple[str, ...], ...], frozenset[str], tuple[str, ...], dict[str, str]
]:
    """Phrases, single-word forms, CJK forms and misspellings from ``data/legal_forms.toml``."""
    table = tomllib.loads(
        resources.files("riskkit").joinpath("data/legal_forms.toml").read_text("utf-8")
    )
    phrases: set[tuple[str, ...]] = set()
    single: set[str] = set()
    cjk: list[str] = []
    for form in table["form"]:
        slots = [[tuple(spelling.split()) for spelling in slot] for slot in form.get("phrase", [])]
        for combination in itertools.product(*slots) if slots else ():
            phrase = tuple(w for part in combination for w in part)
            if len(phrase) > 1:
                phrases.add(phrase)
            else:
                single.update(phrase)
        single.update(form.get("abbreviations", []))
        cjk.extend(form.get("cjk", []))
    return (
        tuple(sorted(phrases)),
        frozenset(single),
        tuple(sorted(set(cjk), key=len, reverse=True)),
        dict(table.get("misspellings", {})),
    )


_FORM_PHRASES, LEGAL_FORMS, _CJK_FORMS, FORM_MISSPELLINGS = _load_legal_forms()
"""Legal forms, read from ``riskkit/data/legal_forms.toml`` (a table across languages and
scripts, with abbreviations and misspellings): multi-word phrases, single-word forms (removed
from names), Chinese/Japanese/Korean forms (removed before splitting words) and misspelt form
words with the word each stands for."""
LEGAL_FORM_WORDS: frozenset[str] = (
    LEGAL_FORMS
    | frozenset(w for phrase in _FORM_PHRASES for w in phrase)
    | frozenset(FORM_MISSPELLINGS)
)
"""Every word that occurs in a legal form of the table."""


def is_legal_form_word(word: str) -> bool:
    """True when ``word`` (normalised) is part of some legal form in the table."""
    return word in LEGAL_FORM_WORDS


LEGAL_WORDS: frozenset[str] = frozenset(
    w for phrase in _FORM_PHRASES for w in phrase if len(w) >= 5
) | frozenset(w for w in LEGAL_FORMS if len(w) >= 5)
"""Longer words of legal forms, against which a misspelt legal form is recognised."""
_STOPWORDS = frozenset({"and", "the", "und", "et"})


def _drop_boilerplate(text: str) -> str:
    """``text`` with each boilerplate phrase, and the comma or semicolon and spaces before it,
    replaced by a space: from "and any|all|its successor(s)|sub-unit(s)|subsidiary|affiliate(s)"
    up to the first "thereof" before anything but words, spaces, commas and hyphens, or up to
    the end. In time linear in the text."""
    thereof = [m.start() for m in _THEREOF.finditer(text)]
    stops = [m.start() for m in _NOT_IN_TAIL.finditer(text)]
    end_of_text = len(text) - 1 if text.endswith("\n") else len(text)
    out: list[str] = []
    done = 0
    pos = 0
    while core := _BOILERPLATE_CORE.search(text, pos):
        tail = core.end()
        stop_at = bisect.bisect_left(stops, tail)
        run_end = stops[stop_at] if stop_at < len(stops) else len(text)
        found = bisect.bisect_left(thereof, tail)
        if found < len(thereof) and thereof[found] < run_end:
            end = thereof[found] + len("thereof")
        elif run_end == len(text):
            end = max(tail, end_of_text)
        else:
            pos = core.start() + 1
            continue
        start = core.start()
        while start > done and text[start - 1].isspace():
            start -= 1
        if start > done and text[start - 1] in ";,":
            start -= 1
        out += [text[done:start], " "]
        done = pos = end
        if end >= end_of_text:
            break
    return "".join(out) + text[done:] if out else text


def _surname_and_given(text: str) -> tuple[str, str] | None:
    """The parts of "SURNAME, Given" around its one comma, without the spaces around them (a
    part of only spaces keeps its last one); None without exactly one comma, or with nothing
    on one side."""
    before, _comma, after = text.partition(",")
    if "," in after or not before or not after:
        return None
    return before.strip() or before[-1], after.strip() or after[-1]


def _script_counts(text: str) -> tuple[int, int]:
    latin = other = 0
    for ch in text:
        if "a" <= ch <= "z" or "A" <= ch <= "Z":
            latin += 1
        elif "\u0370" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f":
            other += 1
    return latin, other


def _fold_scripts(text: str) -> str:
    latin, other = _script_counts(text)
    if not other:
        return text
    mostly_latin = latin > other
    words = text.split()
    out = []
    for word in words:
        w_latin, w_other = _script_counts(word)
        if w_other and not w_latin and word.casefold().translate(_TRANSLIT) in LEGAL_FORMS:
            # "ТОВ «ARGUS»": a legal form in Cyrillic is read as one ("tov"), not as look-alike
            # Latin letters ("TOB"), even inside a Latin name.
            out.append(word.casefold().translate(_TRANSLIT))
            continue
        if w_other and (w_latin or mostly_latin):
            word = word.translate(_CONFUSABLES)
            if not _script_counts(word)[1]:
                out.append(word)
                continue
        out.append(word.casefold().translate(_TRANSLIT) if w_other else word)
    return " ".join(out)


def _reading_order(text: str, person: bool | None) -> str:
    """ "AL ZAWAHIRI, Dr. Ayman" becomes "Dr. Ayman AL ZAWAHIRI" for people (OFAC's style)."""
    if person is False:
        return text
    parts = _surname_and_given(text)
    if parts is None:
        return text
    surname, given = parts
    if person or (surname.isupper() and any(c.islower() for c in given)):
        return f"{given} {surname}"
    return text


def _phrases_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(_FORM_PHRASES, key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in by_first.items()}


_PHRASES_BY_FIRST = _phrases_by_first_word()
_FORM_WORDS = LEGAL_FORMS | _PHRASES_BY_FIRST.keys() | FORM_MISSPELLINGS.keys()
"""Words that can start a legal form: a name with none of them has nothing to strip."""
_ASCII_WORD = re.compile(r"[a-z0-9]+")
"""A word of case-folded ASCII text: what ``_NON_WORD`` leaves, found faster."""


def strip_legal_forms(words: list[str]) -> list[str]:
    """``words`` without legal forms (``["huawei", "co", "ltd"]`` is ``["huawei"]``)."""
    if _FORM_WORDS.isdisjoint(words):
        return words
    if not FORM_MISSPELLINGS.keys().isdisjoint(words):
        words = [FORM_MISSPELLINGS.get(w, w) for w in words]
    kept: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        for phrase in _PHRASES_BY_FIRST.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            if word not in LEGAL_FORMS:
                kept.append(word)
            i += 1
    return kept


def tokens(name: str, *, person: bool | None = None) -> list[str]:
    """The normalised words of ``name``, in reading order.

    ``person``: True when ``name`` is known to be a person (legal forms are then kept and
    "SURNAME, Given" is always reordered), False for an organisation, None to guess the order
    from OFAC's "UPPER SURNAME, Mixed given" convention.
    """
    ascii_only = name.isascii()
    text = name if ascii_only else unicodedata.normalize("NFKC", name)
    folded = text.casefold()
    if "thereof" in folded or " its " in folded or " all " in folded or " any " in folded:
        text = _drop_boilerplate(text)
    if "," in text:
        text = _reading_order(text, person)
    if ascii_only:
        text = text.casefold()
    else:
        for form in _CJK_FORMS:
            text = text.replace(form, " ")
        text = unicodedata.normalize("NFKD", _fold_scripts(text).casefold())
        # Transliterated again after the accents go: "ӭ" is only "э" plus a diaeresis.
        text = (
            "".join(c for c in text if not unicodedata.combining(c))
            .translate(_SPECIAL_LATIN)
            .translate(_TRANSLIT)
        )
    if not ascii_only or "'" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    if "&" in text:
        text = text.replace("&", " and ")
    if "." in text:
        text = _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)
    words = _ASCII_WORD.findall(text) if ascii_only else [w for w in _NON_WORD.split(text) if w]
    if not words:
        return []
    content = [w for w in words if w not in _STOPWORDS] or words
    if person:
        return content
    return strip_legal_forms(content) or content


def normalize_name(name: str, *, person: bool | None = None) -> str:
    """``tokens(name)`` joined by single spaces: the key under which spellings of a name meet."""
    return " ".join(tokens(name, person=person))


_LEGAL_WORDS = sorted(LEGAL_WORDS)


def read_misspelt_forms(words: list[str], vocabulary: dict[str, int]) -> list[str]:
    """Read a word the lists never use that is a typo of a legal-form word ("Liablity") as
    that word, remove legal forms again (so "Aktssionernoye Obshchestvo" goes as a whole), and
    drop what is left of the misspelt forms."""
    read = list(words)
    misspelt: set[str] = set()
    for k, w in enumerate(words):
        if len(w) >= 5 and w not in vocabulary:
            form = process.extractOne(
                w, _LEGAL_WORDS, scorer=JaroWinkler.similarity, score_cutoff=0.92
            )
            if form is not None:
                read[k] = form[0]
                misspelt.add(form[0])
    if not misspelt:
        return words
    kept = [w for w in strip_legal_forms(read) if w not in misspelt]
    return kept or words

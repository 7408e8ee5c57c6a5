"""Build bench/screen_eval_patterns.toml: the pattern-by-pattern screening accuracy set.

Every query is derived from a real entry of the shared list files (../shared/data), one pattern
at a time, so that precision and recall can be reported per pattern (see screen_accuracy.py):

- ``legal_form``: the entry's legal form replaced by another one from many countries (German,
  French, Spanish, Turkish, Chinese, Japanese, Malaysian, Indonesian, Emirati ...).
- ``legal_form_ru``: transliterated Russian forms and their spelling variants (Obshchestvo /
  Obschestvo s Ogranichennoi Otvetstvennostyu, Aktsionernoe Obshchestvo, Zakrytoe ...).
- ``legal_form_script``: the form in its own script (ООО «...», ...有限公司, 주식회사, شركة).
- ``legal_form_misspelt``: a misspelt form ("Campany", "Lmited", "Limitted", "Liabilty").
- ``legal_form_split``: a form split around the name ("Joint Stock X Company").
- ``reorder``: two words of an organisation's name swapped (names of three words or more).
- ``typo1``: one edit (substitution, deletion, insertion or transposition) in the longest word.
- ``typo2``: two edits, in a long word (nine letters or more) or one in each of two long words.
- ``homoglyph``: two to four letters replaced by Cyrillic or Greek look-alikes, or full-width.
- ``cyrillic``: a transliterated Russian name written back in Cyrillic.
- ``alias``: a strong alias of the entry.
- ``brand``: the one distinctive word of exactly one listed party's name, alone ("Sensetime").
- ``tie``: the exact name of a party whose normalised name another listed party shares.
- ``sister`` (precision): the exact name of a party when another party's name differs from it in
  one word only ("... ALKOR" / "... ALKON"); the other party must stay out of the match band.
- ``ordinary_word`` (negative): an ordinary word (wordfreq Zipf >= 4 in English) that occurs in
  listed names ("Budget", "Moscow"): must never match.
- ``near_miss`` (negative): a listed name with its rarest word replaced by another rare word.
- ``negative``: real companies on none of the lists (carried over from screen_eval_build.py).

Gold for a positive is every entry of the same party: entries in any file joined to the source
entry by a shared id (OFAC's ent_num recurs in SDN 2021, SDN 2024 and the CSL) or a shared
strong name (equal after normalisation, in any word order or spacing: no screener can tell such
entries apart by name), and every entry that has the query itself as a name or alias (the list
says it is theirs).
Each case carries a ``split``: ``held`` for about three in ten source parties (by a digest of the
party's key), ``dev`` for the others. Work on the screener looks at ``dev`` errors only; ``held``
is reported beside it to show whether the fixes over-fit.

    python bench/screen_eval_patterns_build.py   # deterministic (fixed seed); output committed
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _screen_data import entry_key, list_paths
from screen_eval_build import NEGATIVES

from riskkit.screening import Screener, tokens
from riskkit.screening.frequency import is_ordinary
from riskkit.screening.model import EntryRecord
from riskkit.screening.normalize import is_legal_form_word
from riskkit.screening.tables import exact_key

SEED = 20261206
PER_PATTERN = 150
OUT = Path(__file__).with_name("screen_eval_patterns.toml")

FORMS_WORLD = (
    "{} GmbH", "{} AG", "{} S.A.", "{} SARL", "{} S.A.S.", "{} S.A. de C.V.", "{} S.L.",
    "{} S.p.A.", "{} S.r.l.", "{} Sp. z o.o.", "{} Sdn. Bhd.", "PT {}", "PT. {} Tbk",
    "{} Kabushiki Kaisha", "{} K.K.", "{} Pvt. Ltd.", "{} FZE", "{} FZCO", "{} L.L.C.",
    "{} Co., Ltd.", "{} Company Limited", "{} Limited", "{} Ltd", "{} Inc.", "{} Corporation",
    "{} Corp.", "{} B.V.", "{} N.V.", "{} Ltda.", "{} Ltd. Sti.", "{} A.S.", "{} PLC",
    "{} LLC", "{} Limited Liability Company", "Limited Liability Company {}", "{} JSC",
    "Joint Stock Company {}", "{} Pte. Ltd.", "{} Pty Ltd", "{} OU", "{} Oy", "{} AB",
    "{} Trading LLC".replace(" Trading", ""), "{} W.L.L.", "{} S.A.E.", "{} Co.",
)  # fmt: skip
FORMS_RU = (
    "OOO {}", "{} OOO", "Obshchestvo s Ogranichennoi Otvetstvennostyu {}",
    "Obschestvo s Ogranichennoy Otvetstvennostyu {}", "Obshchestvo s Ogranichennoy "
    "Otvetstvennostiu {}", "Obshestvo s Ogranichennoi Otvetstvennost'yu {}",
    "Aktsionernoe Obshchestvo {}", "Aktsionernoye Obshchestvo {}", "Aktsionernoe Obschestvo {}",
    "AO {}", "Zakrytoe Aktsionernoe Obshchestvo {}", "ZAO {}", "Otkrytoe Aktsionernoe "
    "Obshchestvo {}", "OAO {}", "Publichnoe Aktsionernoe Obshchestvo {}", "PAO {}",
    "Publichnoye Aktsionernoye Obshchestvo {}", "TOV {}", "Tovarystvo z Obmezhenoyu "
    "Vidpovidalnistyu {}", "Closed Joint Stock Company {}", "Open Joint Stock Company {}",
    "Public Joint Stock Company {}", "OJSC {}", "CJSC {}", "PJSC {}", "{} PJSC",
)  # fmt: skip
FORMS_SCRIPT = (
    "ООО «{}»", "ООО {}", "АО «{}»", "ПАО {}", "ЗАО «{}»", "ОАО {}", "{}有限公司", "{} 有限公司",
    "{}股份有限公司", "{} 有限责任公司", "주식회사 {}", "{} 株式会社", "شركة {}", "{} ش.م.م",
    "ТОВ «{}»",
)  # fmt: skip
FORMS_MISSPELT = (
    "{} Campany", "{} Compnay", "{} Lmited", "{} Limted", "{} Limitted", "{} Co. Limted",
    "{} Corporaton", "{} Coporation", "{} Incorporeted", "Limited Liabilty Company {}",
    "Limitted Liability Company {}", "{} Limited Liablity Company", "{} Joint Stok Company",
    "Joint Stock Compani {}", "{} Compay Limited", "{} Comapny Ltd",
)  # fmt: skip
FORMS_SPLIT = (
    "Joint Stock {} Company", "Limited Liability {} Company", "Public Joint Stock {} Company",
    "Closed Joint Stock {} Company", "Company {} Limited", "Open Joint Stock {} Company",
)  # fmt: skip
CONFUSABLE = {
    "a": "аα", "c": "с", "e": "еε", "o": "оο", "p": "рρ", "x": "хχ", "y": "у", "i": "іι",
    "A": "АΑ", "B": "ВΒ", "C": "С", "E": "ЕΕ", "H": "НΗ", "K": "КΚ", "M": "МΜ", "O": "ОΟ",
    "P": "РΡ", "T": "ТΤ", "X": "ХΧ", "I": "ІΙ", "N": "Ν", "Z": "Ζ",
}  # fmt: skip
TO_CYRILLIC = (
    ("yy", "ый"), ("iy", "ий"), ("oye", "ое"), ("aya", "ая"),
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"),
    ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("f", "ф"), ("x", "кс"), ("j", "дж"), ("c", "к"), ("w", "в"), ("h", "х"), ("q", "к"),
)  # fmt: skip
RUSSIAN_ENDINGS = ("skiy", "skaya", "skoye", "stvo", "nyy", "naya", "zavod", "prom", "ovich")
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def to_cyrillic(word: str) -> str:
    out = []
    i = 0
    low = word.lower()
    while i < len(low):
        for latin, cyr in TO_CYRILLIC:
            if low.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(low[i])
            i += 1
    return "".join(out).upper()


def edit(word: str, rng: random.Random, ops: tuple[str, ...]) -> str:
    """``word`` with one random edit (not at the first letter) of one of ``ops``."""
    p = rng.randrange(1, len(word) - 1)
    op = rng.choice(ops)
    letter = rng.choice([c for c in KEYBOARD if c != word[p].lower()])
    if word.isupper():
        letter = letter.upper()
    if op == "substitute":
        return word[:p] + letter + word[p + 1 :]
    if op == "delete":
        return word[:p] + word[p + 1 :]
    if op == "insert":
        return word[:p] + letter + word[p:]
    return (
        word[:p] + word[p + 1] + word[p] + word[p + 2 :]
        if word[p] != word[p + 1]
        else (word[:p] + letter + word[p + 1 :])
    )


def split_of(key: str) -> str:
    return "held" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10 < 3 else "dev"


def main() -> None:
    screener = Screener.from_files(list_paths())
    records = screener.records
    index = screener.index
    rng = random.Random(SEED)

    # Parties: entries joined by a shared id or a shared normalised primary name.
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_with: dict[tuple[str, str], int] = {}
    # Strong names as the index reads them ("X (ABC)" is also "X"), per entry.
    indexed: dict[int, list[str]] = {}
    for name_id, entry_id in enumerate(index.name_entry):
        if index.name_kind[name_id] != 2:
            indexed.setdefault(entry_id, []).append(index.name_text[name_id])
    for i, r in enumerate(records):
        # A name two entries share (in any word order or spacing) makes them one party for
        # the screener: no screener can, or should, tell them apart by name.
        names = [n for n in indexed.get(i, []) if tokens(n)]
        keys = [("name", exact_key(tokens(n))) for n in names]
        keys += [("compact", "".join(tokens(n))) for n in names]
        if r.source_id and r.source_id.isdigit():
            keys.append(("id", r.source_id))
        for k in keys:
            if k in first_with:
                union(i, first_with[k])
            else:
                first_with[k] = i
    members: dict[int, list[int]] = {}
    for i in range(len(records)):
        members.setdefault(find(i), []).append(i)
    all_names: dict[str, set[str]] = {}
    party_names: dict[str, set[int]] = {}
    for i, r in enumerate(records):
        for name in (*r.strong_names(), *r.weak_aliases):
            for key in (exact_key(tokens(name)), "".join(tokens(name))):
                all_names.setdefault(key, set()).add(entry_key(r.source, r.source_id))
                party_names.setdefault(key, set()).add(find(i))

    def key_of(i: int) -> str:
        return entry_key(records[i].source, records[i].source_id)

    def gold(i: int, query: str) -> list[str]:
        keys = {key_of(j) for j in members[find(i)]}
        words = tokens(query)
        keys |= all_names.get(exact_key(words), set()) | all_names.get("".join(words), set())
        return sorted(keys)

    cases: list[dict[str, object]] = []
    seen_queries: set[str] = set()

    def add(kind: str, query: str, i: int | None, source: str, expect: list[str] | None = None,
            party: str | None = None) -> None:  # fmt: skip
        words = tokens(query)
        if query in seen_queries or not words:
            return
        if i is not None and len(words) == 1 and is_ordinary(words[0]):
            return  # an ordinary word alone never matches, by design (see ordinary_word)
        seen_queries.add(query)
        if expect is None:
            expect = gold(i, query) if i is not None else []
        split = split_of(party or (str(find(i)) if i is not None else query))
        cases.append(
            {"kind": kind, "split": split, "query": query, "expect": expect, "from": source}
        )

    def is_org(r: EntryRecord) -> bool:
        return r.entity_type in ("entity", "unknown") and not (
            "," in r.name and r.entity_type == "unknown"
        )

    def core_words(name: str) -> list[str]:
        return tokens(name, person=False)

    orgs = [i for i, r in enumerate(records) if r.entity_type == "entity"]
    named = [i for i in orgs if len(core_words(records[i].name)) >= 2]

    def sample(pool: list[int], n: int = PER_PATTERN) -> list[int]:
        # One entry per party, so that no party dominates a pattern.
        by_party: dict[int, int] = {}
        for i in pool:
            by_party.setdefault(find(i), i)
        chosen = sorted(by_party.values())
        return rng.sample(chosen, min(n, len(chosen)))

    def form_cases(kind: str, forms: tuple[str, ...]) -> None:
        for i in sample(named):
            core = " ".join(core_words(records[i].name)).upper()
            if any(is_legal_form_word(w) for w in tokens(core, person=True)):
                continue
            add(kind, rng.choice(forms).format(core), i, records[i].name)

    form_cases("legal_form", FORMS_WORLD)
    form_cases("legal_form_ru", FORMS_RU)
    form_cases("legal_form_script", FORMS_SCRIPT)
    form_cases("legal_form_misspelt", FORMS_MISSPELT)
    form_cases("legal_form_split", FORMS_SPLIT)

    three = [i for i in orgs if len(core_words(records[i].name)) >= 3]
    for i in sample(three):
        words = core_words(records[i].name)
        a, b = sorted(rng.sample(range(len(words)), 2))
        words[a], words[b] = words[b], words[a]
        add("reorder", " ".join(words).upper(), i, records[i].name)

    def typo_case(kind: str, i: int, change: Callable[[list[str]], bool]) -> None:
        name = records[i].name
        words = name.split()
        if not change(words):
            return
        query = " ".join(words)
        key = exact_key(tokens(query))
        if key in all_names and find(i) not in party_names[key]:
            return  # the typo spells another party's name: not a typo case
        add(kind, query, i, name)

    ops = ("substitute", "delete", "insert", "transpose")
    people_and_orgs = [
        i for i, r in enumerate(records)
        if r.entity_type in ("entity", "individual") and len(tokens(r.name)) >= 2
    ]  # fmt: skip

    def one_edit(words: list[str]) -> bool:
        long = [k for k, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not long:
            return False
        k = max(long, key=lambda k: len(words[k]))
        words[k] = edit(words[k], rng, ops)
        return True

    def two_edits(words: list[str]) -> bool:
        long = [k for k, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
        if not long:
            return False
        if len(long) >= 2 and rng.random() < 0.5:
            for k in rng.sample(long, 2):
                words[k] = edit(words[k], rng, ops)
            return True
        k = max(long, key=lambda k: len(words[k]))
        if len(words[k]) < 9:
            return False
        words[k] = edit(edit(words[k], rng, ops), rng, ops)
        return True

    for i in sample(people_and_orgs):
        typo_case("typo1", i, one_edit)
    for i in sample(people_and_orgs):
        typo_case("typo2", i, two_edits)

    for i in sample(people_and_orgs):
        name = records[i].name
        chars = list(name)
        if rng.random() < 0.2:
            query = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
        else:
            spots = [k for k, c in enumerate(chars) if c in CONFUSABLE]
            for k in rng.sample(spots, min(rng.randint(2, 4), len(spots))):
                chars[k] = rng.choice(CONFUSABLE[chars[k]])
            query = "".join(chars)
        add("homoglyph", query, i, name)

    russian = [
        i for i in orgs
        if any(w.endswith(RUSSIAN_ENDINGS) for w in core_words(records[i].name))
    ]  # fmt: skip
    for i in sample(russian):
        core = core_words(records[i].name)
        add("cyrillic", " ".join(to_cyrillic(w) for w in core), i, records[i].name)

    with_alias = [i for i in people_and_orgs if records[i].aliases]
    for i in sample(with_alias):
        add("alias", rng.choice(records[i].aliases), i, records[i].name)

    # Brands: the one distinctive word (Zipf < 3 in English, five letters or more, in no other
    # party's names) of an organisation's name whose other words are ordinary.
    def ordinary(word: str) -> bool:
        return zipf_frequency(word, "en") >= 4.0

    parties_with_word: dict[str, set[int]] = {}
    for i, r in enumerate(records):
        for name in r.strong_names():
            for w in set(tokens(name)):
                parties_with_word.setdefault(w, set()).add(find(i))
    brands = []
    for i in orgs:
        words = core_words(records[i].name)
        rare = [w for w in words if not ordinary(w)]
        if (
            len(words) >= 2 and len(rare) == 1 and len(rare[0]) >= 5 and rare[0].isalpha()
            and zipf_frequency(rare[0], "en") < 3.0 and len(parties_with_word[rare[0]]) == 1
        ):  # fmt: skip
            brands.append(i)
    for i in sample(brands):
        rare = next(w for w in core_words(records[i].name) if not ordinary(w))
        add("brand", rare.capitalize(), i, records[i].name)

    # Ties: an entry's exact name when another entry's name, printed differently, is equal to
    # it after normalisation ("SMILEWALLET B.V." / "SMILEWALLET S.A.S."): the literal one first.
    printed: dict[str, set[str]] = {}
    for r in records:
        for name in r.strong_names():
            printed.setdefault(exact_key(tokens(name)), set()).add(name.casefold())
    tied = [i for i in orgs if len(printed[exact_key(tokens(records[i].name))]) > 1]
    for i in sample(tied):
        add("tie", records[i].name, i, records[i].name)

    # Sisters: two parties whose names differ in one word of at least three.
    by_shape: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    for i in orgs:
        words = core_words(records[i].name)
        if len(words) < 3:
            continue
        for k in range(len(words)):
            by_shape.setdefault((k, (*words[:k], "*", *words[k + 1 :])), []).append(i)
    sisters: list[tuple[int, int]] = []
    for group in by_shape.values():
        parties = {find(i): i for i in group}
        if len(parties) >= 2:
            a, b = sorted(parties.values())[:2]
            sisters.append((a, b))
    for a, b in rng.sample(sorted(set(sisters)), min(PER_PATTERN, len(sisters))):
        if rng.random() < 0.5:
            a, b = b, a
        add("sister", records[a].name, a, f"{records[a].name} / sister: {records[b].name}")

    words_in_names = sorted(
        w for w, parties in parties_with_word.items()
        if w.isalpha() and len(w) >= 4 and ordinary(w)
    )  # fmt: skip
    for w in rng.sample(words_in_names, min(PER_PATTERN, len(words_in_names))):
        add("ordinary_word", w.capitalize(), None, "ordinary word", party=w)

    vocabulary_rare = sorted(
        w for w, parties in parties_with_word.items()
        if w.isalpha() and len(w) >= 6 and len(parties) == 1 and not ordinary(w)
    )  # fmt: skip
    for i in sample(three):
        words = core_words(records[i].name)
        k = max(range(len(words)), key=lambda k: (-len(parties_with_word[words[k]]), len(words[k])))
        replacement = rng.choice(vocabulary_rare)
        if replacement[:3] == words[k][:3]:
            continue
        words[k] = replacement
        query = " ".join(words).upper()
        if exact_key(tokens(query)) in all_names:
            continue
        add("near_miss", query, None, records[i].name, expect=[], party=str(find(i)))
    for name in NEGATIVES:
        add("negative", name, None, "real company on no list")

    lines = [
        f"# Generated by bench/screen_eval_patterns_build.py from ../shared/data (seed {SEED});",
        "# do not edit by hand. Fields: kind (pattern), split (dev or held), query, expect (gold",
        "# entry keys, folder/file#id; empty for a negative), from (the listed name it came from).",
        "",
    ]
    for case in cases:
        lines.append("[[case]]")
        for key in ("kind", "split", "query", "expect", "from"):
            lines.append(f"{key} = {json.dumps(case[key], ensure_ascii=False)}")
        lines.append("")
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT.name}")
    _ = index


if __name__ == "__main__":
    main()

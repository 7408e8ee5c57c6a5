"""Build bench/screen_eval.toml: a labelled screening evaluation set from the shared list files.

Run once (deterministic: fixed seed); the TOML is committed so the set does not drift. Positives
are derived from real entries: strong aliases, one-letter typos, reordered words, legal-form
variants, Cyrillic look-alike letters, plus hand-written Cyrillic transliterations. Gold for a
positive is every entry (in any file) that shares an exact normalised name with the source
entry, so the same party in SDN 2021, SDN 2024 and the CSL all count. Negatives are hand-written
names of real companies that are on none of these lists, and near misses from the issue.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _screen_data import entry_key, list_paths

from riskkit.screening import Screener, tokens
from riskkit.screening.tables import exact_key

SEED = 20240503
PER_KIND = 60
CONFUSABLE = {
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "A": "А",
    "B": "В",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
    "X": "Х",
}
FORMS = (
    (" CO., LTD.", " Company Limited"),
    (" CO. LTD.", " Co Ltd"),
    (" LIMITED", " Ltd."),
    (" LTD.", " Limited"),
    (" LLC", " Limited Liability Company"),
    (" JSC", " Joint Stock Company"),
    (" INC.", " Incorporated"),
    (" S.A.", " SA"),
    (" GMBH", " Gesellschaft mit beschrankter Haftung"),
)
TRANSLITERATED = (
    ("Газпромбанк", "GAZPROMBANK"),
    ("Сбербанк", "SBERBANK"),
    ("Совкомфлот", "SOVCOMFLOT"),
    ("Ростех", "ROSTEC"),
    ("Транснефть", "TRANSNEFT"),
    ("Новатэк", "NOVATEK"),
    ("Внешэкономбанк", "VNESHECONOMBANK"),
    ("Россельхозбанк", "ROSSELKHOZBANK"),
    ("Алмаз-Антей", "ALMAZ-ANTEY"),
    ("Уралвагонзавод", "URALVAGONZAVOD"),
)
# Checked by hand: the same party spelt differently on another list (or in another file).
SAME_PARTY: dict[str, set[str]] = {
    "SHAHID KARRAZI INDDUSTRIES": {
        "ofac_sdn/sdn.csv#23429",
        "ofac_sdn_2024/sdn.csv#23429",
        "trade_gov_csl/csl.csv#23429",
    },
    "UDIN, Mohaamad Rafi": {"un_consolidated/UN_consolidated.xml#QDi.417"},
    "LEADER (HОNG KОNG) INTERNATIONAL": {
        "ofac_sdn/sdn.csv#15616",
        "ofac_sdn_2024/sdn.csv#15616",
        "trade_gov_csl/csl.csv#15616",
    },
}
NEGATIVES = (
    "Motorola Solutions",
    "Axis Communications",
    "Genetec",
    "Verkada",
    "Axon Enterprise",
    "Flock Safety",
    "Goztepe",
    "Zhejiang Dahua Technology",
    "Huawei Technologies USA",
    "Bosch Security Systems",
    "Hanwha Vision",
    "Avigilon Corporation",
    "Milestone Systems",
    "Cisco Systems",
    "Siemens AG",
    "Honeywell International",
    "Johnson Controls",
    "Panasonic Holdings",
    "Sony Group Corporation",
    "Canon Inc.",
    "Pelco",
    "Eagle Eye Networks",
    "Rhombus Systems",
    "SoundThinking",
    "Palantir Technologies",
    "NEC Corporation",
    "Idemia",
    "Thales Group",
    "Cognyte Software",
    "BriefCam",
    "Oosto",
    "Vivotek",
    "Mobotix AG",
    "Hexagon AB",
    "Ericsson",
    "Nokia Oyj",
    "Juniper Networks",
    "Arista Networks",
    "Dell Technologies",
    "Hewlett Packard Enterprise",
    "Microsoft Corporation",
    "Amazon Web Services",
    "Google LLC",
    "Oracle Corporation",
    "IBM",
    "Accenture",
    "Capgemini",
    "Atos SE",
    "Securitas AB",
    "G4S",
    "Allied Universal",
    "ADT Inc",
    "Vodafone Group",
    "Deutsche Telekom",
    "Orange SA",
    "Telefonica",
    "Kenwood",
    "Juniper",
    "Devon County Council",
    "Telmex",
)


def main() -> None:
    screener = Screener.from_files(list_paths())
    index = screener.index
    rng = random.Random(SEED)
    by_key: dict[str, set[str]] = {}
    for entry in screener.records:
        for name in entry.strong_names():
            by_key.setdefault(exact_key(tokens(name)), set()).add(
                entry_key(entry.source, entry.source_id)
            )

    def gold(entry_index: int) -> list[str]:
        entry = screener.records[entry_index]
        keys = {entry_key(entry.source, entry.source_id)}
        keys |= by_key.get(exact_key(tokens(entry.name)), set())
        return sorted(keys)

    pool = [
        i
        for i, e in enumerate(screener.records)
        if e.entity_type in ("entity", "individual", "unknown") and len(tokens(e.name)) >= 2
    ]
    cases: list[dict[str, object]] = []

    all_names: dict[str, set[str]] = {}
    for entry in screener.records:
        for name in (*entry.strong_names(), *entry.weak_aliases):
            all_names.setdefault(exact_key(tokens(name)), set()).add(
                entry_key(entry.source, entry.source_id)
            )

    def add(kind: str, query: str, entry_index: int | None, source: str = "") -> None:
        expect: set[str] = set()
        if entry_index is not None:
            # Gold: the source entry, its namesakes in other files, and every entry that has
            # the query itself as a name or alias (the list then says that name is theirs).
            expect = set(gold(entry_index)) | all_names.get(exact_key(tokens(query)), set())
            expect |= SAME_PARTY.get(query, set())
        cases.append({"kind": kind, "query": query, "expect": sorted(expect), "from": source})

    for i in rng.sample([i for i in pool if screener.records[i].aliases], PER_KIND):
        entry = screener.records[i]
        add("alias", rng.choice(entry.aliases), i, entry.name)
    typo_pool = [i for i in pool if any(len(w) >= 7 for w in tokens(screener.records[i].name))]
    for i in rng.sample(typo_pool, PER_KIND):
        name = screener.records[i].name
        words = name.split()
        j = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[j]
        p = rng.randrange(2, len(w) - 2)
        op = rng.choice(("delete", "swap", "double"))
        w = (
            w[:p] + w[p + 1 :]
            if op == "delete"
            else w[:p] + w[p + 1] + w[p] + w[p + 2 :]
            if op == "swap"
            else w[:p] + w[p] + w[p:]
        )
        words[j] = w
        add("typo", " ".join(words), i, name)
    for i in rng.sample(pool, PER_KIND):
        add(
            "reorder",
            " ".join(reversed(tokens(screener.records[i].name))),
            i,
            screener.records[i].name,
        )
    form_pool = [
        i
        for i in pool
        if screener.records[i].entity_type != "individual"
        and any(screener.records[i].name.upper().endswith(a) for a, _ in FORMS)
    ]
    for i in rng.sample(form_pool, min(PER_KIND, len(form_pool))):
        name = screener.records[i].name
        for a, b in FORMS:
            if name.upper().endswith(a):
                add("legal_form", name[: -len(a)] + b, i, name)
                break
    for i in rng.sample(pool, PER_KIND):
        name = screener.records[i].name
        spots = [k for k, c in enumerate(name) if c in CONFUSABLE]
        chars = list(name)
        for k in rng.sample(spots, min(2, len(spots))):
            chars[k] = CONFUSABLE[chars[k]]
        add("confusable", "".join(chars), i, name)
    for cyrillic, latin in TRANSLITERATED:
        hits = sorted(index.names_with_key(tokens(latin)))
        if hits:
            add("transliteration", cyrillic, index.name_entry[hits[0]], latin)
    for name in NEGATIVES:
        add("negative", name, None)
    lines = [
        "# Generated by bench/screen_eval_build.py from ../shared/data (seed "
        f"{SEED}); do not edit by hand.",
        "",
    ]
    for case in cases:
        lines.append("[[case]]")
        for key in ("kind", "query", "expect", "from"):
            lines.append(f"{key} = {json.dumps(case[key], ensure_ascii=False)}")
        lines.append("")
    out = Path(__file__).with_name("screen_eval.toml")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()

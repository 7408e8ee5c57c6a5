"""Full screening results on a few hundred synthetic names, pinned: every match's key, score,
band, matched name, kind, tie flag, aligned words and explanation, line by line.

The query path is tuned for speed (``riskkit.screening.candidates``, the compiled build); a
change there must not move a single result. The expected lines were written by the screener
before that work; regenerate them only for a change meant to alter results:

    python -m tests.screening.test_screening_results_pinned --write
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from riskkit.screening import EntryRecord, Screener

PINNED = Path(__file__).resolve().parents[1] / "screening_fixtures" / "pinned_results.jsonl"

_SYLLABLES = ("al", "bar", "kor", "tek", "vis", "dan", "mir", "sol", "zan", "pro", "ex", "ion",
              "gaz", "lum", "ner", "tra", "kon", "ar", "man", "rod")  # fmt: skip
_COMMON = ("trading", "group", "company", "bank", "international", "holding", "shipping",
           "industries", "llc", "ltd", "of", "the", "and")  # fmt: skip
_COUNTRIES = ("RU", "CN", "IR", "US", "AE", "")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _typo(rng: random.Random, word: str) -> str:
    at = rng.randrange(len(word))
    edit = rng.randrange(3)
    if edit == 0:
        return word[:at] + word[at + 1 :]
    if edit == 1:
        return word[:at] + rng.choice("aeioukrstn") + word[at + 1 :]
    return word[:at] + rng.choice("aeioukrstn") + word[at:]


def _records(rng: random.Random) -> list[EntryRecord]:
    stems = [_word(rng) for _ in range(120)]
    records = []
    for n in range(300):
        words = rng.sample(stems, rng.randint(1, 3))
        words += rng.sample(_COMMON, rng.randint(0, 2))
        name = " ".join(words).upper()
        aliases = (" ".join(reversed(words)).upper(),) if n % 7 == 0 else ()
        country = rng.choice(_COUNTRIES)
        records.append(
            EntryRecord(
                source="synthetic.toml", format="riskkit-curated", list="SYN", name=name,
                aliases=aliases, weak_aliases=(words[0].upper()[:4],) if n % 11 == 0 else (),
                countries=(country,) if country else (), source_id=f"syn-{n}",
                entity_type="entity",
            )
        )  # fmt: skip
    return records


def _queries(rng: random.Random, records: list[EntryRecord]) -> list[tuple[str, str | None]]:
    queries: list[tuple[str, str | None]] = []
    for record in rng.sample(records, 150):
        words = record.name.split()
        country = rng.choice(_COUNTRIES) or None
        queries.append((record.name, country))
        changed = list(words)
        at = rng.randrange(len(changed))
        if len(changed[at]) >= 5:
            changed[at] = _typo(rng, changed[at].lower())
        rng.shuffle(changed)
        queries.append((" ".join(changed), None))
        if len(words) > 1:
            queries.append((" ".join(words[:-1]), country))
    queries += [(_word(rng), None) for _ in range(30)]
    queries += [(f"{_word(rng)} {rng.choice(_COMMON)}", None) for _ in range(30)]
    return queries


def result_lines() -> list[str]:
    rng = random.Random(15)  # noqa: S311 - a seeded sample, not a secret
    records = _records(rng)
    screener = Screener(records)
    lines = []
    for query, country in _queries(rng, records):
        for m in screener.screen(query, country=country, limit=6, min_score=0.6):
            tokens = [[t.query, t.listed, t.similarity, t.weight] for t in m.matched_tokens]
            lines.append(
                json.dumps(
                    [query, country, str(m.key), m.score, m.band, m.matched_name, m.name_kind,
                     m.tie, tokens, m.explanation],
                    ensure_ascii=False,
                )
            )  # fmt: skip
    return lines


def test_results_are_those_pinned() -> None:
    expected = PINNED.read_text("utf-8").splitlines()
    got = result_lines()
    assert len(got) == len(expected)
    for number, (line, wanted) in enumerate(zip(got, expected, strict=True), 1):
        assert line == wanted, f"result line {number} moved"


if __name__ == "__main__" and "--write" in sys.argv:
    PINNED.write_text("\n".join(result_lines()) + "\n", "utf-8")

"""Queries per CPU second over a saved index, warm, and the full results to compare two builds.

Loads the index (``Screener.load``), screens the 369 queries of bench/screen_eval.toml once to
warm up, then ROUNDS more times, and prints each round's queries per CPU second and their
median. With ``--dump FILE`` it first writes, one JSON line per match, the full results (query,
country, key, score, band, matched name, kind, explanation, tie, aligned words) of those queries
and the 2,306 of bench/screen_eval_patterns.toml, each without a country and with "RU": two
builds (or a change before and after) answer alike when their dumps are byte-identical.

    python bench/screen_rounds.py CACHE [ROUNDS] [--dump FILE]

Run it for each build in turn, in separate processes, several times: the machine is shared.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import tomllib
from pathlib import Path

from riskkit.screening import Screener

BENCH = Path(__file__).resolve().parent


def _queries(name: str) -> list[str]:
    return [c["query"] for c in tomllib.loads((BENCH / name).read_text("utf-8"))["case"]]


def dump(screener: Screener, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for query in _queries("screen_eval.toml") + _queries("screen_eval_patterns.toml"):
            for country in (None, "RU"):
                for m in screener.screen(query, limit=10, country=country):
                    pairs = [[p.query, p.listed, str(p.similarity), str(p.weight)]
                             for p in m.matched_tokens]  # fmt: skip
                    row = [query, country, str(m.key), m.score, m.band, m.matched_name,
                           m.name_kind, m.explanation, m.tie, pairs]  # fmt: skip
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    args = sys.argv[1:]
    target = None
    if "--dump" in args:
        at = args.index("--dump")
        target = Path(args[at + 1])
        del args[at : at + 2]
    cache = args[0]
    rounds = int(args[1]) if len(args) > 1 else 7
    started = time.process_time()
    screener = Screener.load(cache)
    print(f"load {time.process_time() - started:.2f} s CPU")
    if target is not None:
        dump(screener, target)
        print(f"results written to {target}")
    queries = _queries("screen_eval.toml")
    for q in queries:
        screener.screen(q, limit=10)
    per_cpu = []
    for _ in range(rounds):
        started = time.process_time()
        for q in queries:
            screener.screen(q, limit=10)
        per_cpu.append(len(queries) / (time.process_time() - started))
    shown = ", ".join(f"{r:,.0f}" for r in per_cpu)
    print(f"queries per CPU second: median {statistics.median(per_cpu):,.0f} (rounds {shown})")


if __name__ == "__main__":
    main()

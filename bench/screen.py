"""Screening speed and memory on every list file in ../shared/data, against brute force.

Prints: load time, index build time, peak memory (tracemalloc, of the build; and the process's
max RSS), queries per second for the Screener, and for the same queries a brute-force
comparison with rapidfuzz against every indexed name, with the speed ratio and each one's
recall on the positive queries of bench/screen_eval.toml.

    python bench/screen.py [--brute N]   # N queries for brute force (default: all)
"""

from __future__ import annotations

import resource
import sys
import time
import tomllib
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _screen_data import entry_key, list_paths

from riskkit.screening import Screener, normalize_name, read_lists
from riskkit.screening.score import MATCH_AT

BRUTE_CUTOFF = 88.0
"""Brute force counts a name as a hit at token_sort_ratio >= this (the same 0.88 as MATCH_AT)."""


def main() -> None:
    cases = tomllib.loads(Path(__file__).with_name("screen_eval.toml").read_text("utf-8"))["case"]
    queries = [c["query"] for c in cases]
    started = time.perf_counter()
    list_files = read_lists(list_paths())
    entries = [e for lf in list_files for e in lf.entries]
    load = time.perf_counter() - started
    started = time.perf_counter()
    screener = Screener(entries)
    build = time.perf_counter() - started
    tracemalloc.start()
    Screener(entries)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ix = screener.index
    print(f"entries {len(entries)}, indexed names {len(ix.name_entry)}, words {len(ix.words)}")
    print(f"load (parse files) {load:.2f} s")
    print(f"index build        {build:.2f} s")
    print(f"index peak memory  {peak / 1e6:.1f} MB (tracemalloc, build only)")
    print(f"process max RSS    {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")

    rounds = 5
    started = time.perf_counter()
    results = {}
    for _ in range(rounds):
        for q in queries:
            results[q] = screener.screen(q, limit=10)
    elapsed = time.perf_counter() - started
    qps = rounds * len(queries) / elapsed
    print(f"screener: {qps:,.0f} queries/s ({len(queries)} queries x {rounds} rounds, one core)")

    # Brute force: every query against every indexed name, normalised the same way.
    names = [normalize_name(t) for t in ix.name_text]
    owners = ix.name_entry
    limit = len(queries)
    if "--brute" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--brute") + 1])
    started = time.perf_counter()
    brute: dict[str, set[str]] = {}
    for q in queries[:limit]:
        hits = process.extract(
            normalize_name(q), names, scorer=fuzz.token_sort_ratio, score_cutoff=BRUTE_CUTOFF,
            limit=None,
        )  # fmt: skip
        brute[q] = {
            entry_key(entries[owners[i]].source, entries[owners[i]].source_id) for _, _, i in hits
        }
    brute_elapsed = time.perf_counter() - started
    brute_qps = limit / brute_elapsed
    print(f"brute force: {brute_qps:,.1f} queries/s ({limit} queries, rapidfuzz token_sort_ratio)")
    print(f"speed ratio: {qps / brute_qps:,.0f}x")

    positives = [c for c in cases[:limit] if c["expect"]]
    ours = sum(
        1
        for c in positives
        if any(
            m.score >= MATCH_AT and entry_key(m.entry.source, m.entry.source_id) in c["expect"]
            for m in results[c["query"]]
        )
    )
    theirs = sum(1 for c in positives if brute[c["query"]] & set(c["expect"]))
    print(f"recall on {len(positives)} positives: screener {ours / len(positives):.4f}, "
          f"brute force {theirs / len(positives):.4f}")  # fmt: skip


if __name__ == "__main__":
    main()

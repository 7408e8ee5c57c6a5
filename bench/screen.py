"""Screening speed and memory on every list file in ../shared/data, against brute force.

Prints: load time; index build time (median of 3 builds, wall clock and CPU); memory, measured
two ways: the tracemalloc peak of building the index alone, and the max RSS of a separate child
process that only imports riskkit, reads the files and builds the Screener (no tracemalloc, no
brute force); queries per second for the Screener (median of 5 rounds, wall clock and process
CPU time, one thread); and for the same queries a brute-force comparison with rapidfuzz against
every indexed name, with the speed ratio and each one's recall on the positive queries of
bench/screen_eval.toml. On a shared machine, run it several times and compare medians.

Then the scale run (``--names N``, default 1,000,000; 0 skips it), each step in its own child
process so that one step's memory does not count in another's: (1) synthesise N names from the
real list names with variations (``_screen_data.synthetic_records``), build the index, print the
build time and the child's max RSS (entries and index), and save the index cache
(``Screener.save``: a safe format, no pickle) with its size; (2) load the cache in a fresh
process, print the load time and max RSS, the queries per second over the eval queries, and a
rapidfuzz brute force over all N names for the first ``--scale-brute`` queries (default 40)
with the speed ratio.

    python bench/screen.py [--brute N] [--names N] [--scale-brute N]
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _screen_data import entry_key, list_paths, synthetic_records

from riskkit.screening import Screener, normalize_name, read_lists
from riskkit.screening.score import MATCH_AT

BRUTE_CUTOFF = 88.0
"""Brute force counts a name as a hit at token_sort_ratio >= this (the same 0.88 as MATCH_AT)."""


def rss_child() -> None:
    """Read the files and build the Screener, then print the process's max RSS in MB."""
    screener = Screener.from_files(list_paths())
    assert len(screener) > 0
    print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


def _arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_build(names: int, cache: str) -> None:
    """Child: synthesise ``names`` names, build, save the cache; print the figures."""
    records = [r for lf in read_lists(list_paths()) for r in lf.records]
    records = synthetic_records(records, names)
    before = _rss_mb()
    started, started_cpu = time.perf_counter(), time.process_time()
    screener = Screener(records)
    build, build_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    ix = screener.index
    print(f"scale: {len(records):,} entries, {len(ix.name_entry):,} indexed names, "
          f"{len(ix.words):,} distinct words")  # fmt: skip
    print(f"scale: index build {build:.1f} s ({build_cpu:.1f} s CPU)")
    print(f"scale: max RSS {_rss_mb():,.0f} MB (entries alone {before:,.0f} MB before the build)")
    started = time.perf_counter()
    screener.save(cache)
    size = Path(cache).stat().st_size
    print(f"scale: cache saved in {time.perf_counter() - started:.1f} s, {size / 1e6:,.0f} MB")


WARM_ROUNDS = 5
"""Timed rounds of the eval queries after the first (cold) pass; their median is the figure."""


def scale_query(cache: str, brute_n: int) -> None:
    """Child: load the cache, time queries and a brute force over every indexed name."""
    cases = tomllib.loads(Path(__file__).with_name("screen_eval.toml").read_text("utf-8"))["case"]
    queries = [c["query"] for c in cases]
    started, started_cpu = time.perf_counter(), time.process_time()
    screener = Screener.load(cache)
    load, load_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(f"scale: cache load {load:.2f} s ({load_cpu:.2f} s CPU), max RSS {_rss_mb():,.0f} MB")
    screener.screen("warm up the word lists")
    # The first pass over the queries pages in the loaded index (several times slower): it is
    # printed apart, and the figure is the median of the warm rounds after it.
    rounds = []
    cpu_rounds = []
    for _ in range(1 + WARM_ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        for q in queries:
            screener.screen(q, limit=10)
        rounds.append(len(queries) / (time.perf_counter() - started))
        cpu_rounds.append(len(queries) / (time.process_time() - started_cpu))
    cold, rounds, cpu_rounds = rounds[0], rounds[1:], cpu_rounds[1:]
    qps = statistics.median(rounds)
    qps_cpu = statistics.median(cpu_rounds)
    shown = ", ".join(f"{r:,.0f}" for r in rounds)
    print(f"scale: screener {qps:,.0f} queries/s wall clock, {qps_cpu:,.0f} per CPU second "
          f"(median of {WARM_ROUNDS} warm rounds of {len(queries)}: {shown}; the first, cold "
          f"pass: {cold:,.0f})")  # fmt: skip
    names = [normalize_name(t) for t in screener.index.name_text]
    started, started_cpu = time.perf_counter(), time.process_time()
    for q in queries[:brute_n]:
        process.extract(normalize_name(q), names, scorer=fuzz.token_sort_ratio,
                        score_cutoff=BRUTE_CUTOFF, limit=None)  # fmt: skip
    brute = brute_n / (time.perf_counter() - started)
    brute_cpu = brute_n / (time.process_time() - started_cpu)
    print(f"scale: brute force {brute:,.2f} queries/s wall clock, {brute_cpu:,.2f} per CPU second "
          f"({brute_n} queries over {len(names):,} names); speed ratio {qps / brute:,.0f}x wall "
          f"clock, {qps_cpu / brute_cpu:,.0f}x per CPU second")  # fmt: skip


def scale(names: int, brute_n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cache = str(Path(folder) / "scale.rksidx")
        for step in (["--scale-build", str(names), cache], ["--scale-query", cache, str(brute_n)]):
            subprocess.run([sys.executable, __file__, *step], check=True)


def main() -> None:
    if "--rss-child" in sys.argv:
        rss_child()
        return
    if "--scale-build" in sys.argv:
        at = sys.argv.index("--scale-build")
        scale_build(int(sys.argv[at + 1]), sys.argv[at + 2])
        return
    if "--scale-query" in sys.argv:
        at = sys.argv.index("--scale-query")
        scale_query(sys.argv[at + 1], int(sys.argv[at + 2]))
        return
    scale_names = _arg("--names", 1_000_000)
    if "--scale-only" in sys.argv:
        scale(scale_names, _arg("--scale-brute", 40))
        return
    cases = tomllib.loads(Path(__file__).with_name("screen_eval.toml").read_text("utf-8"))["case"]
    queries = [c["query"] for c in cases]
    rss = subprocess.run(
        [sys.executable, __file__, "--rss-child"], capture_output=True, text=True, check=True
    ).stdout.strip()
    started, started_cpu = time.perf_counter(), time.process_time()
    list_files = read_lists(list_paths())
    records = [r for lf in list_files for r in lf.records]
    load, load_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    builds = []
    builds_cpu = []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        screener = Screener(records)
        builds.append(time.perf_counter() - started)
        builds_cpu.append(time.process_time() - started_cpu)
    tracemalloc.start()
    Screener(records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ix = screener.index
    print(f"entries {len(records)}, indexed names {len(ix.name_entry)}, words {len(ix.words)}")
    print(f"load (parse files) {load:.2f} s ({load_cpu:.2f} s CPU)")
    print(f"index build        {statistics.median(builds):.2f} s (median of 3: "
          f"{', '.join(f'{b:.2f}' for b in builds)}; "
          f"{statistics.median(builds_cpu):.2f} s CPU)")  # fmt: skip
    print(f"index peak memory  {peak / 1e6:.1f} MB (tracemalloc peak while building the index)")
    print(f"process max RSS    {rss} MB (child process: import, read files, build Screener)")

    rounds = 5
    wall: list[float] = []
    cpu: list[float] = []
    results = {}
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        for q in queries:
            results[q] = screener.screen(q, limit=10)
        wall.append(len(queries) / (time.perf_counter() - started))
        cpu.append(len(queries) / (time.process_time() - started_cpu))
    qps = statistics.median(wall)
    print(f"screener: {qps:,.0f} queries/s wall clock, {statistics.median(cpu):,.0f} per CPU "
          f"second (medians of {rounds} rounds of {len(queries)} queries, one thread; "
          f"rounds {', '.join(f'{q:,.0f}' for q in wall)})")  # fmt: skip

    # Brute force: every query against every indexed name, normalised the same way.
    names = [normalize_name(t) for t in ix.name_text]
    owners = ix.name_entry
    limit = len(queries)
    if "--brute" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--brute") + 1])
    started, started_cpu = time.perf_counter(), time.process_time()
    brute: dict[str, set[str]] = {}
    for q in queries[:limit]:
        hits = process.extract(
            normalize_name(q), names, scorer=fuzz.token_sort_ratio, score_cutoff=BRUTE_CUTOFF,
            limit=None,
        )  # fmt: skip
        brute[q] = {
            entry_key(records[owners[i]].source, records[owners[i]].source_id) for _, _, i in hits
        }
    brute_qps = limit / (time.perf_counter() - started)
    brute_cpu = limit / (time.process_time() - started_cpu)
    print(f"brute force: {brute_qps:,.1f} queries/s wall clock, {brute_cpu:,.1f} per CPU second "
          f"({limit} queries, rapidfuzz token_sort_ratio)")  # fmt: skip
    print(f"speed ratio: {qps / brute_qps:,.0f}x wall clock, "
          f"{statistics.median(cpu) / brute_cpu:,.0f}x per CPU second")  # fmt: skip

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
    if scale_names:
        scale(scale_names, _arg("--scale-brute", 40))


if __name__ == "__main__":
    main()

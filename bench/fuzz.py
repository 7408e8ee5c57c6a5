"""A longer fuzz run over every reader than the test suite's, with counts per outcome.

    python bench/fuzz.py [--cases 5000] [--seed 1] [--cli 0.1] [--slow 1.0] [--timeout 60]
                         [--no-known] [--shared [DIR]] [--save DIR]

Each case is a seed (an example, a shipped pack, a waivers or what-if file, a report of an
example, a list fixture; with ``--shared``, also the head of each official list file in
../shared/data) mutated at the byte or structure level by ``tests/fuzzing.py``, then run
through the API (load, assess, render every format, screen, diff, ...); a ``--cli`` fraction of
cases runs through the command line instead. It prints:

- counts per reader and outcome: ``report``, ``error:<class>`` (a documented error),
  ``internal:<type>`` (a bug: an undocumented exception, or from the CLI an exit code other than
  0, 1, 2 or an "internal error" message) and ``slow`` (took more than ``--slow`` seconds,
  counted besides its outcome);
- each distinct internal error once, with how often it was seen and one saved case;
- the slowest cases per input size (bytes), with seconds per KiB, so that time growing faster
  than size shows.

By default the hostile values behind issue 12 items 3, 4 and 6 (9999-12-31, integers of 5,000
digits, lone surrogates) are drawn too, as in the test suite; ``--no-known`` leaves them out.
A case that runs past ``--timeout`` seconds is stopped and counted as ``internal:timeout``.
"""

from __future__ import annotations

import argparse
import collections
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.fuzzing import (
    READERS,
    SHARED_DATA,
    Mutator,
    Outcome,
    classify,
    classify_cli,
    cli_argv,
    run_api,
    seeds,
    write_case,
)

SIZE_BUCKETS = (1_024, 10_240, 102_400, 1_048_576, float("inf"))


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _bucket(size: int) -> str:
    low = 0
    for high in SIZE_BUCKETS:
        if size < high:
            top = "" if high == float("inf") else f"{int(high) // 1024:,}"
            return f"{low // 1024:,}-{top} KiB"
        low = int(high)
    raise AssertionError(size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli", type=float, default=0.1, help="fraction of cases run by the CLI")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds that count as slow")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a case stops")
    parser.add_argument("--no-known", action="store_true", help="leave out known-bug values")
    parser.add_argument(
        "--shared", nargs="?", type=Path, const=SHARED_DATA, default=None, metavar="DIR",
        help="also seed from the official list files in DIR (default ../shared/data)",
    )  # fmt: skip
    parser.add_argument("--save", type=Path, default=None, help="keep internal and slow cases")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    all_seeds = seeds(shared=args.shared)
    mutator = Mutator(rng, known=not args.no_known)
    counts: dict[str, collections.Counter[str]] = {r: collections.Counter() for r in READERS}
    internals: dict[str, list[str]] = collections.defaultdict(list)
    timed: dict[str, list[tuple[float, int, str]]] = collections.defaultdict(list)
    save = args.save
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    work = Path(tempfile.mkdtemp(prefix="riskkit-fuzz-"))
    started = time.perf_counter()
    print(f"{len(all_seeds)} seeds; {args.cases:,} cases; random seed {args.seed}")
    try:
        for number in range(args.cases):
            seed = rng.choice(all_seeds)
            name, data = mutator.mutate(seed)
            case_dir = work / str(number)
            path = write_case(case_dir, seed, name, data)
            via_cli = rng.random() < args.cli
            label = ""
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            start = time.perf_counter()
            try:
                if via_cli:
                    argv = cli_argv(seed, path, rng)
                    label = "riskkit " + " ".join(argv)
                    outcome = classify_cli(argv)
                else:
                    label = f"api {seed.reader}"
                    outcome = classify(lambda seed=seed, path=path: run_api(seed, path))
            except _Timeout:
                outcome = Outcome("internal:timeout", f"over {args.timeout} s")
                outcome = Outcome(outcome.kind, outcome.detail, time.perf_counter() - start)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            counts[seed.reader][outcome.kind] += 1
            if outcome.seconds > args.slow:
                counts[seed.reader]["slow"] += 1
            keep = outcome.internal or outcome.seconds > args.slow
            where = f"{seed.name} -> {name} (not kept; use --save DIR)"
            if keep and save is not None:
                target = save / f"{number}-{seed.reader}"
                shutil.copytree(case_dir, target, dirs_exist_ok=True)
                where = str(target / name)
            if outcome.internal:
                key = f"{seed.reader}: {outcome.kind}: {outcome.detail.splitlines()[0][:160]}"
                internals[key].append(f"{where}  ({label})")
            timed[_bucket(len(data))].append((outcome.seconds, len(data), f"{where}  ({label})"))
            shutil.rmtree(case_dir, ignore_errors=True)
            if (number + 1) % 500 == 0:
                print(f"  {number + 1:,} cases, {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started

    print(f"\n{args.cases:,} cases in {elapsed:.1f} s\n")
    kinds = sorted({k for c in counts.values() for k in c}, key=lambda k: (k != "report", k))
    width = max(len(k) for k in kinds) if kinds else 10
    print(f"{'outcome':<{width}}  " + "  ".join(f"{r:>11}" for r in READERS) + "        all")
    for kind in kinds:
        row = [counts[r][kind] for r in READERS]
        print(f"{kind:<{width}}  " + "  ".join(f"{n:>11,}" for n in row) + f"  {sum(row):>9,}")

    print(f"\ninternal errors: {sum(len(v) for v in internals.values()):,}")
    for key, cases in sorted(internals.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(cases):>5,} x {key}\n          e.g. {cases[0]}")

    print("\nslowest cases per input size (seconds, bytes, ms per KiB):")
    for bucket in sorted(timed, key=lambda b: int(b.split("-")[0].replace(",", ""))):
        entries = sorted(timed[bucket], reverse=True)
        total = sum(s for s, _, _ in entries)
        print(f"  {bucket}: {len(entries):,} cases, mean {1000 * total / len(entries):.1f} ms")
        for seconds, size, where in entries[:3]:
            per_kib = 1000 * seconds / max(size / 1024, 1 / 1024)
            print(f"    {seconds:8.3f} s  {size:>10,} B  {per_kib:8.2f} ms/KiB  {where}")
    return 1 if internals else 0


if __name__ == "__main__":
    sys.exit(main())

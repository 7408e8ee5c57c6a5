"""Speed of the OCDS schema check alone, and the problems it reports, pinned for before/after.

    python bench/ocds_schema.py time FEED [--limit N] [--repeat 5]
    python bench/ocds_schema.py pin FEED... > PROBLEMS.txt

``time`` reads the compiled releases of ``FEED`` once without checking them, then times
:func:`riskkit.feeds.ocds.validate.schema_problems` over all of them ``--repeat`` times and
prints the median CPU time per release (the cost the check adds to a read), beside the 80 us
a process that keeps a whole batch at 1,000 processes/s. ``pin`` prints, for every release
read from ``FEED...`` (files or folders) and every release inside them before merging, every
problem the checker reports (path, message, keyword, keyword value) in its order, then a
digest: two runs whose outputs are equal report exactly the same problems.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

TARGET_US = 80.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/ocds_schema.py", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    timing = sub.add_parser("time", help="median CPU time of the check per release")
    timing.add_argument("feed", type=Path)
    timing.add_argument("--limit", type=int, default=0, help="only the first N processes")
    timing.add_argument("--repeat", type=int, default=5)
    pin = sub.add_parser("pin", help="every problem reported, and a digest of them")
    pin.add_argument("feeds", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "time":
        _time(args.feed, args.limit, args.repeat)
    else:
        _pin(args.feeds)
    return 0


def _releases(feed: Path, limit: int) -> list[dict[str, Any]]:
    from riskkit.feeds.ocds import read_ocds

    found: list[dict[str, Any]] = []
    for process in read_ocds(feed, validate=False):
        found.append(process.release)
        if len(found) == limit:
            break
    return found


def _time(feed: Path, limit: int, repeat: int) -> None:
    from riskkit.feeds.ocds.validate import schema_problems

    releases = _releases(feed, limit)
    schema_problems(releases[0])  # compile the schema outside the timing
    runs: list[float] = []
    problems = 0
    for _ in range(repeat):
        started = time.process_time()
        problems = sum(len(schema_problems(release)[0]) for release in releases)
        runs.append(time.process_time() - started)
    per_release = statistics.median(runs) / len(releases) * 1e6
    verdict = "met" if per_release <= TARGET_US else "MISSED"
    print(f"schema check of {len(releases):,} releases of {feed}: {problems:,} problems kept")
    print(f"  runs (CPU s): {', '.join(f'{run:.2f}' for run in runs)}")
    print(
        f"  median CPU per release: {per_release:,.1f} us   (target <= {TARGET_US:.0f}: {verdict})"
    )


def _pin(feeds: list[Path]) -> None:
    from riskkit.feeds.ocds import ReadStats, read_ocds
    from riskkit.feeds.ocds.schema import release_schema
    from riskkit.feeds.ocds.sources import read_units
    from riskkit.feeds.ocds.validate import _validator, capped_problems

    checker = _validator()
    digest = hashlib.sha256()
    count = 0

    def emit(where: str, release: Any) -> None:
        nonlocal count
        lines = [f"{where}"]
        for error in checker.iter_errors(release):
            lines.append(f"  {error.json_path} | {error.message} | {error.validator}"
                         f" | {error.validator_value!r}")  # fmt: skip
        kept, more = capped_problems(checker, release)
        lines.append(f"  kept {[str(p) for p in kept]!r} more {more}")
        text = "\n".join(lines) + "\n"
        digest.update(text.encode())
        sys.stdout.write(text)
        count += 1

    release_schema()
    for feed in feeds:
        for process in read_ocds(feed, validate=False):
            emit(f"process {process.ocid} {process.origins[0]}", process.release)
        for origin, form, unit in read_units([feed], ReadStats()):
            if form == "release":
                emit(f"release {origin}", unit)
            elif isinstance(unit, dict):
                if isinstance(unit.get("compiledRelease"), dict):
                    emit(f"record compiled {origin}", unit["compiledRelease"])
                for index, release in enumerate(unit.get("releases") or ()):
                    if isinstance(release, dict):
                        emit(f"record release {index} {origin}", release)
    print(f"{count} releases checked; digest {digest.hexdigest()}")


if __name__ == "__main__":
    sys.exit(main())

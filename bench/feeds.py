"""Speed and memory of reading, mapping and assessing an OCDS feed (issue 14's targets).

    python bench/feeds.py make OUT.jsonl.gz [--processes 200000] [--seed 0] [--plain]
    python bench/feeds.py read FEED [--no-validate] [--limit N]
    python bench/feeds.py map FEED [--no-validate] [--limit N]
    python bench/feeds.py batch FEED [--workers 1,2] [--engine local,dask] [--no-validate]
                                     [--to csv|parquet]
    python bench/feeds.py memory SMALL_FEED LARGE_FEED [--workers 2] [--no-validate]

``make`` writes a synthetic feed varied from the real samples of every publisher
(``feeds_synth.py``): the same seed gives the same bytes; ``--plain`` also writes it
uncompressed beside. ``read`` times :func:`riskkit.feeds.ocds.read_ocds` alone, ``map`` read
plus ``map_process`` (with the curated brand names), each in this one process: processes per
second of CPU time (one core) and of wall time, and the peak resident memory of the process,
then the floor: the same lines only read (decompressed) and parsed, which no reader can beat.
``map`` then splits its time: the mapping alone, over processes read before, and the rest
(reading, and freeing what each process left), beside the 100 µs that 10,000 a second allows.
``batch`` runs ``riskkit batch`` end to end (read, merge, map, assess, write CSV) as a child
process for each number of workers and engine, and reports processes per second per worker and
the peak memory of each worker process (read from ``/proc`` while it runs: the largest
``VmHWM`` of the batch's descendants). ``memory`` runs the batch on a small and a large feed
and compares the peaks per worker. Each figure is printed beside the issue's target; a miss is
printed, never an exit code. Steps that are not built on this branch say "not available".
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

AS_OF = "2026-06-01"
TARGET_READ_MAP = 10_000.0
TARGET_END_TO_END = 1_000.0
TARGET_SCALING = 1.8
TARGET_DASK = 1.5


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command: Any = {
        "make": _make,
        "read": _read,
        "map": _map,
        "batch": _batch,
        "memory": _memory,
    }[args.command]
    command(args)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench/feeds.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="write a synthetic feed varied from the real samples")
    make.add_argument("out", type=Path)
    make.add_argument("--processes", type=int, default=200_000)
    make.add_argument("--seed", type=int, default=0)
    make.add_argument("--plain", action="store_true", help="also write it uncompressed")
    for name in ("read", "map"):
        step = sub.add_parser(name, help=f"time {name} in this process")
        step.add_argument("feed", type=Path)
        step.add_argument("--no-validate", dest="validate", action="store_false")
        step.add_argument("--limit", type=int, default=0, help="stop after N processes")
    batch = sub.add_parser("batch", help="time `riskkit batch` end to end")
    batch.add_argument("feed", type=Path)
    batch.add_argument("--workers", default="1", help="a number, or several: 1,2")
    batch.add_argument("--engine", default="local", help="local, dask, or local,dask")
    batch.add_argument("--no-validate", dest="validate", action="store_false",
                       help="pass --no-validate to riskkit batch")  # fmt: skip
    batch.add_argument("--to", choices=("csv", "parquet"), default="csv",
                       help="the output written (Dask gathers no rows for Parquet)")  # fmt: skip
    memory = sub.add_parser("memory", help="peak memory per worker on a small and a large feed")
    memory.add_argument("small", type=Path)
    memory.add_argument("large", type=Path)
    memory.add_argument("--workers", type=int, default=2)
    memory.add_argument("--engine", default="local")
    memory.add_argument("--no-validate", dest="validate", action="store_false",
                        help="pass --no-validate to riskkit batch")  # fmt: skip
    return parser


def _make(args: argparse.Namespace) -> None:
    from feeds_synth import write_feed

    if not args.out.name.endswith((".jsonl", ".jsonl.gz")):
        raise SystemExit("the feed must be named .jsonl or .jsonl.gz (its reader goes by name)")
    started = time.perf_counter()
    size = write_feed(args.out, args.processes, args.seed)
    print(f"wrote {args.processes:,} processes ({size / 2**20:,.0f} MiB of JSON) to {args.out}"
          f" in {time.perf_counter() - started:,.0f} s")  # fmt: skip
    if args.plain and args.out.name.endswith(".gz"):
        plain = args.out.with_name(args.out.name[: -len(".gz")])
        write_feed(plain, args.processes, args.seed)
        print(f"and uncompressed to {plain}")


def _read(args: argparse.Namespace) -> None:
    _time_steps(args, mapping=False)


def _map(args: argparse.Namespace) -> None:
    if importlib.util.find_spec("riskkit.feeds.ocds.mapping") is None:
        print("map: not available (riskkit.feeds.ocds.mapping is not on this branch)")
        return
    _time_steps(args, mapping=True)


def _time_steps(args: argparse.Namespace, *, mapping: bool) -> None:
    from riskkit.feeds.ocds import ReadStats, read_ocds

    mapper = _mapper() if mapping else None
    stats = ReadStats()
    count = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for process in read_ocds(args.feed, validate=args.validate, stats=stats):
        if mapper is not None:
            mapper(process)
        count += 1
        if count == args.limit:
            break
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    what = "read + map" if mapping else "read"
    print(f"{what} {args.feed} (validate={args.validate}): {count:,} processes,"
          f" {wall:,.1f} s wall, {cpu:,.1f} s CPU")  # fmt: skip
    per_core = count / cpu if cpu else 0.0
    _figure(f"{what}: processes/s per core (CPU time)", per_core, TARGET_READ_MAP, mapping)
    print(f"  {what}: processes/s of wall time: {count / wall:,.0f}")
    print(f"  peak RSS of this process: {_self_peak_mib():,.0f} MiB")
    print(f"  defects: {dict(stats.defects.most_common())}")
    _floor(args.feed, count)
    if mapping:
        _budget(args, count / cpu if cpu else 0.0)


SPLIT = 5_000
"""Processes read before :func:`_budget` times the mapping alone over them."""


def _budget(args: argparse.Namespace, read_map: float) -> None:
    """Where the time of read + map goes: the mapping alone, over processes read before (the
    objects held are frozen out of the collector, so holding them costs it nothing), and the
    rest (reading, and freeing each process and what its mapping made); beside the 100 µs that
    10,000 a second allows."""
    import gc
    import itertools

    from riskkit.feeds.ocds import read_ocds

    mapper = _mapper()
    limit = min(SPLIT, args.limit) if args.limit else SPLIT
    processes = list(itertools.islice(read_ocds(args.feed, validate=args.validate), limit))
    if not processes or not read_map:
        return
    gc.collect()
    gc.freeze()
    try:
        cpu = time.process_time()
        for process in processes:
            mapper(process)
        each = 1e6 * (time.process_time() - cpu) / len(processes)
    finally:
        gc.unfreeze()
    total = 1e6 / read_map
    print(
        f"  the budget: read + map {total:,.1f} µs a process = map alone {each:,.1f} µs (over"
        f" {len(processes):,} processes read before) + the rest, {total - each:,.1f} µs (reading,"
        f" and freeing each process once mapped); {1e6 / TARGET_READ_MAP:,.0f} µs is the target"
    )


def _floor(feed: Path, count: int) -> None:
    """What the same lines cost with nothing but their text read and parsed: the least any
    reader of this feed pays in this process, beside the figures above."""
    from riskkit.feeds._json import open_file
    from riskkit.feeds._parse import orjson

    if count == 0 or not feed.is_file():
        return
    lines: list[bytes] = []
    cpu = time.process_time()
    with open_file(feed) as stream:
        while len(lines) < count and (line := stream.readline()):
            lines.append(line)
    text = time.process_time() - cpu
    parse = orjson.loads if orjson is not None else __import__("json").loads
    cpu = time.process_time()
    for line in lines:
        parse(line)
    parsed = time.process_time() - cpu
    each = [1e6 * seconds / len(lines) for seconds in (text, parsed)]
    print(
        f"  floor: the text {each[0]:,.1f} µs + {'orjson' if orjson else 'json'}.loads "
        f"{each[1]:,.1f} µs a process (lines of {sum(map(len, lines)) / len(lines):,.0f} "
        f"bytes): {len(lines) / (text + parsed):,.0f} processes/s with nothing else done"
    )


def _mapper() -> Any:
    from riskkit.api import Assessor
    from riskkit.feeds.ocds.items.brands import BrandNames
    from riskkit.feeds.ocds.mapping import map_process

    assessor = Assessor.of()
    brands = BrandNames(assessor.rules.entities.entities.values())
    return lambda process: map_process(process, brands=brands)


def _figure(label: str, measured: float, target: float, applies: bool = True) -> None:
    if applies:
        verdict = "met" if measured >= target else "MISSED"
        print(f"  {label}: {measured:,.0f}   (target >= {target:,.0f}: {verdict})")
    else:
        print(f"  {label}: {measured:,.0f}   (the read + map target is {target:,.0f})")


def _self_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _batch_available() -> bool:
    if importlib.util.find_spec("riskkit.feeds.batch") is None:
        print("batch: not available (riskkit.feeds.batch is not on this branch)")
        return False
    return True


def _batch(args: argparse.Namespace) -> None:
    if not _batch_available():
        return
    counts = [int(n) for n in str(args.workers).split(",")]
    engines = str(args.engine).split(",")
    results: dict[tuple[str, int], dict[str, Any]] = {}
    for engine in engines:
        for workers in counts:
            result = run_batch(args.feed, workers, engine, validate=args.validate, to=args.to)
            results[engine, workers] = result
            _print_batch(result)
    for engine in engines:
        if (engine, 1) in results and (engine, 2) in results:
            one, two = results[engine, 1]["rate"], results[engine, 2]["rate"]
            ratio = two / one if one else 0.0
            verdict = "met" if ratio >= TARGET_SCALING else "MISSED"
            print(f"{engine}: 2 workers / 1 worker = {ratio:.2f}x"
                  f"   (target >= {TARGET_SCALING}x: {verdict})")  # fmt: skip
    for workers in counts:
        if ("local", workers) in results and ("dask", workers) in results:
            local, dask = results["local", workers]["wall"], results["dask", workers]["wall"]
            ratio = dask / local if local else 0.0
            verdict = "met" if ratio <= TARGET_DASK else "MISSED"
            print(f"{workers} workers: Dask time / local time = {ratio:.2f}x"
                  f"   (target <= {TARGET_DASK}x: {verdict})")  # fmt: skip


def run_batch(
    feed: Path, workers: int, engine: str, *, validate: bool = True, to: str = "csv"
) -> dict[str, Any]:
    """Run ``riskkit batch`` on ``feed`` as a child, writing ``to`` (csv or parquet); its
    figures as a dict."""
    out = Path(tempfile.mkdtemp(prefix="riskkit-bench-")) / f"rows.{to}"
    command = [sys.executable, "-m", "riskkit", "batch", str(feed), "--as-of", AS_OF,
               "--workers", str(workers), "--engine", engine, "--output", str(out)]  # fmt: skip
    if not validate:
        command.append("--no-validate")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks = _watch_peaks(child.pid)
    output, _ = child.communicate()
    wall = time.perf_counter() - started
    peaks.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = _rows_written(out) if out.exists() else 0
    shutil.rmtree(out.parent, ignore_errors=True)
    return {
        "feed": str(feed), "engine": engine, "workers": workers, "rows": rows, "wall": wall,
        "cpu": cpu, "rate": rows / wall if wall else 0.0, "exit": child.returncode,
        "main_mib": peaks.main / 1024, "worker_mib": sorted(peaks.others.values())[-workers:],
        "tail": output.strip().splitlines()[-3:],
    }  # fmt: skip


def _rows_written(out: Path) -> int:
    """Rows in a CSV file, or in a Parquet file or folder of part files (Dask's)."""
    if out.suffix == ".parquet":
        import pyarrow.dataset

        return int(pyarrow.dataset.dataset(out, format="parquet").count_rows())
    return max(0, sum(1 for _ in out.open(encoding="utf-8")) - 1)


def _print_batch(result: dict[str, Any]) -> None:
    workers, wall, rows = result["workers"], result["wall"], result["rows"]
    print(f"batch {result['feed']} --engine {result['engine']} --workers {workers}:"
          f" {rows:,} rows in {wall:,.1f} s wall, {result['cpu']:,.1f} s CPU (all processes),"
          f" exit {result['exit']}")  # fmt: skip
    if result["exit"] != 0:
        print("  " + "\n  ".join(result["tail"]))
    per_core = rows / wall / workers if wall else 0.0
    _figure("end to end: processes/s per worker (wall)", per_core, TARGET_END_TO_END)
    print(f"  processes per CPU-second (all processes): {rows / result['cpu']:,.0f}"
          if result["cpu"] else "")  # fmt: skip
    workers_mib = ", ".join(f"{kib / 1024:,.0f}" for kib in result["worker_mib"]) or "none seen"
    print(f"  peak RSS: main {result['main_mib']:,.0f} MiB; workers {workers_mib} MiB")


def _memory(args: argparse.Namespace) -> None:
    if not _batch_available():
        return
    small = run_batch(args.small, args.workers, args.engine, validate=args.validate)
    _print_batch(small)
    large = run_batch(args.large, args.workers, args.engine, validate=args.validate)
    _print_batch(large)
    a, b = max(small["worker_mib"], default=0), max(large["worker_mib"], default=0)
    if a and b:
        print(f"peak per worker: {a / 1024:,.0f} MiB at {small['rows']:,} processes,"
              f" {b / 1024:,.0f} MiB at {large['rows']:,}: {b / a:.2f}x"
              "   (target: independent of feed size, about 1x)")  # fmt: skip


class _Peaks:
    """The largest VmHWM (KiB) seen of a process and of each of its descendants."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.main = 0
        self.others: dict[int, int] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(0.1):
            for pid in _descendants(self.root):
                peak = _vm_hwm(pid)
                if pid == self.root:
                    self.main = max(self.main, peak)
                else:
                    self.others[pid] = max(self.others.get(pid, 0), peak)


def _watch_peaks(root: int) -> _Peaks:
    return _Peaks(root)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _vm_hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

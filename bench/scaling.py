"""Time and peak memory as the input grows: components, parties, ownership depth, rules.

    python bench/scaling.py [--quick] [--only components,depth,...] [--sizes 10000,70000]

Each point runs in a fresh process (so that peak memory belongs to it alone) and does what
``riskkit assess --format json`` does: read and validate the input, assess it against the
shipped packs on 2026-06-01, and render the JSON report. The dimensions:

- ``components``: a Portland retailer's face-matching cameras from a PRC maker, one component
  each, as a city inventory lists them (100, 1,000, 10,000);
- ``parties``: the maker held by that many holding companies at once (wide ownership);
- ``depth``: the maker at the foot of a chain of that many holding companies (10, 100, 1,000);
- ``rules``: a generated pack of that many policy rules, loaded with the shipped packs, every
  rule firing on a small procurement (10, 100, 1,000).

The table gives seconds per stage (a first run), the peak of memory allocated by Python while
the point runs (tracemalloc, a second run), the whole process's maximum resident memory
(imports and shipped packs included), the findings and the size of the JSON written, and for
each point the ratios of time and peak memory to the point before: with sizes growing tenfold,
ratios near 10 mean linear growth. For ``rules`` the load time includes loading the shipped
packs with the generated one. A point that fails prints its error instead.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate import city_cameras, policy_pack, write_json

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 6, 1)
SIZES = {
    "components": (100, 1_000, 10_000),
    "parties": (10, 100, 1_000, 10_000),
    "depth": (10, 100, 1_000),
    "rules": (10, 100, 1_000),
}
QUICK = {"components": (100, 1_000), "parties": (10, 100), "depth": (10, 100), "rules": (10, 100)}


def _rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(dimension: str, size: int) -> dict[str, object]:
    """Run one point in this process; the figures as a dict."""
    import riskkit
    from riskkit.limits import input_limits
    from riskkit.packs import load_packs

    work = Path(tempfile.mkdtemp(prefix="riskkit-scaling-"))
    extra: list[Path] = []
    if dimension == "components":
        data = city_cameras(size)
    elif dimension == "parties":
        data = city_cameras(10)
        owners = [{"party": f"holder-{i}", "share": 1 / size} for i in range(size)]
        data["parties"][0]["owners"] = owners
        data["parties"] += [
            {"id": f"holder-{i}", "name": f"Example Holder {i} Ltd.", "incorporated_in": "CN"}
            for i in range(size)
        ]
    elif dimension == "depth":
        data = city_cameras(10, chain=size)
    else:
        data = city_cameras(1)
        pack = work / "policies.toml"
        pack.write_text(policy_pack(size), encoding="utf-8")
        extra.append(pack)
    path = write_json(data, work / "procurement.json")

    packs = load_packs()

    def run() -> tuple[list[float], int, int]:
        with input_limits(parties=10**6, components=10**6, ownership_depth=10**6):
            start = time.perf_counter()
            given = load_packs(extra) if extra else packs
            procurement = riskkit.load_procurement(path)
            loaded = time.perf_counter()
            report = riskkit.assess(procurement, as_of=AS_OF, packs=given)
            assessed = time.perf_counter()
            text = report.to_json()
            rendered = time.perf_counter()
        times = [loaded - start, assessed - loaded, rendered - assessed, rendered - start]
        return times, len(report.findings), len(text.encode("utf-8"))

    times, findings, json_bytes = run()
    # Memory in a second run under tracemalloc (which slows it, so the times are the first's).
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "input_bytes": path.stat().st_size + sum(p.stat().st_size for p in extra),
        "load": times[0],
        "assess": times[1],
        "json": times[2],
        "total": times[3],
        "peak_mib": peak / 1048576,
        "max_rss_mib": _rss_mib(),
        "findings": findings,
        "json_bytes": json_bytes,
    }


def _run_point(dimension: str, size: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", dimension, str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return {"error": lines[-1] if lines else f"exit {done.returncode}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the two smallest sizes only")
    parser.add_argument("--only", default="", help="comma-separated dimensions")
    parser.add_argument(
        "--sizes", default="", help="comma-separated sizes for every dimension chosen (70000)"
    )
    parser.add_argument("--child", nargs=2, metavar=("DIMENSION", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return 0
    sizes = QUICK if args.quick else SIZES
    if args.sizes:
        given = tuple(int(n) for n in args.sizes.replace("_", "").split(","))
        sizes = dict.fromkeys(sizes, given)
    chosen = [d for d in args.only.split(",") if d] or list(sizes)
    header = (
        f"{'dimension':<11} {'size':>7} {'input KiB':>10} {'load s':>8} {'assess s':>9} "
        f"{'json s':>7} {'total s':>8} {'peak MiB':>9} {'RSS MiB':>8} {'findings':>9} "
        f"{'JSON MiB':>9} "
        f"{'x time':>7} {'x mem':>6}"
    )
    print(header)
    print("-" * len(header))
    for dimension in chosen:
        before: dict[str, object] | None = None
        for size in sizes[dimension]:
            point = _run_point(dimension, size)
            if "error" in point:
                print(f"{dimension:<11} {size:>7,}  error: {point['error']}", flush=True)
                before = None
                continue
            ratio_time = ratio_mem = ""
            if before is not None:
                ratio_time = f"{float(point['total']) / max(float(before['total']), 1e-9):.1f}"
                ratio_mem = f"{float(point['peak_mib']) / max(float(before['peak_mib']), 0.1):.1f}"
            print(
                f"{dimension:<11} {size:>7,} {int(point['input_bytes']) / 1024:>10,.0f} "
                f"{float(point['load']):>8.2f} {float(point['assess']):>9.2f} "
                f"{float(point['json']):>7.2f} {float(point['total']):>8.2f} "
                f"{float(point['peak_mib']):>9.1f} {float(point['max_rss_mib']):>8.0f} "
                f"{int(point['findings']):>9,} "
                f"{int(point['json_bytes']) / 1048576:>9.1f} {ratio_time:>7} {ratio_mem:>6}",
                flush=True,
            )
            before = point
    return 0


if __name__ == "__main__":
    sys.exit(main())

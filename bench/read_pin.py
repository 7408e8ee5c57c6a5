"""Pin what reading OCDS feeds gives, so a faster reader can be shown to read the same.

    python bench/read_pin.py OUT.txt [FEED...]

Writes, for each feed (default: the synthetic 20k feed plain and gzipped without the schema
check, and every publisher's sample in ../shared/data/ocds with and without it), one line per
process (ocid, origins, source, a hash of the release with its keys in published order and
sorted, the schema problems) and the read's counts and first examples. Two runs that read the
same give byte-identical files: compare them with ``cmp``.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from riskkit.feeds.ocds import ReadStats, read_ocds

SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ocds" / "sample-data"
BENCH = Path(tempfile.gettempdir()) / "bench"
SYNTHETIC = [BENCH / "feed-20k.jsonl", BENCH / "feed-20k.jsonl.gz"]


def _digest(value: object, *, sort_keys: bool) -> str:
    text = json.dumps(value, sort_keys=sort_keys, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def pin(feed: Path, validate: bool, out: list[str]) -> None:
    """Append the lines that pin one read of ``feed``."""
    out.append(f"== {feed.name} validate={validate}")
    stats = ReadStats()
    try:
        for p in read_ocds(feed, validate=validate, stats=stats):
            origins = [o.location or Path(o.file).name for o in p.origins]
            problems = [str(x) for x in p.problems]
            out.append(
                f"{p.ocid}\t{origins}\t{p.source}\t{_digest(p.release, sort_keys=False)}"
                f"\t{_digest(p.release, sort_keys=True)}\t{problems}\t{p.more_problems}"
            )
    except Exception as exc:  # a crash is pinned too
        out.append(f"raised {type(exc).__name__}: {exc}")
    out.append(f"files={stats.files} processes={stats.processes} skipped={stats.skipped}")
    out.append(f"formats={sorted(stats.formats.items())}")
    out.append(f"defects={sorted(stats.defects.items())}")
    for kind, example in sorted(stats.examples.items()):
        out.append(f"example {kind}: {example.replace(str(feed), feed.name)}")


def main(argv: list[str]) -> int:
    target = Path(argv[0])
    runs: list[tuple[Path, bool]]
    if len(argv) > 1:
        runs = [(Path(a), v) for a in argv[1:] for v in (False, True)]
    else:
        runs = [(f, False) for f in SYNTHETIC if f.exists()]
        runs += [(d, v) for d in sorted(SAMPLES.resolve().iterdir()) for v in (False, True)]
    out: list[str] = []
    for feed, validate in runs:
        pin(feed, validate, out)
    target.write_text("\n".join(out) + "\n", encoding="utf-8", errors="surrogatepass")
    print(f"{target}: {len(out):,} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Render a committee pack: compare three example bids and screenshot the HTML in Chromium.

    python bench/render_committee_pack.py [--out-dir DIR] [--as-of YYYY-MM-DD]

Writes ``committee-pack.html`` and ``committee-pack.png`` (1280 px wide) to the output folder
(default ``bench/out``, ignored by git) so that a person can check the page by eye. Needs a
headless Chromium (Debian: ``apt-get install chromium``); without one it writes the HTML only and
says so. The PNG is for looking at, not for committing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from riskkit import assess
from riskkit.decisions.compare import compare_reports
from riskkit.formats import FORMATS, Source

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = (
    "examples/us-police-cctv-federal-grant.toml",
    "examples/eu-smart-city-us-cloud.toml",
    "examples/clean-eu-municipal-cctv.toml",
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def build_page(as_of: date) -> str:
    reports = [assess(ROOT / path, as_of=as_of) for path in CANDIDATES]
    comparison = compare_reports(reports)
    sources = {
        c.label: Source(path, (ROOT / path).read_text(encoding="utf-8"))
        for c, path in zip(comparison.candidates, CANDIDATES, strict=True)
    }
    return FORMATS["html"].render_comparison(comparison, sources=sources)


def screenshot(page: Path, png: Path, width: int, height: int) -> bool:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("no chromium on PATH: apt-get install chromium; wrote the HTML only", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="riskkit-chromium-") as profile:
        command = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    if done.returncode != 0 or not png.exists():
        print(f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}", file=sys.stderr)
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 1, 1))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    page = args.out_dir / "committee-pack.html"
    png = args.out_dir / "committee-pack.png"
    page.write_text(build_page(args.as_of), encoding="utf-8")
    print(f"wrote {page}")
    if png.exists():
        png.unlink()
    if not screenshot(page, png, args.width, args.height):
        return 1
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

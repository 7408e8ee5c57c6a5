"""Instructions per assessment, counted by valgrind: a speed figure machine noise does not move.

    python bench/instructions.py [EXAMPLE.toml]      # needs valgrind on PATH

Runs the same procurement object through ``riskkit.assess`` 12 times and 2 times, each under
``valgrind --tool=callgrind`` with ``PYTHONHASHSEED=0``, and prints the difference over 10: the
instructions one assessment costs, without start-up and pack loading. It measures whichever
riskkit the running Python imports (pure or compiled: ``bench/assess.py`` says which), so the
figure for the two builds, or for two commits, is two runs of this script.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "us-police-cctv-federal-grant.toml"
_LOOP = """
import datetime, sys, riskkit
packs = riskkit.load_packs()
procurement = riskkit.load_procurement(sys.argv[2])
for _ in range(int(sys.argv[1])):
    riskkit.assess(procurement, as_of=datetime.date(2026, 11, 26), packs=packs)
"""


def _collected(runs: int, example: Path) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", _LOOP, str(runs), str(example)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str]) -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed; this benchmark counts instructions with it")
        return 2
    example = Path(argv[0]) if argv else DEFAULT
    per = (_collected(12, example) - _collected(2, example)) // 10
    import riskkit

    print(f"riskkit from {Path(riskkit.__file__).parent}")
    print(f"{example.name}: {per:,} instructions per assessment (same object, 12 minus 2, / 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

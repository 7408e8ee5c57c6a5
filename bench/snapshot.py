"""Snapshot every output riskkit gives, so that a refactor can prove it changed nothing.

    python bench/snapshot.py OUT_DIR        # write the outputs, one file each
    diff -r BEFORE_DIR AFTER_DIR            # a refactor must leave this empty

Covered: every example on several days in every format (with and without lists), waivers,
what-if and suggestions, compare and diff, the rules and schema commands, screening, and the
full JSON report of every rule case and analyst case. It runs the command line in-process and
prints how many outputs it wrote and how long that took. Lines naming the riskkit source file
of a report (``"source"`` paths of the tool itself) are the same text on every checkout, since
paths are relative to the working directory.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.support.rule_cases and tests.support.analyst_suite

from riskkit.cli import main  # noqa: E402

DAYS = ("2019-06-01", "2024-01-01", "2026-12-06", "2029-01-01")
FORMATS = ("json", "markdown", "html", "csv", "sarif")
LISTS = ("tests/screening_fixtures/csl.json", "tests/screening_fixtures/targets.simple.csv")


def _run(out: Path, name: str, argv: Sequence[str]) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(argv))
    text = f"$ riskkit {' '.join(argv)}\nexit {code}\n--- stdout\n{stdout.getvalue()}"
    text += f"--- stderr\n{stderr.getvalue()}"
    text = text.replace(str(out), "OUT")  # the same text wherever the snapshot is written
    (out / f"{name}.txt").write_text(text, "utf-8")


def _examples() -> list[str]:
    found = sorted((ROOT / "examples").glob("*.toml"))
    found += sorted((ROOT / "examples/cctv-cloud-abroad").glob("*.toml"))
    return [str(path.relative_to(ROOT)) for path in found]


def _cli(out: Path) -> int:
    count = 0
    examples = _examples()
    for example in examples:
        stem = example.replace("/", "_").removesuffix(".toml")
        for day in DAYS:
            for fmt in FORMATS:
                _run(
                    out,
                    f"assess_{stem}_{day}_{fmt}",
                    ["assess", example, "--as-of", day, "--format", fmt],
                )
                count += 1
            _run(
                out,
                f"assess_{stem}_{day}_lists",
                ["assess", example, "--as-of", day, *[a for p in LISTS for a in ("--list", p)]],
            )
            _run(
                out,
                f"assess_{stem}_{day}_suggest",
                ["assess", example, "--as-of", day, "--suggest", "--format", "markdown"],
            )
            _run(
                out,
                f"assess_{stem}_{day}_suggest_json",
                ["assess", example, "--as-of", day, "--suggest"],
            )
            count += 3
        _run(
            out,
            f"assess_{stem}_policies",
            ["assess", example, "--as-of", "2026-12-06", "--rules", "examples/policies"],
        )
        count += 1
    portland = "examples/portland-retailer-entrance-cameras.toml"
    for fmt in FORMATS:
        _run(
            out,
            f"waivers_{fmt}",
            [
                "assess",
                portland,
                "--as-of",
                "2026-12-06",
                "--waivers",
                "examples/waivers/portland-retailer-waivers.toml",
                "--format",
                fmt,
            ],
        )
        count += 1
    patches = {
        "eu-smart-city-keep-data-home": "examples/eu-smart-city-us-cloud.toml",
        "portland-retailer-no-face-recognition": portland,
        "us-police-cctv-swap-manufacturer": "examples/us-police-cctv-federal-grant.toml",
    }
    for patch, target in patches.items():
        for fmt in ("json", "markdown", "html"):
            _run(
                out,
                f"whatif_{patch}_{fmt}",
                [
                    "assess",
                    target,
                    "--as-of",
                    "2026-12-06",
                    "--what-if",
                    f"examples/what-if/{patch}.toml",
                    "--format",
                    fmt,
                ],
            )
            count += 1
    for day in DAYS:
        for fmt in FORMATS:
            _run(
                out,
                f"compare_{day}_{fmt}",
                ["compare", *examples[:7], "--as-of", day, "--format", fmt],
            )
            count += 1
    # diff: the same deployment reported on two days
    for example in examples[:7]:
        stem = Path(example).stem
        reports = []
        for day in ("2019-06-01", "2026-12-06"):
            path = out / f"_report_{stem}_{day}.json"
            text = io.StringIO()
            with contextlib.redirect_stdout(text):
                main(["assess", example, "--as-of", day, "--format", "json"])
            path.write_text(text.getvalue(), "utf-8")
            reports.append(str(path))
        for fmt in FORMATS:
            _run(out, f"diff_{stem}_{fmt}", ["diff", *reports, "--format", fmt])
            count += 1
        for path_text in reports:
            Path(path_text).unlink()
    for argv in (
        ["rules", "list"],
        ["rules", "validate", "rules", "examples/policies"],
        ["rules", "show", "LE-US-NDAA889-A1A-VIDEO"],
        ["rules", "show", "BB-EU-AIA-5-1-H"],
        ["schema", "procurement"],
        ["schema", "rule-pack"],
        ["schema", "report"],
        ["screen", "Hikvision", "Dahua Technology", "ZTE Corp", "Acme Widgets"],
        ["screen", "Hangzhou Hikvision", "--list", LISTS[0], "--list", LISTS[1]],
        ["lists", "show", *LISTS],
    ):
        _run(out, "cli_" + "_".join(a.replace("/", "_") for a in argv)[:120], argv)
        count += 1
    return count


def _cases(out: Path) -> int:
    from tests.support import analyst_suite, rule_cases

    from riskkit.engine import evaluate
    from riskkit.model.loading import procurement_from_dict
    from riskkit.packs import load_packs

    rules = load_packs()
    bases = rule_cases.bases()
    cases_dir = out / "rule_cases"
    cases_dir.mkdir()
    count = 0
    for index, case in enumerate(rule_cases.all_cases()):
        procurement = procurement_from_dict(rule_cases.build(case, bases), source=case["file"])
        report = evaluate(
            procurement, rules, rule_cases.as_of(case), lists=rule_cases.list_set(case)
        )
        (cases_dir / f"{index:04d}.json").write_text(report.to_json(), "utf-8")
        count += 1
    analyst_dir = out / "analyst_cases"
    analyst_dir.mkdir()
    for case in analyst_suite.load_cases():
        _, report = analyst_suite.run(case, rules)
        (analyst_dir / f"{case.path.stem}.json").write_text(report.to_json(), "utf-8")
        count += 1
    return count


def main_(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=False)
    os.chdir(ROOT)
    started = time.perf_counter()
    count = _cli(out) + _cases(out)
    print(f"{count} outputs written to {out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_(sys.argv[1:]))

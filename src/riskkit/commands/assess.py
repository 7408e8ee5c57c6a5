"""``riskkit assess FILE...``: assess procurements and render the reports."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from riskkit.commands._common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    add_pack_options,
    iso_date,
    packs_from,
    write_output,
)
from riskkit.engine import evaluate
from riskkit.errors import InvalidInput
from riskkit.formats import RENDERERS, Source, render_reports
from riskkit.loading import load_procurement
from riskkit.model import Procurement
from riskkit.report import VERDICT_ORDER, Report

NAME = "assess"
HELP = "assess procurement files against the rule packs"
FAIL_ON = ("prohibited", "prohibited_unless_exception", "restricted", "elevated_risk",
           "needs_review", "never")  # fmt: skip


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="procurement .toml or .json")
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="DATE",
                        help="assess as of this day (YYYY-MM-DD; default today)")  # fmt: skip
    add_pack_options(parser)
    parser.add_argument("--format", choices=sorted(RENDERERS), default="markdown")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                        help="write the report here instead of standard output")  # fmt: skip
    parser.add_argument(
        "--fail-on", choices=FAIL_ON, default="elevated_risk",
        help="exit 1 when a verdict is at or above this (default: elevated_risk)",
    )  # fmt: skip
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 whatever the verdict (errors still exit 2)")  # fmt: skip


def load_all(files: Sequence[str]) -> list[Procurement]:
    """Load every file, reporting the problems of all of them at once."""
    procurements: list[Procurement] = []
    problems: list[InvalidInput] = []
    for file in files:
        try:
            procurements.append(load_procurement(file))
        except InvalidInput as exc:
            problems.append(exc)
    if problems:
        raise InvalidInput.merge(problems)
    return procurements


def run(args: argparse.Namespace) -> int:
    procurements = load_all(args.files)
    packs = packs_from(args)
    as_of = args.as_of or date.today()
    reports = [evaluate(p, packs, as_of) for p in procurements]
    # The files were read once to load them; read again for SARIF lines and HTML file names.
    sources = [
        Source(Path(f).as_posix(), Path(f).read_text(encoding="utf-8-sig", errors="replace"))
        for f in args.files
    ]
    text = render_reports(args.format, reports, sources)
    write_output(text, args.output)
    return exit_code(reports, args.fail_on, args.exit_zero)


def exit_code(reports: Sequence[Report], fail_on: str, exit_zero: bool) -> int:
    if exit_zero or fail_on == "never":
        return EXIT_CLEAN
    threshold = VERDICT_ORDER[fail_on]
    failed = any(VERDICT_ORDER[r.verdict] >= threshold for r in reports)
    return EXIT_FINDINGS if failed else EXIT_CLEAN

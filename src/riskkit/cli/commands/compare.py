"""``riskkit compare A.toml B.toml ...``: candidates side by side, rule by rule."""

from __future__ import annotations

import argparse
from pathlib import Path

from riskkit.cli.commands._common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    FAIL_ON,
    UsageError,
    add_as_of_option,
    add_list_option,
    add_pack_options,
    add_waiver_options,
    assessor,
    load_procurements,
    write_output,
)
from riskkit.decisions.compare import Comparison, compare_reports
from riskkit.formats import FORMATS
from riskkit.report import VERDICT_ORDER

NAME = "compare"
HELP = "compare candidate procurements rule by rule"
RENDER = FORMATS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="two or more procurement .toml or .json files")  # fmt: skip
    add_as_of_option(parser, help_text="assess every candidate as of this day (default today)")
    add_pack_options(parser)
    add_list_option(parser)
    parser.add_argument("--format", choices=sorted(RENDER), default="markdown")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                        help="write the comparison here instead of standard output")  # fmt: skip
    add_waiver_options(parser, applied_to="every candidate")
    parser.add_argument(
        "--fail-on", choices=FAIL_ON, default="elevated_risk",
        help="exit 1 when every candidate's verdict is at or above this, so none passes "
        "(default: elevated_risk, as for assess; never: always exit 0)",
    )  # fmt: skip


def build(args: argparse.Namespace) -> Comparison:
    if len(args.files) < 2:
        raise UsageError("compare needs two or more FILEs; use `riskkit assess` for one")
    procurements = load_procurements(args.files)
    assess = assessor(args)
    return compare_reports([assess(p) for p in procurements])


def run(args: argparse.Namespace) -> int:
    comparison = build(args)
    write_output(RENDER[args.format].render_comparison(comparison), args.output)
    if args.fail_on == "never":
        return EXIT_CLEAN
    threshold = VERDICT_ORDER[args.fail_on]
    none_pass = all(VERDICT_ORDER[c.verdict] >= threshold for c in comparison.candidates)
    return EXIT_FINDINGS if none_pass else EXIT_CLEAN

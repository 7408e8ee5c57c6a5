"""``riskkit compare A.toml B.toml ...``: candidates side by side, rule by rule."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from riskkit.commands._common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    UsageError,
    add_pack_options,
    iso_date,
    packs_from,
    write_output,
)
from riskkit.commands.assess import FAIL_ON, load_all
from riskkit.compare import Comparison, compare_reports
from riskkit.engine import evaluate
from riskkit.formats import COMPARISON_RENDERERS
from riskkit.report import VERDICT_ORDER
from riskkit.waivers import apply_waivers, load_waivers

NAME = "compare"
HELP = "compare candidate procurements rule by rule"
RENDER = COMPARISON_RENDERERS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="two or more procurement .toml or .json files")  # fmt: skip
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="DATE",
                        help="assess every candidate as of this day (default today)")  # fmt: skip
    add_pack_options(parser)
    parser.add_argument("--format", choices=sorted(RENDER), default="markdown")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                        help="write the comparison here instead of standard output")  # fmt: skip
    parser.add_argument("--waivers", type=Path, default=None, metavar="FILE",
                        help="a waivers file applied to every candidate")  # fmt: skip
    parser.add_argument("--ignore-waivers", action="store_true",
                        help="compare without the waivers given")  # fmt: skip
    parser.add_argument(
        "--fail-on", choices=FAIL_ON, default="never",
        help="exit 1 when every candidate's verdict is at or above this (default: never)",
    )  # fmt: skip


def build(args: argparse.Namespace) -> Comparison:
    if len(args.files) < 2:
        raise UsageError("compare needs two or more FILEs; use `riskkit assess` for one")
    procurements = load_all(args.files)
    packs = packs_from(args)
    as_of = args.as_of or date.today()
    waivers = load_waivers(args.waivers) if args.waivers and not args.ignore_waivers else None
    reports = []
    for p in procurements:
        report = evaluate(p, packs, as_of)
        reports.append(apply_waivers(report, waivers) if waivers is not None else report)
    return compare_reports(reports)


def run(args: argparse.Namespace) -> int:
    comparison = build(args)
    write_output(RENDER[args.format](comparison), args.output)
    if args.fail_on == "never":
        return EXIT_CLEAN
    threshold = VERDICT_ORDER[args.fail_on]
    none_pass = all(VERDICT_ORDER[c.verdict] >= threshold for c in comparison.candidates)
    return EXIT_FINDINGS if none_pass else EXIT_CLEAN

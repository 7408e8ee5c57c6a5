"""``riskkit diff OLD.json NEW.json``: what changed between two assessments."""

from __future__ import annotations

import argparse
from pathlib import Path

from riskkit.cli.commands._common import EXIT_CLEAN, EXIT_FINDINGS, load_every, write_output
from riskkit.decisions.diff import diff_reports, load_report
from riskkit.formats import FORMATS

NAME = "diff"
HELP = "compare two report JSON files: new, resolved and unchanged findings, verdict change"
RENDER = FORMATS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, metavar="OLD.json",
                        help="the earlier report (`riskkit assess --format json`)")  # fmt: skip
    parser.add_argument("new", type=Path, metavar="NEW.json", help="the later report")
    parser.add_argument("--format", choices=sorted(RENDER), default="markdown")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                        help="write the diff here instead of standard output")  # fmt: skip
    parser.add_argument(
        "--match", choices=["fingerprint", "subject"], default="fingerprint",
        help="match findings by fingerprint only (default), or also pair the rest by rule and "
        "subject so a finding whose evidence changed shows as changed",
    )  # fmt: skip
    parser.add_argument("--fail-on-worse", action="store_true",
                        help="exit 1 when the verdict got worse or a finding is new")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    old, new = load_every([args.old, args.new], load_report)
    diff = diff_reports(old, new, match=args.match)
    write_output(RENDER[args.format].render_diff(diff), args.output)
    worse = diff.verdict.direction == "worse" or bool(diff.new)
    return EXIT_FINDINGS if args.fail_on_worse and worse else EXIT_CLEAN

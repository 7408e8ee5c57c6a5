"""``riskkit batch FEED...``: assess every process of an OCDS feed, one row each.

Writes the rows to ``--output`` (.csv, .parquet or .html), prints a one-screen summary (what
was read, skipped and why, assessed by verdict, the top N), and with ``--since`` what changed
since an earlier run. ``--engine dask`` runs the same work on Dask (``pip install
riskkit[dask]``). Exit code 0 when the run completed, 2 for a usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from riskkit.cli.commands._common import (
    EXIT_CLEAN,
    UsageError,
    add_as_of_option,
    add_list_option,
    add_pack_options,
)
from riskkit.cli.commands._progress import ProgressBar
from riskkit.errors import InvalidInput
from riskkit.feeds.batch.dask_engine import require_dask
from riskkit.feeds.batch.output import output_kind
from riskkit.feeds.batch.run import ENGINES, plan, run_batch
from riskkit.feeds.batch.text import summary_text
from riskkit.feeds.batch_html import reports_folder

NAME = "batch"
HELP = "assess every process of an OCDS feed: a row each, a summary, the worst first"
DEFAULT_TOP = 10


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


def _workers(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: there must be 1 worker or more")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("feeds", nargs="+", metavar="FEED",
                        help="OCDS files or folders (.jsonl[.gz], .json[.gz])")  # fmt: skip
    parser.add_argument("--bods", action="append", default=[], metavar="FILE",
                        help="a BODS file whose owners are attached to the suppliers "
                        "(repeatable)")  # fmt: skip
    add_as_of_option(parser, help_text="assess every process as of this day (default today)")
    add_list_option(parser)
    add_pack_options(parser)
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="local: a process pool on this machine (default); dask: "
                        "Dask, on --scheduler or a local cluster (riskkit[dask])")  # fmt: skip
    parser.add_argument("--workers", type=_workers, default=None, metavar="N",
                        help="worker processes (default: one per CPU)")  # fmt: skip
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="a Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(with --engine dask)")  # fmt: skip
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                        help="write every row to FILE.csv, FILE.parquet or FILE.html")  # fmt: skip
    parser.add_argument("--top", type=_count, default=DEFAULT_TOP, metavar="N",
                        help=f"list the N worst processes (default {DEFAULT_TOP})")  # fmt: skip
    parser.add_argument("--since", type=Path, default=None, metavar="PREVIOUS",
                        help="an earlier run's .csv or .parquet: show new flags and cleared "
                        "ones, and add a change column")  # fmt: skip
    parser.add_argument("--no-validate", action="store_true",
                        help="do not check each process against the OCDS schema (faster; "
                        "schema problems are then not counted)")  # fmt: skip
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar (it is drawn only on a terminal anyway)")  # fmt: skip


def _check(args: argparse.Namespace) -> None:
    """What can be checked before any work starts."""
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler is for --engine dask")
    if args.output is not None:
        output_kind(args.output)
    if args.since is not None and not args.since.exists():
        raise InvalidInput.one(str(args.since), "", "no such file or folder (--since)")
    if args.engine == "dask":
        require_dask()


def _reports_to(output: Path | None) -> Path | None:
    """Where the workers write each process's full report: beside an HTML page, for its links."""
    if output is None or output.suffix != ".html":
        return None
    return reports_folder(output)


def run(args: argparse.Namespace) -> int:
    _check(args)
    batch = plan(
        args.feeds,
        bods=args.bods,
        as_of=args.as_of,
        lists=args.lists,
        rules=args.rules,
        builtin_rules=not args.no_builtin_rules,
        max_list_age_days=args.max_list_age,
        workers=args.workers,
        validate=not args.no_validate,
        reports_to=_reports_to(args.output),
        engine=args.engine,
    )
    bar = None if args.no_progress else ProgressBar()
    try:
        outcome = run_batch(
            batch,
            engine=args.engine,
            output=args.output,
            top=args.top,
            since=args.since,
            scheduler=args.scheduler,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
    since = None if args.since is None else str(args.since)
    sys.stdout.write(
        summary_text(outcome.digest, outcome.stats, since=since, as_of=str(outcome.as_of))
    )
    return EXIT_CLEAN

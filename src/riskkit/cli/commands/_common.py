"""What the subcommands share: exit codes, pack, list and waiver options, loading, writing."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from riskkit.api import Assessor
from riskkit.errors import InvalidInput, RiskkitError
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet, load_packs
from riskkit.packs.lists import MAX_LIST_AGE_DAYS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_Loaded = TypeVar("_Loaded")
_Path = TypeVar("_Path", str, Path)


class UsageError(RiskkitError):
    """A command line that cannot be carried out; the message says what to change."""


_YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> date:
    # Only the dashed form the help names: fromisoformat also takes 20261206 and 2026-W49-7.
    try:
        if not _YYYY_MM_DD.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-31"
        ) from None


def add_pack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", action="append", default=[], metavar="PATH",
        help="an extra rule pack file or a folder of them (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--no-builtin-rules", action="store_true",
        help="use only the packs given with --rules (and plugin packs)",
    )  # fmt: skip


def add_list_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--list", dest="lists", action="append", default=[], metavar="FILE",
        help="an official list file (OFAC, trade.gov CSL, BIS DPL, UN, OpenSanctions) to "
        "screen every party, owner and brand against (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--max-list-age", dest="max_list_age", type=_days, default=MAX_LIST_AGE_DAYS,
        metavar="DAYS",
        help="warn in the report about a --list file dated more than DAYS days before the "
        f"as-of date (default {MAX_LIST_AGE_DAYS})",
    )  # fmt: skip


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more days, not {days}")
    return days


def add_waiver_options(parser: argparse.ArgumentParser, *, applied_to: str) -> None:
    parser.add_argument(
        "--waivers", type=Path, default=None, metavar="FILE",
        help=f"a waivers file applied to {applied_to}: accepted risks, each with an approver "
        "and an expiry date",
    )  # fmt: skip
    parser.add_argument("--ignore-waivers", action="store_true",
                        help="leave out the waivers given")  # fmt: skip


def packs_from(args: argparse.Namespace) -> RuleSet:
    return load_packs(args.rules, builtin=not args.no_builtin_rules)


def assessor(args: argparse.Namespace) -> Assessor:
    """Assess procurements as the options say: packs, ``--as-of``, ``--list`` files and
    waivers, each loaded once for every procurement assessed."""
    return Assessor.of(
        packs=packs_from(args),
        as_of=args.as_of,
        lists=args.lists or None,
        max_list_age_days=args.max_list_age,
        waivers=None if args.ignore_waivers else args.waivers,
    )


def load_every(paths: Sequence[_Path], load: Callable[[_Path], _Loaded]) -> list[_Loaded]:
    """Load every file, reporting the problems of all of them at once (a file given twice,
    once)."""
    loaded: list[_Loaded] = []
    problems: list[InvalidInput] = []
    for path in paths:
        try:
            loaded.append(load(path))
        except InvalidInput as exc:
            problems.append(exc)
    if problems:
        raise InvalidInput(list(dict.fromkeys(p for e in problems for p in e.problems)))
    return loaded


def load_procurements(files: Sequence[str]) -> list[Procurement]:
    """Load every procurement file, reporting the problems of all of them at once."""
    return load_every(files, load_procurement)


def write_output(text: str, output: Path | None) -> None:
    """Write to the file named, or to standard output."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput.one(str(output), "", f"cannot write: {exc.strerror}") from None


FAIL_ON = ("prohibited", "prohibited_unless_exception", "restricted", "elevated_risk",
           "needs_review", "no_rules_in_scope", "never")  # fmt: skip
"""The verdicts ``--fail-on`` takes, worst first, and ``never``."""


def add_as_of_option(parser: argparse.ArgumentParser, *, help_text: str) -> None:
    """``--as-of DATE``: the day to assess as of (None, meaning today, when not given)."""
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="DATE", help=help_text)

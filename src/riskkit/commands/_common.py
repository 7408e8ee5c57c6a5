"""What the subcommands share: exit codes, pack options, writing output."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from riskkit.errors import InvalidInput, RiskkitError
from riskkit.packs import RuleSet, load_packs

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(RiskkitError):
    """A command line that cannot be carried out; the message says what to change."""


def iso_date(text: str) -> date:
    try:
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


def packs_from(args: argparse.Namespace) -> RuleSet:
    return load_packs(args.rules, builtin=not args.no_builtin_rules)


def write_output(text: str, output: Path | None) -> None:
    """Write to the file named, or to standard output."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput.one(str(output), "", f"cannot write: {exc.strerror}") from None

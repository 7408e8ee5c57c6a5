"""The command line. Only this module and ``riskkit.commands`` know about argv and exit codes.

Exit codes: 0 clean, 1 a verdict at or above ``--fail-on``, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from riskkit._version import __version__
from riskkit.commands import COMMANDS
from riskkit.commands._common import EXIT_ERROR
from riskkit.errors import InvalidInput, RiskkitError
from riskkit.limits import LIMIT_NAMES, input_limits, parse_overrides


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with riskkit's prefix (argparse's own code is 2 too)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"riskkit: error: {message}\n")


def _limit_item(text: str) -> tuple[str, int]:
    try:
        ((name, value),) = parse_overrides([text]).items()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return name, value


def _add_limit_option(parser: argparse.ArgumentParser) -> None:
    """``--input-limit NAME=N`` on a command, or on each of its subcommands if it has them
    (an option given after ``rules validate`` is parsed by ``validate``)."""
    nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if nested:
        for child in nested[0].choices.values():
            _add_limit_option(child)
        return
    parser.add_argument(
        "--input-limit", dest="input_limits", action="append", default=[], type=_limit_item,
        metavar="NAME=N",
        help=f"raise (or lower) an input limit (repeatable); NAME is one of "
        f"{', '.join(LIMIT_NAMES)}; see docs/limits.md",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="riskkit",
        description="Assess data-governance risk in procurements of surveillance technology.",
    )
    parser.add_argument("--version", action="version", version=f"riskkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for command in COMMANDS:
        command_parser = sub.add_parser(command.NAME, help=command.HELP)
        command.configure(command_parser)
        _add_limit_option(command_parser)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for command in COMMANDS:
        if args.command == command.NAME:
            with input_limits(**dict(getattr(args, "input_limits", ()))):
                return command.run(args)
    raise AssertionError(args.command)  # argparse only accepts registered commands


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"riskkit: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    except RiskkitError as exc:
        print(f"riskkit: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("RISKKIT_DEBUG"):
            raise
        print(
            f"riskkit: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in riskkit; run again with RISKKIT_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())

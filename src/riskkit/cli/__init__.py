"""The command line. Only this module and ``riskkit.cli.commands`` know about argv and exit codes.

Exit codes: 0 clean, 1 a verdict at or above ``--fail-on``, 2 a usage or input error, 141 the
reader of the output went away (as for any Unix tool stopped by SIGPIPE).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from riskkit._support.spelling import did_you_mean
from riskkit._version import __version__
from riskkit.cli.commands import COMMANDS
from riskkit.cli.commands._common import EXIT_ERROR
from riskkit.errors import InvalidInput, RiskkitError
from riskkit.limits import LIMIT_NAMES, input_limits, parse_overrides


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with riskkit's prefix (argparse's own code is 2 too)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"riskkit: error: {message}{_hint(message)}\n")


_INVALID_CHOICE = re.compile(r"invalid choice: '(?P<word>[^']*)' \(choose from (?P<choices>.*)\)$")


def _hint(message: str) -> str:
    """A "did you mean" for argparse's invalid choice (a subcommand, a format, ...)."""
    found = _INVALID_CHOICE.search(message)
    if found is None:
        return ""
    return did_you_mean(found["word"], re.findall(r"'([^']*)'", found["choices"]))


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


EXIT_CLOSED_PIPE = 141
"""What a shell reports for a Unix tool stopped by SIGPIPE (128 + 13): the reader of the output
went away, as ``riskkit rules list | head -1`` does after one line."""


def _closed_pipe() -> int:
    """Exit quietly when the reader of stdout has gone: output still buffered is sent to
    /dev/null, or Python would report the same broken pipe again when it flushes at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a file (a test's capture)
        pass
    return EXIT_CLOSED_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = run(argv)
        sys.stdout.flush()  # a reader that went away shows here, not at exit
        return code
    except BrokenPipeError:
        return _closed_pipe()
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

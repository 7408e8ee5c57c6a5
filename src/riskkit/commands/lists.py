"""``riskkit lists show FILE...``: what was read from list files, with counts and warnings."""

from __future__ import annotations

import argparse
import json
import sys

from riskkit.commands._common import EXIT_CLEAN
from riskkit.screening import describe, read_lists, render_text

NAME = "lists"
HELP = "inspect sanctions and entity-list files"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="lists_command", required=True,
                                parser_class=type(parser))  # fmt: skip
    show = sub.add_parser("show", help="what was read from list files: counts and warnings")
    show.add_argument("files", nargs="+", metavar="FILE")
    show.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    list_files = read_lists(args.files)
    if args.format == "json":
        described = [describe(lf) for lf in list_files]
        document = described[0] if len(described) == 1 else described
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("".join(render_text(lf) for lf in list_files))
    return EXIT_CLEAN

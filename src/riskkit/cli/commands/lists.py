"""``riskkit lists show FILE...``: what was read from list files, with counts and warnings.
``riskkit lists fetch [LIST...] [--dir DIR]``: download the official files when they changed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from riskkit.cli.commands._common import EXIT_CLEAN, EXIT_ERROR
from riskkit.screening import describe, read_lists, render_text
from riskkit.screening.fetch import fetch_lists, render
from riskkit.screening.published import DEFAULT_LISTS, SOURCES

NAME = "lists"
HELP = "inspect sanctions and entity-list files"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="lists_command", required=True,
                                parser_class=type(parser))  # fmt: skip
    show = sub.add_parser("show", help="what was read from list files: counts and warnings")
    show.add_argument("files", nargs="+", metavar="FILE")
    show.add_argument("--format", choices=["text", "json"], default="text")
    fetch = sub.add_parser(
        "fetch",
        help="download the official list files into a cache folder, only when they changed",
    )
    fetch.add_argument(
        "ids", nargs="*", metavar="LIST",
        help=f"lists to fetch: {', '.join(SOURCES)} (default: {' '.join(DEFAULT_LISTS)})",
    )  # fmt: skip
    fetch.add_argument(
        "--dir", type=Path, default=Path.home() / ".cache" / "riskkit" / "lists",
        help="cache folder (default ~/.cache/riskkit/lists)",
    )  # fmt: skip
    fetch.add_argument(
        "--max-age", type=int, default=14, metavar="DAYS",
        help="warn when a list is dated more than DAYS days ago (default 14)",
    )  # fmt: skip
    fetch.add_argument(
        "--from", dest="mirror", metavar="URL",
        help="fetch every file from this folder URL instead (a mirror), by its published name",
    )  # fmt: skip
    fetch.add_argument("--format", choices=["text", "json"], default="text")


def _fetch(args: argparse.Namespace) -> int:
    results = fetch_lists(args.ids, args.dir, mirror=args.mirror, max_age_days=args.max_age)
    if args.format == "json":
        document = [
            {
                "list": r.list_id,
                "status": r.status,
                "list_date": r.list_date.isoformat() if r.list_date else None,
                "sha256": r.digest,
                "entries": r.entries,
                "message": r.message,
                "warnings": list(r.warnings),
            }
            for r in results
        ]
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write(render(results))
    for r in results:
        for warning in r.warnings:
            sys.stderr.write(f"warning: {warning}\n")
    return EXIT_ERROR if any(r.status == "refused" for r in results) else EXIT_CLEAN


def run(args: argparse.Namespace) -> int:
    if args.lists_command == "fetch":
        return _fetch(args)
    list_files = read_lists(args.files)
    if args.format == "json":
        described = [describe(lf) for lf in list_files]
        document = described[0] if len(described) == 1 else described
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("".join(render_text(lf) for lf in list_files))
    return EXIT_CLEAN

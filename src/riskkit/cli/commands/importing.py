"""``riskkit import ocds FILE... --ocid X [--output FILE.toml]``: one OCDS process as a
procurement file to complete.

The process is mapped (``riskkit.feeds.ocds.mapping``) and written as TOML with every fact the
feed does not give as an ``# UNKNOWN:`` comment where it belongs; once a person fills them in,
``riskkit assess`` reads the file. Exit codes: 0 written, 2 a usage or input error (an ocid not
in the files, a file that cannot be read).
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterable
from pathlib import Path

from riskkit._version import __version__
from riskkit.cli.commands._common import EXIT_CLEAN, write_output
from riskkit.errors import InvalidInput
from riskkit.feeds.ocds import Process, read_ocds
from riskkit.feeds.ocds.items import BrandNames
from riskkit.feeds.ocds.mapping import Mapped, map_process, render
from riskkit.packs import load_packs

NAME = "import"
HELP = "import one process of a published feed as a procurement file to complete"
NEAR_OCIDS_KEPT = 200_000
"""Ocids remembered to suggest near ones when the one asked for is not found (a bound, so a
national feed never fills memory with them)."""


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="import_format", required=True, parser_class=type(parser))
    ocds = sub.add_parser("ocds", help="one contracting process of an OCDS feed, as TOML")
    ocds.add_argument(
        "files", nargs="+", metavar="FILE", help="OCDS files or folders (.jsonl, .jsonl.gz, .json)"
    )
    ocds.add_argument("--ocid", required=True, help="the process to import")
    ocds.add_argument(
        "--publisher",
        default=None,
        help="the publisher, for its corrections (publishers.toml); found from "
        "the ocid's prefix when not given",
    )
    ocds.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE.toml",
        help="write here instead of standard output",
    )


def run(args: argparse.Namespace) -> int:
    process = find_process(args.files, args.ocid)
    brands = BrandNames(load_packs().entities.entities.values())
    mapped = map_process(process, brands=brands, publisher=args.publisher)
    write_output(render(mapped, header(mapped)), args.output)
    return EXIT_CLEAN


def find_process(files: Iterable[str], ocid: str) -> Process:
    """The process ``ocid`` of the feed at ``files``; an InvalidInput naming the files and
    the nearest ocids when it is not there."""
    files = list(files)
    seen: list[str] = []
    for process in read_ocds(files, validate=False):
        if process.ocid == ocid:
            return process
        if len(seen) < NEAR_OCIDS_KEPT:
            seen.append(process.ocid)
    near = difflib.get_close_matches(ocid, sorted(set(seen)), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
    read = ", ".join(files)
    raise InvalidInput.one(
        read, "", f"no process with ocid {ocid!r} among the {len(seen)} read{hint}"
    )


def header(mapped: Mapped) -> list[str]:
    """The comment lines heading an imported file: where it came from and what to do next."""
    unknown = len(mapped.gaps)
    return [
        f"Imported by riskkit {__version__} (riskkit import ocds) from OCDS process "
        f"{mapped.summary.ocid!r},",
        f"read at {mapped.origin}.",
        "Every fact the feed does not give is an UNKNOWN comment where it belongs"
        f" ({unknown} here).",
        "Fill in what you know, then run `riskkit assess` on this file. What is left unknown",
        "stays unknown to the rules: the verdict is then never acceptable.",
    ]

"""``riskkit screen NAME... [--list FILE]...``: screen names against sanctions and entity lists.

Exit codes, as a screening step in CI expects: 0 when no name reaches the match band, 1 when one
does, 2 for a usage or input error. ``review`` hits are printed but do not change the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from riskkit.cli.commands._common import EXIT_CLEAN, EXIT_FINDINGS, UsageError
from riskkit.packs import builtin_pack_paths
from riskkit.screening import (
    MATCH_AT,
    REVIEW_AT,
    ListFile,
    Match,
    Screener,
    country_code,
    read_lists,
    tokens,
)

NAME = "screen"
HELP = "screen names against sanctions and entity lists (exit 1 on a match)"
DEFAULT_LIMIT = 5


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="+", metavar="NAME", help="a party, brand or person name")
    parser.add_argument(
        "--list", dest="lists", action="append", default=[], metavar="FILE",
        help="a list file: OFAC CSV, CSL CSV/JSON, BIS DPL, UN XML, OpenSanctions CSV or "
        "riskkit entity TOML (repeatable; default: riskkit's curated entities)",
    )  # fmt: skip
    parser.add_argument("--country", default=None, metavar="CC",
                        help="ISO 3166 alpha-2 country of the party, e.g. CN")  # fmt: skip
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                        help=f"at most N hits per name (default {DEFAULT_LIMIT})")  # fmt: skip


def curated_entity_files() -> list[Path]:
    """The shipped pack files that hold ``[[entities]]`` (rules/entities.toml)."""
    found = []
    for path in builtin_pack_paths():
        with path.open("rb") as handle:
            if "entities" in tomllib.load(handle):
                found.append(path)
    return found


def _check_arguments(args: argparse.Namespace) -> str | None:
    for name in args.names:
        if not tokens(name):
            raise UsageError(f"name {name!r} has no letters or digits to screen")
    if args.country is None:
        return None
    code: str = args.country.strip()
    if len(code) != 2 or country_code(code) is None:
        raise UsageError(
            f"--country {args.country!r} is not an ISO 3166 alpha-2 code; use e.g. CN, US or DE"
        )
    return code.upper()


def _match_json(match: Match) -> dict[str, Any]:
    return {
        "score": match.score,
        "band": match.band,
        "key": str(match.key) if match.key else None,
        "tie": match.tie,
        "matched_name": match.matched_name,
        "name_kind": match.name_kind,
        "explanation": match.explanation,
        "matched_tokens": [
            {"query": p.query, "listed": p.listed, "similarity": p.similarity, "weight": p.weight}
            for p in match.matched_tokens
        ],
        "entry": match.entry.model_dump(mode="json", exclude_none=True),
    }


def _top_band(matches: Sequence[Match]) -> str:
    return matches[0].band if matches else "no_match"


def render_json(
    results: Sequence[tuple[str, list[Match]]], list_files: Sequence[ListFile], country: str | None
) -> str:
    document = {
        "lists": [
            {
                "path": lf.path,
                "format": lf.format,
                "entries": len(lf.entries),
                "warnings": lf.counts.get("warnings", len(lf.warnings)),
            }
            for lf in list_files
        ],
        "country": country,
        "thresholds": {"match": MATCH_AT, "review": REVIEW_AT},
        "results": [
            {
                "query": name,
                "band": _top_band(matches),
                "matches": [_match_json(m) for m in matches],
            }
            for name, matches in results
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_text(results: Sequence[tuple[str, list[Match]]], list_files: Sequence[ListFile]) -> str:
    lines: list[str] = []
    for name, matches in results:
        if not matches:
            lines.append(f"{name}: no match (nothing scored {REVIEW_AT} or more)")
            continue
        lines.append(f"{name}: {_top_band(matches).replace('_', ' ')}")
        for m in matches:
            lines.append(f"  {m.score:.2f} {m.band:<6} {m.entry.name} ({m.entry.list})")
            lines.append(f"      {m.explanation}")
    entries = sum(len(lf.entries) for lf in list_files)
    matched = sum(1 for _, ms in results if _top_band(ms) == "match")
    lines.append(
        f"screened {len(results)} name{'s' if len(results) != 1 else ''} against {entries} "
        f"entries from {len(list_files)} list file{'s' if len(list_files) != 1 else ''}: "
        f"{matched} at the match band"
    )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    country = _check_arguments(args)
    paths = args.lists or curated_entity_files()
    if not paths:
        raise UsageError("no list to screen against: give --list FILE")
    list_files = read_lists(paths)
    for lf in list_files:
        total = lf.counts.get("warnings", len(lf.warnings))
        if total:
            print(
                f"riskkit: warning: {lf.path}: {total} record(s) read with problems or skipped; "
                f"see `riskkit lists show {lf.path}`",
                file=sys.stderr,
            )
    screener = Screener.from_list_files(list_files)
    results = [
        (name, screener.screen(name, country=country, limit=args.limit)) for name in args.names
    ]
    if args.format == "json":
        sys.stdout.write(render_json(results, list_files, country))
    else:
        sys.stdout.write(render_text(results, list_files))
    hit = any(_top_band(ms) == "match" for _, ms in results)
    return EXIT_FINDINGS if hit else EXIT_CLEAN

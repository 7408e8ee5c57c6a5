"""The command line. The only module that knows about argv and exit codes.

Exit codes: 0 clean, 1 a verdict at or above ``--fail-on``, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from riskkit._version import __version__
from riskkit.engine import evaluate
from riskkit.errors import InvalidInput, RiskkitError
from riskkit.formats import RENDERERS
from riskkit.jurisdictions import contains, parse
from riskkit.loading import load_procurement
from riskkit.model import Procurement
from riskkit.packs import RuleSet, load_packs, rule_pack_json_schema
from riskkit.report import VERDICT_ORDER, Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("prohibited", "prohibited_unless_exception", "restricted", "elevated_risk",
           "needs_review", "never")  # fmt: skip


class UsageError(RiskkitError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"riskkit: error: {message}\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-31"
        ) from None


def _pack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="an extra rule pack file or a folder of them (repeatable)",
    )
    parser.add_argument(
        "--no-builtin-rules",
        action="store_true",
        help="use only the packs given with --rules (and plugin packs)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="riskkit", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"riskkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    assess = sub.add_parser("assess", help="assess procurement files against the rule packs")
    assess.add_argument("files", nargs="+", metavar="FILE", help="procurement .toml or .json")
    assess.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="assess as of this day (YYYY-MM-DD; default today)",
    )
    _pack_options(assess)
    assess.add_argument("--format", choices=sorted(RENDERERS), default="markdown")
    assess.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the report here instead of standard output",
    )
    assess.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="elevated_risk",
        help="exit 1 when a verdict is at or above this (default elevated_risk)",
    )
    assess.add_argument(
        "--exit-zero", action="store_true", help="exit 0 whatever the verdict (errors still exit 2)"
    )

    rules = sub.add_parser("rules", help="list, show and validate rule packs")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    listing = rules_sub.add_parser("list", help="list the rules")
    listing.add_argument("--format", choices=["text", "json"], default="text")
    listing.add_argument("--kind", default=None, help="only rules of this kind")
    listing.add_argument(
        "--jurisdiction",
        default=None,
        help="only rules whose scope covers this place (e.g. US-OR:Portland)",
    )
    listing.add_argument("--tag", default=None, help="only rules with this tag")
    _pack_options(listing)
    show = rules_sub.add_parser("show", help="show one rule in full")
    show.add_argument("rule_id", metavar="ID")
    _pack_options(show)
    validate = rules_sub.add_parser("validate", help="check rule pack files; exit 2 on problems")
    validate.add_argument("paths", nargs="+", metavar="PATH")

    schema = sub.add_parser("schema", help="print a JSON Schema")
    schema.add_argument("which", choices=["procurement", "rule-pack", "report"])
    return parser


def _packs(args: argparse.Namespace) -> RuleSet:
    return load_packs(args.rules, builtin=not args.no_builtin_rules)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput.one(
            str(output), "", f"cannot write the report: {exc.strerror}"
        ) from None


def _assess(args: argparse.Namespace) -> int:
    procurements: list[Procurement] = []
    problems: list[InvalidInput] = []
    for file in args.files:
        try:
            procurements.append(load_procurement(file))
        except InvalidInput as exc:
            problems.append(exc)
    if problems:
        raise InvalidInput.merge(problems)
    packs = _packs(args)
    as_of = args.as_of or date.today()
    reports = [evaluate(p, packs, as_of) for p in procurements]
    render = RENDERERS[args.format]
    if len(reports) == 1:
        text = render(reports[0])
    elif args.format == "json":
        text = "[\n" + ",\n".join(r.to_json().rstrip("\n") for r in reports) + "\n]\n"
    else:
        text = "\n---\n\n".join(render(r) for r in reports)
    _write(text, args.output)
    return _exit_code(reports, args.fail_on, args.exit_zero)


def _exit_code(reports: Sequence[Report], fail_on: str, exit_zero: bool) -> int:
    if exit_zero or fail_on == "never":
        return EXIT_CLEAN
    threshold = VERDICT_ORDER[fail_on]
    failed = any(VERDICT_ORDER[r.verdict] >= threshold for r in reports)
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _rule_summary(ruleset: RuleSet) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for compiled in ruleset.rules:
        r = compiled.rule
        out.append(
            {
                "id": r.id,
                "kind": r.kind,
                "title": r.title,
                "scope": list(r.scope),
                "effective_from": r.effective.start.isoformat(),
                "effective_until": r.effective.until.isoformat() if r.effective.until else None,
                "outcome": r.outcome,
                "severity": r.severity,
                "confidence": r.confidence,
                "status": r.status,
                "tags": list(r.tags),
                "pack": compiled.pack.id,
                "citations": [c.model_dump(mode="json", exclude_none=True) for c in r.citations],
            }
        )
    return out


def _rules_list(args: argparse.Namespace) -> int:
    ruleset = _packs(args)
    if args.jurisdiction:
        try:
            parse(args.jurisdiction)
        except ValueError as exc:
            raise UsageError(f"--jurisdiction: {exc}") from None
    rows = []
    for row in _rule_summary(ruleset):
        if args.kind and row["kind"] != args.kind:
            continue
        if args.tag and args.tag not in row["tags"]:
            continue
        if args.jurisdiction and not any(
            contains(str(s), args.jurisdiction) or contains(args.jurisdiction, str(s))
            for s in row["scope"]
        ):
            continue
        rows.append(row)
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_CLEAN
    for row in rows:
        until = row["effective_until"] or ""
        sys.stdout.write(
            f"{row['id']:<34} {row['kind']:<17} {','.join(row['scope']):<16} "
            f"{row['effective_from']}..{until:<10} {row['outcome']:<27} {row['title']}\n"
        )
    sys.stdout.write(f"{len(rows)} rules\n")
    return EXIT_CLEAN


def _rules_show(args: argparse.Namespace) -> int:
    ruleset = _packs(args)
    try:
        compiled = ruleset.rule(args.rule_id)
    except KeyError:
        from riskkit._suggest import did_you_mean

        hint = did_you_mean(args.rule_id, [r.id for r in ruleset.rules])
        raise UsageError(f"no rule with id {args.rule_id!r}{hint}") from None
    data = compiled.rule.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["params"] = compiled.params.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["pack"] = {
        "id": compiled.pack.id,
        "version": compiled.pack.version,
        "source": compiled.source,
    }
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return EXIT_CLEAN


def _rules_validate(args: argparse.Namespace) -> int:
    from riskkit.packs import builtin_pack_paths, expand_paths

    given = {p.resolve() for p in expand_paths(args.paths)}
    # Validate with the shipped packs beside (so entity ids resolve), never twice the same file.
    builtins = [p for p in builtin_pack_paths() if p.resolve() not in given]
    ruleset = load_packs([*builtins, *args.paths], builtin=False)
    count = sum(1 for r in ruleset.rules if r.source in {str(p) for p in args.paths} or True)
    sys.stdout.write(f"ok: {len(given)} file(s), {count} rules loaded without problems\n")
    return EXIT_CLEAN


def _schema(args: argparse.Namespace) -> int:
    if args.which == "procurement":
        schema = Procurement.model_json_schema(by_alias=True)
    elif args.which == "report":
        schema = Report.model_json_schema()
    else:
        schema = rule_pack_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_CLEAN


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "assess":
        return _assess(args)
    if args.command == "rules":
        handler = {"list": _rules_list, "show": _rules_show, "validate": _rules_validate}
        return handler[args.rules_command](args)
    return _schema(args)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
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

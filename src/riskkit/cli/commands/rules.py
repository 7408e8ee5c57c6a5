"""``riskkit rules list|show|validate``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from riskkit._support.spelling import did_you_mean
from riskkit.cli.commands._common import EXIT_CLEAN, UsageError, add_pack_options, packs_from
from riskkit.kinds import registry
from riskkit.model.jurisdictions import contains, parse
from riskkit.packs import RuleSet, builtin_pack_paths, expand_paths, load_packs
from riskkit.packs.rulesdoc import render_rule_index

NAME = "rules"
HELP = "list, show and validate rule packs"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="rules_command", required=True,
                                parser_class=type(parser))  # fmt: skip
    listing = sub.add_parser("list", help="list the rules")
    listing.add_argument("--format", choices=["text", "json"], default="text")
    listing.add_argument("--kind", default=None, help="only rules of this kind")
    listing.add_argument(
        "--jurisdiction", default=None,
        help="only rules whose scope covers or lies inside this place (e.g. US-OR:Portland)",
    )  # fmt: skip
    listing.add_argument(
        "--tag", action="append", default=[], metavar="TAG",
        help="only rules with this tag (repeatable: rules carrying every tag given)",
    )  # fmt: skip
    add_pack_options(listing)
    show = sub.add_parser("show", help="show one rule in full, as JSON")
    show.add_argument("rule_id", metavar="ID")
    add_pack_options(show)
    validate = sub.add_parser("validate", help="check rule pack files; exit 2 on problems")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    doc = sub.add_parser("doc", help="print the Markdown rule index (docs/rules.md)")
    add_pack_options(doc)


def summary(ruleset: RuleSet) -> list[dict[str, Any]]:
    """One plain dict per rule: what ``rules list --format json`` prints."""
    out: list[dict[str, Any]] = []
    for compiled in ruleset.rules:
        r = compiled.rule
        out.append({
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
            "notes": r.notes,
        })  # fmt: skip
    return out


def _matches(row: dict[str, Any], kind: str | None, tags: list[str], place: str | None) -> bool:
    """Whether a rule passes every filter given (filters left out pass everything)."""
    if kind and row["kind"] != kind:
        return False
    if not set(tags) <= set(row["tags"]):
        return False
    # A place matches a rule whose scope contains it (federal law reaches Portland) or lies
    # inside it (asking for US-OR lists Portland's ordinances too).
    return place is None or any(contains(s, place) or contains(place, s) for s in row["scope"])


def _list(args: argparse.Namespace) -> int:
    ruleset = packs_from(args)
    rows = summary(ruleset)
    place = None
    if args.jurisdiction:
        try:
            place = str(parse(args.jurisdiction))
        except ValueError as exc:
            raise UsageError(f"--jurisdiction: {exc}") from None
    # An unknown kind or tag is a typo far more often than a question with an empty answer.
    kinds = sorted({row["kind"] for row in rows} | set(registry()))
    if args.kind and args.kind not in kinds:
        raise UsageError(f"--kind: no rule kind {args.kind!r}{did_you_mean(args.kind, kinds)}")
    known_tags = sorted({tag for row in rows for tag in row["tags"]})
    for tag in args.tag:
        if tag not in known_tags:
            raise UsageError(f"--tag: no rule has the tag {tag!r}{did_you_mean(tag, known_tags)}")
    rows = [row for row in rows if _matches(row, args.kind, args.tag, place)]
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_CLEAN
    for row in rows:
        window = f"{row['effective_from']}..{row['effective_until'] or ''}"
        sys.stdout.write(
            f"{row['id']:<30} {row['kind']:<16} {','.join(row['scope']):<18} {window:<22} "
            f"{row['outcome']:<27} {row['confidence']:<6} {row['title']}\n"
        )
    sys.stdout.write(f"{len(rows)} rules\n")
    return EXIT_CLEAN


def _show(args: argparse.Namespace) -> int:
    ruleset = packs_from(args)
    try:
        compiled = ruleset.rule(args.rule_id)
    except KeyError:
        ids = [r.id for r in ruleset.rules]
        same = [i for i in ids if i.casefold() == args.rule_id.casefold()]
        # Rule ids are matched exactly (waivers and reports name them so); say when only the
        # case differs, which difflib's ratio does not see.
        hint = f' (did you mean "{same[0]}"? ids are case-sensitive)' if same else ""
        hint = hint or did_you_mean(args.rule_id, ids)
        raise UsageError(f"no rule with id {args.rule_id!r}{hint}") from None
    data = compiled.rule.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["params"] = compiled.params.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["pack"] = {"id": compiled.pack.id, "version": compiled.pack.version,
                    "source": compiled.source}  # fmt: skip
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return EXIT_CLEAN


def _validate(args: argparse.Namespace) -> int:
    given = expand_paths(args.paths)
    resolved = {p.resolve() for p in given}
    # The shipped packs are loaded beside, so entity ids resolve; never the same file twice.
    beside = [p for p in builtin_pack_paths() if p.resolve() not in resolved]
    ruleset = load_packs([*beside, *given], builtin=False, plugins=False)
    labels = {str(p) for p in given}
    count = sum(1 for r in ruleset.rules if r.source in labels)
    sys.stdout.write(f"ok: {len(given)} file(s), {count} rules, no problems\n")
    return EXIT_CLEAN


def _doc(args: argparse.Namespace) -> int:
    sys.stdout.write(render_rule_index(packs_from(args)))
    return EXIT_CLEAN


def run(args: argparse.Namespace) -> int:
    handlers = {"list": _list, "show": _show, "validate": _validate, "doc": _doc}
    return handlers[args.rules_command](args)

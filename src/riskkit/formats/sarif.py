"""SARIF 2.1.0: findings as results located in the procurement file, for code-scanning tools.

Each finding is a result whose location is the procurement file (when the caller gives its
:class:`~riskkit.formats._source.Source`) at the line of the subject it is about (the
``id = "cam"`` line of ``[[components]]``), with the subject path as a logical location and
the evidence paths as related locations. Rules carry their title, sources and remediation, with
``helpUri`` the first citation. Levels follow the outcome: prohibited outcomes are errors,
restricted and elevated ones warnings, info a note. Unknowns are ``review`` results. Applied
waivers become accepted suppressions, refused ones rejected suppressions.

A comparison gives one run per candidate; a diff gives one run whose results carry a
``baselineState`` (resolved findings are ``absent``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from riskkit._version import __version__
from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import FindingChange, ReportDiff, ReportSide
from riskkit.formats._source import Source, locate, parse_path
from riskkit.formats.interface import Format
from riskkit.formats.markdown.text import no_raw_html
from riskkit.report import Finding, Report, Unknown

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {
    "prohibited": "error",
    "prohibited_unless_exception": "error",
    "restricted": "warning",
    "elevated": "warning",
    "info": "note",
}
SECURITY_SEVERITY = {"critical": "9.5", "high": "7.5", "medium": "5.0", "low": "2.5", "info": "0.5"}
"""A CVSS-like number per severity, read by GitHub code scanning to rank alerts."""
MISSING_FACT_RULE = "riskkit.missing-fact"
"""The rule id given to an unknown that no single rule owns (a fact every rule of a kind needs)."""

BaselineState = Literal["new", "unchanged", "updated", "absent"]
Json = dict[str, Any]


def _text(text: str) -> Json:
    return {"text": text}


def _rule(f: Finding) -> Json:
    sources = [
        f"- {c.title}" + (f", {c.article}" if c.article else "") + f" <{c.url}>"
        for c in f.citations
    ]
    markdown = [
        f"- [{c.title}" + (f", {c.article}" if c.article else "") + f"]({c.url})"
        for c in f.citations
    ]
    remedies = [f"- {r}" for r in f.remediation]
    help_text = "Sources:\n" + "\n".join(sources)
    help_md = "**Sources**\n\n" + "\n".join(markdown)
    if remedies:
        help_text += "\n\nRemediation:\n" + "\n".join(remedies)
        help_md += "\n\n**Remediation**\n\n" + "\n".join(remedies)
    rule: Json = {
        "id": f.rule_id,
        "shortDescription": _text(f.rule_title),
        "fullDescription": _text(f.rule_title),
        "help": {"text": help_text, "markdown": no_raw_html(help_md)},
        "defaultConfiguration": {"level": LEVEL[f.outcome]},
        "properties": {
            "tags": sorted({f.kind, f.pack, "data-governance"}),
            "pack": f.pack,
            "packVersion": f.pack_version,
            "severity": f.severity,
            "security-severity": SECURITY_SEVERITY[f.severity],
        },
    }
    if f.citations:
        rule["helpUri"] = f.citations[0].url
    return rule


def _unknown_rule(rule_id: str) -> Json:
    what = (
        "A fact every rule of some kind needs is missing from the procurement"
        if rule_id == MISSING_FACT_RULE
        else f"{rule_id} could not be decided for want of facts"
    )
    return {
        "id": rule_id,
        "shortDescription": _text(what),
        "defaultConfiguration": {"level": "none"},
    }


def _logical(path: str) -> Json:
    segments = parse_path(path)
    name = segments[-1][1] if segments and segments[-1][1] else path
    return {"name": name, "fullyQualifiedName": path, "kind": "object"}


def _location(path: str, source: Source | None, message: str | None = None) -> Json:
    location: Json = {"logicalLocations": [_logical(path)]}
    if source is not None:
        physical: Json = {"artifactLocation": {"uri": source.uri, "index": 0}}
        region = locate(source, path)
        if region is not None:
            physical["region"] = {
                "startLine": region.line,
                "startColumn": region.start_column,
                "endColumn": region.end_column,
            }
        location["physicalLocation"] = physical
    if message is not None:
        location["message"] = _text(message)
    return location


def _related(f: Finding, source: Source | None) -> list[Json]:
    out = []
    for i, e in enumerate(f.evidence, 1):
        note = f" ({e.note})" if e.note else ""
        location = _location(e.path, source, f"{e.path} = {e.value}{note}")
        location["id"] = i
        if "physicalLocation" in location and "region" not in location["physicalLocation"]:
            del location["physicalLocation"]  # curated entity data: not in this file
        out.append(location)
    return out


def _result(f: Finding, rule_index: int, source: Source | None) -> Json:
    upcoming = " It starts applying later in the contract term." if f.status == "upcoming" else ""
    binding = "binding on this buyer" if f.binding else "not binding on this buyer"
    result: Json = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": LEVEL[f.outcome],
        "message": _text(f"{f.outcome.replace('_', ' ')} ({binding}): {f.explanation}{upcoming}"),
        "locations": [_location(f.subject, source)],
        "fingerprints": {"riskkit/v1": f.fingerprint},
        "properties": {
            "outcome": f.outcome,
            "binding": f.binding,
            "status": f.status,
            "severity": f.severity,
            "appliesFrom": f.applies_from.isoformat(),
            "appliesUntil": f.applies_until.isoformat() if f.applies_until else None,
            "subjects": list(f.all_subjects),
            "likelihood": f.likelihood,
            "impact": f.impact,
            "inherentScore": f.inherent_score,
            "residualScore": f.residual_score,
            "confidence": f.confidence,
            "mitigationsApplied": list(f.mitigations_applied),
            "vector": f.vector,
        },
    }
    related = _related(f, source)
    if related:
        result["relatedLocations"] = related
    if f.waiver is not None and f.waiver.state in ("applied", "refused"):
        w = f.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted" if w.state == "applied" else "rejected",
                "justification": w.justification + (f" ({w.note})" if w.note else ""),
                "properties": {"waiver": w.id, "approver": w.approver, "expires": str(w.expires)},
            }
        ]
    if f.waiver is not None:
        result["properties"]["waiverState"] = f.waiver.state
    return result


def _unknown_result(u: Unknown, rule_index: int, source: Source | None) -> Json:
    return {
        "ruleId": u.rule_id or MISSING_FACT_RULE,
        "ruleIndex": rule_index,
        "kind": "review",
        "level": "none",
        "message": _text(f"Facts missing: {u.explanation}"),
        "locations": [_location(u.subject, source)],
    }


class _RunBuilder:
    """Collects rules (one descriptor per rule id, first finding wins) and results for a run."""

    def __init__(self, source: Source | None) -> None:
        self.source = source
        self.rules: dict[str, Json] = {}
        self.results: list[Json] = []

    def _index(self, rule_id: str) -> int:
        return list(self.rules).index(rule_id)

    def prepare(self, findings: Sequence[Finding], unknowns: Sequence[Unknown]) -> None:
        """Register every rule first, sorted by id, so that rule indexes are stable."""
        wanted: dict[str, Json] = {}
        for f in findings:
            wanted.setdefault(f.rule_id, _rule(f))
        for u in unknowns:
            rule_id = u.rule_id or MISSING_FACT_RULE
            wanted.setdefault(rule_id, _unknown_rule(rule_id))
        self.rules = {k: wanted[k] for k in sorted(wanted)}

    def finding(self, f: Finding, baseline: BaselineState | None = None) -> None:
        result = _result(f, self._index(f.rule_id), self.source)
        if baseline is not None:
            result["baselineState"] = baseline
        self.results.append(result)

    def unknown(self, u: Unknown, baseline: BaselineState | None = None) -> None:
        result = _unknown_result(u, self._index(u.rule_id or MISSING_FACT_RULE), self.source)
        if baseline is not None:
            result["baselineState"] = baseline
        self.results.append(result)

    def run(self, automation_id: str, properties: Json) -> Json:
        run: Json = {
            "tool": {
                "driver": {
                    "name": "riskkit",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": list(self.rules.values()),
                }
            },
            "automationDetails": {"id": automation_id},
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "properties": properties,
        }
        if self.source is not None:
            run["artifacts"] = [{"location": {"uri": self.source.uri}, "roles": ["analysisTarget"]}]
        return run


def _report_properties(report: Report | ReportSide) -> Json:
    if isinstance(report, ReportSide):
        as_of, packs = report.as_of, list(report.packs)
    else:
        p = report.provenance
        as_of, packs = p.as_of, [f"{pack.id}@{pack.version}" for pack in p.packs]
    return {
        "procurementId": report.procurement_id,
        "title": report.title,
        "asOf": as_of.isoformat(),
        "verdict": report.verdict,
        "termVerdict": report.term_verdict,
        "scores": report.scores.model_dump(mode="json"),
        "packs": packs,
        "vector": report.vector,
    }


def report_run(report: Report, source: Source | None = None, category: str = "riskkit") -> Json:
    """The SARIF run of one report."""
    builder = _RunBuilder(source)
    builder.prepare(report.findings, report.unknowns)
    for f in report.findings:
        builder.finding(f)
    for u in report.unknowns:
        builder.unknown(u)
    automation = f"{category}/{report.procurement_id}/{report.provenance.as_of}"
    return builder.run(automation, _report_properties(report))


def _log(runs: list[Json]) -> str:
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}
    return json.dumps(log, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _diff_run(diff: ReportDiff, source: Source | None) -> Json:
    groups: tuple[tuple[tuple[FindingChange, ...], BaselineState], ...] = (
        (diff.new, "new"),
        (diff.changed, "updated"),
        (diff.unchanged, "unchanged"),
        (diff.resolved, "absent"),
    )
    findings: list[tuple[Finding, BaselineState]] = []
    for entries, state in groups:
        for entry in entries:
            # a resolved finding is described as it was; the others as they are now
            finding = entry.before if state == "absent" else entry.after
            assert finding is not None
            findings.append((finding, state))
    builder = _RunBuilder(source)
    builder.prepare([f for f, _ in findings], diff.new_unknowns)
    for f, state in findings:
        builder.finding(f, state)
    for u in diff.new_unknowns:
        builder.unknown(u, "new")
    properties = _report_properties(diff.after)
    properties["before"] = _report_properties(diff.before)
    properties["verdictChange"] = diff.verdict.model_dump(mode="json")
    properties["termVerdictChange"] = diff.term_verdict.model_dump(mode="json")
    properties["notes"] = list(diff.notes)
    automation = f"riskkit-diff/{diff.after.procurement_id}/{diff.after.as_of}"
    return builder.run(automation, properties)


class SarifFormat:
    """SARIF 2.1.0 logs: one run per report, located in the procurement files when given."""

    name = "sarif"
    extension = ".sarif"

    def render_report(self, report: Report, source: Source | None = None) -> str:
        return _log([report_run(report, source)])

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        """One run per report, in order."""
        given = list(sources) + [None] * (len(reports) - len(sources))
        return _log([report_run(r, s) for r, s in zip(reports, given, strict=True)])

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        """One run per candidate, in candidate order; ``sources`` maps labels to their files."""
        sources = sources or {}
        runs = []
        for c in comparison.candidates:
            category = f"riskkit-compare/{c.label}"
            run = report_run(c.report, sources.get(c.label), category=category)
            run["properties"]["candidate"] = c.label
            run["properties"]["rank"] = comparison.ranking.index(c.label) + 1
            runs.append(run)
        return _log(runs)

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        """One run for the new report: new, changed (``updated``), unchanged and resolved
        (``absent``) findings, and new unknowns; ``source`` is the new report's procurement
        file."""
        return _log([_diff_run(diff, source)])


FORMAT: Format = SarifFormat()

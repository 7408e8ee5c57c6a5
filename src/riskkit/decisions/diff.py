"""Re-assessment: what changed between two reports of a procurement.

Findings are matched by fingerprint (rule id and pack version, subject, evidence digest; see
``riskkit.engine``). A finding that was upcoming in the old report and is active in the new one
counts as new: that is how a ban taking effect shows up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from riskkit._support.io import decode_utf8, format_loc, parse_json, read_bytes, surrogate_at
from riskkit.errors import InvalidInput, Problem
from riskkit.report import VERDICT_ORDER, Finding, Report, ReportModel, Scores, Unknown, Verdict

Direction = Literal["worse", "better", "same"]
Pairing = Literal["fingerprint", "subject"]
"""How findings of two reports are paired: by fingerprint (the same cause) or by subject."""

_COMPARED = (
    "status",
    "outcome",
    "severity",
    "binding",
    "applies_from",
    "applies_until",
    "likelihood",
    "impact",
    "residual_likelihood",
    "residual_score",
    "confidence",
    "mitigations_applied",
    "exception",
)
"""Finding fields whose change is reported; the rest follow from the fingerprint."""


class ReportSide(ReportModel):
    """One of the two reports, summarised."""

    procurement_id: str
    title: str
    as_of: date
    verdict: Verdict
    term_verdict: Verdict
    scores: Scores
    procurement_digest: str
    packs: tuple[str, ...]
    """``id@version`` of each pack the report was computed with."""
    vector: str = ""


class VerdictChange(ReportModel):
    before: Verdict
    after: Verdict
    direction: Direction
    """``worse`` when the new verdict is more severe."""


class FindingChange(ReportModel):
    """One finding, matched across the two reports by fingerprint."""

    fingerprint: str
    rule_id: str
    subject: str
    before: Finding | None
    """The finding in the old report; None when it is new."""
    after: Finding | None
    """The finding in the new report; None when it is resolved."""
    changes: tuple[str, ...] = ()
    """What differs, one line per field: ``status: upcoming -> active``."""


class ReportDiff(ReportModel):
    """What changed from one assessment to the next."""

    schema_version: Literal[1] = 1
    before: ReportSide
    after: ReportSide
    verdict: VerdictChange
    """On each report's as-of date."""
    term_verdict: VerdictChange
    new: tuple[FindingChange, ...]
    """Findings that apply now and did not before: new facts, new listings, new rules, and
    rules that took effect (``before`` is then the upcoming finding)."""
    resolved: tuple[FindingChange, ...]
    """Findings of the old report that are gone."""
    changed: tuple[FindingChange, ...]
    """Same fingerprint, but status, outcome, scores or dates differ."""
    unchanged: tuple[FindingChange, ...]
    new_unknowns: tuple[Unknown, ...] = ()
    resolved_unknowns: tuple[Unknown, ...] = ()
    notes: tuple[str, ...] = ()
    """Things a reader should know: the reports are of different procurements, the input or the
    packs changed (so fingerprints of that pack's findings change too)."""

    @property
    def is_empty(self) -> bool:
        """True when nothing changed: no new, resolved or changed findings, same verdicts."""
        return not (
            self.new
            or self.resolved
            or self.changed
            or self.new_unknowns
            or self.resolved_unknowns
            or self.verdict.before != self.verdict.after
            or self.term_verdict.before != self.term_verdict.after
        )

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def _side(r: Report) -> ReportSide:
    p = r.provenance
    return ReportSide(
        procurement_id=r.procurement_id,
        title=r.title,
        as_of=p.as_of,
        verdict=r.verdict,
        term_verdict=r.term_verdict,
        scores=r.scores,
        procurement_digest=p.procurement_digest,
        packs=tuple(f"{pack.id}@{pack.version}" for pack in p.packs),
        vector=r.vector,
    )


def _verdict_change(before: Verdict, after: Verdict) -> VerdictChange:
    delta = VERDICT_ORDER[after] - VERDICT_ORDER[before]
    direction: Direction = "worse" if delta > 0 else "better" if delta < 0 else "same"
    return VerdictChange(before=before, after=after, direction=direction)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return "none" if value is None else str(value)


def _changes(before: Finding, after: Finding) -> tuple[str, ...]:
    out = []
    for field in _COMPARED:
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            out.append(f"{field}: {_show(old)} -> {_show(new)}")
    old_subjects, new_subjects = before.all_subjects, after.all_subjects
    if old_subjects != new_subjects:
        added = len(set(new_subjects) - set(old_subjects))
        removed = len(set(old_subjects) - set(new_subjects))
        out.append(
            f"subjects: {len(old_subjects):,} -> {len(new_subjects):,} "
            f"({added:,} added, {removed:,} removed)"
        )
    old_waiver = before.waiver.state if before.waiver else None
    new_waiver = after.waiver.state if after.waiver else None
    if old_waiver != new_waiver:
        out.append(f"waiver: {_show(old_waiver)} -> {_show(new_waiver)}")
    return tuple(out)


def _unknown_key(u: Unknown) -> tuple[str, str, str]:
    return (u.rule_id or "", u.subject, u.explanation)


def _notes(before: Report, after: Report) -> tuple[str, ...]:
    notes = []
    if before.procurement_id != after.procurement_id:
        notes.append(
            f"the reports are of different procurements ({before.procurement_id!r} and "
            f"{after.procurement_id!r})"
        )
    elif before.provenance.procurement_digest != after.provenance.procurement_digest:
        notes.append("the procurement itself changed between the two assessments")
    old_packs = {p.id: p for p in before.provenance.packs}
    new_packs = {p.id: p for p in after.provenance.packs}
    for pack_id in sorted(old_packs.keys() | new_packs.keys()):
        old, new = old_packs.get(pack_id), new_packs.get(pack_id)
        if old is None:
            notes.append(f"pack {pack_id!r} was added")
        elif new is None:
            notes.append(f"pack {pack_id!r} was removed")
        elif old.version != new.version:
            notes.append(
                f"pack {pack_id!r} changed version {old.version} -> {new.version}; its findings "
                "get new fingerprints, so they show as resolved and new"
            )
        elif old.digest != new.digest:
            notes.append(f"pack {pack_id!r} {old.version} changed content without a new version")
    if before.provenance.scoring != after.provenance.scoring:
        notes.append("the scoring weights differ between the two assessments")
    return tuple(notes)


def _pairs(
    before: Report, after: Report, match: Pairing
) -> list[tuple[str, Finding | None, Finding | None]]:
    """Findings of both reports paired by fingerprint, then (``match="subject"``) the rest by
    rule and subject."""
    old = {f.fingerprint: f for f in before.findings}
    new = {f.fingerprint: f for f in after.findings}
    pairs: list[tuple[str, Finding | None, Finding | None]] = [
        (fp, old.get(fp), new.get(fp)) for fp in sorted(old.keys() | new.keys())
    ]
    if match == "fingerprint":
        return pairs
    gone: dict[tuple[str, str], list[Finding]] = {}
    for _, b, a in pairs:
        if a is None and b is not None:
            gone.setdefault((b.rule_id, b.subject), []).append(b)
    paired: set[str] = set()
    out: list[tuple[str, Finding | None, Finding | None]] = []
    for fp, b, a in pairs:
        if b is None and a is not None and gone.get((a.rule_id, a.subject)):
            earlier = gone[(a.rule_id, a.subject)].pop(0)
            paired.add(earlier.fingerprint)
            out.append((fp, earlier, a))
        else:
            out.append((fp, b, a))
    return [(fp, b, a) for fp, b, a in out if not (a is None and b and b.fingerprint in paired)]


def diff_reports(before: Report, after: Report, *, match: Pairing = "fingerprint") -> ReportDiff:
    """What changed from ``before`` (the old report) to ``after`` (the new one).

    ``match="fingerprint"`` (the default) matches findings by fingerprint only, so a finding
    whose evidence changed shows as resolved and new. ``match="subject"`` then pairs what is
    left by rule and subject, and shows such a finding as changed.
    """
    added: list[FindingChange] = []
    resolved: list[FindingChange] = []
    changed: list[FindingChange] = []
    unchanged: list[FindingChange] = []
    for fp, b, a in _pairs(before, after, match):
        some = a or b
        assert some is not None
        changes = _changes(b, a) if a and b else ()
        if a and b and a.fingerprint != b.fingerprint:
            changes = (f"fingerprint: {b.fingerprint} -> {a.fingerprint} (evidence)", *changes)
        entry = FindingChange(
            fingerprint=fp,
            rule_id=some.rule_id,
            subject=some.subject,
            before=b,
            after=a,
            changes=changes,
        )
        if b is None:
            added.append(entry)
        elif a is None:
            resolved.append(entry)
        elif b.status == "upcoming" and a.status == "active":
            added.append(entry)
        elif entry.changes:
            changed.append(entry)
        else:
            unchanged.append(entry)
    old_unknowns = {_unknown_key(u): u for u in before.unknowns}
    new_unknowns = {_unknown_key(u): u for u in after.unknowns}

    def order(items: list[FindingChange]) -> tuple[FindingChange, ...]:
        return tuple(sorted(items, key=lambda c: (c.rule_id, c.subject, c.fingerprint)))

    return ReportDiff(
        before=_side(before),
        after=_side(after),
        verdict=_verdict_change(before.verdict, after.verdict),
        term_verdict=_verdict_change(before.term_verdict, after.term_verdict),
        new=order(added),
        resolved=order(resolved),
        changed=order(changed),
        unchanged=order(unchanged),
        new_unknowns=tuple(new_unknowns[k] for k in sorted(new_unknowns.keys() - old_unknowns)),
        resolved_unknowns=tuple(
            old_unknowns[k] for k in sorted(old_unknowns.keys() - new_unknowns)
        ),
        notes=_notes(before, after),
    )


def load_report(path: str | Path) -> Report:
    """Read a report written by ``riskkit assess --format json``; raise InvalidInput if not."""
    path = Path(path)
    source = str(path)
    raw = read_bytes(path, expected="a report .json file", limit="report_bytes")
    if path.suffix.lower() == ".toml":
        raise InvalidInput.one(
            source, "", "a TOML file, not a report; diff compares two reports written by "
            "`riskkit assess FILE --format json --output report.json`",
        )  # fmt: skip
    data = parse_json(decode_utf8(raw, source), source)
    if isinstance(data, list):
        raise InvalidInput.one(
            source,
            "",
            "holds a list of reports; diff compares one report with another "
            "(write one report per file with `riskkit assess --output-dir`)",
        )
    if not isinstance(data, dict):
        raise InvalidInput.one(source, "", "expected a report object from `riskkit assess`")
    # A report's texts are kept as they are (not stripped), so a lone surrogate escaped in the
    # JSON would pass validation and fail only when the diff is written.
    where = surrogate_at(data)
    if where is not None:
        raise InvalidInput.one(
            source, where.lstrip("."), "text with a lone surrogate (such as \\ud800), which is no "
            "character; riskkit never writes one, so this is not a report it wrote",
        )  # fmt: skip
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False)[:20]:
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown field; is this a report from `riskkit assess --format json`?"
            elif error["type"] == "missing":
                message = "required field is missing; expected a report from `riskkit assess`"
            problems.append(Problem(source, format_loc(tuple(error["loc"])), message))
        raise InvalidInput(problems) from None

"""Waivers: accepted risks with a name, a reason and an end date on them.

A waiver names a rule and what it covers (a subject, a fingerprint, or ``subject = "*"`` for
every subject of the rule). A waived finding stays in the report, marked, and no longer counts
toward the verdict; the scores do not change, because the risk is accepted, not removed. A
waiver past its expiry has no effect and the report says so; a waiver that names no finding is
reported as unmatched. A binding legal gate (a prohibition or a legal restriction that binds the
buyer) cannot be waived: an internal sign-off does not change the law.

Example ``waivers.toml``::

    schema_version = 1

    [[waivers]]
    id = "W-2026-004"
    rule = "CA-CN-NIL"
    subject = "parties[hik]"
    justification = "Cameras on an isolated VLAN; vendor access only on site, supervised."
    approver = "J. Doe, Chief Information Security Officer"
    approved = 2026-01-15
    expires = 2026-12-31
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from riskkit._support.io import read_document
from riskkit._support.located import problems_from_validation
from riskkit._support.spelling import did_you_mean
from riskkit.errors import InvalidInput
from riskkit.report import (
    Finding,
    FindingWaiver,
    Report,
    WaiverRecord,
    WaiverSummary,
)
from riskkit.report.scoring import verdict
from riskkit.report.vector import config_from, with_vectors

_WHY_NOT = {
    "prohibited": "it is a binding legal prohibition; an internal waiver cannot authorise what "
    "the law forbids. Remove the cause (see the finding's remediation)",
    "prohibited_unless_exception": "it is a binding legal prohibition with exceptions; an "
    "exception is met by a legal authorisation declared in the procurement's [[authorisations]] "
    "(a warrant, an order), not by a waiver",
    "restricted": "it is a binding legal restriction; its conditions must be met, which an "
    "internal waiver cannot do. See the finding's remediation",
}


class Waiver(BaseModel):
    """One accepted risk."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=80)
    """Your reference for the waiver (a ticket or decision number)."""
    rule: str = Field(min_length=1, max_length=100)
    """Id of the rule whose finding is waived."""
    subject: str | None = None
    """The finding's subject (``parties[hik]``), or ``"*"`` for every subject of the rule."""
    fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")] | None = None
    """The finding's fingerprint: the waiver then stops matching when the evidence changes."""
    justification: str = Field(min_length=1)
    """Why the risk is accepted."""
    approver: str = Field(min_length=1)
    """Who accepted it, by name and role."""
    approved: date | None = None
    """When it was approved."""
    expires: date
    """The last day it holds; from the next day it has no effect."""

    @model_validator(mode="after")
    def _covers_something(self) -> Waiver:
        if self.subject is None and self.fingerprint is None:
            raise ValueError(
                'say what the waiver covers: a subject (such as "parties[hik]", or "*" for '
                "every subject of the rule) or a finding fingerprint"
            )
        if self.approved is not None and self.approved > self.expires:
            raise ValueError(f"approved {self.approved} is after expires {self.expires}")
        return self

    def covers(self, finding: Finding) -> bool:
        if finding.rule_id != self.rule:
            return False
        if self.fingerprint is not None and finding.fingerprint != self.fingerprint:
            return False
        return self.subject in (None, "*") or self.subject in finding.all_subjects

    def in_force(self, day: date) -> bool:
        return day <= self.expires


class WaiversFile(BaseModel):
    """A waivers file: ``schema_version`` and a list of ``[[waivers]]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = 1
    waivers: tuple[Waiver, ...] = ()


@attrs.frozen
class Waivers:
    """Waivers as loaded, with where they came from (recorded in the report)."""

    waivers: tuple[Waiver, ...]
    source: str = "<waivers>"
    digest: str = ""


def waivers_from_dict(data: dict[str, object], *, source: str = "<waivers>") -> Waivers:
    """Validate a parsed waivers document; raise InvalidInput listing every problem."""
    try:
        parsed = WaiversFile.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(
            problems_from_validation(
                source,
                exc,
                unknown_field=lambda loc: (
                    "unknown field; a waiver has " + ", ".join(Waiver.model_fields)
                    if len(loc) == 3
                    else "unknown field; a waivers file has schema_version and [[waivers]]"
                ),
            )
        ) from None
    seen: dict[str, int] = {}
    problems = []
    for i, w in enumerate(parsed.waivers):
        if w.id in seen:
            problems.append(
                InvalidInput.one(
                    source,
                    f"waivers[{i}].id",
                    f'duplicate id "{w.id}" (also waivers[{seen[w.id]}])',
                )
            )
        seen.setdefault(w.id, i)
    if problems:
        raise InvalidInput.merge(problems)
    return Waivers(parsed.waivers, source=source)


def load_waivers(path: str | Path) -> Waivers:
    """Read a waivers TOML (or JSON) file."""
    path = Path(path)
    data, raw = read_document(path)
    loaded = waivers_from_dict(data, source=str(path))
    return attrs.evolve(loaded, digest="sha256:" + hashlib.sha256(raw).hexdigest())


def _span_end(f: Finding, term_end: date) -> date:
    return min(f.applies_until or term_end, term_end)


def _mark(f: Finding, w: Waiver, as_of: date) -> FindingWaiver:
    state: Literal["applied", "expired", "refused"] = "applied"
    note = ""
    if f.legal_gate:
        state, note = "refused", f"cannot be waived: {_WHY_NOT[f.outcome]}"
    elif not w.in_force(as_of):
        state = "expired"
        note = f"expired on {w.expires} (the as-of date is {as_of}); it has no effect"
    return FindingWaiver(
        id=w.id,
        state=state,
        approver=w.approver,
        expires=w.expires,
        justification=w.justification,
        note=note,
    )


_PREFERENCE = {"applied": 0, "refused": 1, "expired": 2}


def _unmatched_note(w: Waiver, report: Report) -> str:
    subjects = sorted({f.subject for f in report.findings if f.rule_id == w.rule})
    if not subjects:
        rules = sorted({f.rule_id for f in report.findings})
        return f"no finding of rule {w.rule!r} in this report" + did_you_mean(w.rule, rules)
    if w.fingerprint is not None:
        return (
            f"no finding of rule {w.rule!r} has fingerprint {w.fingerprint} (the evidence may "
            f"have changed); its findings are on {', '.join(subjects)}"
        )
    hint = did_you_mean(w.subject or "", subjects)
    return f"rule {w.rule!r} has findings on {', '.join(subjects)}, not {w.subject!r}{hint}"


def _record(
    w: Waiver, marks: Sequence[tuple[Finding, FindingWaiver]], report: Report
) -> WaiverRecord:
    mine = [(f, m) for f, m in marks if m.id == w.id]
    state: Literal["applied", "expired", "refused", "unmatched"]
    if not mine:
        state, note = "unmatched", _unmatched_note(w, report)
    else:
        states = {m.state for _, m in mine}
        if "applied" in states:
            state = "applied"
            refused = sum(m.state == "refused" for _, m in mine)
            note = (
                f"{refused} of the findings it names cannot be waived (binding)" if refused else ""
            )
        elif "refused" in states:
            state, note = "refused", next(m.note for _, m in mine if m.state == "refused")
        else:
            state, note = "expired", next(m.note for _, m in mine)
    return WaiverRecord(
        id=w.id,
        rule_id=w.rule,
        subject=w.subject,
        fingerprint=w.fingerprint,
        approver=w.approver,
        justification=w.justification,
        expires=w.expires,
        state=state,
        findings=tuple(sorted(f.fingerprint for f, _ in mine)),
        note=note,
    )


def _split_for(findings: Sequence[Finding], waivers: Sequence[Waiver]) -> Iterator[Finding]:
    """The findings, each finding of many subjects split where waivers name some of its
    subjects and not others, so that every finding is covered by the same waivers throughout."""
    naming: dict[tuple[str, str], list[str]] = {}
    for w in waivers:
        if w.subject not in (None, "*"):
            naming.setdefault((w.rule, w.subject), []).append(w.id)
    for f in findings:
        if f.weight == 1 or not naming:
            yield f
            continue
        parts: dict[tuple[str, ...], list[str]] = {}
        for subject in f.all_subjects:
            parts.setdefault(tuple(naming.get((f.rule_id, subject), ())), []).append(subject)
        if len(parts) == 1:
            yield f
        else:
            yield from (f.for_subjects(tuple(subjects)) for subjects in parts.values())


def apply_waivers(report: Report, waivers: Waivers) -> Report:
    """The report with waivers marked on its findings and the verdicts recomputed.

    Scores are unchanged (waivers accept risk, they do not remove it). For the term verdict a
    waiver counts only if it lasts as long as the finding does within the term.
    """
    as_of = report.provenance.as_of
    term_end = max(report.provenance.term_end or as_of, as_of)
    config = config_from(report.provenance)
    ordered = sorted(waivers.waivers, key=lambda w: w.id)
    marks: list[tuple[Finding, FindingWaiver]] = []
    findings: list[Finding] = []
    for f in _split_for(report.findings, ordered):
        candidates = [_mark(f, w, as_of) for w in ordered if w.covers(f)]
        best = min(candidates, key=lambda m: _PREFERENCE[m.state], default=None)
        marks.extend((f, m) for m in candidates)
        findings.append(f.model_copy(update={"waiver": best}) if best else f)
    by_id = {w.id: w for w in ordered}

    def applied(f: Finding) -> FindingWaiver | None:
        return f.waiver if f.waived else None

    def waived_for_term(f: Finding) -> bool:
        w = applied(f)
        return w is not None and by_id[w.id].expires >= _span_end(f, term_end)

    active = [f for f in findings if f.status == "active"]
    unknowns = len(report.unknowns)
    as_of_verdict, reasons = verdict([f for f in active if not f.waived], unknowns, config)
    term_verdict, _ = verdict([f for f in findings if not waived_for_term(f)], unknowns, config)
    waived_reasons = tuple(
        f"{f.rule_id} on {f.subjects_text}: {f.outcome}, waived by {w.id} "
        f"(approved by {w.approver}, until {w.expires})"
        for f in active
        if (w := applied(f)) is not None
    )
    records = tuple(_record(w, marks, report) for w in ordered)
    summary = WaiverSummary(
        source=Path(waivers.source).name,
        digest=waivers.digest,
        applied=sum(r.state == "applied" for r in records),
        expired=sum(r.state == "expired" for r in records),
        refused=sum(r.state == "refused" for r in records),
        unmatched=sum(r.state == "unmatched" for r in records),
        waivers=records,
    )
    updated = report.model_copy(
        update={
            "findings": tuple(findings),
            "verdict": as_of_verdict,
            "term_verdict": term_verdict,
            "verdict_reasons": reasons + waived_reasons,
            "scores": report.scores.model_copy(
                update={"waived": sum(f.weight for f in active if f.waived)}
            ),
            "waivers": summary,
        }
    )
    return with_vectors(updated, config)

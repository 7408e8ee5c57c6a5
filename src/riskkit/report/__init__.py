"""The report: what was found, why, how sure, how bad, and what it was computed from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from riskkit.model.rule import Citation
from riskkit.model.vocabulary import GATE_OUTCOMES, Confidence, Outcome, Severity
from riskkit.report.records import Record
from riskkit.report.records import records as flat_records

Verdict = Literal[
    "prohibited",
    "prohibited_unless_exception",
    "restricted",
    "elevated_risk",
    "needs_review",
    "no_rules_in_scope",
    "acceptable",
]
VERDICT_ORDER: dict[str, int] = {
    "acceptable": 0,
    "no_rules_in_scope": 1,
    "needs_review": 2,
    "elevated_risk": 3,
    "restricted": 4,
    "prohibited_unless_exception": 5,
    "prohibited": 6,
}
LEVEL_NAMES = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


class ReportModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EvidenceItem(ReportModel):
    path: str
    """Where the fact is: a path into the procurement, or into curated entity data."""
    value: str
    """The value seen there."""
    note: str = ""


class FindingWaiver(ReportModel):
    """A waiver that names a finding, and whether it holds on the as-of date."""

    id: str
    state: Literal["applied", "expired", "refused"]
    """``applied``: the risk is accepted and the finding no longer counts toward the verdict;
    ``expired``: the waiver ended before the as-of date and has no effect; ``refused``: the
    finding is a binding legal gate, which no waiver can lift (``note`` says why)."""
    approver: str
    expires: date
    justification: str
    note: str = ""


class Finding(ReportModel):
    """One rule's result for one subject."""

    fingerprint: str
    """Stable across runs: rule id and pack version, subject, and a digest of the evidence."""
    rule_id: str
    rule_title: str
    kind: str
    pack: str
    pack_version: str
    outcome: Outcome
    severity: Severity
    binding: bool
    """True when the rule's consequence legally binds this buyer."""
    status: Literal["active", "upcoming"]
    """Active on the as-of date, or starting later within the contract term."""
    applies_from: date
    applies_until: date | None = None
    subject: str
    """What the finding is about (``components[cam-1]``); the first of ``subjects``."""
    subjects: tuple[str, ...] = ()
    """Every subject the finding is about, in order. Subjects of one rule with the same cause,
    outcome, dates, scores and remedy make one finding (a city's 70,000 cameras of one maker
    make one finding per rule, not 70,000); ``subject``, ``explanation``, ``evidence`` and
    ``fingerprint`` are the first subject's, and the others' differ from them only in the
    subject named. Empty in reports written before riskkit grouped findings: read
    ``all_subjects``."""
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    inherent_score: int = Field(ge=1, le=25)
    residual_likelihood: int = Field(ge=1, le=5)
    residual_score: int = Field(ge=1, le=25)
    confidence: Confidence
    """The weaker of the rule's confidence and that of the facts the finding uses."""
    mitigations_applied: tuple[str, ...] = ()
    exception: str | None = None
    explanation: str
    evidence: tuple[EvidenceItem, ...]
    citations: tuple[Citation, ...]
    remediation: tuple[str, ...]
    notes: str | None = None
    waiver: FindingWaiver | None = None
    """The waiver that names this finding, if any; the finding stays in the report either way."""
    vector: str = ""
    """The score vector: the inputs of this finding's score (see docs/scoring.md)."""

    @property
    def all_subjects(self) -> tuple[str, ...]:
        """Every subject of the finding (``subjects``, or ``subject`` alone in older reports)."""
        return self.subjects or (self.subject,)

    @property
    def subjects_text(self) -> str:
        """``components[cam-1]``, or ``components[cam-1] and 69,999 more`` for a group."""
        more = self.weight - 1
        return f"{self.subject} and {more:,} more" if more else self.subject

    @property
    def weight(self) -> int:
        """How many subjects the finding stands for: scores count each of them."""
        return len(self.subjects) or 1

    def for_subjects(self, subjects: tuple[str, ...]) -> Finding:
        """The finding for some of its subjects (when a waiver names only some of them): the
        first subject's explanation, evidence and fingerprint, as the engine would give them."""
        first = subjects[0]
        if first == self.subject:
            return self.model_copy(update={"subjects": subjects})
        old_id, new_id = _subject_id(self.subject), _subject_id(first)
        evidence = tuple(
            e.model_copy(
                update={
                    "path": e.path.replace(self.subject, first),
                    "value": new_id if e.value == old_id else e.value,
                }
            )
            for e in self.evidence
        )
        text = fingerprint_text(
            f"{self.rule_id}\0{self.pack_version}\0",
            first,
            [(e.path, e.value, e.note) for e in evidence],
        )
        return self.model_copy(
            update={
                "subject": first,
                "subjects": subjects,
                "explanation": self.explanation.replace(f"'{old_id}'", f"'{new_id}'"),
                "evidence": evidence,
                "fingerprint": hashlib.sha256(text).hexdigest()[:16],
            }
        )

    @property
    def legal_gate(self) -> bool:
        """True when the finding binds the buyer with a prohibition or a legal restriction."""
        return self.binding and self.outcome in GATE_OUTCOMES

    @property
    def waived(self) -> bool:
        """True when a waiver in force covers the finding, so it no longer counts toward the
        verdict."""
        return self.waiver is not None and self.waiver.state == "applied"


def _subject_id(subject: str) -> str:
    """``cam-1`` for ``components[cam-1]``."""
    return subject[subject.find("[") + 1 : -1]


def fingerprint_text(head: str, subject: str, evidence: Iterable[tuple[str, str, str]]) -> bytes:
    """What a finding's fingerprint hashes: ``head`` (``rule id NUL pack version NUL``), the
    subject, then each evidence fact as ``path=value``, each followed by a NUL. The evidence is
    what the finding lists, as (path, value, note), sorted; the note is left out of the text.
    The engine and :meth:`Finding.for_subjects` both write it here, so a fingerprint can be
    re-derived from the report alone."""
    facts = "".join([f"{path}={value}\0" for path, value, _ in sorted(evidence)])
    return f"{head}{subject}\0{facts}".encode()


class Unknown(ReportModel):
    """A question the input leaves open, so a rule could not be decided."""

    rule_id: str | None
    """The rule that could not be decided; None for a fact every rule of some kind needs."""
    subject: str
    explanation: str
    evidence: tuple[EvidenceItem, ...] = ()
    upcoming_from: date | None = None
    """The day from which the question matters, when that is after the as-of date (a rule
    that takes effect later in the term): it counts for the term's verdict, not the as-of
    date's. None: it is open on the as-of date."""


class PackRef(ReportModel):
    id: str
    version: str
    digest: str
    source: str
    data_date: date | None = None


class ListRef(ReportModel):
    """An official list file given for the assessment (``--list``)."""

    name: str
    """The file's name (not its path, so that reports do not depend on where it was kept)."""
    format: str
    entries: int
    digest: str
    """``sha256:`` of every file read for it (an OFAC primary pulls in its sibling files)."""
    list_date: date | None = None
    """The list's date: see ``date_source``."""
    date_source: str | None = None
    """Where ``list_date`` came from: ``fetched`` (the record ``riskkit lists fetch`` keeps
    with the file), ``file`` (a date the file gives, like the UN's ``dateGenerated``) or
    ``modified`` (the file's modification time: no better date was known)."""
    age_days: int | None = None
    """Days from ``list_date`` to the assessment's as-of date."""
    stale: bool = False
    """True when ``age_days`` is more than the report's ``max_list_age_days``: the list may
    miss recent listings; fetch a current copy."""


class Provenance(ReportModel):
    riskkit_version: str
    packs: tuple[PackRef, ...]
    lists: tuple[ListRef, ...] = ()
    """Official list files screened against, when any were given."""
    max_list_age_days: int | None = None
    """A list older than this many days on the as-of date is flagged ``stale`` (given when
    lists were)."""
    procurement_digest: str
    """``sha256:`` of the procurement's canonical JSON, whatever file format it came in."""
    as_of: date
    term_start: date | None
    term_end: date | None
    """The contract term, None when the procurement does not give it: only the as-of date
    was then checked."""
    scoring: dict[str, float]


class Scores(ReportModel):
    inherent: float
    """0 to 100: the findings' combined risk before mitigations."""
    residual: float
    """0 to 100: after declared mitigations."""
    max_inherent: int
    max_residual: int
    findings: int
    binding: int
    upcoming: int
    waived: int = 0
    """Active findings covered by a waiver in force; they still count in the scores above."""


class PlaceCoverage(ReportModel):
    """A place the deployment is used in, and how many rules speak to it."""

    place: str
    """The buyer's jurisdiction or a site's (``MX``, ``US-OR:Portland``)."""
    where: str
    """``buyer``, or the site (``sites[downtown]``)."""
    rules: int
    """Rules in force on the as-of date or later in the term whose scope takes the place in;
    0 means riskkit has no rule for the place, which is never read as safe."""


class Coverage(ReportModel):
    rules_loaded: int
    rules_in_scope: int
    """Rules whose scope takes in a place the deployment touches (docs/rule-packs.md)."""
    rules_in_force: int
    """Of those, rules in force on the as-of date or at some point in the term."""
    rules_applicable: int
    """Rules that produced at least one finding."""
    rules_unknown: int
    """Rules that could not be decided for some subject for want of facts."""
    places: tuple[PlaceCoverage, ...] = ()
    """The buyer's place and each site's, with the rules that take each in."""
    uncovered: tuple[str, ...] = ()
    """Places of use that no rule in force takes in: riskkit cannot say what their law
    requires, so a deployment there is never ``acceptable`` (``no_rules_in_scope`` at best)."""


class WaiverRecord(ReportModel):
    """One waiver from the waivers file and what it did in this assessment."""

    id: str
    rule_id: str
    subject: str | None = None
    fingerprint: str | None = None
    approver: str
    justification: str
    expires: date
    state: Literal["applied", "expired", "refused", "unmatched"]
    """What happened to it; ``unmatched`` when it names no finding of this report."""
    findings: tuple[str, ...] = ()
    """Fingerprints of the findings it names."""
    note: str = ""


class WaiverSummary(ReportModel):
    """The waivers file applied to the report, counted by what happened to each waiver."""

    source: str
    digest: str
    """``sha256:`` of the waivers file as read."""
    applied: int
    expired: int
    refused: int
    unmatched: int
    waivers: tuple[WaiverRecord, ...]


class Report(ReportModel):
    """An assessment of one procurement, reproducible from its provenance."""

    schema_version: Literal[1] = 1
    procurement_id: str
    title: str
    buyer: str
    verdict: Verdict
    """On the as-of date."""
    term_verdict: Verdict
    """The worst verdict on any day from the as-of date to the end of the contract term,
    given the rules known today (days of the term before the as-of date are not looked at)."""
    verdict_reasons: tuple[str, ...]
    scores: Scores
    findings: tuple[Finding, ...]
    unknowns: tuple[Unknown, ...]
    coverage: Coverage
    provenance: Provenance
    waivers: WaiverSummary | None = None
    """The waivers applied, when a waivers file was given."""
    vector: str = ""
    """The report's score vector: what its scores and verdict derive from (docs/scoring.md)."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    def to_records(self) -> list[Record]:
        """One flat, JSON-safe dict per finding, for a table or a DataFrame (see
        :mod:`riskkit.report.records`)."""
        return flat_records(self)

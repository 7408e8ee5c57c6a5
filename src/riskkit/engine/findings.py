"""Findings and unknowns of the report, built from the kinds' hits: scored, fingerprinted, with
their evidence listed.

Most of what a finding says is its rule's and is read from the rule once (``RuleFacts``); its
evidence items are made once per assessment and shared between findings.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal, NamedTuple

from riskkit._support.identity_cache import IdentityCache
from riskkit.engine.assemble import assemble
from riskkit.engine.timeline import Timed
from riskkit.kinds import CompiledRule, Evidence, Hit
from riskkit.model.rule import Citation
from riskkit.model.vocabulary import OUTCOME_ORDER, weaker
from riskkit.report import EvidenceItem, Finding, Unknown, fingerprint_text
from riskkit.report.scoring import ScoringConfig, impact_of, residual_likelihood
from riskkit.report.vector import FindingVectors, rule_part


class RuleFacts(NamedTuple):
    """What every finding of a loaded rule shares, read from the rule once rather than for
    each finding (a pydantic field read costs three times a tuple's)."""

    rule_id: str
    title: str
    kind: str
    pack: str
    pack_version: str
    severity: str
    impact: int
    confidence: str
    mitigated_by: frozenset[str]
    citations: tuple[Citation, ...]
    remediation: tuple[str, ...]
    notes: str | None
    fingerprint_head: str
    """``rule id NUL pack version NUL``, how every fingerprint of the rule begins."""
    vector_part: str
    """The rule's ``vector.rule_part``."""

    @staticmethod
    def of(rule: CompiledRule) -> RuleFacts:
        r, pack = rule.rule, rule.pack
        return RuleFacts(
            rule_id=r.id,
            title=r.title,
            kind=r.kind,
            pack=pack.id,
            pack_version=pack.version,
            severity=r.severity,
            impact=impact_of(r.severity),
            confidence=r.confidence,
            mitigated_by=frozenset(r.mitigated_by),
            citations=r.citations,
            remediation=r.remediation,
            notes=r.notes,
            fingerprint_head=f"{r.id}\0{pack.version}\0",
            vector_part=rule_part(pack.id, pack.version, r.id),
        )


Mitigations = list[tuple[str, tuple[str, ...]]]
"""Declared mitigations: the kind of each, and the ids it applies to (empty for everything)."""

rule_facts = IdentityCache(RuleFacts.of)
"""Kept per loaded rule."""


def fingerprint_text_of(facts: RuleFacts, hit: Hit) -> bytes:
    """What the finding's fingerprint hashes (``report.fingerprint_text``), over the evidence
    the finding lists."""
    return fingerprint_text(facts.fingerprint_head, hit.subject, listed(hit.evidence))


def fingerprints(texts: list[bytes]) -> list[str]:
    """The fingerprints of an assessment's findings, hashed one after the other: a SHA-256
    call costs about three times as much when the hash code has gone cold in the CPU's caches
    (between rules) as when it runs again straight away."""
    sha256 = hashlib.sha256
    return [sha256(text).hexdigest()[:16] for text in texts]


def applied(mitigations: Mitigations, hit: Hit) -> tuple[str, ...]:
    """The kinds of the mitigations that cover the hit, sorted."""
    if not mitigations:
        return ()
    return tuple(
        sorted(
            {
                kind
                for kind, applies_to in mitigations
                if not applies_to or hit.concerns.intersection(applies_to)
            }
        )
    )


def finding(
    facts: RuleFacts,
    timed: Timed,
    fingerprint: str,
    mitigations: Mitigations,
    config: ScoringConfig,
    vectors: FindingVectors,
    evidence: EvidenceItems,
    subjects: tuple[str, ...],
) -> Finding:
    """One finding, its score vector included; ``mitigations`` are those of the procurement
    that the rule names in ``mitigated_by``."""
    hit = timed.hit
    mitigated = applied(mitigations, hit)
    impact = facts.impact
    likelihood = hit.likelihood
    residual = residual_likelihood(likelihood, len(mitigated), config)
    status: Literal["active", "upcoming"] = "upcoming" if timed.upcoming else "active"
    outcome = hit.outcome
    assert outcome != "unknown"  # unknown hits are reported as unknowns, never as findings
    binding = hit.binding
    return assemble(
        Finding,
        {
            "fingerprint": fingerprint,
            "rule_id": facts.rule_id,
            "rule_title": facts.title,
            "kind": facts.kind,
            "pack": facts.pack,
            "pack_version": facts.pack_version,
            "outcome": outcome,
            "severity": facts.severity,
            "binding": binding,
            "status": status,
            "applies_from": timed.start,
            "applies_until": timed.until,
            "subject": hit.subject,
            "subjects": subjects,
            "likelihood": likelihood,
            "impact": impact,
            "inherent_score": likelihood * impact,
            "residual_likelihood": residual,
            "residual_score": residual * impact,
            "confidence": weaker(facts.confidence, hit.confidence),
            "mitigations_applied": mitigated,
            "exception": hit.exception,
            "explanation": hit.explanation,
            "evidence": evidence.of(hit.evidence),
            "citations": facts.citations,
            "remediation": facts.remediation,
            "notes": facts.notes,
            "waiver": None,
            "vector": vectors.vector(
                facts.vector_part,
                status,
                outcome,
                binding,
                facts.severity,
                likelihood,
                impact,
                len(mitigated),
                residual,
                likelihood * impact,
                residual * impact,
            ),
        },
    )


class EvidenceItems(dict[Evidence, EvidenceItem]):
    """Report evidence items, made once per assessment: findings share most of their evidence
    (the same maker, the same ownership link), and the items are immutable."""

    def __missing__(self, e: Evidence) -> EvidenceItem:
        item = self[e] = assemble(EvidenceItem, {"path": e.path, "value": e.value, "note": e.note})
        return item

    def of(self, evidence: tuple[Evidence, ...]) -> tuple[EvidenceItem, ...]:
        return tuple(map(self.__getitem__, listed(evidence)))


MAX_EVIDENCE = 50
"""Evidence items a finding or unknown lists; past them, one item counts the rest. A party that
reaches 70,000 cameras is bound the same way through each: listing every route would make the
report grow with the square of the deployment (one party finding per law, each naming every
camera). The fingerprint hashes what is listed, so it can be re-derived from the report."""


def listed(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The evidence a finding lists: all of it, or the first ``MAX_EVIDENCE`` items and one
    that counts the rest."""
    if len(evidence) <= MAX_EVIDENCE:
        return evidence
    left = evidence[MAX_EVIDENCE:]
    paths = sorted({e.path.split("[", 1)[0].split(".", 1)[0] for e in left})
    more = Evidence(
        "evidence",
        f"{len(left)} more",
        f"{len(left)} further facts ({', '.join(paths)}) like those above, "
        f"not listed; the first {MAX_EVIDENCE} are",
    )
    return (*evidence[:MAX_EVIDENCE], more)


def unknown(
    rule_id: str | None,
    subject: str,
    explanation: str,
    evidence: tuple[EvidenceItem, ...] = (),
    upcoming_from: date | None = None,
) -> Unknown:
    """An unknown of the report: a rule's (``rule_id``), or a deciding fact missing from the
    input (no rule id)."""
    return assemble(
        Unknown,
        {
            "rule_id": rule_id,
            "subject": subject,
            "explanation": explanation,
            "evidence": evidence,
            "upcoming_from": upcoming_from,
        },
    )


def finding_order(f: Finding) -> tuple[int, int, int, str, str]:
    """Active findings first, then the worst outcome, the highest residual score, rule and
    subject."""
    return (
        0 if f.status == "active" else 1,
        -OUTCOME_ORDER[f.outcome],
        -f.residual_score,
        f.rule_id,
        f.subject,
    )


def unknown_order(u: Unknown) -> tuple[str, str]:
    """Unknowns by rule (missing facts, with no rule, first), then subject."""
    return u.rule_id or "", u.subject

"""Score vectors: a short string per finding and per report recording what its score derives from.

In the spirit of a CVSS vector: ``/``-separated ``KEY:value`` metrics after a version prefix, so
an auditor can re-derive every number from the vector alone. The grammar is documented in
docs/scoring.md, section "Score vector"; :func:`rederive_finding` and :func:`rederive_report`
are the reference re-derivations.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from itertools import repeat
from urllib.parse import quote, unquote

import attr

from riskkit.model.vocabulary import SEVERITY_IMPACT
from riskkit.report import Finding, Provenance, Report, Scores
from riskkit.report.scoring import ScoringConfig, combined, residual_likelihood

PREFIX = "RKV:1"
"""The grammar's name and version; a change to the grammar bumps the number."""

OUTCOME_CODES = {
    "prohibited": "P",
    "prohibited_unless_exception": "X",
    "restricted": "R",
    "elevated": "E",
    "info": "I",
}
SEVERITY_CODES = {"info": "I", "low": "L", "medium": "M", "high": "H", "critical": "C"}
VERDICT_CODES = {
    "prohibited": "P",
    "prohibited_unless_exception": "X",
    "restricted": "R",
    "elevated_risk": "E",
    "needs_review": "N",
    "no_rules_in_scope": "O",
    "acceptable": "A",
}
WAIVER_CODES = {"applied": "A", "expired": "E", "refused": "R"}
_SEVERITY_BY_CODE = {v: k for k, v in SEVERITY_CODES.items()}


@functools.lru_cache(maxsize=4096)
def _q(text: str) -> str:
    """Percent-encode everything that could be read as part of the grammar."""
    # Pure and asked for the same pack, version and rule ids in every report.
    return quote(text, safe="._-~+")


def _day(day: date | None) -> str:
    """A day of the term, ``?`` when the term is unknown."""
    return day.isoformat() if day is not None else "?"


def config_from(provenance: Provenance) -> ScoringConfig:
    """The scoring weights a report was computed with, from its provenance."""
    fields = {k: int(v) for k, v in provenance.scoring.items()}
    return ScoringConfig(**fields)


def finding_vector(finding: Finding, as_of: date, config: ScoringConfig) -> str:
    """``RKV:1/AO:…/PK:pack@version/R:rule/ST:A/O:P/B:Y/S:C/L:4/I:5/M:0/MS:1/MM:2/RL:4/IS:20/RS:20``."""
    f = finding
    vector = FindingVectors.of(as_of, config).vector(
        rule_part(f.pack, f.pack_version, f.rule_id),
        f.status,
        f.outcome,
        f.binding,
        f.severity,
        f.likelihood,
        f.impact,
        len(f.mitigations_applied),
        f.residual_likelihood,
        f.inherent_score,
        f.residual_score,
    )
    if f.waiver is not None:
        vector += f"/W:{WAIVER_CODES[f.waiver.state]}"
    return vector


@functools.lru_cache(maxsize=4096)
def rule_part(pack: str, pack_version: str, rule_id: str) -> str:
    """``/PK:pack@version/R:rule``: the part of a finding vector that names its rule."""
    return f"/PK:{_q(pack)}@{_q(pack_version)}/R:{_q(rule_id)}"


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class FindingVectors:
    """Writes the vectors of one assessment's findings without a waiver. What they all share,
    the as-of date and the scoring weights, is formatted once; each rule's part comes from
    ``rule_part``. This is the one place the finding grammar is written."""

    head: str
    weights: str

    @staticmethod
    def of(as_of: date, config: ScoringConfig) -> FindingVectors:
        return FindingVectors(
            f"{PREFIX}/AO:{as_of.isoformat()}",
            f"/MS:{config.mitigation_step}/MM:{config.max_mitigation}",
        )

    def vector(
        self,
        rule: str,
        status: str,
        outcome: str,
        binding: bool,
        severity: str,
        likelihood: int,
        impact: int,
        mitigations: int,
        residual_likelihood: int,
        inherent_score: int,
        residual_score: int,
    ) -> str:
        """The vector; ``rule`` is the rule's ``rule_part``."""
        return (
            f"{self.head}{rule}/ST:{'A' if status == 'active' else 'U'}"
            f"/O:{OUTCOME_CODES[outcome]}/B:{'Y' if binding else 'N'}/S:{SEVERITY_CODES[severity]}"
            f"/L:{likelihood}/I:{impact}/M:{mitigations}{self.weights}"
            f"/RL:{residual_likelihood}/IS:{inherent_score}/RS:{residual_score}"
        )


def _scores(values: Iterable[int]) -> str:
    ordered = sorted(values, reverse=True)
    return ",".join(str(v) for v in ordered) if ordered else "-"


def report_vector(report: Report, config: ScoringConfig) -> str:
    """``RKV:1/AO:…/T:start..end/PK:…/MS:1/MM:2/ET:6/IS:…/RS:…/SI:…/SR:…/N:…/…/V:P/TV:P``."""
    return report_vector_of(
        provenance=report.provenance,
        scores=report.scores,
        findings=report.findings,
        unknowns=len(report.unknowns),
        verdict=report.verdict,
        term_verdict=report.term_verdict,
        config=config,
    )


def report_vector_of(
    *,
    provenance: Provenance,
    scores: Scores,
    findings: Iterable[Finding],
    unknowns: int,
    verdict: str,
    term_verdict: str,
    config: ScoringConfig,
) -> str:
    """The vector of a report from its parts (the engine has them before the report exists)."""
    p = provenance
    s = scores
    active = [f for f in findings if f.status == "active"]
    packs = ",".join(f"{_q(pack.id)}@{_q(pack.version)}" for pack in p.packs) or "-"
    return "/".join(
        [
            PREFIX,
            f"AO:{p.as_of.isoformat()}",
            f"T:{_day(p.term_start)}..{_day(p.term_end)}",
            f"PK:{packs}",
            f"MS:{config.mitigation_step}",
            f"MM:{config.max_mitigation}",
            f"ET:{config.elevated_threshold}",
            f"IS:{_scores(s for f in active for s in repeat(f.inherent_score, f.weight))}",
            f"RS:{_scores(s for f in active for s in repeat(f.residual_score, f.weight))}",
            f"SI:{s.inherent}",
            f"SR:{s.residual}",
            f"N:{s.findings}",
            f"B:{s.binding}",
            f"U:{s.upcoming}",
            f"W:{s.waived}",
            f"Q:{unknowns}",
            f"V:{VERDICT_CODES[verdict]}",
            f"TV:{VERDICT_CODES[term_verdict]}",
        ]
    )


def with_vectors(report: Report, config: ScoringConfig | None = None) -> Report:
    """The report with the score vector of each finding and of the report filled in."""
    config = config or config_from(report.provenance)
    as_of = report.provenance.as_of
    findings = tuple(
        f.model_copy(update={"vector": finding_vector(f, as_of, config)}) for f in report.findings
    )
    updated = report.model_copy(update={"findings": findings})
    return updated.model_copy(update={"vector": report_vector(updated, config)})


def parse_vector(text: str) -> dict[str, str]:
    """The metrics of a vector, decoded; ValueError naming what is wrong when it is malformed."""
    head, sep, rest = text.strip().partition("/")
    if head != PREFIX:
        raise ValueError(f"a score vector starts with {PREFIX!r}, not {head!r}")
    metrics: dict[str, str] = {}
    for part in rest.split("/") if sep else []:
        key, colon, value = part.partition(":")
        if not colon or not key or not value:
            raise ValueError(f"malformed metric {part!r}; expected KEY:value")
        if key in metrics:
            raise ValueError(f"metric {key!r} appears twice")
        metrics[key] = unquote(value)
    return metrics


def _int(metrics: dict[str, str], key: str) -> int:
    try:
        return int(metrics[key])
    except KeyError:
        raise ValueError(f"the vector has no {key!r} metric") from None
    except ValueError:
        raise ValueError(f"metric {key!r} is not a whole number: {metrics[key]!r}") from None


def rederive_finding(vector: str) -> tuple[int, int]:
    """(inherent, residual) score of a finding, computed from its vector's inputs alone.

    Uses L, S (impact from severity), M, MS and MM; the vector's own IS and RS are not read, so
    comparing the result with them checks the vector.
    """
    m = parse_vector(vector)
    likelihood = _int(m, "L")
    severity = _SEVERITY_BY_CODE.get(m.get("S", ""))
    if severity is None:
        raise ValueError(f"metric 'S' must be one of {sorted(_SEVERITY_BY_CODE)}")
    impact = SEVERITY_IMPACT[severity]
    config = ScoringConfig(mitigation_step=_int(m, "MS"), max_mitigation=_int(m, "MM"))
    residual = residual_likelihood(likelihood, _int(m, "M"), config)
    return likelihood * impact, residual * impact


def rederive_report(vector: str) -> tuple[float, float]:
    """(inherent, residual) combined score of a report, from the active findings' scores in IS
    and RS; compare with the vector's SI and SR."""
    m = parse_vector(vector)

    def scores(key: str) -> list[int]:
        raw = m.get(key)
        if raw is None:
            raise ValueError(f"the vector has no {key!r} metric")
        return [] if raw == "-" else [int(x) for x in raw.split(",")]

    return combined(scores("IS")), combined(scores("RS"))

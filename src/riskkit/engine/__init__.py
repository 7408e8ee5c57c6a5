"""The engine: evaluate every rule in scope over the as-of date and the contract term.

Pure and deterministic: the same procurement, rule set, date and scoring config give the same
report, byte for byte. A rule is evaluated on the as-of date and again on each day inside the
term on which its result may change (its window's edges, listing dates), which is how upcoming
findings and findings that stop applying are found.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from itertools import repeat
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from riskkit._support.dates import day_after
from riskkit._support.identity_cache import IdentityCache
from riskkit._version import __version__
from riskkit.kinds import CompiledRule, Evidence, Hit, Missing
from riskkit.kinds.context import Context
from riskkit.model import Procurement
from riskkit.model.rule import Citation
from riskkit.model.vocabulary import OUTCOME_ORDER, weaker
from riskkit.packs import RuleSet, Schedule, curated_change_days
from riskkit.report import (
    Coverage,
    EvidenceItem,
    Finding,
    PackRef,
    PlaceCoverage,
    Provenance,
    Report,
    ReportModel,
    Scores,
    Unknown,
    fingerprint_text,
)
from riskkit.report.scoring import ScoringConfig, combined, impact_of, residual_likelihood, verdict
from riskkit.report.vector import FindingVectors, report_vector_of, rule_part

if TYPE_CHECKING:
    from riskkit.packs.lists import ListSet

_DAY = timedelta(days=1)


M = TypeVar("M", bound=ReportModel)
_new = object.__new__
_set = object.__setattr__
"""Bound once for ``assemble``: looking up ``cls.__new__`` (through pydantic's model metaclass)
and ``object.__setattr__`` on every call made it cost twice as much."""


def assemble(cls: type[M], values: dict[str, Any]) -> M:
    """A report model from values the engine computed itself, without validating them again.

    ``values`` gives every field, already of its declared type (nested models as instances).
    The engine is the only caller: validating its own output would cost more than evaluating
    the rules (about 20 µs a finding). This is what ``model_construct`` does, less its handling
    of aliases and defaults; tests check that assembled reports equal their validated JSON
    round trip, field for field.
    """
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


class _Timed(NamedTuple):
    hit: Hit
    start: date
    until: date | None
    upcoming: bool


def _same_result(a: Hit, b: Hit) -> bool:
    return (a.outcome, a.binding, a.exception) == (b.outcome, b.binding, b.exception)


def _timeline(rule: CompiledRule, ctx: Context, later: tuple[date, ...]) -> list[_Timed]:
    """Each subject's hit with the span of days it holds, from the as-of date on.

    The rule is evaluated on the as-of date and again on each of the ``later`` days, those on
    which its result may change: its own change dates, and the input's (an authorisation or an
    ownership link starting or ending). A subject whose outcome changes gets a new span.
    """
    if not later:
        # Most rules are evaluated on the as-of date alone, and find nothing; a subject's hit
        # holds to the end of the rule's window. Such a rule is in force on the as-of date: the
        # schedule keeps rules in force on some day of the span, and a rule that starts later
        # has its first day among the later days.
        first: dict[str, Hit] = {}
        for hit in rule.kind.evaluate(rule, ctx):
            first.setdefault(hit.subject, hit)
        if not first:
            return []
        window = rule.rule.effective
        return [
            _Timed(hit, max(window.start, hit.since or window.start), window.until, False)
            for _, hit in sorted(first.items())
        ]
    as_of = ctx.day
    window = rule.rule.effective
    timeline: list[_Timed] = []
    open_: dict[str, tuple[Hit, date, bool]] = {}
    for day in (as_of, *later):
        current: dict[str, Hit] = {}
        if window.contains(day):
            for hit in rule.kind.evaluate(rule, ctx if day == as_of else ctx.on(day)):
                current.setdefault(hit.subject, hit)
        for subject in sorted(open_):
            if subject not in current or not _same_result(open_[subject][0], current[subject]):
                hit, start, upcoming = open_.pop(subject)
                timeline.append(_Timed(hit, start, day - _DAY, upcoming))
        for subject, hit in current.items():
            if subject not in open_:
                start = day if day > as_of else max(window.start, hit.since or window.start)
                open_[subject] = (hit, start, day > as_of)
    for subject in sorted(open_):
        hit, start, upcoming = open_[subject]
        timeline.append(_Timed(hit, start, window.until, upcoming))
    return timeline


class _RuleFacts(NamedTuple):
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
    def of(rule: CompiledRule) -> _RuleFacts:
        r, pack = rule.rule, rule.pack
        return _RuleFacts(
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


_Mitigations = list[tuple[str, tuple[str, ...]]]
"""Declared mitigations: the kind of each, and the ids it applies to (empty for everything)."""

rule_facts = IdentityCache(_RuleFacts.of)
"""Kept per loaded rule."""


def _fingerprint_text(facts: _RuleFacts, hit: Hit) -> bytes:
    """What the finding's fingerprint hashes (``report.fingerprint_text``), over the evidence
    the finding lists."""
    return fingerprint_text(facts.fingerprint_head, hit.subject, listed(hit.evidence))


def _fingerprints(texts: list[bytes]) -> list[str]:
    """The fingerprints of an assessment's findings, hashed one after the other: a SHA-256
    call costs about three times as much when the hash code has gone cold in the CPU's caches
    (between rules) as when it runs again straight away."""
    sha256 = hashlib.sha256
    return [sha256(text).hexdigest()[:16] for text in texts]


def _applied(mitigations: _Mitigations, hit: Hit) -> tuple[str, ...]:
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


_SUBJECT = "\0subject\0"
"""Stands for the subject in a finding's template (no input text holds a NUL here)."""
_Fired = tuple[_RuleFacts, _Mitigations, _Timed]


def _template(facts: _RuleFacts, mitigating: _Mitigations, timed: _Timed) -> tuple[Any, ...] | None:
    """What a finding says with its subject left out, for grouping the findings of one rule
    on many subjects; None when the finding cannot be told apart from its subject exactly.

    The subject (``components[cam-1]``) is taken out of the evidence paths, its id out of
    evidence values equal to it, and the quoted id (``'cam-1'``) out of the explanation. Two
    findings with equal templates differ only in the subject they name, so one stands for
    both; each substitution is checked to give the finding's own text back.
    """
    hit = timed.hit
    subject = hit.subject
    bracket = subject.find("[")
    if bracket <= 0 or not subject.endswith("]"):
        return None
    sid = subject[bracket + 1 : -1]
    quoted = f"'{sid}'"
    explanation = hit.explanation.replace(quoted, _SUBJECT)
    if explanation.replace(_SUBJECT, quoted) != hit.explanation or _SUBJECT in hit.explanation:
        return None
    evidence = []
    for e in hit.evidence:
        path = e.path.replace(subject, _SUBJECT)
        value = _SUBJECT if e.value == sid else e.value
        if _SUBJECT in e.path or _SUBJECT in e.value:
            return None
        evidence.append((path, value, e.note))
    return (
        facts.rule_id,
        subject[:bracket],
        timed.start,
        timed.until,
        timed.upcoming,
        hit.outcome,
        hit.binding,
        hit.exception,
        hit.likelihood,
        hit.confidence,
        _applied(mitigating, hit),
        explanation,
        tuple(evidence),
    )


class _Groups:
    """Findings grouped as they are found: the first of each group with the subjects of the
    group, so that the hits of the others are freed at once (a city's cameras give a hit per
    camera and rule)."""

    def __init__(self) -> None:
        self._groups: dict[object, tuple[_Fired, list[str]]] = {}

    def add(self, entry: _Fired) -> None:
        template = _template(*entry)
        key: object = object() if template is None else template
        group = self._groups.get(key)
        if group is None:
            self._groups[key] = (entry, [entry[2].hit.subject])
        else:
            group[1].append(entry[2].hit.subject)

    def items(self) -> list[tuple[_Fired, tuple[str, ...]]]:
        """Each group's first finding and its subjects, in first-seen order."""
        return [(entry, tuple(subjects)) for entry, subjects in self._groups.values()]


def _finding(
    facts: _RuleFacts,
    timed: _Timed,
    fingerprint: str,
    mitigations: _Mitigations,
    config: ScoringConfig,
    vectors: FindingVectors,
    evidence: _EvidenceItems,
    subjects: tuple[str, ...],
) -> Finding:
    """One finding, its score vector included; ``mitigations`` are those of the procurement
    that the rule names in ``mitigated_by``."""
    hit = timed.hit
    applied = _applied(mitigations, hit)
    impact = facts.impact
    likelihood = hit.likelihood
    residual = residual_likelihood(likelihood, len(applied), config)
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
            "mitigations_applied": applied,
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
                len(applied),
                residual,
                likelihood * impact,
                residual * impact,
            ),
        },
    )


class _EvidenceItems(dict[Evidence, EvidenceItem]):
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


def _unknown(
    rule_id: str | None,
    subject: str,
    explanation: str,
    evidence: tuple[EvidenceItem, ...] = (),
    upcoming_from: date | None = None,
) -> Unknown:
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


def _sort_key(f: Finding) -> tuple[int, int, int, str, str]:
    return (
        0 if f.status == "active" else 1,
        -OUTCOME_ORDER[f.outcome],
        -f.residual_score,
        f.rule_id,
        f.subject,
    )


def _by_start(rule: CompiledRule) -> tuple[date, str]:
    """A rule's first day in force, then its id: the order later rules are asked in."""
    return rule.rule.effective.start, rule.id


def _completeness(
    p: Procurement,
    rules: RuleSet,
    schedule: Schedule,
    ctx: Context,
    evidence: _EvidenceItems,
) -> Iterator[Unknown]:
    """Deciding facts missing from the input: a component's maker, which every list and ban on
    makers reads, then what each kind of the loaded rules says it reads (``prerequisites``),
    each subject and fact once, in kind name order. What the rules in force on the as-of date
    read is open on that day; what only a rule taking effect later reads is upcoming from the
    day it takes effect (the earliest such rule first)."""
    for comp in p.components:
        if comp.manufacturer is None and comp.brand is None:
            yield _unknown(
                None,
                f"components[{comp.id}]",
                "neither manufacturer nor brand is given, so no list or ban on the maker can "
                "be checked",
            )
    in_scope: dict[str, list[CompiledRule]] = {}
    later: dict[str, list[CompiledRule]] = {}
    for rule, _ in schedule:
        starts = rule.rule.effective.start
        (later if starts > ctx.day else in_scope).setdefault(rule.rule.kind, []).append(rule)
    seen: set[tuple[str, str]] = set()
    for name, loaded in rules_by_kind(rules):
        needs = getattr(loaded[0].kind, "prerequisites", None)
        if needs is None:
            continue
        groups: list[tuple[date | None, Sequence[CompiledRule]]] = [(None, in_scope.get(name, ()))]
        groups += [
            (r.rule.effective.start, (r,)) for r in sorted(later.get(name, ()), key=_by_start)
        ]
        for upcoming_from, group in groups:
            if upcoming_from is not None and not group:
                continue
            for missing in needs(loaded, group, ctx):
                assert isinstance(missing, Missing)
                key = (missing.subject, missing.fact)
                if key not in seen:
                    seen.add(key)
                    yield _unknown(
                        None,
                        missing.subject,
                        missing.explanation,
                        evidence.of(missing.evidence),
                        upcoming_from,
                    )


def _rules_by_kind(rules: RuleSet) -> tuple[tuple[str, tuple[CompiledRule, ...]], ...]:
    found: dict[str, list[CompiledRule]] = {}
    for rule in rules.rules:
        found.setdefault(rule.rule.kind, []).append(rule)
    return tuple((name, tuple(found[name])) for name in sorted(found))


rules_by_kind = IdentityCache(_rules_by_kind)
"""A rule set's loaded rules by kind, in kind name order (once per loaded rule set)."""


def _places_of_use(p: Procurement) -> list[tuple[str, str]]:
    """Where the deployment is used, each with what puts it there: the buyer, then the sites."""
    return [("buyer", p.buyer.jurisdiction)] + [
        (f"sites[{site.id}]", site.jurisdiction) for site in p.sites
    ]


def _place_coverage(p: Procurement, schedule: Schedule, ctx: Context) -> list[PlaceCoverage]:
    """How many scheduled rules take in each place of use, on the as-of date."""
    counts: dict[str, int] = {}
    places = []
    for where, place in _places_of_use(p):
        if place not in counts:
            counts[place] = sum(1 for rule, _ in schedule if ctx.within(rule.rule.scope, place))
        places.append(
            assemble(PlaceCoverage, {"place": place, "where": where, "rules": counts[place]})
        )
    return places


def _change_days(p: Procurement) -> frozenset[date]:
    days: set[date] = set()
    dated = [(a.valid_from, a.valid_until) for a in p.authorisations]
    dated += [(o.valid_from, o.valid_until) for party in p.parties for o in party.owners]
    for start, until in dated:
        if start is not None:
            days.add(start)
        after = day_after(until) if until is not None else None
        if after is not None:
            days.add(after)
    return frozenset(days)


change_days = IdentityCache(_change_days)
"""Days on which a fact of the procurement itself starts or stops holding."""


def _digest(p: Procurement) -> str:
    canonical = p.model_dump_json(by_alias=True, exclude_defaults=False)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


procurement_digest = IdentityCache(_digest)
"""``sha256:`` of the procurement's canonical JSON (computed once per procurement object)."""


def _pack_refs(rules: RuleSet) -> tuple[PackRef, ...]:
    return tuple(
        PackRef(
            id=p.info.id,
            version=p.info.version,
            digest=p.digest,
            source=p.source,
            data_date=p.info.data_date,
        )
        for p in sorted(rules.packs, key=lambda p: p.info.id)
    )


pack_refs = IdentityCache(_pack_refs)
"""The report's references to a rule set's packs (computed once per loaded rule set)."""


def evaluate(
    procurement: Procurement,
    rules: RuleSet,
    as_of: date,
    config: ScoringConfig | None = None,
    lists: ListSet | None = None,
) -> Report:
    """Assess ``procurement`` on ``as_of`` and over its term against ``rules``."""
    # The cycle collector is paused while a procurement is assessed: each of its full passes
    # walks every object alive, so on a large input (70,000 components) it took more than half
    # the time, growing faster than the input. The assessment drops what could form cycles
    # itself (the context's memo), and collection resumes as before when it returns.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(procurement, rules, as_of, config, lists)
    finally:
        if collecting:
            gc.enable()


def _evaluate(
    procurement: Procurement,
    rules: RuleSet,
    as_of: date,
    config: ScoringConfig | None,
    lists: ListSet | None,
) -> Report:
    config = config or ScoringConfig()
    term = procurement.term
    horizon = max(term.end, as_of)
    ctx = Context.build(
        procurement, as_of, rules.entities, lists.screener if lists is not None else None
    )
    candidates = rules.candidates(procurement)
    schedule = rules.schedule(procurement, as_of, horizon)
    input_days = sorted(
        d
        for d in change_days(procurement) | curated_change_days(procurement, rules.entities)
        if as_of < d <= horizon
    )
    evidence = _EvidenceItems()
    unknowns: list[Unknown] = list(_completeness(procurement, rules, schedule, ctx, evidence))
    vectors = FindingVectors.of(as_of, config)
    declared = [(m.kind, m.applies_to) for m in procurement.mitigations]
    mitigating: _Mitigations = []
    applicable = 0
    unknown_rules: set[str] = set()
    # Every rule is evaluated first and the findings are built after, in one pass.
    groups = _Groups()
    for rule, later in schedule:
        if input_days:
            later = tuple(sorted({*later, *input_days}))
        facts = None
        for timed in _timeline(rule, ctx, later):
            hit = timed.hit
            if hit.outcome == "unknown":
                unknown_rules.add(rule.id)
                unknowns.append(
                    _unknown(
                        rule.id,
                        hit.subject,
                        hit.explanation,
                        evidence.of(hit.evidence),
                        timed.start if timed.upcoming else None,
                    )
                )
                continue
            if facts is None:
                facts = rule_facts(rule)
                mitigating = [m for m in declared if m[0] in facts.mitigated_by] if declared else []
            groups.add((facts, mitigating, timed))
        applicable += facts is not None
    # What the kinds kept for the assessment may refer back to the context (a table holding
    # it, a closure over it): dropped now, it is freed at once, not left for the cycle
    # collector, which otherwise took up to a third of the time of a run of assessments.
    ctx.memo.clear()
    # Findings of one rule on many subjects that differ only in the subject make one finding
    # with the list of subjects; its fingerprint is its first subject's.
    grouped = groups.items()
    del groups
    texts = [_fingerprint_text(facts, timed.hit) for (facts, _, timed), _ in grouped]
    findings = [
        _finding(facts, timed, fingerprint, mitigating, config, vectors, evidence, subjects)
        for ((facts, mitigating, timed), subjects), fingerprint in zip(
            grouped, _fingerprints(texts), strict=True
        )
    ]
    del grouped, texts
    findings.sort(key=_sort_key)
    unknowns.sort(key=lambda u: (u.rule_id or "", u.subject))
    active = [f for f in findings if f.status == "active"]
    places = _place_coverage(procurement, schedule, ctx)
    uncovered = tuple(sorted({c.place for c in places if not c.rules}))
    open_now = sum(u.upcoming_from is None for u in unknowns)
    as_of_verdict, reasons = verdict(active, open_now, config, uncovered)
    term_verdict, _ = verdict(findings, len(unknowns), config, uncovered)
    # Scores count every subject of a finding, as if each had its own.
    active_count = sum(f.weight for f in active)
    scores = assemble(
        Scores,
        {
            "inherent": combined(s for f in active for s in repeat(f.inherent_score, f.weight)),
            "residual": combined(s for f in active for s in repeat(f.residual_score, f.weight)),
            "max_inherent": max((f.inherent_score for f in active), default=0),
            "max_residual": max((f.residual_score for f in active), default=0),
            "findings": active_count,
            "binding": sum(f.weight for f in active if f.binding),
            "upcoming": sum(f.weight for f in findings) - active_count,
            "waived": 0,
        },
    )
    provenance = assemble(
        Provenance,
        {
            "riskkit_version": __version__,
            "packs": pack_refs(rules),
            "lists": lists.refs_on(as_of) if lists is not None else (),
            "max_list_age_days": lists.max_age_days if lists is not None else None,
            "procurement_digest": procurement_digest(procurement),
            "as_of": as_of,
            "term_start": term.start,
            "term_end": term.end,
            "scoring": config.as_dict(),
        },
    )
    coverage = assemble(
        Coverage,
        {
            "rules_loaded": len(rules.rules),
            "rules_in_scope": len(candidates),
            "rules_in_force": len(schedule),
            "rules_applicable": applicable,
            "rules_unknown": len(unknown_rules),
            "places": tuple(places),
            "uncovered": uncovered,
        },
    )
    vector = report_vector_of(
        provenance=provenance,
        scores=scores,
        findings=findings,
        unknowns=len(unknowns),
        verdict=as_of_verdict,
        term_verdict=term_verdict,
        config=config,
    )
    return assemble(
        Report,
        {
            "schema_version": 1,
            "procurement_id": procurement.id,
            "title": procurement.title,
            "buyer": procurement.buyer.name,
            "verdict": as_of_verdict,
            "term_verdict": term_verdict,
            "verdict_reasons": reasons,
            "scores": scores,
            "findings": tuple(findings),
            "unknowns": tuple(unknowns),
            "coverage": coverage,
            "provenance": provenance,
            "waivers": None,
            "vector": vector,
        },
    )

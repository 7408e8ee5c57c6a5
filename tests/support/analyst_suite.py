"""The analyst suite: dated cases in tests/analyst_cases/, each a procurement plus a ``[case]``
table with the verdict an analyst expects and the law that must appear among the findings.

Used by tests/test_analyst_cases.py (one test per case) and bench/analyst_agreement.py (the
agreement table).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from riskkit import assess
from riskkit.kinds.interface import CompiledRule
from riskkit.model import Procurement
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, load_packs
from riskkit.packs.lists import ListSet
from riskkit.report import Report
from tests.conftest import TESTS

CASES = TESTS / "analyst_cases"

VERDICTS = (
    "prohibited",
    "prohibited_unless_exception",
    "restricted",
    "elevated_risk",
    "needs_review",
    "no_rules_in_scope",
    "acceptable",
)
FAMILIES = (
    "listed_entity",
    "compelled_access",
    "conflict_of_laws",
    "data_transfer",
    "biometric_ban",
    "condition",
    "no_rules",
)


@dataclass(frozen=True)
class Case:
    """One analyst case: the procurement and what the analyst expects of it."""

    name: str
    path: Path
    procurement: Procurement
    as_of: date
    expected: str
    reasoning: str
    law: str
    citation_url: str
    citation_article: str
    family: str
    shapes: tuple[str, ...] = ()
    expected_term: str | None = None
    must_not_bind: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()
    expect_unknown: bool = False
    changed: str | None = None
    packs: tuple[Path, ...] = ()
    """Policy packs (the ``condition`` kind) loaded with the shipped ones for this case."""
    lists: tuple[Path, ...] = ()
    """Official list files (OFAC, CSL, DPL, UN formats) every party is screened against."""


@dataclass
class Outcome:
    """What riskkit said about a case and where it differs from the analyst."""

    case: Case
    verdict: str
    term_verdict: str
    problems: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.problems


def _load(path: Path) -> Case:
    doc: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = doc.pop("case")
    expected = meta["expected"]
    if expected not in VERDICTS:
        raise ValueError(f"{path.name}: case.expected {expected!r} is not one of {VERDICTS}")
    term = meta.get("expected_term")
    if term is not None and term not in VERDICTS:
        raise ValueError(f"{path.name}: case.expected_term {term!r} is not one of {VERDICTS}")
    if meta["family"] not in FAMILIES:
        raise ValueError(f"{path.name}: case.family {meta['family']!r} is not one of {FAMILIES}")
    citation = meta["citation"]
    return Case(
        name=path.stem,
        path=path,
        procurement=procurement_from_dict(doc, source=str(path)),
        as_of=meta["as_of"],
        expected=expected,
        reasoning=meta["reasoning"],
        law=meta.get("law", ""),
        citation_url=citation["url"],
        citation_article=citation["article"],
        family=meta["family"],
        shapes=tuple(meta.get("shapes", ())),
        expected_term=term,
        must_not_bind=tuple(meta.get("must_not_bind", ())),
        must_not_fire=tuple(meta.get("must_not_fire", ())),
        expect_unknown=bool(meta.get("expect_unknown", False)),
        changed=meta.get("changed"),
        packs=tuple(path.parent / extra for extra in meta.get("packs", ())),
        lists=tuple(path.parent / listed for listed in meta.get("lists", ())),
    )


def load_cases(directory: Path = CASES) -> list[Case]:
    """Every case in the directory, sorted by file name."""
    return [_load(path) for path in sorted(directory.glob("*.toml"))]


def _law_appears(law: str, report: Report) -> bool:
    """Whether a finding, or an unknown (a rule that could not decide for want of a fact),
    comes from the law: a rule id prefix, or a fragment of a rule or citation title."""
    needle = law.casefold()
    if any(u.rule_id and u.rule_id.startswith(law) for u in report.unknowns):
        return True
    for finding in report.findings:
        if finding.rule_id.startswith(law):
            return True
        titles = [finding.rule_title] + [c.title for c in finding.citations]
        if any(needle in title.casefold() for title in titles):
            return True
    return False


def judge(case: Case, report: Report) -> Outcome:
    """Compare riskkit's report with the analyst's expectations."""
    outcome = Outcome(case, str(report.verdict), str(report.term_verdict))
    if outcome.verdict != case.expected:
        outcome.problems.append(f"verdict {outcome.verdict}, expected {case.expected}")
    if case.expected_term is not None and outcome.term_verdict != case.expected_term:
        outcome.problems.append(
            f"term verdict {outcome.term_verdict}, expected {case.expected_term}"
        )
    if case.law and not _law_appears(case.law, report):
        outcome.problems.append(f"no finding from {case.law}")
    active = [f for f in report.findings if f.status == "active"]
    for prefix in case.must_not_bind:
        bound = sorted({f.rule_id for f in active if f.binding and f.rule_id.startswith(prefix)})
        if bound:
            outcome.problems.append(f"{', '.join(bound)} binds, expected not to")
    for prefix in case.must_not_fire:
        fired = sorted({f.rule_id for f in active if f.rule_id.startswith(prefix)})
        if fired:
            outcome.problems.append(f"{', '.join(fired)} fires, expected not to")
    if case.expect_unknown and not report.unknowns:
        outcome.problems.append("no unknown listed, expected one")
    return outcome


def needs_list_files(compiled: CompiledRule) -> bool:
    """A rule that names no entity itself and fires only on list files given with ``--list``
    (OFAC SDN, the Consolidated Screening List, the UN list): only a case that gives ``lists``
    (the synthetic fixture files) can exercise it."""
    return bool(getattr(compiled.params, "screen", None)) and not getattr(
        compiled.params, "entries", ()
    )


@functools.cache
def _list_set(paths: tuple[Path, ...]) -> ListSet:
    return ListSet.load(list(paths))


@functools.cache
def _with_policies(paths: tuple[Path, ...]) -> RuleSet:
    return load_packs(paths)


def run(case: Case, rules: RuleSet | None = None) -> tuple[Outcome, Report]:
    """Assess the case (with its policy packs and list files, if any) and judge the report."""
    if case.packs:
        rules = _with_policies(case.packs)
    lists = _list_set(case.lists) if case.lists else None
    report = assess(case.procurement, as_of=case.as_of, packs=rules, lists=lists)
    return judge(case, report), report

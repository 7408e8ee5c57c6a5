"""The Python API: assess a procurement against rule packs."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from riskkit.decisions.compare import Comparison, compare_reports
from riskkit.decisions.diff import Match, ReportDiff, diff_reports, load_report
from riskkit.decisions.suggestions import Suggestions
from riskkit.decisions.suggestions import suggest as suggestions_for
from riskkit.decisions.waivers import Waivers, apply_waivers, load_waivers
from riskkit.decisions.whatif import Patch, WhatIf, apply_patch, load_patch, what_if_reports
from riskkit.engine import evaluate
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet, load_packs
from riskkit.packs.lists import MAX_LIST_AGE_DAYS, ListSet
from riskkit.report import Report
from riskkit.report.scoring import ScoringConfig


@functools.cache
def default_packs() -> RuleSet:
    """The shipped packs plus installed plugin packs, loaded once per process."""
    return load_packs()


def assess(
    procurement: Procurement | str | Path,
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    lists: ListSet | Sequence[str | Path] | None = None,
    waivers: Waivers | str | Path | None = None,
    max_list_age_days: int = MAX_LIST_AGE_DAYS,
) -> Report:
    """Assess a procurement (a model or a file path) as of a date (default: today).

    ``lists`` are official list files (OFAC, CSL, DPL, UN, OpenSanctions) to screen every
    party, owner and brand against, for the rules that name those lists; pass a loaded
    ``ListSet`` to reuse one across many assessments. The report gives each list's date and
    warns about a list dated more than ``max_list_age_days`` (default 30) before ``as_of``
    (a loaded ``ListSet`` keeps the maximum it was loaded with).

    ``waivers`` (loaded, or a file path) mark the findings they cover and take them out of the
    verdict; see :mod:`riskkit.decisions.waivers`.
    """
    return _assessor(as_of, packs, scoring, lists, waivers, max_list_age_days)(
        _procurement(procurement)
    )


def _assessor(
    as_of: date | None,
    packs: RuleSet | None,
    scoring: ScoringConfig | None,
    lists: ListSet | Sequence[str | Path] | None,
    waivers: Waivers | str | Path | None,
    max_list_age_days: int = MAX_LIST_AGE_DAYS,
) -> Callable[[Procurement], Report]:
    """``assess`` with these options, list and waiver files read once for every call."""
    day = as_of or date.today()
    if lists is not None and not isinstance(lists, ListSet):
        lists = ListSet.load(lists, max_age_days=max_list_age_days)
    if waivers is not None and not isinstance(waivers, Waivers):
        waivers = load_waivers(waivers)

    rules = packs or default_packs()
    list_set, waiver_set = lists, waivers

    def run(procurement: Procurement) -> Report:
        report = evaluate(procurement, rules, day, scoring, list_set)
        return report if waiver_set is None else apply_waivers(report, waiver_set)

    return run


def _procurement(procurement: Procurement | str | Path) -> Procurement:
    if isinstance(procurement, Procurement):
        return procurement
    return load_procurement(procurement)


def compare(
    procurements: Sequence[Procurement | str | Path],
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    lists: ListSet | Sequence[str | Path] | None = None,
    waivers: Waivers | str | Path | None = None,
    labels: Sequence[str] | None = None,
) -> Comparison:
    """Assess every candidate on the same day and compare them rule by rule.

    ``lists`` and ``waivers`` are as for :func:`assess` and apply to every candidate.
    """
    run = _assessor(as_of, packs, scoring, lists, waivers)
    return compare_reports([run(_procurement(p)) for p in procurements], labels=labels)


def what_if(
    procurement: Procurement | str | Path,
    patch: Patch | str | Path,
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    lists: ListSet | Sequence[str | Path] | None = None,
    waivers: Waivers | str | Path | None = None,
) -> WhatIf:
    """Assess the procurement as it is and with ``patch`` applied (a Patch or a patch file)."""
    procurement = _procurement(procurement)
    source = "<patch>"
    if not isinstance(patch, Patch):
        source = str(patch)
        patch = load_patch(patch)
    run = _assessor(as_of, packs, scoring, lists, waivers)
    patched = apply_patch(procurement, patch, source=source)
    return what_if_reports(patch, run(procurement), run(patched))


def suggest(
    procurement: Procurement | str | Path,
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    lists: ListSet | Sequence[str | Path] | None = None,
    waivers: Waivers | str | Path | None = None,
    max_changes: int = 2,
) -> Suggestions:
    """The smallest listed changes that would clear each finding behind a bad verdict."""
    procurement = _procurement(procurement)
    run = _assessor(as_of, packs, scoring, lists, waivers)
    return suggestions_for(procurement, run(procurement), run, max_changes=max_changes)


def diff(
    old: Report | str | Path, new: Report | str | Path, *, match: Match = "fingerprint"
) -> ReportDiff:
    """What changed from the old report to the new (reports, or report JSON files)."""
    before = old if isinstance(old, Report) else load_report(old)
    after = new if isinstance(new, Report) else load_report(new)
    return diff_reports(before, after, match=match)

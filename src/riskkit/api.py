"""The Python API: assess a procurement against rule packs."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from riskkit.compare import Comparison, compare_reports
from riskkit.diff import Match, ReportDiff, diff_reports, load_report
from riskkit.engine import evaluate
from riskkit.lists import ListSet
from riskkit.loading import load_procurement
from riskkit.model import Procurement
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Report
from riskkit.scoring import ScoringConfig
from riskkit.suggestions import Suggestions
from riskkit.suggestions import suggest as suggestions_for
from riskkit.waivers import Waivers, apply_waivers, load_waivers
from riskkit.whatif import Patch, WhatIf, apply_patch, load_patch, what_if_reports


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
) -> Report:
    """Assess a procurement (a model or a file path) as of a date (default: today).

    ``lists`` are official list files (OFAC, CSL, DPL, UN, OpenSanctions) to screen every
    party, owner and brand against, for the rules that name those lists; pass a loaded
    ``ListSet`` to reuse one across many assessments.

    ``waivers`` (loaded, or a file path) mark the findings they cover and take them out of the
    verdict; see :mod:`riskkit.waivers`.
    """
    if not isinstance(procurement, Procurement):
        procurement = load_procurement(procurement)
    if lists is not None and not isinstance(lists, ListSet):
        lists = ListSet.load(lists)
    report = evaluate(procurement, packs or default_packs(), as_of or date.today(), scoring, lists)
    if waivers is None:
        return report
    if not isinstance(waivers, Waivers):
        waivers = load_waivers(waivers)
    return apply_waivers(report, waivers)


def compare(
    procurements: Sequence[Procurement | str | Path],
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    waivers: Waivers | str | Path | None = None,
    labels: Sequence[str] | None = None,
) -> Comparison:
    """Assess every candidate on the same day and compare them rule by rule."""
    day = as_of or date.today()
    if waivers is not None and not isinstance(waivers, Waivers):
        waivers = load_waivers(waivers)
    reports = [
        assess(p, as_of=day, packs=packs, scoring=scoring, waivers=waivers) for p in procurements
    ]
    return compare_reports(reports, labels=labels)


def what_if(
    procurement: Procurement | str | Path,
    patch: Patch | str | Path,
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    waivers: Waivers | str | Path | None = None,
) -> WhatIf:
    """Assess the procurement as it is and with ``patch`` applied (a Patch or a patch file)."""
    if not isinstance(procurement, Procurement):
        procurement = load_procurement(procurement)
    source = "<patch>"
    if not isinstance(patch, Patch):
        source = str(patch)
        patch = load_patch(patch)
    if waivers is not None and not isinstance(waivers, Waivers):
        waivers = load_waivers(waivers)
    patched = apply_patch(procurement, patch, source=source)
    day = as_of or date.today()

    def run(p: Procurement) -> Report:
        return assess(p, as_of=day, packs=packs, scoring=scoring, waivers=waivers)

    return what_if_reports(patch, run(procurement), run(patched))


def suggest(
    procurement: Procurement | str | Path,
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
    waivers: Waivers | str | Path | None = None,
    max_changes: int = 2,
) -> Suggestions:
    """The smallest listed changes that would clear each finding behind a bad verdict."""
    if not isinstance(procurement, Procurement):
        procurement = load_procurement(procurement)
    if waivers is not None and not isinstance(waivers, Waivers):
        waivers = load_waivers(waivers)
    day = as_of or date.today()

    def run(p: Procurement) -> Report:
        return assess(p, as_of=day, packs=packs, scoring=scoring, waivers=waivers)

    return suggestions_for(procurement, run(procurement), run, max_changes=max_changes)


def diff(
    old: Report | str | Path, new: Report | str | Path, *, match: Match = "fingerprint"
) -> ReportDiff:
    """What changed from the old report to the new (reports, or report JSON files)."""
    before = old if isinstance(old, Report) else load_report(old)
    after = new if isinstance(new, Report) else load_report(new)
    return diff_reports(before, after, match=match)

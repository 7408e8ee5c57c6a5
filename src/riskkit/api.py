"""The Python API: assess a procurement against rule packs.

Every assessment, from the API or the command line, goes through an :class:`Assessor`: the
options (rules, day, scoring, lists, waivers) are held once, and the day is defaulted to today
in ``Assessor.of`` alone.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs

from riskkit.decisions.compare import Comparison, compare_reports
from riskkit.decisions.diff import Pairing, ReportDiff, diff_reports, load_report
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


@attrs.frozen
class Assessor:
    """How procurements are assessed: against which rules, on which day, scored how, screened
    against which lists, with which waivers. Files are read once, for every procurement
    assessed; call the assessor (or its methods) with procurements."""

    rules: RuleSet
    as_of: date
    """The day assessed, each report's ``provenance.as_of``. A kind sees it as ``ctx.day``,
    and sees the later days of the term on which a rule's result may change the same way."""
    scoring: ScoringConfig | None = None
    """``None`` for the default scoring."""
    lists: ListSet | None = None
    """Official lists to screen parties, owners and brands against."""
    waivers: Waivers | None = None
    """Accepted risks, applied to every report."""

    @classmethod
    def of(
        cls,
        *,
        as_of: date | None = None,
        packs: RuleSet | None = None,
        scoring: ScoringConfig | None = None,
        lists: ListSet | Sequence[str | Path] | None = None,
        waivers: Waivers | str | Path | None = None,
        max_list_age_days: int = MAX_LIST_AGE_DAYS,
    ) -> Assessor:
        """An assessor from the options the API and the command line take: list and waiver
        files are read here, the shipped and plugin packs stand in for no ``packs``, and today
        for no ``as_of`` (the only place the day is defaulted)."""
        if lists is not None and not isinstance(lists, ListSet):
            lists = ListSet.load(lists, max_age_days=max_list_age_days)
        if waivers is not None and not isinstance(waivers, Waivers):
            waivers = load_waivers(waivers)
        return cls(
            rules=packs if packs is not None else default_packs(),
            as_of=as_of or date.today(),
            scoring=scoring,
            lists=lists,
            waivers=waivers,
        )

    def assess(self, procurement: Procurement | str | Path) -> Report:
        """The report on a procurement (a model or a file path), its waivers applied."""
        report = evaluate(
            _procurement(procurement), self.rules, self.as_of, self.scoring, self.lists
        )
        return report if self.waivers is None else apply_waivers(report, self.waivers)

    __call__ = assess

    def compare(
        self, procurements: Sequence[Procurement | str | Path], labels: Sequence[str] | None = None
    ) -> Comparison:
        """Every candidate assessed, compared rule by rule."""
        return compare_reports([self.assess(p) for p in procurements], labels=labels)

    def what_if(self, procurement: Procurement | str | Path, patch: Patch | str | Path) -> WhatIf:
        """The procurement assessed as it is and with ``patch`` applied (a Patch or a patch
        file)."""
        procurement = _procurement(procurement)
        patch, source = _patch(patch)
        return _what_if(self, procurement, patch, source)

    def suggest(self, procurement: Procurement | str | Path, max_changes: int = 2) -> Suggestions:
        """The smallest listed changes that would clear each finding behind a bad verdict."""
        procurement = _procurement(procurement)
        return suggestions_for(
            procurement, self.assess(procurement), self.assess, max_changes=max_changes
        )


def _procurement(procurement: Procurement | str | Path) -> Procurement:
    if isinstance(procurement, Procurement):
        return procurement
    return load_procurement(procurement)


def _what_if(assessor: Assessor, procurement: Procurement, patch: Patch, source: str) -> WhatIf:
    patched = apply_patch(procurement, patch, source=source)
    return what_if_reports(patch, assessor.assess(procurement), assessor.assess(patched))


def _patch(patch: Patch | str | Path) -> tuple[Patch, str]:
    """The patch, and the name its problems are reported under."""
    if isinstance(patch, Patch):
        return patch, "<patch>"
    return load_patch(patch), str(patch)


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
    assessor = Assessor.of(
        as_of=as_of,
        packs=packs,
        scoring=scoring,
        lists=lists,
        waivers=waivers,
        max_list_age_days=max_list_age_days,
    )
    return assessor.assess(procurement)


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
    assessor = Assessor.of(as_of=as_of, packs=packs, scoring=scoring, lists=lists, waivers=waivers)
    return assessor.compare(procurements, labels=labels)


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
    # The procurement and the patch are read before the options' files, as they always were,
    # so that the first problem reported stays the same.
    procurement = _procurement(procurement)
    patch, source = _patch(patch)
    assessor = Assessor.of(as_of=as_of, packs=packs, scoring=scoring, lists=lists, waivers=waivers)
    return _what_if(assessor, procurement, patch, source)


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
    assessor = Assessor.of(as_of=as_of, packs=packs, scoring=scoring, lists=lists, waivers=waivers)
    return assessor.suggest(procurement, max_changes=max_changes)


def diff(
    old: Report | str | Path, new: Report | str | Path, *, match: Pairing = "fingerprint"
) -> ReportDiff:
    """What changed from the old report to the new (reports, or report JSON files)."""
    before = old if isinstance(old, Report) else load_report(old)
    after = new if isinstance(new, Report) else load_report(new)
    return diff_reports(before, after, match=match)

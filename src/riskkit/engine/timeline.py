"""A rule's timeline: each subject's hit with the span of days it holds, from the as-of date
to the end of the term.

A rule is evaluated on the as-of date and again on each later day on which its result may
change; a subject whose result changes gets a new span. This is how upcoming findings, and
findings that stop applying within the term, are found.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from riskkit._support.dates import day_after
from riskkit._support.identity_cache import IdentityCache
from riskkit.kinds import CompiledRule, Hit
from riskkit.kinds.context import Context
from riskkit.model import Procurement
from riskkit.packs import RuleSet, curated_change_days

_DAY = timedelta(days=1)


class Timed(NamedTuple):
    """A subject's hit and the days it holds."""

    hit: Hit
    start: date
    until: date | None
    """The last day, or None to the end of the rule's window (open-ended)."""
    upcoming: bool
    """True when the span starts after the as-of date."""


def _same_result(a: Hit, b: Hit) -> bool:
    return (a.outcome, a.binding, a.exception) == (b.outcome, b.binding, b.exception)


def timeline(rule: CompiledRule, ctx: Context, later: tuple[date, ...]) -> list[Timed]:
    """Each subject's hit with the span of days it holds, from the as-of date (``ctx.day``) on.

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
            Timed(hit, max(window.start, hit.since or window.start), window.until, False)
            for _, hit in sorted(first.items())
        ]
    as_of = ctx.day
    window = rule.rule.effective
    spans: list[Timed] = []
    open_: dict[str, tuple[Hit, date, bool]] = {}
    for day in (as_of, *later):
        current: dict[str, Hit] = {}
        if window.contains(day):
            for hit in rule.kind.evaluate(rule, ctx if day == as_of else ctx.on(day)):
                current.setdefault(hit.subject, hit)
        for subject in sorted(open_):
            if subject not in current or not _same_result(open_[subject][0], current[subject]):
                hit, start, upcoming = open_.pop(subject)
                spans.append(Timed(hit, start, day - _DAY, upcoming))
        for subject, hit in current.items():
            if subject not in open_:
                start = day if day > as_of else max(window.start, hit.since or window.start)
                open_[subject] = (hit, start, day > as_of)
    for subject in sorted(open_):
        hit, start, upcoming = open_[subject]
        spans.append(Timed(hit, start, window.until, upcoming))
    return spans


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


def input_days(p: Procurement, rules: RuleSet, as_of: date, horizon: date) -> list[date]:
    """The days after ``as_of``, up to ``horizon``, on which a fact of the input starts or
    stops holding (an authorisation, an ownership link, a curated link the deployment reaches):
    every rule is evaluated again on them, in order."""
    days = change_days(p) | curated_change_days(p, rules.entities)
    return sorted(d for d in days if as_of < d <= horizon)


def _rules_by_kind(rules: RuleSet) -> tuple[tuple[str, tuple[CompiledRule, ...]], ...]:
    found: dict[str, list[CompiledRule]] = {}
    for rule in rules.rules:
        found.setdefault(rule.rule.kind, []).append(rule)
    return tuple((name, tuple(found[name])) for name in sorted(found))


rules_by_kind = IdentityCache(_rules_by_kind)
"""A rule set's loaded rules by kind, in kind name order (once per loaded rule set)."""


def kind_days(rules: RuleSet, ctx: Context, horizon: date) -> dict[str, list[date]]:
    """For each kind that names days of its own (``deployment_days``: a list entry a party's
    name matches being listed, a law that may bind an owner the register does not name taking
    effect), those after the as-of date, up to ``horizon``, in order; kinds that name none are
    left out. Its rules are evaluated again on them, and its facts asked about again."""
    found: dict[str, list[date]] = {}
    for name, loaded in rules_by_kind(rules):
        days_of = getattr(loaded[0].kind, "deployment_days", None)
        if days_of is not None:
            days = sorted({d for d in days_of(loaded, ctx) if ctx.day < d <= horizon})
            if days:
                found[name] = days
    return found

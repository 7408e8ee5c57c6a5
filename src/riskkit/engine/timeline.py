"""A rule's timeline: each subject's hit with the span of days it holds, from the as-of date
to the end of the term.

A rule is evaluated on the as-of date and again on each later day on which its result may
change; a subject whose result changes gets a new span. This is how upcoming findings, and
findings that stop applying within the term, are found. A subject's hit on the as-of date is
followed back, over the earlier days on which its result may have changed, to the day it began.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from heapq import heapify, heappop, heappush
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


def timeline(
    rule: CompiledRule, ctx: Context, later: tuple[date, ...], earlier: tuple[date, ...] = ()
) -> list[Timed]:
    """Each subject's hit with the span of days it holds, from the as-of date (``ctx.day``) on.

    The rule is evaluated on the as-of date and again on each of the ``later`` days, those on
    which its result may change: its own change dates, and the input's (an authorisation or an
    ownership link starting or ending). A subject whose outcome changes gets a new span. A
    subject's span on the as-of date starts on the first day of its result, found by going
    back over ``earlier`` (the days up to the as-of date on which the result may have changed,
    in order, besides the rule's own change dates): see :func:`_first_days`.
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
        starts = _first_days(rule, ctx, first, earlier)
        until = rule.rule.effective.until
        return [Timed(hit, starts[subject], until, False) for subject, hit in sorted(first.items())]
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
        if day == as_of:
            starts = _first_days(rule, ctx, current, earlier)
            for subject, hit in current.items():
                open_[subject] = (hit, starts[subject], False)
            continue
        for subject, hit in current.items():
            if subject not in open_:
                open_[subject] = (hit, day, True)
    for subject in sorted(open_):
        hit, start, upcoming = open_[subject]
        spans.append(Timed(hit, start, window.until, upcoming))
    return spans


def _first_days(
    rule: CompiledRule, ctx: Context, hits: dict[str, Hit], earlier: tuple[date, ...]
) -> dict[str, date]:
    """The first day of each subject's result on the as-of date (``hits``): the day from which
    its outcome, binding and exception have held without a break, at the earliest the rule's
    first day.

    A result changes only on a day of ``earlier``, one of the rule's own change dates, or the
    day a hit's cause began (``Hit.since``: a listing), so going back over those days after
    the rule's first day, newest first, the rule is evaluated on the day before each: a
    subject whose result there differs began on that day. ``since`` is not where the result
    began: a camera whose maker is listed from one day may have been hit the same way through
    its brand before. Most rules hit nothing, and cost nothing here.
    """
    first = rule.rule.effective.start
    starts = dict.fromkeys(hits, first)
    # An unknown open on the as-of date is reported without a day, so it is not followed back.
    looking = {subject for subject, hit in hits.items() if hit.outcome != "unknown"}
    if not looking:
        return starts
    as_of = ctx.day
    days = {*earlier, *rule.change_dates_between(first, as_of)}
    days.update(hits[subject].since or first for subject in looking)
    pending = [-day.toordinal() for day in days if first < day <= as_of]
    heapify(pending)
    seen = set(pending)
    while pending and looking:
        day = date.fromordinal(-heappop(pending))
        before: dict[str, Hit] = {}
        for hit in rule.kind.evaluate(rule, ctx.on(day - _DAY)):
            before.setdefault(hit.subject, hit)
        for subject in sorted(looking):
            prior = before.get(subject)
            if prior is None or not _same_result(prior, hits[subject]):
                starts[subject] = day
                looking.discard(subject)
            elif prior.since is not None and first < prior.since < day:
                key = -prior.since.toordinal()
                if key not in seen:
                    seen.add(key)
                    heappush(pending, key)
    return starts


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


def input_days(p: Procurement, rules: RuleSet) -> list[date]:
    """The days on which a fact of the input starts or stops holding (an authorisation, an
    ownership link, a curated link the deployment reaches), in order: every rule is evaluated
    again on those within the term, and a hit on the as-of date is followed back over those
    before it."""
    return sorted(change_days(p) | curated_change_days(p, rules.entities))


def _rules_by_kind(rules: RuleSet) -> tuple[tuple[str, tuple[CompiledRule, ...]], ...]:
    found: dict[str, list[CompiledRule]] = {}
    for rule in rules.rules:
        found.setdefault(rule.rule.kind, []).append(rule)
    return tuple((name, tuple(found[name])) for name in sorted(found))


rules_by_kind = IdentityCache(_rules_by_kind)
"""A rule set's loaded rules by kind, in kind name order (once per loaded rule set)."""


def kind_days(rules: RuleSet, ctx: Context) -> dict[str, list[date]]:
    """For each kind that names days of its own (``deployment_days``: a list entry a party's
    name matches being listed, a law that may bind an owner the register does not name taking
    effect), those days in order; kinds that name none are left out. Its rules are evaluated
    again on those within the term, and its facts asked about again."""
    found: dict[str, list[date]] = {}
    for name, loaded in rules_by_kind(rules):
        days_of = getattr(loaded[0].kind, "deployment_days", None)
        if days_of is not None:
            days = sorted(set(days_of(loaded, ctx)))
            if days:
                found[name] = days
    return found


class Days(NamedTuple):
    """Days in order, split at the as-of date."""

    earlier: tuple[date, ...]
    """Up to the as-of date."""
    later: tuple[date, ...]
    """After the as-of date, up to the horizon (the end of the term)."""

    @classmethod
    def split(cls, days: list[date], as_of: date, horizon: date) -> Days:
        cut = bisect_right(days, as_of)
        return cls(tuple(days[:cut]), tuple(days[cut : bisect_right(days, horizon)]))

"""Deciding facts missing from the input, reported as unknowns with no rule id.

The engine knows no kind's facts: each kind of the loaded rules says what it reads through its
optional ``prerequisites`` (``kinds.interface.NeedsFacts``). The facts asked here are the
input's own: where the buyer is seated, which decides which laws are in scope at all; the
contract term, without which only the as-of date is checked; and a component's maker, which
every list and ban on makers reads. A published feed often leaves the first two out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from riskkit._support.dates import day_after
from riskkit.engine.findings import EvidenceItems, unknown
from riskkit.engine.timeline import rules_by_kind
from riskkit.kinds import CompiledRule, Missing
from riskkit.kinds.context import Context
from riskkit.model import Procurement
from riskkit.packs import RuleSet, Schedule
from riskkit.report import Unknown

_NO_KIND_DAYS: Mapping[str, Sequence[date]] = {}
"""No kind names days of its own."""


def missing_facts(
    p: Procurement,
    rules: RuleSet,
    schedule: Schedule,
    ctx: Context,
    evidence: EvidenceItems,
    input_changes: Sequence[date] = (),
    kinds_days: Mapping[str, Sequence[date]] = _NO_KIND_DAYS,
) -> Iterator[Unknown]:
    """Deciding facts missing from the input: a component's maker, then what each kind of the
    loaded rules says it reads (``prerequisites``), each subject and fact once, in kind name
    order. What the rules in force on the as-of date read is open on that day; what only a
    rule taking effect later reads, or what the rules read only once a fact of the input has
    changed (``input_changes``: a holding that starts later, say), or on a day the kind names
    (``kinds_days``, from its ``deployment_days``: a loaded law out of scope taking effect may
    bind an owner who is not named), is upcoming from that day (the earliest first)."""
    if p.buyer.jurisdiction is None:
        yield unknown(
            None,
            "buyer.jurisdiction",
            "where the buyer is seated is not given, so no law that binds by the buyer's "
            "seat (its country's, state's or city's lists, bans and data laws) could be "
            "checked; give buyer.jurisdiction",
        )
    if p.term is None:
        # What the term would decide lies after the as-of date: the as-of verdict stands,
        # the verdict over the term cannot be acceptable.
        yield unknown(
            None,
            "term",
            "the contract term is not given, so only the as-of date was checked: rules taking "
            "effect, listings and findings that end later in the term are not known; give "
            "term.start and term.end",
            upcoming_from=day_after(ctx.day),
        )
    for comp in p.components:
        if comp.manufacturer is None and comp.brand is None:
            yield unknown(
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
        # The days the kind names that no group asks on yet: asked on even with no rule in
        # scope in force (what it asks of every loaded rule may open then).
        more, loaded_days = input_changes, _NO_DAYS
        named = kinds_days.get(name)
        if named:
            asked_on = {day for day, _ in groups}.union(input_changes)
            loaded_days = frozenset(named).difference(asked_on)
            more = sorted(loaded_days.union(input_changes))
        if more:
            of_kind = [rule for rule, _ in schedule if rule.rule.kind == name]
            groups += [
                (day, tuple(r for r in of_kind if r.rule.effective.contains(day))) for day in more
            ]
            groups.sort(key=_by_day)  # stable: the as-of group first, then day by day
        for upcoming_from, group in groups:
            if upcoming_from is not None and not group and upcoming_from not in loaded_days:
                continue
            # A rule taking effect later is asked about on its first day: the kinds read the
            # facts of that day, and see the rule in force on it.
            on_day = ctx if upcoming_from is None else ctx.on(upcoming_from)
            for missing in needs(loaded, group, on_day):
                assert isinstance(missing, Missing)
                key = (missing.subject, missing.fact)
                if key not in seen:
                    seen.add(key)
                    yield unknown(
                        None,
                        missing.subject,
                        missing.explanation,
                        evidence.of(missing.evidence),
                        upcoming_from,
                    )


_NO_DAYS: frozenset[date] = frozenset()


def _by_day(group: tuple[date | None, Sequence[CompiledRule]]) -> date:
    """The day a group of rules is asked about on: the as-of date's group (None) first."""
    return group[0] or date.min


def _by_start(rule: CompiledRule) -> tuple[date, str]:
    """A rule's first day in force, then its id: the order later rules are asked in."""
    return rule.rule.effective.start, rule.id

"""``condition``: an organisation's own policy as a declarative predicate over the procurement.

A predicate is ``all``, ``any`` or ``not`` of predicates, ``each`` item of a list meeting
one (``where``, read from the item), or a test ``{path, op, value}``
(:mod:`riskkit.kinds.condition.params`). Paths name model fields (``components[*].capabilities``,
``data_flows[*].to.location``) and are checked against the procurement model when the pack loads,
so a typo is a load error (:mod:`riskkit.kinds.condition.paths`). A test on a path that yields
several values holds when any value passes; a test on a value left out is not known, and a
policy it leaves undecided is an unknown, never a pass (:func:`evaluate_predicate`).

An organisation's policy is its own, not a law with a territory: the rule's scope only decides
which procurements it is looked at for (those touching a country of it), and the predicate
decides the rest, so the kind makes no scope check of its own (a predicate can make one, with
``within``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from pydantic import BaseModel

from riskkit.kinds.condition.params import ConditionParams, Predicate
from riskkit.kinds.condition.paths import check_path, holds_objects, leaf_kind, located_values
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, binds, params_of
from riskkit.model import Procurement, jurisdictions
from riskkit.model.rule import Rule

__all__ = ["KIND", "Condition", "evaluate_predicate"]


def _op_problem(path: str, test: Predicate) -> str | None:
    """What is wrong with ``test.op`` on the field its (whole) ``path`` reads, if anything."""
    kind = leaf_kind(path)
    if test.op in {"within", "not_within"} and kind != "place":
        return (
            f"{path}: op {test.op!r} asks whether a place lies within another, and "
            f"{path} is not a place (a jurisdiction); use eq, ne, in or not_in"
        )
    if test.op in {"gt", "ge", "lt", "le"}:
        if kind not in {"number", "date"}:
            return (
                f"{path}: op {test.op!r} compares numbers or dates, and {path} is "
                "neither; use eq, ne, in or not_in"
            )
        number = isinstance(test.value, int | float) and not isinstance(test.value, bool)
        if (kind == "date") != isinstance(test.value, dt.date) or (kind == "number") != number:
            return f"{path}: op {test.op!r} needs a {kind} value, not {test.value!r}"
    return None


def _list_problem(path: str) -> str | None:
    """What is wrong with the list an ``each`` names by its whole ``path``, if anything."""
    problem = check_path(path)
    if problem is None and not path.endswith("[*]"):
        return f"each: {path!r} names no list items; end it with [*], e.g. data_flows[*]"
    if problem is None and not holds_objects(path):
        field = path.removesuffix("[*]")
        return (
            f"each: the items of {field!r} are values, not objects with fields; test them "
            f'with a test on the list itself: {{ path = "{field}", op = "contains", ... }}'
        )
    return problem


def _test(op: str, actual: Any, expected: Any, day: dt.date) -> bool:
    if op == "exists":
        return actual is not None
    if op == "missing":
        return actual is None
    if actual is None:
        return False
    if op in {"eq", "contains"}:
        return bool(actual == expected)
    if op in {"ne", "not_contains"}:
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op in {"within", "not_within"}:
        inside = jurisdictions.contains(str(expected), str(actual), day)
        return inside if op == "within" else not inside
    try:
        return bool(
            {
                "gt": actual > expected,
                "ge": actual >= expected,
                "lt": actual < expected,
                "le": actual <= expected,
            }[op]
        )
    except TypeError:
        return False


def evaluate_predicate(
    pred: Predicate, proc: Procurement, day: dt.date
) -> tuple[bool | None, list[Evidence]]:
    """Whether ``proc`` meets ``pred`` on ``day``: True with the values that meet it, False, or
    None when a value it decides on is not given, with those values' paths.

    Three-valued, as an unknown must be: a test on a value left out is not known (``exists``
    and ``missing`` ask exactly that, and are always known); ``all`` is False when any part is,
    ``any`` and ``each`` True when any part or item is, and ``not`` leaves an unknown unknown."""
    return _evaluate(pred, proc, "", day)


def _evaluate(
    pred: Predicate, obj: Any, at: str, day: dt.date
) -> tuple[bool | None, list[Evidence]]:
    """``evaluate_predicate`` of ``pred`` read from ``obj`` (the procurement, or an item of a
    list an ``each`` names), located at ``at`` (``data_flows[f]``; empty for the procurement)."""
    if pred.all is not None:
        evidence: list[Evidence] = []
        open_: list[Evidence] = []
        for child in pred.all:
            ok, found = _evaluate(child, obj, at, day)
            if ok is False:
                return False, []
            (evidence if ok else open_).extend(found)
        return (None, open_) if open_ else (True, evidence)
    if pred.any is not None:
        return _any(_evaluate(child, obj, at, day) for child in pred.any)
    if pred.not_ is not None:
        ok, found = _evaluate(pred.not_, obj, at, day)
        return (None, found) if ok is None else (not ok, [])
    if pred.each is not None and pred.where is not None:
        return _any(_each(pred.each, pred.where, obj, at, day))
    assert pred.path is not None and pred.op is not None
    op, expected = pred.op, pred.value
    asked = f"{op} {_show(expected)}".rstrip()
    passed: list[Evidence] = []
    open_ = []
    # "contains" over an empty list sees no values rather than a None
    for where, actual in located_values(obj, pred.path.split("."), at):
        if actual is None and op not in _ASK_PRESENCE:
            open_.append(Evidence(where, "not given", asked))
        elif _test(op, actual, expected, day):
            passed.append(Evidence(where, _show(actual), asked))
    if passed:
        return True, passed
    return (None, open_) if open_ else (False, [])


def _any(
    results: Iterable[tuple[bool | None, list[Evidence]]],
) -> tuple[bool | None, list[Evidence]]:
    """Kleene's "or" of ``results``, taken in order and no further than the first True: that
    one with its evidence, else None with every unknown's paths, else False."""
    open_: list[Evidence] = []
    for ok, found in results:
        if ok:
            return True, found
        if ok is None:
            open_.extend(found)
    return (None, open_) if open_ else (False, [])


def _each(
    each: str, where: Predicate, obj: Any, at: str, day: dt.date
) -> Iterator[tuple[bool | None, list[Evidence]]]:
    """Whether each item of the list ``each`` (read from ``obj``) meets ``where``, in order."""
    for located, item in located_values(obj, each.split("."), at):
        if item is None:  # the list left out: whether an item meets it is not known
            yield None, [Evidence(located, "not given", f"each {each}")]
        else:
            yield _evaluate(where, item, located, day)


_ASK_PRESENCE = frozenset({"exists", "missing"})
"""The operators that ask whether a value is given: known whether it is or not."""


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@attrs.frozen
class Condition:
    name: str = "condition"
    params_model: type[BaseModel] = ConditionParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        when = params_of(params, ConditionParams).when
        problems = [f"when: {p}" for p in map(_list_problem, when.lists()) if p]
        if problems:
            return problems  # the tests under a wrong list cannot be read
        for path, test in when.tests():
            problem = check_path(path)
            if not problem:
                problem = _op_problem(path, test)
            if problem:
                problems.append(f"when: {problem}")
            elif test.op in {"within", "not_within"}:
                try:
                    jurisdictions.parse(str(test.value))
                except ValueError as exc:
                    problems.append(f"when: {path}: {exc}")
        return problems

    def change_dates(self, params: BaseModel) -> Iterable[dt.date]:
        return ()

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = params_of(rule, ConditionParams)
        ok, evidence = evaluate_predicate(params.when, ctx.procurement, ctx.day)
        if ok is False:
            return
        subject = _subject(evidence)
        concerns = frozenset(re.findall(r"\[([^\]*]+)\]", " ".join(e.path for e in evidence)))
        if ok is None:
            given = ", ".join(dict.fromkeys(e.path for e in evidence))
            yield Hit(
                subject=subject,
                outcome="unknown",
                binding=False,
                likelihood=params.likelihood,
                explanation=(
                    "Whether the deployment meets the condition of the policy "
                    f"({rule.rule.title}) is not known: it decides on {given}, which "
                    f"{'is' if len(evidence) == 1 else 'are'} not given."
                ),
                evidence=tuple(evidence),
                concerns=concerns,
            )
            return
        yield Hit(
            subject=subject,
            outcome=rule.rule.outcome,
            binding=binds(rule.rule.outcome, params.binding),
            likelihood=params.likelihood,
            explanation=f"The deployment meets the condition of the policy: {rule.rule.title}.",
            evidence=tuple(evidence),
            concerns=concerns,
        )


def _subject(evidence: list[Evidence]) -> str:
    """The common item the evidence points into (``components[cam]``), else the procurement."""
    heads = {re.match(r"^[a-z_]+(\[[^\]]+\])?", e.path).group(0) for e in evidence}  # type: ignore[union-attr]
    return heads.pop() if len(heads) == 1 else "procurement"


KIND = Condition()

"""``condition``: an organisation's own policy as a declarative predicate over the procurement.

A predicate is ``all``, ``any`` or ``not`` of predicates, or a test ``{path, op, value}``.
Paths name model fields (``components[*].capabilities``, ``data_flows[*].to.location``) and are
checked against the procurement model when the pack loads, so a typo is a load error. A test on a
path that yields several values holds when any value passes.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs
from pydantic import BaseModel, Field, model_validator

from riskkit._support.spelling import did_you_mean
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, Params
from riskkit.model import Procurement, jurisdictions
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import binds

Op = Literal[
    "eq", "ne", "in", "not_in", "contains", "not_contains",
    "gt", "ge", "lt", "le", "exists", "missing", "within", "not_within",
]  # fmt: skip
Scalar = str | int | float | bool | dt.date
_SEGMENT = re.compile(r"^([a-z_]+)(\[\*\])?$")


class Predicate(Params):
    """Exactly one of: ``all``, ``any``, ``not``, or a test (``path``, ``op``, ``value``)."""

    all: tuple[Predicate, ...] | None = None
    any: tuple[Predicate, ...] | None = None
    not_: Predicate | None = Field(default=None, alias="not")
    path: str | None = None
    op: Op | None = None
    value: Scalar | tuple[Scalar, ...] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Predicate:
        forms = [
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
            self.path is not None,
        ]
        if sum(forms) != 1:
            raise ValueError("a predicate is exactly one of: all, any, not, or a test with path")
        if self.path is not None:
            if self.op is None:
                raise ValueError(f"the test on {self.path!r} needs an op")
            needs_value = self.op not in {"exists", "missing"}
            if needs_value and self.value is None:
                raise ValueError(f"op {self.op!r} needs a value")
            if self.op in {"in", "not_in"} and not isinstance(self.value, tuple):
                raise ValueError(f"op {self.op!r} needs a list value")
        return self

    def tests(self) -> Iterator[Predicate]:
        if self.path is not None:
            yield self
        for child in (*(self.all or ()), *(self.any or ()), *((self.not_,) if self.not_ else ())):
            yield from child.tests()


class ConditionParams(Params):
    when: Predicate
    """The policy fires when this holds."""
    binding: bool = True
    """Whether the policy binds the buyer (an organisation's own rule usually does)."""
    likelihood: int = Field(default=4, ge=1, le=5)


def _field_type(model: type[BaseModel], name: str) -> tuple[str, Any] | None:
    for field_name, info in model.model_fields.items():
        if name in {field_name, info.alias}:
            return field_name, info.annotation
    return None


def _unwrap(annotation: Any) -> tuple[bool, Any]:
    """(is a sequence, element type) with Optional and Annotated peeled off."""
    many = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return many, annotation
        elif origin is tuple:
            many = True
            annotation = typing.get_args(annotation)[0]
        else:
            return many, annotation


def check_path(path: str) -> str | None:
    """None when ``path`` names a field of the procurement model, else what is wrong."""
    model: Any = Procurement
    segments = path.split(".")
    for i, segment in enumerate(segments):
        match = _SEGMENT.match(segment)
        if not match:
            return (
                f"bad path segment {segment!r} in {path!r}; "
                "use names and [*], e.g. components[*].kind"
            )
        name, star = match.group(1), bool(match.group(2))
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return f"{'.'.join(segments[:i])!r} has no fields; {path!r} goes too deep"
        found = _field_type(model, name)
        if found is None:
            fields = [info.alias or n for n, info in model.model_fields.items()]
            return (
                f"no field {name!r} in {model.__name__}{did_you_mean(name, fields)} (path {path!r})"
            )
        many, element = _unwrap(found[1])
        last = i == len(segments) - 1
        if star and not many:
            return f"{name!r} is not a list, so it takes no [*] (path {path!r})"
        if many and not star and not last:
            return f"{name!r} is a list; write {name}[*] to look inside it (path {path!r})"
        model = element
    return None


_PLACE_CHECK = typing.get_args(jurisdictions.Jurisdiction)[1].func
"""The validator every jurisdiction field of the model carries."""


def _is_place(annotation: Any, metadata: Iterable[Any]) -> bool:
    """Whether a field holds a jurisdiction (a ``Jurisdiction``, checked by its validator)."""
    found = list(metadata)
    stack = [annotation]
    while stack:
        item = stack.pop()
        if typing.get_origin(item) is typing.Annotated:
            found.extend(item.__metadata__)
        stack.extend(typing.get_args(item))
    return any(getattr(m, "func", None) is _PLACE_CHECK for m in found)


def leaf_kind(path: str) -> Literal["place", "number", "date", "other"]:
    """What the field at a valid ``path`` (see ``check_path``) holds, as far as ops care."""
    model: Any = Procurement
    annotation: Any = None
    metadata: list[Any] = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        assert match is not None
        found = _field_type(model, match.group(1))
        assert found is not None
        annotation, metadata = found[1], model.model_fields[found[0]].metadata
        model = _unwrap(annotation)[1]
    if _is_place(annotation, metadata):
        return "place"
    if model is dt.date:
        return "date"
    if isinstance(model, type) and issubclass(model, int | float) and model is not bool:
        return "number"
    return "other"


def _op_problem(test: Predicate) -> str | None:
    """What is wrong with ``test.op`` on the field its path reads, if anything."""
    assert test.path is not None
    kind = leaf_kind(test.path)
    if test.op in {"within", "not_within"} and kind != "place":
        return (
            f"{test.path}: op {test.op!r} asks whether a place lies within another, and "
            f"{test.path} is not a place (a jurisdiction); use eq, ne, in or not_in"
        )
    if test.op in {"gt", "ge", "lt", "le"}:
        if kind not in {"number", "date"}:
            return (
                f"{test.path}: op {test.op!r} compares numbers or dates, and {test.path} is "
                "neither; use eq, ne, in or not_in"
            )
        number = isinstance(test.value, int | float) and not isinstance(test.value, bool)
        if (kind == "date") != isinstance(test.value, dt.date) or (kind == "number") != number:
            return f"{test.path}: op {test.op!r} needs a {kind} value, not {test.value!r}"
    return None


def _values(obj: Any, segments: list[str], where: str) -> Iterator[tuple[str, Any]]:
    """(located path, value) for every value at the path; tuples at the leaf are flattened."""
    if not segments:
        if isinstance(obj, tuple):
            for item in obj:
                yield where, item
        else:
            yield where, obj
        return
    match = _SEGMENT.match(segments[0])
    assert match is not None
    name, star = match.group(1), bool(match.group(2))
    found = _field_type(type(obj), name)
    assert found is not None
    value = getattr(obj, found[0])
    label = f"{where}.{name}" if where else name
    if star:
        for index, item in enumerate(value):
            key = getattr(item, "id", index)
            yield from _values(item, segments[1:], f"{label}[{key}]")
    elif value is None:
        yield label, None
    else:
        yield from _values(value, segments[1:], label)


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
) -> tuple[bool, list[Evidence]]:
    if pred.all is not None:
        evidence: list[Evidence] = []
        for child in pred.all:
            ok, found = evaluate_predicate(child, proc, day)
            if not ok:
                return False, []
            evidence.extend(found)
        return True, evidence
    if pred.any is not None:
        for child in pred.any:
            ok, found = evaluate_predicate(child, proc, day)
            if ok:
                return True, found
        return False, []
    if pred.not_ is not None:
        ok, _ = evaluate_predicate(pred.not_, proc, day)
        return not ok, []
    assert pred.path is not None and pred.op is not None
    # "contains" over an empty list must see no values rather than a None
    hits = [
        Evidence(where, _show(actual), f"{pred.op} {_show(pred.value)}".rstrip())
        for where, actual in _values(proc, pred.path.split("."), "")
        if _test(pred.op, actual, pred.value, day)
    ]
    return bool(hits), hits


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
        assert isinstance(params, ConditionParams)
        problems = []
        for test in params.when.tests():
            assert test.path is not None
            problem = check_path(test.path)
            if not problem:
                problem = _op_problem(test)
            if problem:
                problems.append(f"when: {problem}")
            elif test.op in {"within", "not_within"}:
                try:
                    jurisdictions.parse(str(test.value))
                except ValueError as exc:
                    problems.append(f"when: {test.path}: {exc}")
        return problems

    def change_dates(self, params: BaseModel) -> Iterable[dt.date]:
        return ()

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, ConditionParams)
        ok, evidence = evaluate_predicate(params.when, ctx.procurement, ctx.day)
        if not ok:
            return
        subject = _subject(evidence)
        concerns = frozenset(re.findall(r"\[([^\]*]+)\]", " ".join(e.path for e in evidence)))
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

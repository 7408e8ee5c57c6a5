"""Params of ``condition`` (:mod:`riskkit.kinds.condition`): the policy's predicate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from riskkit.kinds.interface import Params

Op = Literal[
    "eq", "ne", "in", "not_in", "contains", "not_contains",
    "gt", "ge", "lt", "le", "exists", "missing", "within", "not_within",
]  # fmt: skip
Scalar = str | int | float | bool | dt.date


class Predicate(Params):
    """Exactly one of: ``all``, ``any``, ``not``, ``each`` with ``where``, or a test (``path``,
    ``op``, ``value``).

    ``each`` names a list (``data_flows[*]``) and holds when one item of it meets ``where``,
    whose paths are read from that item (``to.location``): so ``all`` inside it speaks of one
    item, where ``all`` of two tests on ``data_flows[*]`` may be met by two different flows."""

    all: tuple[Predicate, ...] | None = None
    any: tuple[Predicate, ...] | None = None
    not_: Predicate | None = Field(default=None, alias="not")
    each: str | None = None
    where: Predicate | None = None
    path: str | None = None
    op: Op | None = None
    value: Scalar | tuple[Scalar, ...] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Predicate:
        forms = [
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
            self.each is not None,
            self.path is not None,
        ]
        if sum(forms) != 1:
            raise ValueError(
                "a predicate is exactly one of: all, any, not, each (with where), or a test "
                "with path"
            )
        if (self.each is None) != (self.where is None):
            raise ValueError("each and where go together: each names a list, where what one "
                             "item of it must meet")  # fmt: skip
        if self.path is not None:
            if self.op is None:
                raise ValueError(f"the test on {self.path!r} needs an op")
            needs_value = self.op not in {"exists", "missing"}
            if needs_value and self.value is None:
                raise ValueError(f"op {self.op!r} needs a value")
            if self.op in {"in", "not_in"} and not isinstance(self.value, tuple):
                raise ValueError(f"op {self.op!r} needs a list value")
        return self

    def nodes(self, under: str = "") -> Iterator[tuple[str, Predicate]]:
        """This predicate and every one inside it, each with the whole path of the list it is
        read under (``each``'s; empty for the procurement)."""
        yield under, self
        if self.each is not None and self.where is not None:
            yield from self.where.nodes(_joined(under, self.each))
        for child in (*(self.all or ()), *(self.any or ()), *((self.not_,) if self.not_ else ())):
            yield from child.nodes(under)

    def tests(self) -> Iterator[tuple[str, Predicate]]:
        """Every test with its whole path from the procurement (the lists it is read under and
        its own path, joined)."""
        for under, node in self.nodes():
            if node.path is not None:
                yield _joined(under, node.path), node

    def lists(self) -> Iterator[str]:
        """The whole path of every list an ``each`` names."""
        for under, node in self.nodes():
            if node.each is not None:
                yield _joined(under, node.each)


def _joined(under: str, path: str) -> str:
    return f"{under}.{path}" if under else path


class ConditionParams(Params):
    when: Predicate
    """The policy fires when this holds."""
    binding: bool = True
    """Whether the policy binds the buyer (an organisation's own rule usually does)."""
    likelihood: int = Field(default=4, ge=1, le=5)

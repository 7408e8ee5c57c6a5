"""The contract between the engine and a rule kind."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, NamedTuple, Protocol, TypeVar

import attrs
from pydantic import BaseModel, ConfigDict

from riskkit._support.dates import day_after
from riskkit.kinds.context import Context
from riskkit.model.rule import PackInfo, Rule
from riskkit.model.vocabulary import Outcome

HitOutcome = Outcome | Literal["unknown"]


class Params(BaseModel):
    """Base of every kind's params: frozen, unknown fields rejected.

    A kind's params model lives in its own ``params.py`` beside the kind: pydantic builds a
    model from its class body, which a module compiled by mypyc would turn into something else,
    so the optional compiled build leaves ``params.py`` files out (docs/compiled-build.md).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Evidence(NamedTuple):
    """One fact the finding rests on: where it is in the input, and what it says.

    A named tuple rather than an attrs class: an assessment makes and hashes a few hundred of
    them (the engine keys report items on them), and a tuple is built and hashed in C.
    """

    path: str
    """A path into the procurement (``components[cam].brand``) or into curated data
    (``entities[lorex].made_by[0]``); ``[...]`` holds the item's id."""
    value: str
    note: str = ""


class Hit(NamedTuple):
    """What a kind reports for one subject of one rule on one day.

    A named tuple, for the same reason as ``Evidence``: one is made for every subject of every
    finding and every unknown. Build it with keywords.
    """

    subject: str
    """The path of the thing the finding is about (``components[cam]``, ``parties[hik]``)."""
    outcome: HitOutcome
    binding: bool
    """True when the rule's consequence legally binds this buyer."""
    likelihood: int
    """1 (very low) to 5 (very high), before mitigations."""
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    concerns: frozenset[str] = frozenset()
    """Ids of components, flows and parties involved: a mitigation naming one of them applies."""
    confidence: str = "high"
    """The weakest confidence of the facts used."""
    exception: str | None = None
    """The id of a rule exception that a declared authorisation meets."""
    since: date | None = None
    """The day the fact behind the hit began to count (a listing date), when later than the
    rule's own start."""


class Missing(NamedTuple):
    """A deciding fact a kind needs and the input does not give: reported as an unknown (with
    no rule id), once per subject and fact however many kinds and rules need it."""

    subject: str
    """The path of the thing the fact is about (``parties[hik]``)."""
    fact: str
    """Which fact (``incorporated_in``): with the subject, what makes two the same."""
    explanation: str
    """What is missing and what riskkit cannot decide without it, in words a buyer
    understands."""
    evidence: tuple[Evidence, ...] = ()


class KindError(Exception):
    """A rule's params are wrong in a way its params model cannot say (a bad model path)."""


@attrs.frozen
class CompiledRule:
    """A rule with its params validated by its kind, ready to evaluate."""

    rule: Rule
    params: BaseModel
    kind: RuleKind
    pack: PackInfo
    source: str
    """The pack file the rule came from."""
    _change_dates: frozenset[date] = attrs.field(init=False, repr=False, eq=False)
    _sorted_change_dates: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        days = {self.rule.effective.start}
        until = self.rule.effective.until
        after = day_after(until) if until is not None else None
        if after is not None:
            days.add(after)
        days.update(self.kind.change_dates(self.params))
        object.__setattr__(self, "_change_dates", frozenset(days))
        object.__setattr__(self, "_sorted_change_dates", tuple(sorted(days)))

    @property
    def id(self) -> str:
        return self.rule.id

    def change_dates(self) -> frozenset[date]:
        """Days on which the rule's result may change: its window and its kind's own dates."""
        return self._change_dates

    def change_dates_between(self, after: date, until: date) -> tuple[date, ...]:
        """The rule's change dates later than ``after`` and no later than ``until``, in order."""
        dates = self._sorted_change_dates
        return dates[bisect_right(dates, after) : bisect_right(dates, until)]


P = TypeVar("P", bound=BaseModel)


def params_of(rule: CompiledRule, model: type[P]) -> P:
    """The rule's params as the kind's own params model: the loader validated them with
    ``model``, so this only narrows the type (and fails loudly if a rule reached the wrong
    kind)."""
    params = rule.params
    if not isinstance(params, model):
        raise KindError(f"rule {rule.id}: params are {type(params).__name__}, not {model.__name__}")
    return params


class RuleKind(Protocol):
    """A rule kind: a params schema and a pure evaluation."""

    name: str
    params_model: type[BaseModel]

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        """Problems the params model cannot see (cross-field, model paths); empty when fine."""
        ...

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        """Days inside the rule's window on which its result may change (listing dates, ...)."""
        ...

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterable[Hit]:
        """Findings for ``ctx.procurement`` on ``ctx.day``; the rule is in force that day."""
        ...


class NeedsFacts(Protocol):
    """A kind that says which deciding facts it reads (optional: a kind without
    ``prerequisites`` asks for nothing).

    The engine calls it once per assessment, on the as-of day, for every kind of the loaded
    rules, whether or not any of its rules is in scope: where a party is incorporated decides
    which laws are in scope, so a missing fact can hide every rule that would have read it.
    """

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterable[Missing]:
        """What the kind's rules would read and the input does not give: ``loaded`` are the
        kind's loaded rules, ``in_scope`` those of them in scope and in force on the as-of date
        (or, asked again for each rule taking effect later in the term, that rule alone: what
        only it reads is upcoming). In a deterministic order."""
        ...

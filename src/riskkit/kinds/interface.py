"""The contract between the engine and a rule kind, whole: what a kind is given, what it must
give back, and what the engine does with it.

A kind is an object with a name, a params model and three methods (:class:`RuleKind`),
registered in the ``riskkit.kinds`` entry point group under its name; two optional hooks
(:class:`NeedsFacts`, :class:`SpeaksBeyondScope`) and one on its params (:class:`NamesEntities`)
are called when present. docs/writing-a-kind.md says the same in prose with a worked example.

What the engine relies on, beyond the signatures:

- **Scope.** The engine looks at a rule only for procurements touching a country of its scope
  (and, for a state or city scope, a place inside it). That is a coarse pre-selection: the kind
  decides whether the rule speaks to *this* deployment, such as whether the buyer or a site
  sits inside the scope (:func:`riskkit.kinds.scope.in_scope_by`). A kind that never checks
  reports a country's law to every buyer whose cloud or supplier happens to sit there.
- **In force.** ``evaluate`` is called only on days inside the rule's window; ``ctx.day`` is the
  as-of date or a later day on which the result may change (``change_dates``).
- **One hit per subject.** The engine keeps a rule's first hit for each subject; a result is
  taken to hold unchanged from one change date to the next.
- **Unknown.** A hit with outcome ``"unknown"`` is reported as an :class:`Unknown`
  (``report.unknowns``): a question the input leaves open, never a finding, never scored.
- **Binding.** ``binding`` is True only when the rule's law reaches the buyer *and* the outcome
  is one of :data:`GATE_OUTCOMES`; derive it with :func:`binds`, never by hand. A binding finding
  decides the verdict by law: no score lowers it and no waiver lifts it.
- **Fingerprints.** A finding's fingerprint hashes the rule id, the pack version, the subject and
  each evidence ``path=value`` (not the note). Waivers and report diffs match findings by it, so
  rewording an evidence value or path breaks every waiver written for it; word notes freely.
- **Determinism.** Same procurement, rules and day: same hits, in the same order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Literal, NamedTuple, Protocol, TypeVar

import attrs
from pydantic import BaseModel, ConfigDict

from riskkit._support.dates import day_after
from riskkit.kinds.context import Context, Slot
from riskkit.model import jurisdictions
from riskkit.model.rule import PackInfo, Rule
from riskkit.model.vocabulary import GATE_OUTCOMES, Outcome, binds

__all__ = [
    "GATE_OUTCOMES",
    "CompiledRule",
    "Context",
    "Evidence",
    "Hit",
    "HitOutcome",
    "KindError",
    "Missing",
    "NamesEntities",
    "NeedsFacts",
    "Params",
    "Rule",
    "RuleKind",
    "Slot",
    "SpeaksBeyondScope",
    "binds",
    "params_of",
]

HitOutcome = Outcome | Literal["unknown"]
"""A rule's outcome for one subject, or ``"unknown"``: the rule may apply and the input does not
say enough to decide. The engine reports an unknown hit as an ``Unknown`` (with the hit's
subject, explanation and evidence), not as a finding: it is not scored, waived or mitigated,
and the report's verdict counts it as a fact to supply."""


class Params(BaseModel):
    """Base of every kind's params: frozen, unknown fields rejected.

    A kind's params model lives in its own ``params.py`` beside the kind: pydantic builds a
    model from its class body, which a module compiled by mypyc would turn into something else,
    so the optional compiled build leaves ``params.py`` files out (docs/compiled-build.md).
    Give each field a docstring saying what it means to a rule author.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Evidence(NamedTuple):
    """One fact the finding rests on: where it is in the input, and what it says.

    A named tuple rather than an attrs class: an assessment makes and hashes a few hundred of
    them (the engine keys report items on them), and a tuple is built and hashed in C.
    """

    path: str
    """A path into the procurement (``components[cam].brand``, ``buyer.jurisdiction``) or into
    curated data (``entities[lorex].made_by[0]``): field names joined by dots, a list item
    written ``name[id]`` with the item's id (its index where it has none). Part of the finding's
    fingerprint."""
    value: str
    """What the input says there, as text (``"not given"`` where it says nothing). Part of the
    fingerprint: keep the wording of a value stable from one release to the next."""
    note: str = ""
    """Why the fact matters, in words: shown, never hashed."""


class Hit(NamedTuple):
    """What a kind reports for one subject of one rule on one day.

    A named tuple, for the same reason as ``Evidence``: one is made for every subject of every
    finding and every unknown. Build it with keywords.
    """

    subject: str
    """The path of the thing the finding is about (``components[cam]``, ``parties[hik]``,
    ``data_flows[f1]``, or ``procurement`` for the deployment as a whole), in the grammar of
    :attr:`Evidence.path`. Part of the fingerprint; the engine keeps one hit per subject."""
    outcome: HitOutcome
    """Usually the rule's own (``rule.rule.outcome``); lower where an exception or a declared
    route applies; ``"unknown"`` when the input cannot decide (see :data:`HitOutcome`)."""
    binding: bool
    """True when the rule's consequence legally binds this buyer: ``binds(outcome, bound)``,
    which is never True outside :data:`GATE_OUTCOMES`. Ignored for an unknown (give False)."""
    likelihood: int
    """1 (very low) to 5 (very high), before mitigations."""
    explanation: str
    """What the finding means, in sentences a buyer understands, naming the rule's title."""
    evidence: tuple[Evidence, ...] = ()
    concerns: frozenset[str] = frozenset()
    """Ids of components, flows and parties involved. A mitigation the buyer declares lowers the
    finding when the rule lists its kind in ``mitigated_by`` and it applies to the whole
    deployment or names one of these ids; with no concerns, only whole-deployment ones apply."""
    confidence: str = "high"
    """The weakest confidence of the facts used."""
    exception: str | None = None
    """The id of a rule exception that a declared authorisation meets."""
    since: date | None = None
    """The day the fact behind the hit began to count (a listing date), when later than the
    rule's own start. A day the engine looks back over, not the finding's first day: the same
    result may have held before through another cause (a brand's maker listed earlier)."""


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
    """A rule with its params validated by its kind, ready to evaluate.

    What a kind reads of it: ``rule.rule`` (the pack's fields: ``id``, ``title``, ``scope``,
    ``outcome``, ``effective``), ``rule.id`` and its params through :func:`params_of`.
    """

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
        # A group (the EU) that gains or loses a member takes in other places: in the scope,
        # or anywhere in the params (a free-flow area, a policy's "within").
        named = (*self.rule.scope, *_groups_in(self.params.model_dump()))
        days.update(jurisdictions.membership_days(named))
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


def _groups_in(value: object) -> Iterator[str]:
    """Every group of jurisdictions (``EU``) named by a string anywhere in ``value`` (dumped
    params: dicts, lists and scalars)."""
    if isinstance(value, str):
        if value in jurisdictions.groups():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _groups_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _groups_in(item)


P = TypeVar("P", bound=BaseModel)


def params_of(rule: CompiledRule | BaseModel, model: type[P]) -> P:
    """The params of ``rule`` (or the params a kind's ``check`` or ``change_dates`` is given)
    as the kind's own params model: the loader validated them with ``model``, so this only
    narrows the type, and fails loudly if a rule reached the wrong kind."""
    params = rule.params if isinstance(rule, CompiledRule) else rule
    if not isinstance(params, model):
        owner = f"rule {rule.id}: params" if isinstance(rule, CompiledRule) else "params"
        raise KindError(f"{owner} are {type(params).__name__}, not {model.__name__}")
    return params


class RuleKind(Protocol):
    """A rule kind: a params schema and a pure evaluation.

    Register the object (conventionally ``KIND`` in the kind's package) in the ``riskkit.kinds``
    entry point group under its ``name``. Kinds do not import each other; what two kinds share
    lives below them (for the built-ins, ``kinds/_shared`` and the other wings).
    """

    # Read-only members: a kind may give them as class attributes, fields of a frozen class or
    # properties; riskkit never sets them.
    @property
    def name(self) -> str:
        """What a pack's ``kind = ...`` names; equal to the entry point's name."""
        ...

    @property
    def params_model(self) -> type[BaseModel]:
        """The pydantic model a rule's ``params`` table is validated with (a :class:`Params`)."""
        ...

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        """Problems the params model cannot see (across fields, against the rule's window or
        outcome), each a sentence saying what would be right; empty when fine. Called once per
        rule when its pack loads; the loader reports every problem of every pack at once."""
        ...

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        """Days inside the rule's window on which its result may change (a listing date, an
        exception an amendment adds), each the first day of the new state: for something that
        holds ``until`` a day, give the day after. The rule's own start and the day after its
        end are added by :class:`CompiledRule`; the engine evaluates the rule again on each."""
        ...

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterable[Hit]:
        """Hits for ``ctx.procurement`` on ``ctx.day``; the rule is in force that day.

        Pure and deterministic: read the procurement, the rule and ``ctx``; keep what is worth
        keeping for the rest of the assessment in a :class:`Slot`, never in module state.
        Decide first whether the rule speaks to this deployment (the scope check above)."""
        ...


class NeedsFacts(Protocol):
    """A kind that says which deciding facts it reads (optional: a kind without
    ``prerequisites`` asks for nothing).

    The engine calls it on the as-of day (and on the later days below) for every kind of the
    loaded rules, whether or not any of its rules is in scope: where a party is incorporated
    decides which laws are in scope, so a missing fact can hide every rule that would have read
    it.
    """

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterable[Missing]:
        """What the kind's rules would read and the input does not give: ``loaded`` are the
        kind's loaded rules, ``in_scope`` those of them in scope and in force on the as-of date
        (or, asked again for each rule taking effect later in the term, that rule alone: what
        only it reads is upcoming; asked again on each day in the term a fact of the input
        changes or the kind names in ``deployment_days``, those in scope and in force that day,
        perhaps none). ``ctx.day`` is the day asked about. In a deterministic order."""
        ...


class ChangesOnDays(Protocol):
    """A kind whose decisions or questions about a deployment may change on days beyond its
    rules' own change dates and the input's (optional): an official list's entry that a party's
    name matches, listed or expiring within the term; a loaded law, in scope or not, that may
    bind an owner the register does not name, taking effect. On those days within the term the
    engine evaluates the kind's rules again and asks its ``prerequisites`` again (with no rule
    in scope in force, if need be), as on the days the input changes."""

    def deployment_days(self, loaded: Sequence[CompiledRule], ctx: Context) -> Iterable[date]:
        """The days on which what the kind's rules (``loaded``: all the kind's loaded rules)
        decide or ask about the deployment of ``ctx`` may change (any day: the engine keeps
        those within the term)."""
        ...


class SpeaksBeyondScope(Protocol):
    """A kind some of whose rules speak to deployments outside their scope's countries
    (optional): a country's list of foreign makers reaches a buyer anywhere that buys from
    them. The pack loader asks once per rule; a rule for which it says True is looked at for
    every procurement, and its kind's ``evaluate`` decides alone whether it applies."""

    def speaks_beyond_scope(self, params: BaseModel) -> bool:
        """Whether a rule with ``params`` is a candidate wherever the deployment is."""
        ...


class NamesEntities(Protocol):
    """Params that name curated entities by id (optional, a method of the params model).

    The pack loader checks every id against the loaded entities and reports an unknown one at
    the rule, with a suggestion, like any other load error; without it a misspelt id would
    silently match nothing."""

    def entity_refs(self) -> Iterable[tuple[str, str]]:
        """(field path within ``params``, entity id) for every entity the params name:
        ``("entries[0].entity", "hikvision")``."""
        ...

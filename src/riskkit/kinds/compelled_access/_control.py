"""Holdings that leave open whether a law reaches the data through a party's owner.

A law that binds by control (the CLOUD Act's "possession, custody, or control", China's laws
over what its companies control) reaches a party that can reach the deployment's data through
the owner that controls it. When a holding in such a party, or in one that controls it, does not
say whether it gives control (no share, a band across the threshold) and the owner is bound by
such a law, or when the owner is one the register does not name (who may be bound by any), the
law may reach the data and riskkit cannot tell: a missing fact, stated once per holding, never
a silent pass. (Until 2026-12-07 an EU subsidiary of a US cloud provider held with its share not
given assessed acceptable.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from riskkit.kinds._exposure.routes import ways
from riskkit.kinds._exposure.subjects import party_name
from riskkit.kinds._exposure.ties import ties_to
from riskkit.kinds.compelled_access.params import CompelledAccessParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Missing
from riskkit.model import BUYER

_Law = tuple[str, tuple[str, ...], CompelledAccessParams]
"""A law in scope that binds by control: its title, its place and how it is written."""


def control_needs(
    ctx: Context, in_scope: Sequence[CompiledRule], loaded: Sequence[CompiledRule]
) -> Iterator[Missing]:
    """Each holding, up the deal's holdings that control or may control from a party that can
    reach the data, whose control is not known and whose owner a law in scope and in force
    binding by control binds (and does not bind the held party already), or whose owner is not
    named while any law ``loaded`` binding by control is in force: an owner who is not known
    may be of any country, so a law may bind it though nothing else ties the deal to its
    state and puts it in scope."""
    reaching = [
        party_id
        for party_id in ways(ctx).by_party
        if party_id != BUYER and party_id in ctx.parties and ctx.parties[party_id].owners
    ]
    if not reaching:
        return  # the usual case: no party that reaches the data lists owners
    laws = _control_laws(ctx, in_scope)
    # Every law loaded and in force may bind an owner who is not named; the laws in scope are
    # those (of them) that may bind the owners who are.
    anyone = _control_laws(ctx, loaded)
    if not anyone:
        return
    threshold = min(params.control_threshold for _, _, params in anyone)
    asked: set[tuple[str, int]] = set()
    for start in reaching:
        seen = {start}
        stack = [start]
        while stack:
            owned = stack.pop()
            for i, owner in enumerate(ctx.parties[owned].owners):
                if not owner.holds_on(ctx.day) or owner.decides(threshold) is False:
                    continue
                if (owned, i) not in asked:
                    asked.add((owned, i))
                    found = _open_holding(ctx, laws, owned, i)
                    if found is not None:
                        yield found
                if owner.party not in seen:
                    seen.add(owner.party)
                    stack.append(owner.party)


def control_law_starts(loaded: Sequence[CompiledRule]) -> set[date]:
    """The first days of the laws among ``loaded`` that bind by control."""
    return {
        rule.rule.effective.start
        for rule in loaded
        if isinstance(rule.params, CompelledAccessParams) and "control" in rule.params.binds_by
    }


def _control_laws(ctx: Context, in_scope: Sequence[CompiledRule]) -> list[_Law]:
    """The laws in scope and in force on the day that bind by control (a law that spares
    buyers of its own country left out for them), each place and writing once."""
    found: dict[tuple[tuple[str, ...], tuple[object, ...]], _Law] = {}
    for rule in in_scope:
        params = rule.params
        if not isinstance(params, CompelledAccessParams) or "control" not in params.binds_by:
            continue
        if not rule.rule.effective.contains(ctx.day):
            continue
        if not (params.foreign_only and ctx.buyer_within(rule.rule.scope)):
            found.setdefault(
                (rule.rule.scope, params.search_key), (rule.rule.title, rule.rule.scope, params)
            )
    return list(found.values())


def _open_holding(ctx: Context, laws: list[_Law], owned: str, index: int) -> Missing | None:
    """The missing fact of holding ``index`` in ``owned``, when it leaves a law open: any law,
    for an owner who is not named; one of ``laws`` (those in scope) that binds it, for one who
    is."""
    owner = ctx.parties[owned].owners[index]
    held_by = ctx.parties[owner.party]
    path = f"parties[{owned}].owners[{index}]"
    said = owner.bounds().said()
    if held_by.undisclosed:
        source = owner.source or held_by.source or held_by.name
        return Missing(
            f"parties[{owned}]",
            f"owners[{index}]",
            f"Who holds {said} of {party_name(ctx, owned)} is not known ({source}). It may "
            f"control {owned!r}, which can reach this deployment's data or controls a party "
            "that can, and be bound by a state's law that reaches what its companies control, "
            "so riskkit cannot tell which state's law can make it hand the data over. Find "
            "out who holds it.",
            (Evidence(path, owner.party, f"owns {said} of {owned!r}; who it is is not known"),),
        )
    bound_by = []
    for title, scopes, params in laws:
        threshold = params.control_threshold
        if owner.decides(threshold) is not None:
            continue
        ties = ties_to(ctx, scopes, threshold)
        counted = [t for t in ties.of(ctx, owner.party) if t.how in params.binds_by]
        if counted and not any(t.how in params.binds_by for t in ties.of(ctx, owned)):
            bound_by.append(title)
    if not bound_by:
        return None
    titles, one = "; ".join(bound_by), len(bound_by) == 1
    return Missing(
        f"parties[{owned}]",
        f"owners[{index}].control",
        f"Whether {party_name(ctx, owner.party)} controls {party_name(ctx, owned)}, which can "
        "reach this deployment's data or controls a party that can, is not known: it holds "
        f"{said}, and whether that gives control is not given. It is bound by {titles}, which "
        f"{'reaches' if one else 'reach'} the companies it controls, so riskkit cannot tell "
        f"whether {'that law' if one else 'those laws'} can make {owned!r} hand the data over. "
        "Declare the share, or control = true or false.",
        (
            Evidence(
                path,
                owner.party,
                f"owns {said} of {owned!r}; whether that gives control is unknown",
            ),
        ),
    )

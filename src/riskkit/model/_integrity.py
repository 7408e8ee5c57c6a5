"""A procurement's referential integrity: unique ids, references that resolve, no ownership
cycle. Checked once the procurement's parts are valid, and reported as pydantic errors so a
file's every problem is listed at once with the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic_core import InitErrorDetails, PydanticCustomError

from riskkit._support.spelling import did_you_mean
from riskkit.model.parties import BUYER

if TYPE_CHECKING:
    from riskkit.model.procurement import Procurement


def _index(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _problem(loc: tuple[str | int, ...], value: object, message: str) -> InitErrorDetails:
    return {
        "type": PydanticCustomError("reference", message),
        "loc": loc,
        "input": value,
    }


def reference_errors(p: Procurement) -> list[InitErrorDetails]:
    """Every duplicate id, unresolved reference and ownership cycle of ``p``, located by field
    path as pydantic locates its own errors, in the order of the file."""
    problems: list[InitErrorDetails] = []
    groups: dict[str, tuple[Any, ...]] = {
        "sites": p.sites,
        "parties": p.parties,
        "components": p.components,
        "data_flows": p.data_flows,
        "mitigations": p.mitigations,
        "authorisations": p.authorisations,
    }
    for name, items in groups.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    _problem((name, i, "id"), item.id, f'duplicate id "{item.id}" in {name}')
                )
            seen.add(item.id)

    parties, sites, components = _index(p.parties), _index(p.sites), _index(p.components)
    # An undisclosed party (who it is is not known) can only own: a part in the deal needs a
    # party that can be screened.
    in_deal = {key: party for key, party in parties.items() if not party.undisclosed}
    operators = {**in_deal, BUYER: None}

    def ref(
        loc: tuple[str | int, ...], value: str | None, table: dict[str, Any], what: str
    ) -> None:
        if value is None or value in table:
            return
        if value in parties:
            problems.append(
                _problem(
                    loc,
                    value,
                    f'party "{value}" is undisclosed (who it is is not known): it can only own '
                    "a party; name the party that has this part in the deal",
                )
            )
        else:
            hint = did_you_mean(value, table)
            problems.append(_problem(loc, value, f'no {what} with id "{value}"{hint}'))

    owned = False
    for i, party in enumerate(p.parties):
        if party.id == BUYER:
            problems.append(
                _problem(
                    ("parties", i, "id"),
                    party.id,
                    f'"{BUYER}" is reserved for the buyer itself; give the party another id',
                )
            )
        for j, owner in enumerate(party.owners):
            owned = True
            ref(("parties", i, "owners", j, "party"), owner.party, parties, "party")
            if owner.party == party.id:
                problems.append(
                    _problem(
                        ("parties", i, "owners", j, "party"),
                        owner.party,
                        "a party cannot own itself",
                    )
                )
    for i, comp in enumerate(p.components):
        ref(("components", i, "manufacturer"), comp.manufacturer, in_deal, "party")
        ref(("components", i, "supplied_by"), comp.supplied_by, in_deal, "party")
        ref(("components", i, "site"), comp.site, sites, "site")
        ref(
            ("components", i, "firmware_updates_by"),
            comp.firmware_updates_by,
            operators,
            'party (or "buyer")',
        )
        for j, who in enumerate(comp.remote_access or ()):
            ref(("components", i, "remote_access", j), who, in_deal, "party")
        for j, part in enumerate(comp.contains):
            ref(
                ("components", i, "contains", j, "manufacturer"),
                part.manufacturer,
                in_deal,
                "party",
            )
    for i, flow in enumerate(p.data_flows):
        ref(("data_flows", i, "from"), flow.source, components, "component")
        ref(("data_flows", i, "to", "operator"), flow.to.operator, operators, 'party (or "buyer")')
        ref(("data_flows", i, "to", "component"), flow.to.component, components, "component")
        if flow.to.component is not None and flow.to.component == flow.source:
            problems.append(
                _problem(
                    ("data_flows", i, "to", "component"),
                    flow.to.component,
                    "a flow cannot go from a component to itself",
                )
            )
    if p.mitigations:
        everything = {**parties, **components, **_index(p.data_flows), **sites}
        for i, mitigation in enumerate(p.mitigations):
            for j, target in enumerate(mitigation.applies_to):
                ref(
                    ("mitigations", i, "applies_to", j),
                    target,
                    everything,
                    "component, flow or party",
                )
    for i, auth in enumerate(p.authorisations):
        for j, target in enumerate(auth.applies_to):
            ref(("authorisations", i, "applies_to", j), target, components, "component")
    if owned:  # no holding, no cycle
        problems += _ownership_cycles(p)
    return problems


def _cycle_text(cycle: list[str], shown: int = 12) -> str:
    """The chain of a cycle; one of thousands of links keeps its ends and counts the middle."""
    names = [f'"{c}"' for c in cycle]
    if len(names) > 2 * shown:
        names = [*names[:shown], f"... ({len(names) - 2 * shown} more) ...", *names[-shown:]]
    return " is owned by ".join(names)


def _ownership_cycles(p: Procurement) -> Iterator[InitErrorDetails]:
    """Report each ownership cycle once, as the chain of party ids that closes it."""
    owners = {party.id: [o.party for o in party.owners] for party in p.parties}
    position = {party.id: i for i, party in enumerate(p.parties)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    reported: set[frozenset[str]] = set()

    # Depth-first with an explicit stack: a register's chains run to thousands of links,
    # deeper than Python's recursion limit.
    for party in p.parties:
        if state.get(party.id) is not None:
            continue
        state[party.id] = 1
        path = [party.id]
        stack = [iter(owners[party.id])]
        while stack:
            node = path[-1]
            for nxt in stack[-1]:
                if nxt not in owners or nxt == node:
                    continue
                if state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        chain = _cycle_text(cycle)
                        yield _problem(
                            ("parties", position[node], "owners"),
                            nxt,
                            f"ownership cycle: {chain}; ownership must form a tree or a DAG",
                        )
                elif state.get(nxt) is None:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append(iter(owners[nxt]))
                    break
            else:
                stack.pop()
                state[path.pop()] = 2

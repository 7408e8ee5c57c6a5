"""Ownership cycles and diamonds, found in one pass over the relationships (linear time).

Real registers hold cycles (A owns B, B owns A: cross-holdings, or errors) and diamonds (an owner
holds a company through two intermediate companies). riskkit's procurement model rejects a cycle,
and a diamond counted naively counts the owner twice, so both are reported as defects with the
refs involved, never a load error and never a walk per owner.

One iterative depth-first search from the top owners (those nobody owns) follows each owner ->
owned edge once. An edge back into the current path closes a **cycle**. An edge to an entity
already finished in the same search tree means the tree's owner reaches it by a second path: a
**diamond**. An entity first reached from an earlier tree and then twice from a later one is also
a diamond of that later owner. Two paths of a later owner that enter an earlier tree at
*different* entities and meet further down are not seen: finding every such pair is not linear.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from riskkit.feeds.bods.defects import MAX_LISTED, ReadStats

_MAX_MEMBERS = 20
"""Refs listed per cycle: a longer cycle is listed by its first ones and "…"."""


def check_ownership(edges: Iterable[tuple[str, str]], stats: ReadStats) -> None:
    """Count (and list, up to :data:`MAX_LISTED`) the cycles and diamonds of owner -> owned."""
    owned: dict[str, dict[str, None]] = {}
    has_owner: set[str] = set()
    for owner, subject in edges:
        owned.setdefault(owner, {})[subject] = None
        owned.setdefault(subject, {})
        has_owner.add(subject)
    tops = [node for node in owned if node not in has_owner]
    rest = [node for node in owned if node in has_owner]
    state: dict[str, int] = {}  # absent: unseen; 1: on the current path; 2: finished
    tree: dict[str, str] = {}
    order: dict[str, int] = {}
    entered: dict[str, str] = {}
    for root in [*tops, *rest]:
        if root not in state:
            _search(root, owned, state, tree, order, entered, stats)


def _search(
    root: str,
    owned: dict[str, dict[str, None]],
    state: dict[str, int],
    tree: dict[str, str],
    order: dict[str, int],
    entered: dict[str, str],
    stats: ReadStats,
) -> None:
    path: list[str] = [root]
    position = {root: 0}
    pending: list[Iterator[str]] = [iter(owned[root])]
    state[root], tree[root], order[root] = 1, root, len(order)
    while pending:
        node = path[-1]
        child = next(pending[-1], None)
        if child is None:
            state[node] = 2
            del position[node]
            path.pop()
            pending.pop()
            continue
        seen = state.get(child)
        if seen is None:
            state[child], tree[child], order[child] = 1, root, len(order)
            position[child] = len(path)
            path.append(child)
            pending.append(iter(owned[child]))
        elif seen == 1:
            members = path[position[child] : position[child] + _MAX_MEMBERS]
            if len(path) - position[child] > _MAX_MEMBERS:
                members.append("…")
            _report(stats, "cycle", " -> ".join([*members, child]))
            if len(stats.cycles) < MAX_LISTED:
                stats.cycles.append(tuple(members))
        elif tree[child] == root:
            apex = node if order[child] > order[node] else root
            _diamond(stats, apex, child)
        elif entered.get(child) == root:
            _diamond(stats, root, child)
        else:
            entered[child] = root


def _diamond(stats: ReadStats, owner: str, subject: str) -> None:
    _report(stats, "diamond", f"{owner} owns {subject} through two paths")
    if len(stats.diamonds) < MAX_LISTED:
        stats.diamonds.append((owner, subject))


def _report(stats: ReadStats, kind: str, detail: str) -> None:
    stats.add(kind, None, detail)

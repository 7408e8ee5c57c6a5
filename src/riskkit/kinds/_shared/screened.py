"""Screening the procurement's names against official list files, for listed-entity rules.

A name that matches a list entry at the match band is treated as that entry, an identity like
a curated entity's, so a hit propagates along ownership by the rule's own affiliate rule. A name
that only reaches the review band is a question for a person, reported as unknown.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

import attr

from riskkit._support.dates import day_after
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence

LIST_PREFIX = "list:"
"""Node ids for official list entries start with this, to keep them apart from curated ids."""


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class Screened:
    """One list entry a procurement name was screened to."""

    key: str
    """``list:<list>:<source id>``: the node id of the entry in the ownership graph."""
    list_name: str
    programmes: tuple[str, ...]
    entry_name: str
    source: str
    source_id: str
    listed_on: date | None
    """The day the entry was listed (a denial order's effective day when the list gives no
    listing date); None when the file does not say."""
    until: date | None
    """The last day the entry is in force (a denial order's expiry); None when open-ended."""
    score: float
    band: str
    explanation: str

    def in_force_on(self, day: date) -> bool:
        """Whether the entry is listed on ``day``, as far as the file says."""
        if self.listed_on is not None and day < self.listed_on:
            return False
        return self.until is None or day <= self.until

    def describe(self) -> str:
        return (
            f"{self.entry_name} ({self.list_name} entry {self.source_id} in "
            f"{PurePath(self.source).name})"
        )

    def evidence(self, path: str, name: str) -> Evidence:
        return Evidence(path, name, self.note())

    def note(self) -> str:
        return f"screened to {self.describe()}: {self.band} at {self.score:.2f}; {self.explanation}"


_SCREENED_NAME: Slot[str, tuple[Screened, ...]] = Slot("screened.name")
_ALL_SCREENED: Slot[None, dict[str, Screened]] = Slot("screened.all")


def is_list_key(node_id: str) -> bool:
    return node_id.startswith(LIST_PREFIX)


def screen_name(ctx: Context, name: str) -> tuple[Screened, ...]:
    """Match- and review-band entries for ``name`` (none without list files)."""
    if ctx.screener is None:
        return ()
    cached = _SCREENED_NAME.get(ctx, name)
    if cached is not None:
        return cached
    found = []
    for match in ctx.screener.screen(name, limit=5):
        if match.band == "no_match":
            continue
        entry = match.entry
        listed = [d.value for d in entry.dates if d.kind == "listed_on" and d.value is not None]
        if not listed and entry.format == "bis-dpl":
            listed = [d.value for d in entry.dates if d.kind == "effective" and d.value]
        expires = [d.value for d in entry.dates if d.kind == "expires" and d.value is not None]
        found.append(
            Screened(
                key=f"{LIST_PREFIX}{entry.list}:{entry.source_id or entry.name}",
                list_name=entry.list,
                programmes=tuple(entry.programmes),
                entry_name=entry.name,
                source=entry.source,
                source_id=entry.source_id or "",
                listed_on=min(listed) if listed else None,
                until=max(expires) if expires else None,
                score=match.score,
                band=match.band,
                explanation=match.explanation,
            )
        )
    return _SCREENED_NAME.put(ctx, name, tuple(found))


def screened_days(ctx: Context) -> set[date]:
    """The days on which an entry the deployment's names match (``all_screened``) starts or
    stops being listed, as far as its file says."""
    days: set[date] = set()
    for hit in all_screened(ctx).values():
        if hit.listed_on is not None:
            days.add(hit.listed_on)
        if hit.until is not None and (after := day_after(hit.until)) is not None:
            days.add(after)
    return days


def party_names(ctx: Context, party_id: str) -> list[tuple[str, str]]:
    """(path, name) for the party's name and aliases; none for an owner who is not known (its
    name is a placeholder, never screened: the listed-entity kind makes its holding an
    unknown)."""
    party = ctx.parties[party_id]
    if party.undisclosed:
        return []
    return [(f"parties[{party_id}].name", party.name)] + [
        (f"parties[{party_id}].aliases[{i}]", alias) for i, alias in enumerate(party.aliases)
    ]


def screened_identities(ctx: Context, party_id: str) -> list[tuple[Screened, Evidence]]:
    """List entries the party *is*: match-band hits of its name or aliases, best first."""
    if ctx.screener is None:
        return []
    best: dict[str, tuple[Screened, Evidence]] = {}
    for path, name in party_names(ctx, party_id):
        for hit in screen_name(ctx, name):
            if hit.band == "match" and (hit.key not in best or hit.score > best[hit.key][0].score):
                best[hit.key] = (hit, hit.evidence(path, name))
    return sorted(best.values(), key=lambda item: (-item[0].score, item[0].key))


def all_screened(ctx: Context) -> dict[str, Screened]:
    """Every list entry some party name or component brand matches, by node id."""
    if ctx.screener is None:
        return {}
    cached = _ALL_SCREENED.get(ctx, None)
    if cached is not None:
        return cached
    found: dict[str, Screened] = {}
    names = [name for p in ctx.procurement.parties for _, name in party_names(ctx, p.id)]
    names += [c.brand for c in ctx.procurement.components if c.brand]
    for name in names:
        for hit in screen_name(ctx, name):
            if hit.band == "match":
                found.setdefault(hit.key, hit)
    return _ALL_SCREENED.put(ctx, None, found)

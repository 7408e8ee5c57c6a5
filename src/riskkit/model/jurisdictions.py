"""Jurisdictions: ISO 3166 codes with an optional locality, their hierarchy, and groups.

A code is ``CC`` (ISO 3166-1 alpha-2), ``CC-SUB`` (ISO 3166-2) or either of those followed by
``:Locality`` (``US-OR:Portland``). A scope contains a code when it names the same country and
every finer part it names matches: ``US`` and ``US-OR`` both contain ``US-OR:Portland``;
``US-ME:Portland`` is elsewhere. Groups such as ``EU`` are data with dated membership.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import attrs
import pycountry
from pydantic import AfterValidator

from riskkit._support.dates import day_after
from riskkit._support.spelling import did_you_mean
from riskkit.model.dated import Dated, window_of

if TYPE_CHECKING:
    from riskkit.model.dated import Window


@attrs.frozen
class Code:
    """A parsed jurisdiction code."""

    country: str
    subdivision: str | None = None
    locality: str | None = None

    def __str__(self) -> str:
        text = self.subdivision or self.country
        return f"{text}:{self.locality}" if self.locality else text


@attrs.frozen
class Membership(Dated):
    """A country's membership of a group, from its first day to its last."""

    code: str
    since: date | None = None
    until: date | None = None

    window: ClassVar[Window] = window_of("since", "until")


@attrs.frozen
class Group:
    code: str
    name: str
    members: tuple[Membership, ...]

    def countries(self, day: date | None = None) -> frozenset[str]:
        """Member countries on ``day`` (today's members when no day is given)."""
        return _members_on(self.code, day)

    def all_countries(self) -> frozenset[str]:
        """Every country that was ever a member (for indexing)."""
        return frozenset(m.code for m in self.members)


@functools.lru_cache(maxsize=1024)
def _members_on(group: str, day: date | None) -> frozenset[str]:
    # Asked for every rule scoped to a group, for every place, on every evaluated day.
    members = groups()[group].members
    if day is None:
        return frozenset(m.code for m in members if m.until is None)
    return frozenset(m.code for m in members if m.holds_on(day))


@functools.cache
def groups() -> Mapping[str, Group]:
    """The jurisdiction groups shipped with riskkit, loaded on first use."""
    raw = tomllib.loads(
        resources.files("riskkit").joinpath("data/jurisdiction_groups.toml").read_text("utf-8")
    )["groups"]
    built: dict[str, Group] = {}

    def build(code: str) -> Group:
        if code in built:
            return built[code]
        spec = raw[code]
        members = [
            Membership(m["code"], m.get("from"), m.get("until")) for m in spec.get("members", [])
        ]
        for included in spec.get("includes", []):
            members.extend(build(included).members)
        built[code] = Group(code, spec["name"], tuple(members))
        return built[code]

    for code in raw:
        build(code)
    return built


# pycountry is untyped; these three wrappers are the only places it is called.
def _country_record(alpha_2: str) -> Any:
    return pycountry.countries.get(alpha_2=alpha_2)


def _subdivision_record(code: str) -> Any:
    return pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]


def _subdivisions_of(country: str) -> Any:
    return pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Code:
    """Parse and validate a jurisdiction code; raise ValueError with a hint when it is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a jurisdiction must be a non-empty ISO 3166 code such as 'US-OR'")
    head, sep, locality = text.strip().partition(":")
    if sep and not locality.strip():
        raise ValueError(f"{text!r} has an empty locality after ':'")
    head = head.upper()
    if head in groups():
        if sep:
            raise ValueError(f"a group such as {head!r} cannot carry a locality")
        return Code(head)
    country, dash, _ = head.partition("-")
    if len(country) != 2 or _country_record(country) is None:
        known = [c.alpha_2 for c in pycountry.countries] + list(groups())
        raise ValueError(
            f"{text!r} is not an ISO 3166-1 alpha-2 country code or a known group"
            f"{did_you_mean(country, known)}"
        )
    subdivision = None
    if dash:
        if _subdivision_record(head) is None:
            known = [s.code for s in _subdivisions_of(country) or []]
            raise ValueError(
                f"{head!r} is not an ISO 3166-2 subdivision of {country}{did_you_mean(head, known)}"
            )
        subdivision = head
    return Code(country, subdivision, locality.strip() if sep else None)


def _validated(text: str) -> str:
    return str(parse(text))


Jurisdiction = Annotated[str, AfterValidator(_validated)]
"""A validated jurisdiction code, normalised (``us-or:Portland`` becomes ``US-OR:Portland``)."""


@functools.lru_cache(maxsize=4096)
def _subdivision_chain(subdivision: str) -> tuple[str, ...]:
    """The subdivision and its parents, innermost first (``FR-75C``, ``FR-IDF``)."""
    chain = [subdivision]
    seen = {subdivision}
    current = _subdivision_record(subdivision)
    while current is not None and getattr(current, "parent_code", None):
        parent: str = current.parent_code
        if parent in seen:
            break
        chain.append(parent)
        seen.add(parent)
        current = _subdivision_record(parent)
    return tuple(chain)


def contains(scope: str, code: str, on: date | None = None) -> bool:
    """True when ``code`` lies inside ``scope`` (on ``on``, for dated group membership)."""
    outer, inner = parse(scope), parse(code)
    if outer.country in groups():
        if inner.country in groups():
            return inner.country == outer.country
        return inner.country in groups()[outer.country].countries(on)
    if inner.country != outer.country:
        return False
    if outer.subdivision is not None and (
        inner.subdivision is None or outer.subdivision not in _subdivision_chain(inner.subdivision)
    ):
        return False
    if outer.locality is not None:
        return inner.locality is not None and inner.locality.casefold() == outer.locality.casefold()
    return True


def membership_days(codes: Iterable[str]) -> frozenset[date]:
    """The days on which a group among ``codes`` (valid codes) gains or loses a member: each
    dated membership's first day and the day after its last. Whatever asks whether a place lies
    within such a group may answer differently from those days on."""
    days: set[date] = set()
    for code in codes:
        group = groups().get(parse(code).country)
        for member in group.members if group is not None else ():
            if member.since is not None:
                days.add(member.since)
            if member.until is not None and (after := day_after(member.until)) is not None:
                days.add(after)
    return frozenset(days)


def within_any(scopes: Iterable[str], code: str, on: date | None = None) -> bool:
    return any(contains(scope, code, on) for scope in scopes)


@functools.lru_cache(maxsize=16384)
def within_on(scopes: tuple[str, ...], code: str, on: date) -> bool:
    """``within_any`` for the questions rules ask again and again: the same scopes of the
    same places on the same day, whatever procurement asks (the answer is the code tables')."""
    return within_any(scopes, code, on)


def country_keys(code: str) -> frozenset[str]:
    """The country codes under which a scope is indexed (every member, ever, for a group)."""
    parsed = parse(code)
    if parsed.country in groups():
        return groups()[parsed.country].all_countries()
    return frozenset({parsed.country})


def country(code: str) -> str:
    return parse(code).country

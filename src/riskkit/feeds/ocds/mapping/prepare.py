"""``prepare``: the corrections a release needs before it is mapped, each one logged.

In the spirit of Cardinal's ``prepare`` command (feeds-research.md §D.1), data preparation is
kept apart from mapping, and every change it makes is said: a warning ``prepare: ...`` on the
process. The corrections are data (``publishers.toml``):

* party roles written in a publisher's own words become OCDS codes ("Comprador" -> buyer);
* a buyer given only as ``tender.procuringEntity`` becomes the buyer, for the publishers that
  publish it that way (Paraguay);
* placeholder dates (before 1901, after 2099) are noted: the mapping never reads them as dates.

Identifier schemes are normalised to org-id codes where the parties are read
(:mod:`riskkit.feeds.ocds.mapping.parties`), logged the same way. The release given is never
changed: what is corrected is copied.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attr

from riskkit.feeds.ocds.mapping.access import has_role, obj, objs, placeholder_text, text
from riskkit.feeds.ocds.mapping.tables import Publisher, fold, publisher_named, publisher_of, tables

DATE_PATHS: tuple[tuple[str, ...], ...] = (
    ("date",),
    ("tender", "contractPeriod", "startDate"),
    ("tender", "contractPeriod", "endDate"),
)
"""The dates outside arrays that the mapping reads."""
_NO_PERIOD: dict[str, Any] = {}


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class Prepared:
    """A release ready to map, with the publisher it is from and what was corrected."""

    release: Mapping[str, Any]
    publisher: Publisher | None
    corrections: tuple[str, ...]
    """One ``prepare: ...`` line per correction."""


def prepare(release: Mapping[str, Any], publisher: str | None = None) -> Prepared:
    """``release`` corrected for mapping. ``publisher`` names an entry of ``publishers.toml``;
    when None it is found from the ocid's prefix, and an unknown name gets no corrections but
    the general ones (with a note saying so)."""
    corrections: list[str] = []
    found = _publisher(release, publisher, corrections)
    fixed = dict(release)
    _fix_roles(fixed, corrections)
    if found is not None and found.procuring_entity_is_buyer:
        _buyer_from_procuring_entity(fixed, found, corrections)
    _note_placeholders(fixed, corrections)
    return Prepared(fixed, found, tuple(corrections))


def _publisher(
    release: Mapping[str, Any], name: str | None, corrections: list[str]
) -> Publisher | None:
    if name is None:
        ocid = text(release.get("ocid"))
        return publisher_of(ocid) if ocid else None
    found = publisher_named(name)
    if found is None:
        known = ", ".join(sorted(tables().publishers))
        corrections.append(
            f"prepare: unknown publisher {name!r}, no publisher corrections "
            f"applied (known: {known})"
        )
    return found


def _fix_roles(release: dict[str, Any], corrections: list[str]) -> None:
    """Roles in a publisher's words become OCDS partyRole codes (in a copy of ``parties``)."""
    parties = release.get("parties")
    if not isinstance(parties, list):
        return
    words = tables().roles
    copied: list[Any] | None = None
    for index, party in enumerate(parties):
        roles = obj(party).get("roles")
        if not isinstance(roles, list):
            continue
        fixed = []
        for role in roles:
            code = words.get(fold(role)) if isinstance(role, str) else None
            if code is not None and code != role:
                corrections.append(f"prepare: parties[{index}].roles: {role!r} read as {code!r}")
            fixed.append(code or role)
        if fixed != roles:
            copied = copied if copied is not None else list(parties)
            copied[index] = {**party, "roles": fixed}
    if copied is not None:
        release["parties"] = copied


def _buyer_from_procuring_entity(
    release: dict[str, Any], publisher: Publisher, corrections: list[str]
) -> None:
    if obj(release.get("buyer")):
        return
    if any(has_role(party, "buyer") for party in objs(release.get("parties"))):
        return
    entity = obj(obj(release.get("tender")).get("procuringEntity"))
    if entity:
        release["buyer"] = entity
        corrections.append(
            f"prepare: buyer taken from tender.procuringEntity ({publisher.name} gives the "
            "buyer only there)"
        )


def _note_placeholders(release: Mapping[str, Any], corrections: list[str]) -> None:
    tender = release.get("tender")
    period = tender.get("contractPeriod") if isinstance(tender, dict) else None
    if not isinstance(period, dict):
        period = _NO_PERIOD
    values = (release.get("date"), period.get("startDate"), period.get("endDate"))
    for path, value in zip(DATE_PATHS, values, strict=True):
        if placeholder_text(value):
            corrections.append(f"prepare: {'.'.join(path)} {value!r} is a placeholder, not a date")
    for array, key in (("contracts", "period"), ("awards", "contractPeriod")):
        entries = release.get(array)
        if not isinstance(entries, list):
            continue
        # Positions count the entries that are objects, as ``objs`` gives them.
        index = -1
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            index += 1
            period = entry.get(key)
            if not isinstance(period, dict):
                continue
            for end in ("startDate", "endDate"):
                value = period.get(end)
                if placeholder_text(value):
                    corrections.append(
                        f"prepare: {array}[{index}].{key}.{end} {value!r} "
                        "is a placeholder, not a date"
                    )

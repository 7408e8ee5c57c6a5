"""The interests of a BODS relationship: types in one vocabulary, shares as fractions, ISO dates.

0.2 spells interest types with hyphens (``voting-rights``), 0.3 and 0.4 in camelCase
(``votingRights``); 0.2 and 0.3 mark exclusive share bounds with booleans (the maximum is
exclusive by default), 0.4 with separate numeric bounds (``exclusiveMinimum: 25``). A share that
is not given stays None: "who owns but not how much" is unknown, never 0.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from riskkit.feeds.bods.defects import ReadStats
from riskkit.feeds.bods.shapes import Interest, Share
from riskkit.feeds.ocds.defects import Origin

_OLD_INTERESTS = {
    "settlor-of-trust": "settlor",
    "trustee-of-trust": "trustee",
    "protector-of-trust": "protector",
    "beneficiary-of-trust": "beneficiaryOfLegalArrangement",
    "other-influence-or-control-of-trust": "otherInfluenceOrControl",
}
INTEREST_TYPES = frozenset(
    {
        "shareholding",
        "votingRights",
        "appointmentOfBoard",
        "otherInfluenceOrControl",
        "seniorManagingOfficial",
        "settlor",
        "trustee",
        "protector",
        "beneficiaryOfLegalArrangement",
        "rightsToSurplusAssetsOnDissolution",
        "rightsToProfitOrIncome",
        "rightsGrantedByContract",
        "conditionalRightsGrantedByContract",
        "controlViaCompanyRulesOrArticles",
        "controlByLegalFramework",
        "boardMember",
        "boardChair",
        "unknownInterest",
        "unpublishedInterest",
        "enjoymentAndUseOfAssets",
        "rightToProfitOrIncomeFromAssets",
        "nominee",
        "nominator",
    }
)
"""The interest types of the BODS 0.4 codelist (0.3's are a subset)."""
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def interest_type(raw: str) -> str:
    """The camelCase interest type for ``raw`` (0.2's hyphenated types converted)."""
    if raw in _OLD_INTERESTS:
        return _OLD_INTERESTS[raw]
    head, *rest = raw.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def date(value: Any, origin: Origin, stats: ReadStats, field: str) -> str | None:
    """An ISO date (a datetime's date part; a year or year-month kept), or None if absent/bad."""
    if value is None or value == "":
        return None
    text = value[:10] if isinstance(value, str) else ""
    try:
        if len(text) == 10:
            dt.date.fromisoformat(text)
        if _DATE.fullmatch(text) and (len(value) == len(text) or value[10] in "T "):
            return text
    except ValueError:
        pass
    stats.add("bad_date", origin, f"{field} = {value!r}")
    return None


def share(raw: Any, version: str, origin: Origin, stats: ReadStats) -> Share | None:
    """The share of one interest as fractions, or None when it says nothing (or nonsense)."""
    if not isinstance(raw, dict):
        return None
    numbers = {k: raw.get(k) for k in ("exact", "minimum", "maximum")}
    if version == "0.4":
        numbers["exclusiveMinimum"] = raw.get("exclusiveMinimum")
        numbers["exclusiveMaximum"] = raw.get("exclusiveMaximum")
    given = {k: v for k, v in numbers.items() if v is not None}
    if not given:
        return None
    if any(
        isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 100
        for v in given.values()
    ):
        stats.add("bad_share", origin, repr(raw))
        return None
    if "exact" in given:
        return Share(given["exact"] / 100, given["exact"] / 100)
    if version == "0.4":
        low, low_in = _bound(given, "minimum", "exclusiveMinimum")
        high, high_in = _bound(given, "maximum", "exclusiveMaximum")
    else:
        low, low_in = given.get("minimum"), raw.get("exclusiveMinimum") is not True
        high, high_in = given.get("maximum"), raw.get("exclusiveMaximum") is False
    if low is not None and high is not None and low > high:
        stats.add("bad_share", origin, repr(raw))
        return None
    return Share(
        None if low is None else low / 100,
        None if high is None else high / 100,
        low_in if low is not None else True,
        high_in if high is not None else True,
    )


def _bound(given: dict[str, Any], inclusive: str, exclusive: str) -> tuple[Any, bool]:
    if inclusive in given:
        return given[inclusive], True
    return given.get(exclusive), False


def interests(raw: Any, version: str, origin: Origin, stats: ReadStats) -> tuple[Interest, ...]:
    """The interests of a relationship (an empty tuple when none are given; a type not given is
    kept as ``""``)."""
    found: list[Interest] = []
    for item in raw if isinstance(raw, list) else ():
        if not isinstance(item, dict):
            continue
        kind = interest_type(str(item.get("type") or ""))
        if not kind:
            stats.add("missing_field", origin, "interest without a type")
        elif kind not in INTEREST_TYPES:
            stats.add("unknown_interest", origin, repr(item.get("type")))
        level = item.get("directOrIndirect", item.get("interestLevel"))
        beneficial = item.get("beneficialOwnershipOrControl")
        found.append(
            Interest(
                kind,
                {"direct": True, "indirect": False}.get(str(level)),
                beneficial if isinstance(beneficial, bool) else None,
                share(item.get("share"), version, origin, stats),
                date(item.get("startDate"), origin, stats, "startDate"),
                date(item.get("endDate"), origin, stats, "endDate"),
            )
        )
    return tuple(found)

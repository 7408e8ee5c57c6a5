"""The mapping's reference data, read once on first use: country names, org-id schemes, buyer
classifications and publishers (``riskkit/feeds/data``, see its README).

Lookups fold the text first (case, accents and spacing ignored) and are cached: a feed repeats
the same few country names and schemes on every line, so each costs one dictionary look-up.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any, get_args

import attrs
import pycountry

from riskkit.model.vocabulary import BuyerKind

DATA = Path(__file__).resolve().parents[2] / "data"
"""The bundled data files (``riskkit/feeds/data``)."""

_BUYER_KINDS = frozenset(get_args(BuyerKind))


@attrs.frozen
class Publisher:
    """A publisher's corrections (``publishers.toml``)."""

    name: str
    ocid_prefixes: tuple[str, ...] = ()
    buyers_in: str | None = None
    """The country every buyer of the portal is in, when its own data does not say."""
    procuring_entity_is_buyer: bool = False


@attrs.frozen
class Tables:
    """Every table the mapping reads, folded and ready to look up."""

    countries: dict[str, str]
    """Folded country name (or alpha-2/alpha-3 code) -> ISO 3166-1 alpha-2."""
    scheme_codes: frozenset[str]
    """The org-id codes recognised (``MX-RFC``)."""
    scheme_aliases: dict[str, str]
    """Folded scheme as feeds write it -> org-id code."""
    buyer_kinds: dict[tuple[str, str], BuyerKind]
    """(classification scheme, code) -> the buyer kind it means."""
    roles: dict[str, str]
    """Folded role in a publisher's words -> the OCDS partyRole code."""
    publishers: dict[str, Publisher]


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads((DATA / name).read_text("utf-8"))


@functools.lru_cache(maxsize=8192)
def fold(value: str) -> str:
    """``value`` in lower case without accents or repeated spaces, for matching names."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@functools.cache
def tables() -> Tables:
    """The tables, read and checked on first use."""
    countries: dict[str, str] = {}
    for record in pycountry.countries:
        countries[fold(record.alpha_2)] = record.alpha_2
        countries[fold(record.alpha_3)] = record.alpha_2
    for code, names in _read("countries.toml").items():
        for name in names:
            countries.setdefault(fold(name), code)
    schemes = _read("orgid-schemes.toml")
    codes = frozenset(schemes["codes"])
    aliases = {fold(code): code for code in codes}
    for alias, code in schemes["aliases"].items():
        if code not in codes:
            raise ValueError(f"orgid-schemes.toml: alias {alias!r} names an unlisted code {code}")
        aliases[fold(alias)] = code
    kinds: dict[tuple[str, str], BuyerKind] = {}
    for scheme, table in _read("buyer-kinds.toml").items():
        for code, kind in table.items():
            if kind not in _BUYER_KINDS:
                raise ValueError(f"buyer-kinds.toml: {scheme}.{code}: unknown buyer kind {kind}")
            kinds[(fold(scheme), fold(code))] = kind
    raw = _read("publishers.toml")
    publishers = {
        name: Publisher(
            name,
            tuple(spec.get("ocid_prefixes", ())),
            spec.get("buyers_in"),
            bool(spec.get("procuring_entity_is_buyer", False)),
        )
        for name, spec in raw["publishers"].items()
    }
    roles = {fold(word): role for word, role in raw["roles"].items()}
    return Tables(countries, codes, aliases, kinds, roles, publishers)


@functools.lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country as a feed names it ("México", " United Kingdom",
    "Україна", "MX"), or None when the name is not one riskkit knows."""
    return tables().countries.get(fold(name))


@functools.lru_cache(maxsize=4096)
def orgid_scheme(scheme: str) -> str | None:
    """The org-id code of a scheme as a feed writes it ("RFC" -> "MX-RFC"), or None."""
    return tables().scheme_aliases.get(fold(scheme))


def scheme_country(code: str) -> str | None:
    """The country of an org-id code (``GB-COH`` -> GB); None for a code of no country
    (``XI-LEI``)."""
    prefix = code.partition("-")[0]
    return None if prefix.startswith("X") else prefix


def publisher_named(name: str) -> Publisher | None:
    return tables().publishers.get(name)


def publisher_of(ocid: str) -> Publisher | None:
    """The publisher whose ocid prefix ``ocid`` starts with (case ignored), if any: the first
    in ``publishers.toml``'s order when several do."""
    pattern, by_prefix = _prefixes()
    found = pattern.match(ocid.casefold())
    return None if found is None else by_prefix[found.group()]


@functools.cache
def _prefixes() -> tuple[re.Pattern[str], dict[str, Publisher]]:
    """Every publisher's ocid prefixes (folded) as one pattern, whose alternatives are tried in
    order (so the first prefix that fits wins, as in a loop over them), and the publisher of
    each prefix (the first to list it)."""
    by_prefix: dict[str, Publisher] = {}
    for publisher in tables().publishers.values():
        for prefix in publisher.ocid_prefixes:
            by_prefix.setdefault(prefix.casefold(), publisher)
    alternatives = "|".join(re.escape(prefix) for prefix in by_prefix)
    # With no prefix at all, a pattern that never matches.
    return re.compile(alternatives if by_prefix else r"(?!)"), by_prefix

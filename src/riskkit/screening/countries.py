"""Countries as list files write them ("CN", "China", "Korea, North"), read as ISO 3166 codes.

Every reader and the ``screen --country`` option read countries the same way, so a country given
on the command line meets the countries of the entries it is compared with.
"""

from __future__ import annotations

import functools

import pycountry

_COUNTRY_ALIASES = {
    "russia": "RU", "iran": "IR", "syria": "SY", "burma": "MM", "north korea": "KP",
    "korea, north": "KP", "south korea": "KR", "korea, south": "KR", "venezuela": "VE",
    "bolivia": "BO", "taiwan": "TW", "vietnam": "VN", "laos": "LA", "moldova": "MD",
    "tanzania": "TZ", "kosovo": "XK", "palestinian": "PS", "west bank": "PS", "gaza": "PS",
    "turkey": "TR", "czech republic": "CZ", "macau": "MO", "hong kong": "HK",
    "democratic republic of the congo": "CD", "congo, democratic republic of the": "CD",
    "republic of the congo": "CG", "congo": "CG", "ivory coast": "CI", "cote d ivoire": "CI",
    "united kingdom": "GB", "uk": "GB", "usa": "US", "united states": "US",
    "the united kingdom of great britain and northern ireland": "GB",
    "united states of america": "US", "iran (islamic republic of)": "IR",
    "syrian arab republic": "SY", "russian federation": "RU", "china": "CN",
    "democratic people's republic of korea": "KP", "region: gaza": "PS", "brunei": "BN",
    "cape verde": "CV", "micronesia": "FM", "the netherlands": "NL", "netherlands": "NL",
    "swaziland": "SZ", "macedonia": "MK", "north macedonia": "MK", "libya": "LY",
}  # fmt: skip


@functools.lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO 3166 alpha-2 code for a country as lists write it ("CN", "China", "Korea, North")."""
    if not text:
        return None
    text = text.strip().strip(".")
    if len(text) == 2 and text.isalpha():
        found = pycountry.countries.get(alpha_2=text.upper())
        return str(found.alpha_2) if found is not None else ("XK" if text.upper() == "XK" else None)
    alias = _COUNTRY_ALIASES.get(text.casefold())
    if alias:
        return alias
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None

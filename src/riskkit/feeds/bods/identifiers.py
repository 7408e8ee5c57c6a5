"""Identifiers as org-id scheme + id, so that a BODS entity joins an OCDS party by identifier.

BODS registers give a scheme as an org-id code (``GB-COH``, ``XI-LEI``), as a ``schemeName`` only
(the Danish register: "DK Centrale Virksomhedsregister"), or as a registry's own label
(OpenCorporates and Open Ownership URLs, GLEIF ``RA`` codes). OCDS parties use org-id codes, and
riskkit's own identifiers use short names (``lei``, ``uscc``, ``duns``). All of them are brought to
one ``(scheme, id)`` form here; an identifier whose scheme cannot be recognised keeps
``scheme=None`` and never joins anything.
"""

from __future__ import annotations

import re

from riskkit.feeds.bods.shapes import Identifier

_ORG_ID = re.compile(r"^[A-Z]{2,3}-[A-Z0-9]{2,}$")
"""An org-id list code: a country (or ``XI``/``XM``) prefix and a register."""

SCHEME_ALIASES: dict[str, str] = {
    "lei": "XI-LEI",
    "global legal entity identifier index": "XI-LEI",
    "legal entity identifier": "XI-LEI",
    "uscc": "CN-USCI",
    "duns": "XI-DUNS",
    "dk centrale virksomhedsregister": "DK-CVR",
    "companies house": "GB-COH",
}
"""Scheme names and riskkit's identifier schemes that stand for an org-id code (casefolded)."""


def org_id_scheme(scheme: str | None, scheme_name: str | None = None) -> str | None:
    """The org-id code of ``scheme`` (or else ``scheme_name``), or None when not recognisable."""
    for label in (scheme, scheme_name):
        if not label:
            continue
        text = label.strip()
        if _ORG_ID.fullmatch(text.upper()) and "-" in text:
            return text.upper()
        alias = SCHEME_ALIASES.get(text.casefold())
        if alias is not None:
            return alias
    return None


def normalise_id(scheme: str | None, value: str) -> str:
    """``value`` as it compares within ``scheme``: trimmed, and register-specific fixes."""
    text = value.strip()
    if scheme == "XI-LEI":
        return text.upper().replace(" ", "")
    if scheme == "GB-COH":
        text = text.upper().replace(" ", "")
        return text.zfill(8) if text.isdigit() else text
    if scheme in ("DK-CVR", "CN-USCI", "XI-DUNS"):
        return re.sub(r"[\s-]", "", text).upper()
    return text


def identifier(scheme: str | None, value: str, scheme_name: str | None = None) -> Identifier:
    """One identifier, normalised."""
    code = org_id_scheme(scheme, scheme_name)
    return Identifier(code, normalise_id(code, value), scheme_name or "")


def join_key(scheme: str | None, value: str) -> tuple[str, str] | None:
    """The ``(org-id scheme, normalised id)`` to join on, or None when it cannot join."""
    code = org_id_scheme(scheme)
    if code is None or not value or not value.strip():
        return None
    return code, normalise_id(code, value)


def name_key(name: str | None) -> str:
    """A name as compared for a *candidate* match: case, punctuation and spacing ignored."""
    if not name:
        return ""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())

"""The rule-kind registry: every kind registered in the ``riskkit.kinds`` entry point group.

riskkit's own kinds register there too (pyproject.toml, ``[project.entry-points."riskkit.kinds"]``),
through the same path a plugin uses, so there is one list of kinds and no second table to keep in
step with it. An entry point exists once riskkit is installed (``pip install -e .`` for a
checkout); a source tree put on ``sys.path`` without installing has none, and the registry says
so rather than running with no kinds. The contract a kind meets is :mod:`riskkit.kinds.interface`
(docs/writing-a-kind.md).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import cast

from riskkit._support.plugins import load_named
from riskkit.errors import RiskkitError
from riskkit.kinds.interface import (
    CompiledRule,
    Evidence,
    Hit,
    KindError,
    Missing,
    NeedsFacts,
    RuleKind,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "CompiledRule",
    "Evidence",
    "Hit",
    "KindError",
    "Missing",
    "NeedsFacts",
    "RuleKind",
    "registry",
]

ENTRY_POINT_GROUP = "riskkit.kinds"
_OWN = "riskkit.kinds."
"""How the entry points of riskkit's own kinds begin (``riskkit.kinds.condition:KIND``)."""


@functools.cache
def registry() -> Mapping[str, RuleKind]:
    """Every rule kind by name, loaded once (``registry.cache_clear()`` reads the entry points
    again, for a test that has just put a plugin's metadata on the path)."""
    kinds: dict[str, RuleKind] = {}
    own = False
    why = "a pack names a kind by the name it is registered under"
    for ep, kind in load_named(ENTRY_POINT_GROUP, "rule kind", why):
        kinds[ep.name] = cast(RuleKind, kind)
        own = own or ep.value.startswith(_OWN)
    if not own:
        raise RiskkitError(
            f"riskkit's own rule kinds are not registered: they are entry points of the "
            f"installed riskkit package (group {ENTRY_POINT_GROUP!r}), and none was found; "
            "install riskkit (python -m pip install -e . in a checkout) rather than putting "
            "its source on the path"
        )
    return kinds

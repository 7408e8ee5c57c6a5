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
from importlib.metadata import entry_points

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
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            kind = ep.load()
        except Exception as exc:  # a broken plugin must not hide the others' errors
            raise RiskkitError(
                f"rule kind plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
            ) from exc
        name = getattr(kind, "name", None)
        if name != ep.name:
            raise RiskkitError(
                f"rule kind plugin {ep.value}: its name is {name!r}, but it is registered as "
                f"{ep.name!r}; a pack names a kind by the name it is registered under, so the "
                f"two must be equal (entry point group {ENTRY_POINT_GROUP!r})"
            )
        kinds[ep.name] = kind
        own = own or ep.value.startswith(_OWN)
    if not own:
        raise RiskkitError(
            f"riskkit's own rule kinds are not registered: they are entry points of the "
            f"installed riskkit package (group {ENTRY_POINT_GROUP!r}), and none was found; "
            "install riskkit (python -m pip install -e . in a checkout) rather than putting "
            "its source on the path"
        )
    return kinds

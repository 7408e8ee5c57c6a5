"""The rule-kind registry: built-in kinds plus any from the ``riskkit.kinds`` entry point group."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import import_module
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
_BUILTIN = {
    "compelled_access": "riskkit.kinds.compelled_access",
    "listed_entity": "riskkit.kinds.listed_entity",
    "biometric_ban": "riskkit.kinds.biometric_ban",
    "condition": "riskkit.kinds.condition",
    "conflict_of_laws": "riskkit.kinds.conflict_of_laws",
    "data_transfer": "riskkit.kinds.data_transfer",
}


@functools.cache
def registry() -> Mapping[str, RuleKind]:
    """Every rule kind by name. Built-ins are registered through the same entry point group
    that plugins use; the fallback import covers running from a source tree."""
    kinds: dict[str, RuleKind] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            kind = ep.load()
        except Exception as exc:  # a broken plugin must not hide the others' errors
            raise RiskkitError(
                f"rule kind plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
            ) from exc
        if getattr(kind, "name", None) != ep.name:
            raise RiskkitError(f"rule kind plugin {ep.value} must have name {ep.name!r}")
        kinds[ep.name] = kind
    for name, module in _BUILTIN.items():
        kinds.setdefault(name, import_module(module).KIND)
    return kinds

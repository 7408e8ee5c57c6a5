"""Report models built from values the engine computed itself, without validating them again.

It sits here rather than with the report models so that the compiled build compiles it with
the engine, its one caller.
"""

from __future__ import annotations

from typing import Any, TypeVar

from riskkit.report import ReportModel

M = TypeVar("M", bound=ReportModel)
_new = object.__new__
_set = object.__setattr__
"""Bound once for ``assemble``: looking up ``cls.__new__`` (through pydantic's model metaclass)
and ``object.__setattr__`` on every call made it cost twice as much."""


def assemble(cls: type[M], values: dict[str, Any]) -> M:
    """A report model from values the engine computed itself, without validating them again.

    ``values`` gives every field, already of its declared type (nested models as instances).
    The engine is the only caller: validating its own output would cost more than evaluating
    the rules (about 20 µs a finding). This is what ``model_construct`` does, less its handling
    of aliases and defaults; tests check that assembled reports equal their validated JSON
    round trip, field for field.
    """
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj

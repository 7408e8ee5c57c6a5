"""Paths into the procurement model (``components[*].capabilities``): checked against the model
when a pack loads, so a typo is a load error, and read from a procurement when a rule is
evaluated."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from pydantic import BaseModel

from riskkit._support.spelling import did_you_mean
from riskkit.model import Procurement, jurisdictions

_SEGMENT = re.compile(r"^([a-z_]+)(\[\*\])?$")


def _field_type(model: type[BaseModel], name: str) -> tuple[str, Any] | None:
    for field_name, info in model.model_fields.items():
        if name in {field_name, info.alias}:
            return field_name, info.annotation
    return None


def _unwrap(annotation: Any) -> tuple[bool, Any]:
    """(is a sequence, element type) with Optional and Annotated peeled off."""
    many = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return many, annotation
        elif origin is tuple:
            many = True
            annotation = typing.get_args(annotation)[0]
        else:
            return many, annotation


def check_path(path: str) -> str | None:
    """None when ``path`` names a field of the procurement model, else what is wrong."""
    return _resolve(path)[0]


def holds_objects(path: str) -> bool:
    """Whether the field at a valid ``path`` holds objects with fields of their own (a list of
    data flows), rather than values (a list of capabilities)."""
    model = _resolve(path)[1]
    return isinstance(model, type) and issubclass(model, BaseModel)


def _resolve(path: str) -> tuple[str | None, Any]:
    """(what is wrong with ``path``, or None; the model type of the field it names)."""
    model: Any = Procurement
    segments = path.split(".")
    for i, segment in enumerate(segments):
        match = _SEGMENT.match(segment)
        if not match:
            return (
                f"bad path segment {segment!r} in {path!r}; "
                "use names and [*], e.g. components[*].kind"
            ), None
        name, star = match.group(1), bool(match.group(2))
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return f"{'.'.join(segments[:i])!r} has no fields; {path!r} goes too deep", None
        found = _field_type(model, name)
        if found is None:
            fields = [info.alias or n for n, info in model.model_fields.items()]
            return (
                f"no field {name!r} in {model.__name__}{did_you_mean(name, fields)} (path {path!r})"
            ), None
        many, element = _unwrap(found[1])
        last = i == len(segments) - 1
        if star and not many:
            return f"{name!r} is not a list, so it takes no [*] (path {path!r})", None
        if many and not star and not last:
            return f"{name!r} is a list; write {name}[*] to look inside it (path {path!r})", None
        model = element
    return None, model


_PLACE_CHECK = typing.get_args(jurisdictions.Jurisdiction)[1].func
"""The validator every jurisdiction field of the model carries."""


def _is_place(annotation: Any, metadata: Iterable[Any]) -> bool:
    """Whether a field holds a jurisdiction (a ``Jurisdiction``, checked by its validator)."""
    found = list(metadata)
    stack = [annotation]
    while stack:
        item = stack.pop()
        if typing.get_origin(item) is typing.Annotated:
            found.extend(item.__metadata__)
        stack.extend(typing.get_args(item))
    return any(getattr(m, "func", None) is _PLACE_CHECK for m in found)


def leaf_kind(path: str) -> Literal["place", "number", "date", "other"]:
    """What the field at a valid ``path`` (see ``check_path``) holds, as far as ops care."""
    model: Any = Procurement
    annotation: Any = None
    metadata: list[Any] = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        assert match is not None
        found = _field_type(model, match.group(1))
        assert found is not None
        annotation, metadata = found[1], model.model_fields[found[0]].metadata
        model = _unwrap(annotation)[1]
    if _is_place(annotation, metadata):
        return "place"
    if model is dt.date:
        return "date"
    if isinstance(model, type) and issubclass(model, int | float) and model is not bool:
        return "number"
    return "other"


def located_values(obj: Any, segments: list[str], where: str) -> Iterator[tuple[str, Any]]:
    """(located path, value) for every value at the path; tuples at the leaf are flattened."""
    if not segments:
        if isinstance(obj, tuple):
            for item in obj:
                yield where, item
        else:
            yield where, obj
        return
    match = _SEGMENT.match(segments[0])
    assert match is not None
    name, star = match.group(1), bool(match.group(2))
    found = _field_type(type(obj), name)
    assert found is not None
    value = getattr(obj, found[0])
    label = f"{where}.{name}" if where else name
    if value is None:  # a field left out, list or not: one value, not known
        yield label, None
    elif star:
        for index, item in enumerate(value):
            key = getattr(item, "id", index)
            yield from located_values(item, segments[1:], f"{label}[{key}]")
    else:
        yield from located_values(value, segments[1:], label)

"""The release schema with its local references inlined, so it compiles to plain checks.

Draft 4 ignores the siblings of a ``$ref``: inlining ``{"$ref": "#/definitions/Name"}`` as that
definition gives exactly the subschema jsonschema would descend into. A definition used in many
places is inlined as one shared object, so what is compiled from it is compiled once.
"""

from __future__ import annotations

import re
from typing import Any

_LOCAL_REF = re.compile(r"#/definitions/([A-Za-z0-9_]+)")


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with each ``{"$ref": "#/definitions/Name", ...}`` replaced by that definition
    (itself inlined). A reference of another form, or one in a cycle, is left for jsonschema to
    resolve."""
    definitions = schema.get("definitions")
    if not isinstance(definitions, dict):
        return schema
    done: dict[str, Any] = {}

    def definition(name: str, trail: tuple[str, ...]) -> Any:
        if name not in done:
            done[name] = inline(definitions[name], (*trail, name))
        return done[name]

    def inline(node: Any, trail: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(value, trail) for value in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and (match := _LOCAL_REF.fullmatch(ref)):
            name = match.group(1)
            if name in definitions and name not in trail:
                return definition(name, trail)
        return {key: inline(value, trail) for key, value in node.items()}

    inlined: dict[str, Any] = inline(schema, ())
    return inlined

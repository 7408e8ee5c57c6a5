"""The schema check of every process, compiled once: exactly jsonschema's problems, sooner.

Every process of a feed is checked against the OCDS release schema, so the check sets the speed
of a read. ``jsonschema`` (Draft 4) spends nearly all its time on OCDS in its machinery rather
than in the checks: for every subschema it builds a validator, resolves each ``$ref`` afresh,
and compares strings with a codelist's values through its general equality. Here the schema is
compiled once, after its local references are inlined (:mod:`.refs`), into two paths:

- the fast path (:mod:`.proof`) proves a value valid with plain type and dict tests, building
  nothing; most releases, and most of every release, end there;
- the exact path (:mod:`.walk`) walks what the fast path could not prove the way jsonschema
  does, and hands every failure to jsonschema's own keyword, so problems come out in its order,
  with its paths and its words.

A schema with a keyword not compiled here (none in OCDS 1.1.5) is checked by ``jsonschema``
itself. tests/feeds/test_ocds_fast_schema.py compares the two on real, synthetic and generated
releases. Format keywords are not checked, as ``Draft4Validator`` does by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from riskkit.feeds.ocds.fast_schema.jsontypes import Unsupported
from riskkit.feeds.ocds.fast_schema.proof import Prover
from riskkit.feeds.ocds.fast_schema.refs import inline_refs
from riskkit.feeds.ocds.fast_schema.walk import Walker
from riskkit.feeds.ocds.schema import require

__all__ = ["CompiledSchema", "Unsupported", "inline_refs", "release_checker"]


def release_checker(schema: dict[str, Any]) -> Any:
    """Something with jsonschema's ``iter_errors`` for ``schema`` (Draft 4, no format
    checking): the compiled checker, or ``Draft4Validator`` when the schema cannot be
    compiled."""
    jsonschema = require("jsonschema")
    try:
        return CompiledSchema(schema)
    except Unsupported:
        return jsonschema.Draft4Validator(schema)


class CompiledSchema:
    """A Draft 4 schema compiled to functions; ``iter_errors`` as jsonschema's."""

    def __init__(self, schema: dict[str, Any]) -> None:
        jsonschema = require("jsonschema")
        inlined = inline_refs(schema)
        self.base = jsonschema.Draft4Validator(inlined)
        """jsonschema's validator of the inlined schema (it keeps the schema alive: the
        compiled parts are indexed by the identity of its subschemas)."""
        prover = Prover(self.base.VALIDATORS, self.base.format_checker is not None)
        self.check = Walker(self.base, prover).node(inlined)
        """The exact walk: (instance, path, problems found) -> None."""
        self.rule = prover.rule(inlined)
        """The fast path's rule for a whole instance."""

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        """Every problem of ``instance``, as jsonschema's ``ValidationError`` (message,
        keyword, keyword value, path), in jsonschema's order."""
        found: list[Any] = []
        self.check(instance, [], found)
        return iter(found)

"""Schema problems of a compiled release, reported and never a reason to reject it.

Real releases rarely conform to the OCDS schema in every detail (a ``tag`` given as a string,
an identifier given as a string, codelist values in Spanish). A process that does not conform is
still read: it carries the list of its problems (capped, since one broken array can give
thousands) so that a later step, or a person, can judge them. The check is the schema compiled
once (:mod:`riskkit.feeds.ocds.fast_schema`): jsonschema's problems, in its order and words,
several times sooner.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from riskkit.feeds.ocds.fast_schema import release_checker
from riskkit.feeds.ocds.schema import release_schema

MAX_PROBLEMS = 20
"""Problems kept per process; the rest are counted in ``Process.more_problems``."""
_MESSAGE_CHARS = 200


@attrs.frozen
class SchemaProblem:
    """One way a compiled release does not conform to the OCDS 1.1.5 release schema."""

    path: str
    """Where, as a JSON path: ``$.tender.items[0].classification.id``."""
    message: str
    """What jsonschema said; when that quotes a long value, what the schema expected instead
    (200 characters at most)."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@functools.cache
def _validator() -> Any:
    return release_checker(release_schema())


def schema_problems(release: dict[str, Any]) -> tuple[tuple[SchemaProblem, ...], int]:
    """The first :data:`MAX_PROBLEMS` schema problems of ``release``, and how many more."""
    return capped_problems(_validator(), release)


def capped_problems(validator: Any, document: Any) -> tuple[tuple[SchemaProblem, ...], int]:
    """The first :data:`MAX_PROBLEMS` problems a jsonschema ``validator`` finds in
    ``document``, and how many more (for every feed reader's schemas)."""
    kept: list[SchemaProblem] = []
    more = 0
    for error in validator.iter_errors(document):
        if len(kept) < MAX_PROBLEMS:
            message = str(error.message)
            if len(message) > _MESSAGE_CHARS:  # it quotes a large value: say what was expected
                message = f"does not satisfy {error.validator} {error.validator_value!r}"
                if len(message) > _MESSAGE_CHARS:
                    message = message[: _MESSAGE_CHARS - 1] + "…"
            kept.append(SchemaProblem(str(error.json_path), message))
        else:
            more += 1
    return tuple(kept), more

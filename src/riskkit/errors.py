"""One exception root for riskkit, with located problems for bad input."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    source: str
    """The file (or other source) the problem is in."""
    location: str
    """A field path such as ``components[3].manufacturer``, a rule id, or a line."""
    message: str
    """What was wrong, and where possible what would be right."""

    def __str__(self) -> str:
        where = f"{self.source}: {self.location}" if self.location else self.source
        return f"{where}: {self.message}"


class RiskkitError(Exception):
    """Root of every error riskkit raises on purpose."""


class InvalidInput(RiskkitError):
    """Input that cannot be used: every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, source: str, location: str, message: str) -> InvalidInput:
        return cls([Problem(source, location, message)])

    @classmethod
    def merge(cls, errors: Iterable[InvalidInput]) -> InvalidInput:
        return cls([p for e in errors for p in e.problems])

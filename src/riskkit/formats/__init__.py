"""Output formats: each turns reports, comparisons and diffs into text, and opens no file.

``FORMATS`` is the one registry, by the name ``--format`` takes: every format registered in the
``riskkit.formats`` entry point group, each a :class:`~riskkit.formats.interface.Format`.
riskkit's own five register there too (pyproject.toml), through the path a plugin uses, so a
package that adds a format needs one module and one entry point (docs/architecture.md). Where a
format points into the procurement files (SARIF) or names them (HTML), the caller passes their
:class:`Source`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from importlib.metadata import entry_points

from riskkit.errors import RiskkitError
from riskkit.formats._source import Source
from riskkit.formats.interface import Format

__all__ = ["ENTRY_POINT_GROUP", "FORMATS", "Format", "Source", "registry"]

ENTRY_POINT_GROUP = "riskkit.formats"
_OWN = ("csv", "html", "json", "markdown", "sarif")


@functools.cache
def registry() -> Mapping[str, Format]:
    """Every format by name, in name order, loaded once (``registry.cache_clear()`` reads the
    entry points again, for a test that has just put a plugin's metadata on the path)."""
    found: dict[str, Format] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            fmt = ep.load()
        except Exception as exc:  # a broken plugin must not hide the others' errors
            raise RiskkitError(
                f"format plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
            ) from exc
        name = getattr(fmt, "name", None)
        if name != ep.name:
            raise RiskkitError(
                f"format plugin {ep.value}: its name is {name!r}, but it is registered as "
                f"{ep.name!r}; --format takes the registered name, so the two must be equal "
                f"(entry point group {ENTRY_POINT_GROUP!r})"
            )
        found[ep.name] = fmt
    missing = [name for name in _OWN if name not in found]
    if missing:
        raise RiskkitError(
            f"riskkit's own formats {missing} are not registered: they are entry points of the "
            f"installed riskkit package (group {ENTRY_POINT_GROUP!r}); install riskkit "
            "(python -m pip install -e . in a checkout) rather than putting its source on the path"
        )
    return {name: found[name] for name in sorted(found)}


class _Formats(Mapping[str, Format]):
    """The registry as a mapping, read on first use (so importing riskkit reads no entry
    points, and a test can swap what is installed)."""

    def __getitem__(self, name: str) -> Format:
        return registry()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(registry())

    def __len__(self) -> int:
        return len(registry())


FORMATS: Mapping[str, Format] = _Formats()
"""Every format by name, in name order (the order ``--format`` lists them)."""

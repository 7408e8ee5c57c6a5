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
from typing import cast

from riskkit._support.plugins import load_named
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
    why = "--format takes the registered name"
    found = {ep.name: cast(Format, fmt) for ep, fmt in load_named(ENTRY_POINT_GROUP, "format", why)}
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

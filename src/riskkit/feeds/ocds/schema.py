"""The bundled OCDS 1.1.5 release schema, and the optional libraries that use it.

Merging (``ocdsmerge``) and validation (``jsonschema``) are given the schema shipped in
``riskkit/feeds/data``: never one downloaded, so a run works offline and reads the same way
every time. Both libraries come with the ``feeds`` extra; without them, reading a feed says how
to install them instead of failing on an import.
"""

from __future__ import annotations

import functools
import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from riskkit.errors import RiskkitError

RELEASE_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "release-schema-1.1.5.json"
"""The OCDS 1.1.5 release schema (Apache-2.0; see ``riskkit/feeds/data/README.md``)."""


class FeedsExtraMissing(RiskkitError):
    """A library of the ``feeds`` extra is not installed."""


def require(module: str) -> ModuleType:
    """The module ``module`` of the ``feeds`` extra, or FeedsExtraMissing naming the install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise FeedsExtraMissing(
            f"reading feeds (OCDS, BODS) needs {module}: pip install riskkit[feeds]"
        ) from None


@functools.cache
def release_schema() -> dict[str, Any]:
    """The bundled release schema, parsed once."""
    schema: dict[str, Any] = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    return schema

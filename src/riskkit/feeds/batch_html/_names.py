"""File names for the full reports a batch page links to, made from ocids.

An ocid comes from public data and may hold anything: slashes, ``..``, spaces, characters a file
system refuses or folds together. The name must be safe (no path traversal, no hidden or
reserved names), the same for the same ocid on every run, and never shared by two ocids, even on
a file system that ignores case.
"""

from __future__ import annotations

import hashlib
import re

_KEPT = re.compile(r"[a-z0-9](?:[a-z0-9_-]|\.(?=[a-z0-9_-])){0,79}")
"""An ocid kept as its own file name: lower case, so no two kept names differ only in case;
a dot only before a letter, digit, ``-`` or ``_``."""
_UNSAFE = re.compile(r"[^a-z0-9._-]|\.(?=\.)")
"""A character a file name should not hold, or a dot before a dot (no ``..`` even mid-name)."""
_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?")
_MARK = "~"
"""Joins a rewritten name to its hash. Never in a kept name, so a rewritten name cannot equal
a kept one; two rewritten names differ by their hashes."""


def report_file_name(ocid: str) -> str:
    """The file name (``.html``) of the report of ``ocid``: the ocid itself when it is already
    a plain lower-case name, otherwise a readable part of it, ``~`` and a hash of the whole."""
    if _KEPT.fullmatch(ocid) and not _WINDOWS_RESERVED.fullmatch(ocid):
        return f"{ocid}.html"
    readable = _UNSAFE.sub("_", ocid.lower())[:60].strip("._")
    digest = hashlib.sha256(ocid.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{readable}{_MARK}{digest}.html"

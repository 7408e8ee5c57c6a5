"""Reading official list files: ``read_list(path)`` finds the format and returns a ListFile.

Formats are recognised from the content (the first line, or the first non-blank byte), with the
file name used only to tell OFAC's primary, address, alias and comments files apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.screening.model import ListFile
from riskkit.screening.sources import csl, curated, dpl, ofac, opensanctions, un
from riskkit.screening.sources._common import MAX_FILE_BYTES, as_utf8, check_size

__all__ = ["MAX_FILE_BYTES", "read_list", "read_lists"]

_SNIFF_BYTES = 64 * 1024
_OFAC_ROW = re.compile(r"^\d+,")
_FORMATS_HELP = (
    "expected an OFAC legacy CSV (sdn.csv, cons_prim.csv), a trade.gov CSL CSV or JSON, the BIS "
    "Denied Persons List (dpl.txt), the UN consolidated XML, an OpenSanctions "
    "targets.simple.csv, or a riskkit entity TOML"
)


def _first_line(head: bytes) -> str:
    line = re.split(rb"\r\n?|\n", head, maxsplit=1)[0].lstrip(b"\xef\xbb\xbf")
    return line.decode("utf-8", errors="replace").strip()


def _primary(path: Path) -> Path:
    """The file to read for ``path``: OFAC sibling files resolve to their primary."""
    main = ofac.primary_for(path)
    if main is None:
        return path
    if not main.is_file():
        raise InvalidInput.one(
            str(path), "", f"this is an OFAC {path.name} sibling file; its primary file "
            f"{main.name} must be in the same folder (riskkit reads them together)",
        )  # fmt: skip
    return main


def read_list(path: Path | str) -> ListFile:
    """Read one list file, whatever its format.

    Raises ``riskkit.errors.InvalidInput`` (naming the file and, where it applies, the line) when
    the file is missing, too large, binary, of an unknown format, or unreadable as its format.
    Problems that affect single records are returned as ``ListFile.warnings`` instead.
    """
    path = _primary(Path(path))
    source = str(path)
    check_size(path)
    with path.open("rb") as handle:
        head = as_utf8(handle.read(_SNIFF_BYTES))  # a UTF-16 file is read as such
    if not head.strip():
        raise InvalidInput.one(source, "", "empty file")
    if b"\x00" in head:
        raise InvalidInput.one(source, "", "binary data (a NUL byte); expected a text list file")
    suffix = path.suffix.lower()
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first = _first_line(head)
    if suffix == ".toml":
        return curated.read(path)
    if stripped.startswith(b"<"):
        return un.read(path)
    if stripped.startswith((b"{", b"[")):
        return csl.read_json(path)
    if dpl.looks_like(first):
        return dpl.read(path)
    if opensanctions.looks_like(first):
        return opensanctions.read(path)
    if first.lower().startswith(("_id,", "id,source,")) or first.lower().startswith('"_id"'):
        return csl.read_csv(path)
    if _OFAC_ROW.match(first):
        return ofac.read(path)
    shown = first[:80] + ("..." if len(first) > 80 else "")
    raise InvalidInput.one(source, "line 1", f"cannot tell the list format from {shown!r}; "
                           f"{_FORMATS_HELP}")  # fmt: skip


def read_lists(paths: Iterable[Path | str]) -> list[ListFile]:
    """Read several list files; OFAC sibling files given alongside their primary are read once.

    Every file is tried and every error reported at once (one InvalidInput with all problems).
    """
    seen: set[Path] = set()
    results: list[ListFile] = []
    errors: list[InvalidInput] = []
    for path in paths:
        try:
            key = _primary(Path(path)).resolve()
        except InvalidInput as exc:
            errors.append(exc)
            continue
        if key in seen:
            continue
        seen.add(key)
        try:
            results.append(read_list(key if key != Path(path).resolve() else path))
        except InvalidInput as exc:
            errors.append(exc)
    if errors:
        raise InvalidInput.merge(errors)
    return results

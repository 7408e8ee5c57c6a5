"""Reading TOML and JSON input files safely: bounded size, located syntax errors, and text
that parsed JSON may hold but nothing can store (a lone surrogate)."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from riskkit.errors import InvalidInput
from riskkit.limits import check_bytes, check_lines


def read_bytes(path: Path, *, expected: str, limit: str = "input_bytes") -> bytes:
    """The file's bytes, refusing a missing file, a folder or one over the byte limit ``limit``
    (see :mod:`riskkit.limits`) before reading it; ``expected`` names what the file should be,
    for the messages."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput.one(source, "", "no such file") from None
    except OSError as exc:
        raise InvalidInput.one(source, "", f"cannot read: {exc.strerror}") from None
    if path.is_dir():
        raise InvalidInput.one(source, "", f"is a directory, expected {expected}")
    check_bytes(source, size, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput.one(source, "", f"cannot read: {exc.strerror}") from None


def decode_utf8(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.one(
            source, f"byte {exc.start}", "not UTF-8 text; save the file as UTF-8"
        ) from None


def parse_json(text: str, source: str) -> Any:
    """JSON text parsed, or InvalidInput naming the line and column of the syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput.one(
            source, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise InvalidInput.one(source, "", "JSON nested too deeply") from None
    except ValueError as exc:  # only an integer past Python's digit limit gets here
        raise _huge_number(source, exc) from None


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """TOML text parsed, or InvalidInput saying what was wrong (with the line, when TOML
    gives one)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput.one(source, "", f"invalid TOML: {exc}") from None
    except RecursionError:
        raise InvalidInput.one(source, "", "TOML nested too deeply") from None
    except ValueError as exc:  # only an integer past Python's digit limit gets here
        raise _huge_number(source, exc) from None


def _huge_number(source: str, exc: ValueError) -> InvalidInput:
    """An integer too long to read: Python refuses to convert one of more than
    ``sys.get_int_max_str_digits()`` digits, which no real count, share or date needs."""
    if "integer string conversion" not in str(exc):
        raise exc
    return InvalidInput.one(
        source,
        "",
        f"a number has more than {sys.get_int_max_str_digits():,} digits; no field takes one "
        "that long (is a value missing its quotes, or the file damaged?)",
    )


def read_document(path: Path) -> tuple[dict[str, Any], bytes]:
    """Parse a TOML or JSON file into a dict; return it with the raw bytes (for digests).

    The file size and, for TOML, the line length are checked against the limits in force
    before parsing."""
    source = str(path)
    raw = read_bytes(path, expected="a .toml or .json file")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        check_lines(source, raw)
    text = decode_utf8(raw, source)
    if suffix == ".json":
        data = parse_json(text, source)
    elif suffix == ".toml":
        data = parse_toml(text, source)
    else:
        raise InvalidInput.one(
            source, "", f"unknown file type {suffix!r}; use a .toml or .json file"
        )
    if not isinstance(data, dict):
        raise InvalidInput.one(source, "", "the top level must be a table (an object in JSON)")
    return data, raw


def format_loc(loc: tuple[str | int, ...]) -> str:
    """``("components", 3, "manufacturer")`` becomes ``components[3].manufacturer``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_at(value: object, where: str = "") -> str | None:
    """The path of the first text in ``value`` (parsed JSON) holding a lone surrogate, if any.

    JSON may escape one (``"\\ud800"``), which is no character: such text cannot be stored or
    printed, so the caller refuses or skips the record it is in."""
    if isinstance(value, str):
        return where if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = surrogate_at(key, where) or surrogate_at(item, f"{where}.{key}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = surrogate_at(item, f"{where}[{i}]")
            if found is not None:
                return found
    return None

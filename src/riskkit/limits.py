"""Input limits: how large an input riskkit accepts, checked before the work it would cost.

Every reader checks the limits that apply to it before parsing (file size, line length) or
before validating (parties, components, data flows, ownership depth, rules per pack), and a
refusal is a :class:`LimitExceeded` naming the limit, the size found, and how to raise it.
The defaults are documented in ``docs/limits.md``.

Raise a limit for a block of code in Python::

    from riskkit.limits import input_limits

    with input_limits(components=250_000):
        report = riskkit.assess("every-camera-in-the-city.toml")

and on the command line with ``--input-limit components=250000`` (repeatable) on any
subcommand.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from riskkit.errors import InvalidInput, Problem

_MIB = 1024 * 1024


@attrs.frozen
class Limits:
    """The largest inputs accepted; every field is a positive whole number."""

    input_bytes: int = 16 * _MIB
    """Size of a procurement, rule pack, waivers, what-if patch or entity TOML file."""
    report_bytes: int = 64 * _MIB
    """Size of a report JSON file read by ``diff``."""
    list_bytes: int = 256 * _MIB
    """Size of an official list file (the full OFAC SDN CSV is about 4 MB)."""
    line_bytes: int = 1 * _MIB
    """Length of one line of a TOML input or of a list file (the longest real list line is
    about 20 KB). JSON inputs are exempt: JSON is often written on one line."""
    parties: int = 20_000
    """Parties in one procurement."""
    components: int = 100_000
    """Components in one procurement (entries of ``[[components]]``, not their quantity)."""
    data_flows: int = 100_000
    """Data flows in one procurement."""
    ownership_depth: int = 2_000
    """Links in the longest chain of owners above any party of a procurement. Each controlling
    owner's finding carries the chain below it as evidence, so a chain of controlling owners
    costs time and memory in the square of its length (2,000 links: about 1 GB)."""
    rules_per_pack: int = 10_000
    """Rules in one rule pack file."""

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(Limits):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"limit {field.name} must be a positive whole number")


LIMIT_NAMES: tuple[str, ...] = tuple(f.name for f in attrs.fields(Limits))
"""The names accepted by ``input_limits`` and ``--input-limit``."""

DEFAULT_LIMITS = Limits()
_ACTIVE: contextvars.ContextVar[Limits | None] = contextvars.ContextVar(
    "riskkit_limits", default=None
)


def current_limits() -> Limits:
    """The limits in force here: the defaults unless ``input_limits`` changed them."""
    return _ACTIVE.get() or DEFAULT_LIMITS


@contextlib.contextmanager
def input_limits(limits: Limits | None = None, **overrides: int) -> Iterator[Limits]:
    """Use ``limits`` (default: those in force) with ``overrides`` for the ``with`` block.

    ``input_limits(components=250_000)`` raises one limit and keeps the others.
    """
    unknown = sorted(set(overrides) - set(LIMIT_NAMES))
    if unknown:
        raise TypeError(f"unknown limit {unknown[0]!r}; the limits are {', '.join(LIMIT_NAMES)}")
    chosen = attrs.evolve(limits or current_limits(), **overrides)
    token = _ACTIVE.set(chosen)
    try:
        yield chosen
    finally:
        _ACTIVE.reset(token)


def parse_overrides(items: Iterable[str]) -> dict[str, int]:
    """``["components=250000", "parties=5e4"]`` as a dict; ValueError saying what is wrong."""
    out: dict[str, int] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in LIMIT_NAMES:
            raise ValueError(
                f"{item!r}: expected NAME=N, where NAME is one of {', '.join(LIMIT_NAMES)}"
            )
        try:
            number = int(value.strip().replace("_", "").replace(",", ""))
        except ValueError:
            raise ValueError(f"{item!r}: {value.strip()!r} is not a whole number") from None
        if number < 1:
            raise ValueError(f"{item!r}: a limit must be at least 1")
        out[name] = number
    return out


class LimitExceeded(InvalidInput):
    """An input larger than a limit in force; the message names the limit and how to raise it."""

    def __init__(self, problems: list[Problem], limit: str) -> None:
        super().__init__(problems)
        self.limit = limit
        """The name of the limit (a field of :class:`Limits`)."""


def exceeded(
    source: str, location: str, limit: str, found: str, allowed: str, needed: int
) -> LimitExceeded:
    """The error for ``found`` over the limit ``limit`` (shown as ``allowed``); ``needed`` is
    the value the limit would need to accept this input."""
    message = (
        f"{found}; the {limit} limit is {allowed} (raise it with --input-limit "
        f"{limit}={needed}, or input_limits({limit}={needed}) from riskkit.limits in Python)"
    )
    return LimitExceeded([Problem(source, location, message)], limit)


def mib(size: int) -> str:
    """A byte count for a message: ``4,089,446 bytes (3.9 MiB)``, or ``512 bytes``."""
    return f"{size:,} bytes ({size / _MIB:.1f} MiB)" if size >= _MIB // 10 else f"{size:,} bytes"


def check_bytes(source: str, size: int, limit: str = "input_bytes") -> None:
    """LimitExceeded when a file of ``size`` bytes is over the byte limit ``limit``."""
    allowed = getattr(current_limits(), limit)
    if size > allowed:
        raise exceeded(source, "", limit, f"file is {mib(size)}", mib(allowed), size)


def check_lines(source: str, raw: bytes) -> None:
    """LimitExceeded naming the first line of ``raw`` longer than the ``line_bytes`` limit."""
    allowed = current_limits().line_bytes
    if len(raw) <= allowed:
        return
    start = 0
    while start <= len(raw):
        end = raw.find(b"\n", start)
        if end < 0:
            end = len(raw)
        if end - start > allowed:
            line = raw.count(b"\n", 0, start) + 1
            raise exceeded(
                source, f"line {line}", "line_bytes",
                f"line is {mib(end - start)} long", mib(allowed), end - start,
            )  # fmt: skip
        start = end + 1


def _items(data: Mapping[str, Any], key: str) -> list[Any]:
    items = data.get(key)
    return items if isinstance(items, list) else []


def check_procurement(data: Mapping[str, Any], source: str) -> None:
    """LimitExceeded when a procurement (parsed, not yet validated) has more parties,
    components or data flows than the limits allow; every limit exceeded is named."""
    limits = current_limits()
    problems: list[Problem] = []
    first = ""
    for key in ("parties", "components", "data_flows"):
        count = len(_items(data, key))
        allowed = getattr(limits, key)
        if count > allowed:
            problems.extend(
                exceeded(source, key, key, f"{count:,} {key}", f"{allowed:,}", count).problems
            )
            first = first or key
    if problems:
        raise LimitExceeded(problems, first)


def check_ownership_depth(owners: Mapping[str, Iterable[str]], source: str) -> None:
    """LimitExceeded when the longest chain of owners (``owners`` maps a party id to its
    owners' ids) is over the ``ownership_depth`` limit. Checked after validation, so that an
    ownership cycle is reported as such."""
    allowed = current_limits().ownership_depth
    depth, party = ownership_depth(owners)
    if depth > allowed:
        raise exceeded(
            source, f"parties (id {party!r})", "ownership_depth",
            f"a chain of {depth:,} owners above party {party!r}", f"{allowed:,}", depth,
        )  # fmt: skip


def ownership_depth(owners: Mapping[str, Iterable[str]]) -> tuple[int, str]:
    """The longest chain of owner links above any party, and the party at its foot.

    ``owners`` maps a party id to its owners' ids. Each party is visited once (an iterative
    walk, memoised per party), so the cost is linear in parties and links; a link that closes
    a cycle is not followed (cycles are reported by validation, not here). Owners that are not
    keys of ``owners`` count as one link and end the chain.
    """
    depth: dict[str, int] = {}
    on_path: set[str] = set()
    best, foot = 0, ""
    for start in owners:
        if start in depth:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(owners[start]))]
        on_path.add(start)
        below: dict[str, int] = {start: 0}
        while stack:
            node, pending = stack[-1]
            advanced = False
            for nxt in pending:
                if nxt in on_path:
                    continue
                if nxt not in owners:
                    below[node] = max(below[node], 1)
                    continue
                if nxt in depth:
                    below[node] = max(below[node], depth[nxt] + 1)
                    continue
                stack.append((nxt, iter(owners[nxt])))
                on_path.add(nxt)
                below[nxt] = 0
                advanced = True
                break
            if advanced:
                continue
            stack.pop()
            on_path.discard(node)
            depth[node] = below.pop(node)
            if stack:
                parent = stack[-1][0]
                below[parent] = max(below[parent], depth[node] + 1)
        if depth[start] > best:
            best, foot = depth[start], start
    return best, foot


__all__ = [
    "DEFAULT_LIMITS",
    "LIMIT_NAMES",
    "LimitExceeded",
    "Limits",
    "current_limits",
    "input_limits",
    "parse_overrides",
]

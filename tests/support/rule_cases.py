"""Rule cases as data: a base procurement, changes to it, and the outcome a rule must give."""

from __future__ import annotations

import copy
import functools
import re
import tomllib
from datetime import date
from typing import Any

from riskkit.packs.lists import ListSet
from tests.conftest import TESTS

CASES_DIR = TESTS / "rule_cases"
_STEP = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def bases() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(CASES_DIR.glob("_bases*.toml")):
        found.update(tomllib.loads(path.read_text("utf-8"))["bases"])
    return found


def all_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        for case in tomllib.loads(path.read_text("utf-8")).get("cases", []):
            case["file"] = path.name
            cases.append(case)
    return cases


def _set(doc: Any, dotted: str, value: Any) -> None:
    steps: list[str | int] = [name if name else int(index) for name, index in _STEP.findall(dotted)]
    target = doc
    for step in steps[:-1]:
        target = target[step]
    target[steps[-1]] = copy.deepcopy(value)


def _unset(doc: Any, dotted: str) -> None:
    steps: list[str | int] = [name if name else int(index) for name, index in _STEP.findall(dotted)]
    target = doc
    for step in steps[:-1]:
        target = target[step]
    del target[steps[-1]]


def build(case: dict[str, Any], base_docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The case's procurement as a plain dict: its base, then ``unset`` (facts left out), then
    ``set``, then ``append``."""
    doc = copy.deepcopy(base_docs[case["base"]])
    for dotted in case.get("unset", ()):
        _unset(doc, dotted)
    for dotted, value in case.get("set", {}).items():
        _set(doc, dotted, value)
    for key, items in case.get("append", {}).items():
        doc.setdefault(key, []).extend(copy.deepcopy(items))
    return doc


@functools.cache
def _load_lists(paths: tuple[str, ...]) -> ListSet:
    return ListSet.load([CASES_DIR / p for p in paths])


def list_set(case: dict[str, Any]) -> ListSet | None:
    """The official list files a case screens against (``lists``, relative to rule_cases/)."""
    paths = tuple(case.get("lists", ()))
    return _load_lists(paths) if paths else None


def as_of(case: dict[str, Any]) -> date:
    value = case["as_of"]
    assert isinstance(value, date)
    return value

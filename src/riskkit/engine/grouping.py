"""Findings of one rule on many subjects that differ only in the subject, grouped into one
finding with the list of its subjects (a city's cameras give a hit per camera and rule)."""

from __future__ import annotations

from typing import Any

from riskkit.engine.findings import Mitigations, RuleFacts, applied
from riskkit.engine.timeline import Timed

Fired = tuple[RuleFacts, Mitigations, Timed]
"""A hit that makes a finding, with its rule's facts and the mitigations the rule accepts."""

_SUBJECT = "\0subject\0"
"""Stands for the subject in a finding's template (no input text holds a NUL here)."""


def _template(facts: RuleFacts, mitigating: Mitigations, timed: Timed) -> tuple[Any, ...] | None:
    """What a finding says with its subject left out, for grouping the findings of one rule
    on many subjects; None when the finding cannot be told apart from its subject exactly.

    The subject (``components[cam-1]``) is taken out of the evidence paths, its id out of
    evidence values equal to it, and the quoted id (``'cam-1'``) out of the explanation. Two
    findings with equal templates differ only in the subject they name, so one stands for
    both; each substitution is checked to give the finding's own text back.
    """
    hit = timed.hit
    subject = hit.subject
    bracket = subject.find("[")
    if bracket <= 0 or not subject.endswith("]"):
        return None
    sid = subject[bracket + 1 : -1]
    quoted = f"'{sid}'"
    explanation = hit.explanation.replace(quoted, _SUBJECT)
    if explanation.replace(_SUBJECT, quoted) != hit.explanation or _SUBJECT in hit.explanation:
        return None
    evidence = []
    for e in hit.evidence:
        path = e.path.replace(subject, _SUBJECT)
        value = _SUBJECT if e.value == sid else e.value
        if _SUBJECT in e.path or _SUBJECT in e.value:
            return None
        evidence.append((path, value, e.note))
    return (
        facts.rule_id,
        subject[:bracket],
        timed.start,
        timed.until,
        timed.upcoming,
        hit.outcome,
        hit.binding,
        hit.exception,
        hit.likelihood,
        hit.confidence,
        applied(mitigating, hit),
        explanation,
        tuple(evidence),
    )


class Groups:
    """Findings grouped as they are found: the first of each group with the subjects of the
    group, so that the hits of the others are freed at once."""

    def __init__(self) -> None:
        self._groups: dict[object, tuple[Fired, list[str]]] = {}

    def add(self, entry: Fired) -> None:
        template = _template(*entry)
        key: object = object() if template is None else template
        group = self._groups.get(key)
        if group is None:
            self._groups[key] = (entry, [entry[2].hit.subject])
        else:
            group[1].append(entry[2].hit.subject)

    def items(self) -> list[tuple[Fired, tuple[str, ...]]]:
        """Each group's first finding and its subjects, in first-seen order."""
        return [(entry, tuple(subjects)) for entry, subjects in self._groups.values()]

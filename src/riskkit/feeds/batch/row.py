"""One row per contracting process: what it is, and what riskkit found.

The columns and their order are fixed (:data:`COLUMNS`): every engine, output and earlier run
speaks the same table. A process that could not be mapped onto the procurement model still has
its row, with what the feed said about it, its status ``skipped: <reason>`` and every
assessment column empty: it was not assessed, and the row says so rather than leaving it out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from riskkit.report import Report

Value = str | int | float | None
Row = dict[str, Value]
"""One process's row: :data:`COLUMNS` as keys, in that order."""

TEXT, NUMBER, COUNT = "text", "number", "count"
COLUMNS: dict[str, str] = {
    "ocid": TEXT,
    "buyer": TEXT,
    "country": TEXT,
    "suppliers": TEXT,
    "amount": NUMBER,
    "currency": TEXT,
    "start": TEXT,
    "end": TEXT,
    "published": TEXT,
    "verdict": TEXT,
    "term_verdict": TEXT,
    "inherent": NUMBER,
    "residual": NUMBER,
    "findings": COUNT,
    "binding": COUNT,
    "rules_fired": TEXT,
    "rules_in_scope": COUNT,
    "unknowns": COUNT,
    "gaps": COUNT,
    "warnings": COUNT,
    "components": COUNT,
    "source": TEXT,
    "packs_digest": TEXT,
    "lists_digest": TEXT,
    "status": TEXT,
}
"""Every column, in order, with its kind: text, a number (float) or a count (int); any of
them may be empty (None) where the feed does not say or the process was not assessed."""

ASSESSED = "assessed"
SKIPPED = "skipped: "
JOIN = "; "


class Summary(Protocol):
    """What the mapping read off a process (``riskkit.feeds.ocds.mapping.ProcessSummary``)."""

    @property
    def ocid(self) -> str: ...
    @property
    def buyer(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def suppliers(self) -> tuple[str, ...]: ...
    @property
    def amount(self) -> float | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def start(self) -> date | None: ...
    @property
    def end(self) -> date | None: ...
    @property
    def published(self) -> date | None: ...


def feed_columns(summary: Summary, *, gaps: int, warnings: int, source: str) -> Row:
    """A row with what the feed says filled in and every assessment column empty."""
    row: Row = dict.fromkeys(COLUMNS)
    row.update(
        ocid=summary.ocid,
        buyer=summary.buyer,
        country=summary.country,
        suppliers=JOIN.join(summary.suppliers),
        amount=None if summary.amount is None else float(summary.amount),
        currency=summary.currency,
        start=_day(summary.start),
        end=_day(summary.end),
        published=_day(summary.published),
        gaps=gaps,
        warnings=warnings,
        source=source,
    )
    return row


def skipped(row: Row, reason: str) -> Row:
    """The row of a process that was not assessed, and why."""
    row["status"] = SKIPPED + " ".join(reason.split())
    return row


def assessed(row: Row, report: Report, components: int) -> Row:
    """The row with the report's verdicts, scores and counts filled in.

    A process in which the mapping found no surveillance or telecom item has no component; its
    report never says ``acceptable`` about it, but ``no_rules_in_scope`` at best (the engine's
    rule for a procurement that lists nothing bought): the item may be there in words or codes
    riskkit does not read."""
    scores = report.scores
    row.update(
        verdict=report.verdict,
        term_verdict=report.term_verdict,
        inherent=scores.inherent,
        residual=scores.residual,
        findings=scores.findings,
        binding=scores.binding,
        rules_fired=JOIN.join(sorted({f.rule_id for f in report.findings if f.status == "active"})),
        rules_in_scope=report.coverage.rules_in_scope,
        unknowns=len(report.unknowns),
        components=components,
        packs_digest=digest(f"{p.id} {p.version} {p.digest}" for p in report.provenance.packs),
        lists_digest=digest(f"{ref.name} {ref.digest}" for ref in report.provenance.lists),
        status=ASSESSED,
    )
    return row


def digest(lines: Iterable[str]) -> str:
    """One digest for what the lines name (packs or lists, each with its own digest), in a
    fixed order; empty when there are none (no list given)."""
    text = "\n".join(sorted(lines))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest() if text else ""


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()

"""The one-screen summary of a batch: what was read, skipped, assessed, and the worst first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from riskkit.feeds.batch.digest import CLEARED, NEW_FLAGS, NO_RULE_IN_SCOPE, NOTHING_FOUND, Digest
from riskkit.feeds.batch.row import ASSESSED, SKIPPED, Row
from riskkit.feeds.ocds.defects import DEFECTS, ReadStats
from riskkit.report import VERDICT_ORDER

WIDTH = 160
"""Lines are cut to this width, so the summary stays on one screen."""


def summary_text(
    outcome_digest: Digest, stats: ReadStats, *, since: str | None = None, as_of: str = ""
) -> str:
    """The summary of a run, ending with a newline."""
    counts = outcome_digest.counts
    lines = [
        f"read: {stats.processes} processes from {stats.files} files"
        + (f", assessed as of {as_of}" if as_of else "")
    ]
    if stats.defects:
        lines.append(f"defects in the feed: {stats.skipped} unit(s) skipped while reading")
        for kind, count in sorted(stats.defects.items(), key=lambda kv: (-kv[1], kv[0])):
            example = stats.examples.get(kind, "")
            where = f" (first at {example})" if example else ""
            lost = " [skipped]" if "(skipped" in DEFECTS.get(kind, "") else ""
            lines.append(f"  {kind}: {count}{lost}{where}")
    lines.extend(_skipped(counts))
    lines.append(f"assessed: {counts['status:' + ASSESSED]}")
    for verdict in sorted(VERDICT_ORDER, key=VERDICT_ORDER.__getitem__, reverse=True):
        if counts[f"verdict:{verdict}"]:
            lines.append(f"  {counts[f'verdict:{verdict}']:>6}  {verdict}")
    lines.append(
        f"  with no surveillance or telecom item found (nothing for the rules to decide on): "
        f"{counts[NOTHING_FOUND]}"
    )
    lines.append(f"  with no rule in scope at all: {counts[NO_RULE_IN_SCOPE]}")
    if since is not None:
        lines.append(f"since {since}: {counts[NEW_FLAGS]} new flag(s), {counts[CLEARED]} cleared")
        lines.extend(_listed("new", outcome_digest.new_flags))
        lines.extend(_listed("cleared", outcome_digest.cleared))
    lines.append(f"top {len(outcome_digest.top)} (worst verdict, residual score, amount):")
    lines.extend(_listed("", outcome_digest.top))
    return "".join(_cut(line) + "\n" for line in lines)


def _skipped(counts: Mapping[str, int]) -> list[str]:
    """The processes not assessed, counted by reason: the reason's head (before its first
    ``: ``), with the first detail seen as an example."""
    reasons: dict[str, tuple[int, str]] = {}
    for key, count in sorted(counts.items()):
        if key.startswith("status:" + SKIPPED):
            head, _, detail = key.removeprefix("status:" + SKIPPED).partition(": ")
            total, example = reasons.get(head, (0, detail))
            reasons[head] = (total + count, example)
    lines = [f"skipped: {sum(n for n, _ in reasons.values())} processes not assessed"]
    for head, (count, example) in sorted(reasons.items(), key=lambda kv: (-kv[1][0], kv[0])):
        lines.append(f"  {count:>6}  {head}" + (f" (e.g. {example})" if example else ""))
    return lines


def _listed(label: str, rows: Sequence[Row]) -> list[str]:
    head = f"  {label} " if label else "  "
    return [f"{head}{_one(row)}" for row in rows]


def _one(row: Row) -> str:
    amount = row["amount"]
    value = (
        f"{amount:,.0f} {row['currency'] or '(currency unknown)'}"
        if isinstance(amount, int | float)
        else "amount unknown"
    )
    rules = f" [{row['rules_fired']}]" if row["rules_fired"] else ""
    return (
        f"{row['verdict']}  residual {row['residual']}  {value}  {row['ocid']}  "
        f"{row['buyer'] or '(buyer unknown)'}  ({row['source']}){rules}"
    )


def _cut(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"

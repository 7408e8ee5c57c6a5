"""Markdown for a comparison: what ``riskkit compare`` prints.

The candidates in a table, best first, then the rules that separate them and the rule-by-
candidate matrix.
"""

from __future__ import annotations

from riskkit.decisions.compare import Cell, Comparison
from riskkit.formats._words import MARKDOWN_VERDICT_TEXT
from riskkit.formats.markdown.text import DISCLAIMER, cell, no_raw_html


def _matrix_cell(entry: Cell) -> str:
    if entry.state == "clear":
        return "—"
    if entry.state == "unknown":
        return "unknown"
    text = f"{entry.outcome} ({entry.severity})"
    if entry.binding:
        text += ", binding"
    if entry.state == "upcoming":
        text += ", upcoming"
    if entry.waived:
        text += ", waived"
    return text


def render_comparison(comparison: Comparison) -> str:
    """The candidates best first, what separates them, and every rule by candidate."""
    labels = [c.label for c in comparison.candidates]
    out = [
        f"# riskkit comparison of {len(labels)} candidates",
        "",
        f"Assessed as of {comparison.as_of}. Best first: "
        + ", ".join(f"`{label}`" for label in comparison.ranking)
        + ".",
        "",
        "| Candidate | Title | Verdict | Over the term | Inherent | Residual | Findings |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in comparison.candidates:
        s = c.scores
        out.append(
            f"| `{cell(c.label)}` | {cell(c.title)} | {MARKDOWN_VERDICT_TEXT[c.verdict]} | "
            f"{MARKDOWN_VERDICT_TEXT[c.term_verdict]} | {s.inherent} | {s.residual} | "
            f"{s.findings} ({s.binding} binding, {s.upcoming} upcoming) |"
        )
    out += ["", "## What separates them", ""]
    if not comparison.separators:
        out += ["Every rule gives every candidate the same result.", ""]
    for sep in comparison.separators:
        deciding = " Decides a verdict." if sep.decides_verdict else ""
        out.append(
            f"- **{cell(sep.rule_id)}** ({sep.outcome}, {sep.severity}"
            f"{', binding' if sep.binding else ''}): {cell(sep.explanation)}.{deciding}"
        )
    out += ["", "## Rule by candidate", ""]
    if not comparison.matrix:
        out += ["No rule produced a finding for any candidate.", ""]
    else:
        out.append("| Rule | " + " | ".join(f"`{cell(label)}`" for label in labels) + " |")
        out.append("|---|" + "---|" * len(labels))
        for row in comparison.matrix:
            marker = " ◆" if row.separates else ""
            cells = " | ".join(_matrix_cell(c) for c in row.cells)
            out.append(f"| {cell(row.rule_id)}{marker} | {cells} |")
        out += ["", "◆ separates the candidates; — no finding.", ""]
    out += [DISCLAIMER, ""]
    return no_raw_html("\n".join(out))

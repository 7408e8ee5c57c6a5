"""HTML for one finding of a report: what was found, why, on what evidence, and what to do."""

from __future__ import annotations

from riskkit.formats._words import HTML_WAIVER_TEXT
from riskkit.formats.html._page import Headings, esc, outcome_badge
from riskkit.formats.html._style import OUTCOME_COLOUR
from riskkit.formats.html._svg import applies_text
from riskkit.report import LEVEL_NAMES, Finding


def _subjects(f: Finding) -> str:
    """The subjects of a finding of many, folded; nothing for a finding of one."""
    if f.weight == 1:
        return ""
    items = "".join(f"<li><code>{esc(s)}</code></li>" for s in f.all_subjects)
    return (
        f"<details><summary>The same holds for each of its {f.weight:,} subjects (the evidence "
        f"is the first's)</summary><ul>{items}</ul></details>"
    )


def finding_section(f: Finding, number: int, h: Headings, anchor: str) -> str:
    upcoming = " (starts later in the term)" if f.status == "upcoming" else ""
    out = [
        f'<section class="finding" id="{esc(anchor)}" '
        f'style="border-left-color:{OUTCOME_COLOUR[f.outcome]}">',
        h(2, f"{number}. {esc(f.rule_title)}"),
        f'<p class="meta">{outcome_badge(f.outcome)}{esc(upcoming)} · '
        f"<code>{esc(f.rule_id)}</code> on <code>{esc(f.subject)}</code> · "
        f"{'binding on this buyer' if f.binding else 'not binding on this buyer'} · "
        f"severity {esc(f.severity)} · likelihood {esc(LEVEL_NAMES[f.likelihood])}"
        + (
            f" → {esc(LEVEL_NAMES[f.residual_likelihood])} after mitigations"
            if f.residual_likelihood != f.likelihood
            else ""
        )
        + f" · confidence {esc(f.confidence)} · {esc(applies_text(f))}</p>",
        f"<p>{esc(f.explanation)}</p>",
        _subjects(f),
    ]
    if f.waiver is not None:
        w = f.waiver
        note = f" {esc(w.note)}" if w.note else ""
        out.append(
            f'<p class="waiver"><strong>Waiver {esc(w.id)}: '
            f"{esc(HTML_WAIVER_TEXT[w.state])}.</strong> "
            f"Approved by {esc(w.approver)}, expires {w.expires}. {esc(w.justification)}{note}</p>"
        )
    if f.exception:
        out.append(f"<p><strong>Exception:</strong> {esc(f.exception)}</p>")
    if f.evidence:
        items = "".join(
            f"<li><code>{esc(e.path)}</code> = {esc(e.value)}"
            + (f" — {esc(e.note)}" if e.note else "")
            + "</li>"
            for e in f.evidence
        )
        out.append(f"<p><strong>Evidence</strong></p><ul>{items}</ul>")
    if f.mitigations_applied:
        out.append(
            "<p><strong>Mitigations counted:</strong> "
            + ", ".join(f"<code>{esc(m)}</code>" for m in f.mitigations_applied)
            + "</p>"
        )
    if f.citations:
        items = "".join(
            f'<li><a href="{esc(c.url)}">{esc(c.title)}</a>'
            + (f", {esc(c.article)}" if c.article else "")
            + (f" ({c.date})" if c.date else "")
            + "</li>"
            for c in f.citations
        )
        out.append(f"<p><strong>Sources</strong></p><ul>{items}</ul>")
    if f.remediation:
        items = "".join(f"<li>{esc(r)}</li>" for r in f.remediation)
        out.append(f"<p><strong>Remediation</strong></p><ul>{items}</ul>")
    if f.notes:
        out.append(f'<p class="note"><strong>Note:</strong> {esc(f.notes)}</p>')
    if f.vector:
        out.append(f'<p class="note">Score vector: <code>{esc(f.vector)}</code></p>')
    out.append("</section>")
    return "\n".join(out)

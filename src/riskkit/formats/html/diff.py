"""HTML for a diff: what changed from one assessment to the next, verdict first."""

from __future__ import annotations

from riskkit.decisions.diff import FindingChange, ReportDiff, VerdictChange
from riskkit.formats._words import HTML_VERDICT_TEXT
from riskkit.formats.html._page import (
    Headings,
    code_id,
    disclaimer,
    esc,
    fragment,
    outcome_badge,
    page,
    unknowns_list,
)
from riskkit.formats.html._style import OUTCOME_COLOUR, VERDICT_COLOUR
from riskkit.formats.html._svg import applies_text


def _change_line(name: str, change: VerdictChange) -> str:
    if change.before == change.after:
        return f"<p>{name}: {esc(HTML_VERDICT_TEXT[change.after])}, unchanged.</p>"
    return (
        f"<p>{name}: {esc(HTML_VERDICT_TEXT[change.before])} → "
        f"<strong>{esc(HTML_VERDICT_TEXT[change.after])}</strong> ({esc(change.direction)}).</p>"
    )


def diff_body(diff: ReportDiff, *, top: int = 1) -> str:
    """What changed, verdict first, then new, resolved, changed and unchanged findings."""
    h = Headings(top)
    b, a = diff.before, diff.after
    out = [
        h(0, f"riskkit re-assessment: {esc(a.title)}"),
        f'<section class="verdict" style="background:{VERDICT_COLOUR[a.verdict]}" '
        f'aria-label="verdict change">'
        f'<p class="label">Verdict on {b.as_of} → on {a.as_of}</p>'
        f'<p class="value">{esc(HTML_VERDICT_TEXT[diff.verdict.before])} → '
        f"{esc(HTML_VERDICT_TEXT[diff.verdict.after])}</p>"
        + _change_line("Over the contract term", diff.term_verdict)
        + f"<p>{len(diff.new)} new, {len(diff.resolved)} resolved, {len(diff.changed)} changed, "
        f"{len(diff.unchanged)} unchanged findings.</p></section>",
        f'<dl class="facts"><dt>Before</dt><dd><code>{esc(b.procurement_id)}</code> as of '
        f"{b.as_of}, risk {b.scores.inherent:g} inherent / {b.scores.residual:g} residual</dd>"
        f"<dt>After</dt><dd><code>{esc(a.procurement_id)}</code> as of {a.as_of}, risk "
        f"{a.scores.inherent:g} inherent / {a.scores.residual:g} residual</dd></dl>",
    ]
    if diff.notes:
        out.append(
            "<p><strong>Read with care:</strong></p><ul>"
            + "".join(f"<li>{esc(n)}</li>" for n in diff.notes)
            + "</ul>"
        )
    groups = (
        ("New findings", "new", diff.new),
        ("Resolved findings", "resolved", diff.resolved),
        ("Changed findings", "changed", diff.changed),
    )
    number = 0
    for title, kind, entries in groups:
        out.append(h(1, f"{title} ({len(entries)})"))
        if not entries:
            out.append("<p>None.</p>")
        for entry in entries:
            number += 1
            out.append(_change_section(entry, kind, number, h))
    out.append(h(1, f"Unchanged findings ({len(diff.unchanged)})"))
    if diff.unchanged:
        rows = "".join(
            f"<tr><td>{code_id(c.rule_id)}</td><td>{code_id(c.subject)}</td>"
            f"<td>{code_id(c.fingerprint)}</td></tr>"
            for c in diff.unchanged
        )
        out.append(
            "<table><thead><tr><th>Rule</th><th>Subject</th><th>Fingerprint</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        out.append("<p>None.</p>")
    if diff.new_unknowns or diff.resolved_unknowns:
        out.append(h(1, "Unknowns"))
        if diff.new_unknowns:
            out.append("<p>New questions:</p>" + unknowns_list(diff.new_unknowns))
        if diff.resolved_unknowns:
            out.append("<p>Answered or gone:</p>" + unknowns_list(diff.resolved_unknowns))
    out.append(disclaimer())
    return "\n".join(out) + "\n"


def _change_section(entry: FindingChange, kind: str, number: int, h: Headings) -> str:
    f = entry.after or entry.before
    assert f is not None
    label = {"new": "new", "resolved": "resolved: no longer found", "changed": "changed"}[kind]
    if kind == "new" and entry.before is not None:
        label = "new: took effect (was upcoming)"
    changes = (
        "<ul>" + "".join(f"<li><code>{esc(c)}</code></li>" for c in entry.changes) + "</ul>"
        if entry.changes
        else ""
    )
    return (
        f'<section class="finding" id="d{number}" '
        f'style="border-left-color:{OUTCOME_COLOUR[f.outcome]}">'
        + h(2, f"{number}. {esc(f.rule_title)}")
        + f'<p class="meta"><span class="tag">{esc(label)}</span> {outcome_badge(f.outcome)} · '
        f"<code>{esc(f.rule_id)}</code> on <code>{esc(f.subject)}</code> · "
        f"{'binding' if f.binding else 'not binding'} · {esc(applies_text(f))}</p>"
        f"<p>{esc(f.explanation)}</p>{changes}</section>"
    )


def diff_page(diff: ReportDiff) -> str:
    """The diff as a whole page."""
    return page(f"riskkit re-assessment: {diff.after.title}", diff_body(diff))


def diff_fragment(diff: ReportDiff) -> str:
    """The diff for a notebook cell: the body and its scoped styles."""
    return fragment(diff_body(diff, top=2))

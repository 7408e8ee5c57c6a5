"""Markdown for a diff: what ``riskkit diff`` prints.

The verdicts before and after, then new, resolved, changed and unchanged findings and the open
questions. A what-if shows its diff with the same sections.
"""

from __future__ import annotations

from riskkit.decisions.diff import FindingChange, ReportDiff, VerdictChange
from riskkit.formats._words import MARKDOWN_VERDICT_TEXT
from riskkit.formats.markdown.text import DISCLAIMER, cell, no_raw_html


def _verdict_line(name: str, change: VerdictChange) -> str:
    if change.direction == "same":
        return f"{name}: {MARKDOWN_VERDICT_TEXT[change.after]} (unchanged)"
    before, after = MARKDOWN_VERDICT_TEXT[change.before], MARKDOWN_VERDICT_TEXT[change.after]
    return f"{name}: {before} → **{after}** ({change.direction})"


def _entry(c: FindingChange) -> list[str]:
    f = c.after or c.before
    assert f is not None
    line = f"- `{cell(c.rule_id)}` on `{cell(c.subject)}`: {f.outcome}"
    line += ", binding" if f.binding else f", residual {f.residual_score}"
    if c.before is not None and c.after is not None and c.before.status != c.after.status:
        line += f" (took effect {c.after.applies_from})" if c.after.status == "active" else ""
    line += f" — {cell(f.rule_title)} [{c.fingerprint}]"
    out = [line]
    out += [f"  - {change}" for change in c.changes]
    return out


def diff_sections(diff: ReportDiff, *, new: str = "New", resolved: str = "Resolved") -> list[str]:
    out = []
    for title, entries in (
        (new, diff.new),
        (resolved, diff.resolved),
        ("Changed", diff.changed),
    ):
        out += [f"## {title} ({len(entries)})", ""]
        if not entries:
            out += ["None.", ""]
            continue
        for entry in entries:
            out += _entry(entry)
        out.append("")
    out += [f"## Unchanged ({len(diff.unchanged)})", ""]
    out += [f"- `{cell(c.rule_id)}` on `{cell(c.subject)}`" for c in diff.unchanged] or ["None."]
    out.append("")
    if diff.new_unknowns or diff.resolved_unknowns:
        out += ["## Open questions", ""]
        out += [f"- new: `{u.subject}`: {cell(u.explanation)}" for u in diff.new_unknowns]
        out += [f"- answered: `{u.subject}`: {cell(u.explanation)}" for u in diff.resolved_unknowns]
        out.append("")
    return out


def summary(diff: ReportDiff) -> list[str]:
    """The verdicts and risk scores before and after, as list items."""
    b, a = diff.before.scores, diff.after.scores
    return [
        f"- {_verdict_line('Verdict', diff.verdict)}",
        f"- {_verdict_line('Over the term', diff.term_verdict)}",
        f"- Inherent risk: {b.inherent} → {a.inherent} / 100",
        f"- Residual risk: {b.residual} → {a.residual} / 100",
        "",
    ]


def render_diff(diff: ReportDiff) -> str:
    b, a = diff.before, diff.after
    out = [
        f"# riskkit re-assessment: {a.title}",
        "",
        f"From the assessment as of {b.as_of} to the one as of {a.as_of}.",
        "",
        *summary(diff),
    ]
    if diff.notes:
        out += [f"Note: {note}." for note in diff.notes] + [""]
    out += diff_sections(diff)
    out += [DISCLAIMER, ""]
    return no_raw_html("\n".join(out))

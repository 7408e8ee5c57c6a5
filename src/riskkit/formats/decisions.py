"""Markdown for decisions: comparisons, diffs, what-ifs and suggestions.

These are the Markdown renderers of ``riskkit compare``, ``riskkit diff`` and ``riskkit assess
--what-if/--suggest``, and what a comparison or a diff shows in a notebook outside Jupyter.
"""

from __future__ import annotations

from riskkit.decisions.compare import Cell, Comparison
from riskkit.decisions.diff import FindingChange, ReportDiff, VerdictChange
from riskkit.decisions.suggestions import Suggestions
from riskkit.decisions.whatif import WhatIf
from riskkit.formats.markdown import DISCLAIMER, VERDICT_TEXT, no_raw_html
from riskkit.formats.markdown import cell as _cell


def _matrix_cell(cell: Cell) -> str:
    if cell.state == "clear":
        return "—"
    if cell.state == "unknown":
        return "unknown"
    text = f"{cell.outcome} ({cell.severity})"
    if cell.binding:
        text += ", binding"
    if cell.state == "upcoming":
        text += ", upcoming"
    if cell.waived:
        text += ", waived"
    return text


def render_comparison(comparison: Comparison) -> str:
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
            f"| `{_cell(c.label)}` | {_cell(c.title)} | {VERDICT_TEXT[c.verdict]} | "
            f"{VERDICT_TEXT[c.term_verdict]} | {s.inherent} | {s.residual} | "
            f"{s.findings} ({s.binding} binding, {s.upcoming} upcoming) |"
        )
    out += ["", "## What separates them", ""]
    if not comparison.separators:
        out += ["Every rule gives every candidate the same result.", ""]
    for sep in comparison.separators:
        deciding = " Decides a verdict." if sep.decides_verdict else ""
        out.append(
            f"- **{_cell(sep.rule_id)}** ({sep.outcome}, {sep.severity}"
            f"{', binding' if sep.binding else ''}): {_cell(sep.explanation)}.{deciding}"
        )
    out += ["", "## Rule by candidate", ""]
    if not comparison.matrix:
        out += ["No rule produced a finding for any candidate.", ""]
    else:
        out.append("| Rule | " + " | ".join(f"`{_cell(label)}`" for label in labels) + " |")
        out.append("|---|" + "---|" * len(labels))
        for row in comparison.matrix:
            marker = " ◆" if row.separates else ""
            cells = " | ".join(_matrix_cell(c) for c in row.cells)
            out.append(f"| {_cell(row.rule_id)}{marker} | {cells} |")
        out += ["", "◆ separates the candidates; — no finding.", ""]
    out += [DISCLAIMER, ""]
    return no_raw_html("\n".join(out))


def _verdict_line(name: str, change: VerdictChange) -> str:
    if change.direction == "same":
        return f"{name}: {VERDICT_TEXT[change.after]} (unchanged)"
    before, after = VERDICT_TEXT[change.before], VERDICT_TEXT[change.after]
    return f"{name}: {before} → **{after}** ({change.direction})"


def _entry(c: FindingChange) -> list[str]:
    f = c.after or c.before
    assert f is not None
    line = f"- `{_cell(c.rule_id)}` on `{_cell(c.subject)}`: {f.outcome}"
    line += ", binding" if f.binding else f", residual {f.residual_score}"
    if c.before is not None and c.after is not None and c.before.status != c.after.status:
        line += f" (took effect {c.after.applies_from})" if c.after.status == "active" else ""
    line += f" — {_cell(f.rule_title)} [{c.fingerprint}]"
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
    out += [f"- `{_cell(c.rule_id)}` on `{_cell(c.subject)}`" for c in diff.unchanged] or ["None."]
    out.append("")
    if diff.new_unknowns or diff.resolved_unknowns:
        out += ["## Open questions", ""]
        out += [f"- new: `{u.subject}`: {_cell(u.explanation)}" for u in diff.new_unknowns]
        out += [
            f"- answered: `{u.subject}`: {_cell(u.explanation)}" for u in diff.resolved_unknowns
        ]
        out.append("")
    return out


def _summary(diff: ReportDiff) -> list[str]:
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
        *_summary(diff),
    ]
    if diff.notes:
        out += [f"Note: {note}." for note in diff.notes] + [""]
    out += diff_sections(diff)
    out += [DISCLAIMER, ""]
    return no_raw_html("\n".join(out))


def render_what_if(what_if: WhatIf) -> str:
    d = what_if.diff
    b = what_if.baseline
    out = [
        f"# riskkit what-if: {what_if.patch.title}",
        "",
        f"Applied to {b.title} (`{b.procurement_id}`), as of {b.provenance.as_of}.",
        "",
        *_summary(d),
        "Changes applied:",
        "",
    ]
    out += [f"{i}. `{c.op}`: {_change_text(c.model_dump(exclude={'op'}))}"
            for i, c in enumerate(what_if.patch.changes, 1)]  # fmt: skip
    out.append("")
    out += diff_sections(d, new="Findings the change brings in", resolved="Findings that go away")
    out += [DISCLAIMER, ""]
    return no_raw_html("\n".join(out))


def _change_text(fields: dict[str, object]) -> str:
    parts = []
    for key, value in fields.items():
        if value in (None, (), []):
            continue
        if isinstance(value, dict):
            value = value.get("name", value.get("id"))
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key} {value}")
    return "; ".join(parts) or "everything"


def render_suggestions(suggestions: Suggestions) -> str:
    out = ["## Suggestions", ""]
    if not suggestions.findings:
        return "\n".join([*out, "Nothing to clear: no finding makes the verdict worse.", ""])
    out += [
        "The smallest listed changes that would clear each finding behind the verdict, found by "
        f"assessing {suggestions.tried} changed deployments, and the rule's own remediation.",
        "",
    ]
    for f in suggestions.findings:
        out += [f"### `{_cell(f.rule_id)}` on `{_cell(f.subject)}` ({f.outcome})", ""]
        for option in f.options:
            out.append(
                f"- {'; '.join(option.summary)} → verdict {VERDICT_TEXT[option.verdict_after]}"
            )
        if f.note:
            out.append(f"- {f.note}")
        if f.remediation:
            out += ["", "Remediation:", ""] + [f"- {r}" for r in f.remediation]
        out.append("")
    if suggestions.plan:
        out += [
            f"Doing the first option for every finding ({len(suggestions.plan)} change(s)) gives "
            f"the verdict **{VERDICT_TEXT[suggestions.plan_verdict]}**.",
            "",
        ]
    return no_raw_html("\n".join(out))

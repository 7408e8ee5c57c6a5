"""Markdown for suggestions: what ``riskkit assess --suggest`` adds after a report.

For each finding behind the verdict, the smallest listed changes that would clear it.
"""

from __future__ import annotations

from riskkit.decisions.suggestions import Suggestions
from riskkit.formats._words import MARKDOWN_VERDICT_TEXT
from riskkit.formats.markdown.text import cell, no_raw_html


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
        out += [f"### `{cell(f.rule_id)}` on `{cell(f.subject)}` ({f.outcome})", ""]
        for option in f.options:
            after = MARKDOWN_VERDICT_TEXT[option.verdict_after]
            out.append(f"- {'; '.join(option.summary)} → verdict {after}")
        if f.note:
            out.append(f"- {f.note}")
        if f.remediation:
            out += ["", "Remediation:", ""] + [f"- {r}" for r in f.remediation]
        out.append("")
    if suggestions.plan:
        out += [
            f"Doing the first option for every finding ({len(suggestions.plan)} change(s)) gives "
            f"the verdict **{MARKDOWN_VERDICT_TEXT[suggestions.plan_verdict]}**.",
            "",
        ]
    return no_raw_html("\n".join(out))

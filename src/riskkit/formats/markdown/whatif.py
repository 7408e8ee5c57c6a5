"""Markdown for a what-if: what ``riskkit assess --what-if`` prints.

The patch's changes, then what they do to the verdicts and the findings.
"""

from __future__ import annotations

from riskkit.decisions.whatif import WhatIf
from riskkit.formats.markdown.diff import diff_sections, summary
from riskkit.formats.markdown.text import DISCLAIMER, no_raw_html


def render_what_if(what_if: WhatIf) -> str:
    d = what_if.diff
    b = what_if.baseline
    out = [
        f"# riskkit what-if: {what_if.patch.title}",
        "",
        f"Applied to {b.title} (`{b.procurement_id}`), as of {b.provenance.as_of}.",
        "",
        *summary(d),
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

"""``docs/rules.md``: the rule index, generated from the packs and never edited by hand."""

from __future__ import annotations

from riskkit.packs import RuleSet

HEADER = """# Rule index

Generated from the shipped rule packs by `riskkit rules doc > docs/rules.md`; do not edit by hand
(a test fails when this file is stale). Confidence `low` marks facts that could not be confirmed
against a primary source; each such rule says what in its notes (`riskkit rules show ID`).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_rule_index(ruleset: RuleSet) -> str:
    out = [HEADER]
    packs = sorted(ruleset.packs, key=lambda p: p.info.id)
    for pack in packs:
        rules = [r for r in ruleset.rules if r.pack.id == pack.info.id]
        if not rules:
            continue
        info = pack.info
        checked = f", facts checked to {info.data_date}" if info.data_date else ""
        out += [
            f"## {info.title}",
            "",
            f"Pack `{info.id}` version {info.version}{checked}; {len(rules)} rules.",
            "",
            "| Rule | Title | Jurisdiction | In force | Outcome | Confidence | Citation |",
            "|---|---|---|---|---|---|---|",
        ]
        for compiled in rules:
            r = compiled.rule
            window = f"{r.effective.start} to {r.effective.until or 'now'}"
            first = r.citations[0]
            article = f", {first.article}" if first.article else ""
            out.append(
                f"| `{r.id}` | {_cell(r.title)} | {', '.join(r.scope)} | {window} | "
                f"{r.outcome} | {r.confidence} | [{_cell(first.title)}{_cell(article)}]"
                f"({first.url}) |"
            )
        out.append("")
    return "\n".join(out)

"""Markdown: a report a person reads, verdict first."""

from __future__ import annotations

from riskkit.report import LEVEL_NAMES, Finding, Report

VERDICT_TEXT = {
    "prohibited": "PROHIBITED",
    "prohibited_unless_exception": "PROHIBITED UNLESS AN EXCEPTION HOLDS",
    "restricted": "RESTRICTED",
    "elevated_risk": "ELEVATED RISK",
    "needs_review": "NEEDS REVIEW (facts missing)",
    "acceptable": "ACCEPTABLE",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _when(f: Finding) -> str:
    until = f" until {f.applies_until}" if f.applies_until else ""
    return f"from {f.applies_from}{until}"


def render(report: Report) -> str:
    p = report.provenance
    out = [
        f"# riskkit assessment: {report.title}",
        "",
        f"**Verdict on {p.as_of}: {VERDICT_TEXT[report.verdict]}**",
        "",
    ]
    if report.term_verdict != report.verdict:
        out += [
            f"Over the contract term ({p.term_start} to {p.term_end}) the verdict becomes "
            f"**{VERDICT_TEXT[report.term_verdict]}**.",
            "",
        ]
    for reason in report.verdict_reasons:
        out.append(f"- {reason}")
    if report.verdict_reasons:
        out.append("")
    s = report.scores
    out += [
        f"Buyer: {report.buyer} · procurement `{report.procurement_id}`",
        "",
        f"Risk score: inherent {s.inherent} / 100, residual {s.residual} / 100 "
        f"({s.findings} active findings, {s.binding} binding, {s.upcoming} upcoming).",
        "",
        "## Findings",
        "",
    ]
    if not report.findings:
        out += ["No rule in scope produced a finding.", ""]
    else:
        out += [
            "| # | Rule | Subject | Outcome | Binding | L×I inherent → residual | When |",
            "|---|---|---|---|---|---|---|",
        ]
        for i, f in enumerate(report.findings, 1):
            out.append(
                f"| {i} | {_cell(f.rule_id)} | `{_cell(f.subject)}` | {f.outcome}"
                f"{' (upcoming)' if f.status == 'upcoming' else ''} | "
                f"{'yes' if f.binding else 'no'} | {f.likelihood}×{f.impact}={f.inherent_score}"
                f" → {f.residual_score} | {_when(f)} |"
            )
        out.append("")
        for i, f in enumerate(report.findings, 1):
            out += _finding(i, f)
    if report.unknowns:
        out += ["## Unknowns", "", "Facts the input leaves open; each is a question to answer.", ""]
        for u in report.unknowns:
            rule = f"{u.rule_id}: " if u.rule_id else ""
            out.append(f"- `{u.subject}`: {rule}{u.explanation}")
        out.append("")
    c = report.coverage
    out += [
        "## Coverage",
        "",
        f"{c.rules_loaded} rules loaded; {c.rules_in_scope} in scope for the places this "
        f"deployment touches; {c.rules_in_force} in force during the assessment window; "
        f"{c.rules_applicable} produced findings; {c.rules_unknown} could not be decided.",
        "",
        "## Provenance",
        "",
        f"- riskkit {p.riskkit_version}, as of {p.as_of}",
        f"- procurement digest `{p.procurement_digest}`",
    ]
    for pack in p.packs:
        out.append(f"- pack `{pack.id}` {pack.version} (`{pack.digest[:19]}…`, {pack.source})")
    out += [
        "",
        "_riskkit is not legal advice. Rule and list data have a date; check the citations._",
        "",
    ]
    return "\n".join(out)


def _finding(i: int, f: Finding) -> list[str]:
    out = [
        f"### {i}. {f.rule_title}",
        "",
        f"`{f.rule_id}` · {f.outcome} · severity {f.severity} · likelihood "
        f"{LEVEL_NAMES[f.likelihood]} → {LEVEL_NAMES[f.residual_likelihood]} after mitigations · "
        f"confidence {f.confidence} · {_when(f)}",
        "",
        f.explanation,
        "",
        "Evidence:",
        "",
    ]
    for e in f.evidence:
        note = f" — {e.note}" if e.note else ""
        out.append(f"- `{e.path}` = {e.value}{note}")
    if f.mitigations_applied:
        out += ["", f"Mitigations counted: {', '.join(f.mitigations_applied)}"]
    out += ["", "Sources:", ""]
    for c in f.citations:
        article = f", {c.article}" if c.article else ""
        date = f" ({c.date})" if c.date else ""
        out.append(f"- [{c.title}{article}]({c.url}){date}")
    if f.remediation:
        out += ["", "Remediation:", ""]
        out += [f"- {r}" for r in f.remediation]
    if f.notes:
        out += ["", f"Note: {f.notes}"]
    out.append("")
    return out

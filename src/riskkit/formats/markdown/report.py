"""Markdown for one report: what a person reads, verdict first.

Waived findings are marked in the findings table with what became of the waiver (applied,
expired, refused), and the waivers file is summarised, unmatched waivers included; the
provenance gives the report's score vector. The same report gives the same text.
"""

from __future__ import annotations

from riskkit.formats._words import (
    LIST_DATE_SOURCES,
    MARKDOWN_VERDICT_TEXT,
    MARKDOWN_WAIVER_TEXT,
    places_of_use,
    stale_list_warnings,
    term_span,
)
from riskkit.formats.markdown.text import DISCLAIMER, cell, no_raw_html
from riskkit.report import LEVEL_NAMES, Finding, FindingWaiver, ListRef, Report


def list_dated(ref: ListRef) -> str:
    """ ", list dated 2024-05-01 (from the fetch record), 12 days before the as-of date"."""
    if ref.list_date is None:
        return ""
    source = LIST_DATE_SOURCES.get(ref.date_source or "", ref.date_source or "")
    text = f", list dated {ref.list_date}" + (f" ({source})" if source else "")
    if ref.age_days is not None:
        text += f", {ref.age_days} days before the as-of date"
    return text


def _waiver_cell(w: FindingWaiver | None) -> str:
    return f"{w.id}: {MARKDOWN_WAIVER_TEXT[w.state]}" if w is not None else "—"


def _when(f: Finding) -> str:
    until = f" until {f.applies_until}" if f.applies_until else ""
    return f"from {f.applies_from}{until}"


def render_report(report: Report) -> str:
    """The report, verdict first, then findings, unknowns, waivers, coverage, provenance."""
    p = report.provenance
    out = [
        f"# riskkit assessment: {report.title}",
        "",
        f"**Verdict on {p.as_of}: {MARKDOWN_VERDICT_TEXT[report.verdict]}**",
        "",
    ]
    for warning in stale_list_warnings(p):
        out += [f"> **Warning:** {warning}", ""]
    if report.term_verdict != report.verdict:
        out += [
            f"Over the contract term ({term_span(p)}) the verdict becomes "
            f"**{MARKDOWN_VERDICT_TEXT[report.term_verdict]}**.",
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
        waivers = report.waivers is not None
        out += [
            "| # | Rule | Subject | Outcome | Binding | L×I inherent → residual | When |"
            + (" Waiver |" if waivers else ""),
            "|---|---|---|---|---|---|---|" + ("---|" if waivers else ""),
        ]
        for i, f in enumerate(report.findings, 1):
            out.append(
                f"| {i} | {cell(f.rule_id)} | `{cell(f.subject)}`{_more(f)} | {f.outcome}"
                f"{' (upcoming)' if f.status == 'upcoming' else ''} | "
                f"{'yes' if f.binding else 'no'} | {f.likelihood}×{f.impact}={f.inherent_score}"
                f" → {f.residual_score} | {_when(f)} |"
                + (f" {cell(_waiver_cell(f.waiver))} |" if waivers else "")
            )
        out.append("")
        for i, f in enumerate(report.findings, 1):
            out += _finding(i, f)
    if report.unknowns:
        out += ["## Unknowns", "", "Facts the input leaves open; each is a question to answer.", ""]
        for u in report.unknowns:
            rule = f"{u.rule_id}: " if u.rule_id else ""
            later = (
                f" (open from {u.upcoming_from}, when the rule takes effect)"
                if u.upcoming_from
                else ""
            )
            out.append(f"- `{u.subject}`: {rule}{u.explanation}{later}")
        out.append("")
    out += _waivers(report)
    c = report.coverage
    out += [
        "## Coverage",
        "",
        f"{c.rules_loaded} rules loaded; {c.rules_in_scope} in scope for the places this "
        f"deployment touches; {c.rules_in_force} in force during the assessment window; "
        f"{c.rules_applicable} produced findings; {c.rules_unknown} could not be decided.",
        "",
        *[f"{line}\n" for line in places_of_use(c)],
        "## Provenance",
        "",
        f"- riskkit {p.riskkit_version}, as of {p.as_of}",
        f"- procurement digest `{p.procurement_digest}`",
    ]
    for pack in p.packs:
        out.append(f"- pack `{pack.id}` {pack.version} (`{pack.digest[:19]}…`, {pack.source})")
    for ref in p.lists:
        out.append(
            f"- list file `{ref.name}` ({ref.format}, {ref.entries} entries, "
            f"`{ref.digest[:19]}…`{list_dated(ref)})"
        )
    if report.waivers is not None:
        digest = report.waivers.digest
        out.append(
            f"- waivers file `{report.waivers.source}`" + (f" (`{digest[:19]}…`)" if digest else "")
        )
    if report.vector:
        out.append(f"- score vector `{report.vector}`")
    out += ["", DISCLAIMER, ""]
    return no_raw_html("\n".join(out))


def _waivers(report: Report) -> list[str]:
    """Every waiver of the waivers file and what became of it, unmatched ones included."""
    w = report.waivers
    if w is None:
        return []
    out = [
        "## Waivers",
        "",
        f"From `{w.source}`: {w.applied} applied, {w.expired} expired (no effect), {w.refused} "
        f"refused, {w.unmatched} matching no finding. {report.scores.waived} active finding(s) "
        "waived; waived findings stay in the report and in its scores but not in its verdict.",
        "",
    ]
    for r in w.waivers:
        covers = r.fingerprint or r.subject or ""
        note = f" — {r.note}" if r.note else ""
        out.append(
            f"- **{r.id}** ({MARKDOWN_WAIVER_TEXT[r.state]}) `{r.rule_id}` on `{covers}`, "
            f"approved by {r.approver}, expires {r.expires}{note}"
        )
    out.append("")
    return out


def _more(f: Finding) -> str:
    """`` and 69,999 more`` after the first subject of a finding of many."""
    return f" and {f.weight - 1:,} more" if f.weight > 1 else ""


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
    ]
    if f.weight > 1:
        out += [
            f"The same holds for each of its {f.weight:,} subjects (the evidence below is the "
            f"first's): " + ", ".join(f"`{s}`" for s in f.all_subjects),
            "",
        ]
    out += ["Evidence:", ""]
    for e in f.evidence:
        note = f" — {e.note}" if e.note else ""
        out.append(f"- `{e.path}` = {e.value}{note}")
    if f.waiver is not None:
        w = f.waiver
        why = f" ({w.note})" if w.note else ""
        out += [
            "",
            f"Waiver {w.id}: **{MARKDOWN_WAIVER_TEXT[w.state]}**{why}. Approved by {w.approver}, "
            f"expires {w.expires}. Justification: {w.justification}",
        ]
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

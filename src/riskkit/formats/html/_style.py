"""The look of the HTML pages: their styles, their colours and their content security policy.

Every colour stands beside text that says the same, so a page printed in black and white
reads the same.
"""

from __future__ import annotations

OUTCOME_COLOUR = {
    "prohibited": "#8e1b1b",
    "prohibited_unless_exception": "#a8322a",
    "restricted": "#b34700",
    "elevated": "#8a6100",
    "info": "#2c5d8f",
}
VERDICT_COLOUR = {
    "prohibited": "#8e1b1b",
    "prohibited_unless_exception": "#a8322a",
    "restricted": "#b34700",
    "elevated_risk": "#8a6100",
    "needs_review": "#4a5a6a",
    "no_rules_in_scope": "#5a4a6a",
    "acceptable": "#1b6b35",
}

CSS = """
.riskkit{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;
 color:#1a1a1a;line-height:1.45;font-size:15px;max-width:1040px;margin:0 auto;padding:16px 24px}
.riskkit h1{font-size:1.6em;margin:.2em 0 .4em}
.riskkit h2{font-size:1.3em;margin:1.4em 0 .5em;border-bottom:2px solid #d0d7de;padding-bottom:.2em}
.riskkit h3{font-size:1.1em;margin:1.1em 0 .4em}
.riskkit h4{font-size:1em;margin:1em 0 .3em}
.riskkit code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.88em;
 background:#f3f4f6;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
.riskkit code.id{white-space:nowrap;overflow-wrap:normal}
.riskkit td.when{min-width:11em}
.riskkit .date{white-space:nowrap}
.riskkit .verdict{color:#fff;border-radius:6px;padding:14px 20px;margin:8px 0 16px;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.riskkit .verdict p{margin:.15em 0}
.riskkit .verdict .label{font-size:.95em;opacity:.95}
.riskkit .verdict .value{font-size:1.9em;font-weight:700;letter-spacing:.02em}
.riskkit .verdict ul{margin:.4em 0 0;padding-left:1.3em}
.riskkit .badge{display:inline-block;color:#fff;border-radius:4px;padding:0 .45em;
 font-size:.85em;font-weight:600;white-space:nowrap;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.riskkit .tag{display:inline-block;border:1px solid #777;border-radius:4px;padding:0 .4em;
 font-size:.82em;white-space:nowrap}
.riskkit table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.92em}
.riskkit th,.riskkit td{border:1px solid #d0d7de;padding:4px 7px;text-align:left;
 vertical-align:top}
.riskkit th{background:#f3f4f6}
.riskkit td.num{text-align:right;white-space:nowrap}
.riskkit dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:.4em 0}
.riskkit dl.facts dt{font-weight:600}
.riskkit dl.facts dd{margin:0}
.riskkit .figure{margin:.6em 0 1.2em;overflow-x:auto}
.riskkit svg{max-width:100%;height:auto;font-family:inherit}
.riskkit svg .cell-score{font-size:11px;fill:#444}
.riskkit svg .axis{font-size:13px;font-weight:600;fill:#1a1a1a}
.riskkit svg .axis-name,.riskkit svg .tick,.riskkit svg .edge{font-size:11px;fill:#444}
.riskkit svg .axis-title{font-size:13px;font-weight:600;fill:#1a1a1a}
.riskkit svg .marker{font-size:12px;font-weight:700;fill:#fff}
.riskkit svg .marker-before{font-size:12px;font-weight:700;fill:#222}
.riskkit svg .overflow{font-size:12px;font-weight:700;fill:#222}
.riskkit svg .row-rule{font-size:12px;font-weight:600;fill:#1a1a1a}
.riskkit svg .row-subject{font-size:11px;fill:#444}
.riskkit svg .bar-text{font-size:11.5px;fill:#1a1a1a}
.riskkit svg .term-label{font-size:12px;font-weight:600;fill:#2d4a6b}
.riskkit svg .as-of{font-size:12.5px;font-weight:700;fill:#000}
.riskkit .legend{font-size:.88em;color:#333;margin:.2em 0 .8em}
.riskkit .legend span.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;
 vertical-align:-.1em;margin:0 .25em 0 .8em;-webkit-print-color-adjust:exact;
 print-color-adjust:exact}
.riskkit section.finding{border:1px solid #d0d7de;border-left:6px solid #888;border-radius:4px;
 padding:4px 14px 8px;margin:10px 0}
.riskkit section.finding h4{margin-top:.6em}
.riskkit .meta{color:#333;font-size:.92em}
.riskkit .waiver{background:#f6f1e3;border:1px dashed #8a6100;padding:4px 10px;margin:.5em 0}
.riskkit .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px}
.riskkit .card{border:1px solid #d0d7de;border-radius:6px;overflow:hidden}
.riskkit .card .head{color:#fff;padding:8px 12px;font-weight:700;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.riskkit .card .head .rank{font-size:.85em;font-weight:600;opacity:.95}
.riskkit .card .head .v{font-size:1.25em;display:block}
.riskkit .card .body{padding:8px 12px;font-size:.92em}
.riskkit .card .body p{margin:.2em 0}
.riskkit td.clear{color:#555}
.riskkit .note{color:#444;font-size:.9em}
.riskkit .warning{border-left:4px solid #b3261e;background:#fdf1f0;padding:.4em .7em}
.riskkit .disclaimer{margin-top:2em;border-top:1px solid #d0d7de;padding-top:.6em;color:#444;
 font-size:.88em}
.riskkit section.candidate{margin-top:2.2em}
@media print{
 .riskkit{max-width:none;padding:0;font-size:11pt}
 .riskkit a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;
  overflow-wrap:anywhere;color:#333}
 .riskkit section.finding,.riskkit .figure,.riskkit .card,.riskkit tr{break-inside:avoid}
 .riskkit h2,.riskkit h3{break-after:avoid}
 .riskkit section.candidate{break-before:page}
}
@page{margin:14mm}
"""
"""Styles, every rule scoped under ``.riskkit`` so a notebook page around it is untouched."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

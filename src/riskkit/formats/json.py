"""JSON: the report model as it is, indented, one trailing newline."""

from __future__ import annotations

from riskkit.report import Report


def render(report: Report) -> str:
    return report.to_json()

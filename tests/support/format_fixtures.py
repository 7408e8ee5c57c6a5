"""Reports, comparisons and diffs of the shipped examples, shared by the renderer tests."""

from __future__ import annotations

import functools
from datetime import date

from riskkit import assess
from riskkit.api import default_packs
from riskkit.decisions.compare import Comparison, compare_reports
from riskkit.decisions.diff import ReportDiff, diff_reports
from riskkit.formats import Source
from riskkit.report import Report
from tests.conftest import EXAMPLES

AS_OF = date(2026, 1, 1)
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.toml"))
GRANT = "us-police-cctv-federal-grant.toml"
BERLIN = "eu-station-realtime-face-recognition.toml"
COMMITTEE = (GRANT, "eu-smart-city-us-cloud.toml", "clean-eu-municipal-cctv.toml")


@functools.cache
def report(name: str, as_of: date = AS_OF) -> Report:
    return assess(EXAMPLES / name, as_of=as_of, packs=default_packs())


def source(name: str) -> Source:
    path = EXAMPLES / name
    return Source(f"examples/{name}", path.read_text(encoding="utf-8"))


@functools.cache
def comparison() -> Comparison:
    return compare_reports([report(n) for n in COMMITTEE])


@functools.cache
def ban_takes_effect() -> ReportDiff:
    """Berlin's live face recognition before and after the EU AI Act Art. 5 applies."""
    return diff_reports(report(BERLIN, date(2024, 12, 1)), report(BERLIN, date(2025, 3, 1)))

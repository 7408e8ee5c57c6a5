"""The HTML report: self-contained, well-formed, verdict first, every finding shown, escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest
from defusedxml import ElementTree as safe_xml

from riskkit import assess
from riskkit.api import default_packs
from riskkit.formats import html
from riskkit.model.loading import procurement_from_dict
from riskkit.report import Report
from tests.conftest import EXAMPLES
from tests.support.format_fixtures import (
    AS_OF,
    BERLIN,
    COMMITTEE,
    EXAMPLE_NAMES,
    GRANT,
    ban_takes_effect,
    comparison,
    report,
    source,
)

VOID = {"meta", "br", "link", "img", "hr", "input", "col", "area", "base", "wbr"}
SVG_SELF_CLOSING = {"rect", "circle", "line", "path"}


class _TagBalance(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <rect/>, <meta/>: opened and closed at once

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_well_formed(document: str) -> ET.Element:
    checker = _TagBalance()
    checker.feed(document)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    root: ET.Element = safe_xml.fromstring(document)  # XHTML-compatible markup parses as XML too
    return root


def text_of(document: str) -> str:
    """The visible text of the page's body, whitespace collapsed."""
    body = safe_xml.fromstring(document).find("body")
    assert body is not None
    return " ".join(" ".join(body.itertext()).split())


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_page_is_well_formed_and_shows_every_finding(name: str) -> None:
    r = report(name)
    page = html.FORMAT.render_report(r, source=source(name))
    assert_well_formed(page)
    text = text_of(page)
    for f in r.findings:
        assert f.rule_id in text
        assert f.subject in text
        assert " ".join(f.explanation.split()) in text
        for c in f.citations:
            assert f'href="{c.url}"' in page.replace("&amp;", "&")
    for u in r.unknowns:
        assert u.subject in text


def test_page_is_self_contained_with_no_scripts_or_downloads() -> None:
    page = html.FORMAT.render_report(report(GRANT), source=source(GRANT))
    lowered = page.lower()
    for banned in ("<script", "<link", "<iframe", "<img", "@import", "url(http", " src="):
        assert banned not in lowered
    assert "default-src 'none'" in page  # the browser enforces it too
    assert "@media print" in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs)


def test_verdict_comes_before_everything_else() -> None:
    text = text_of(html.FORMAT.render_report(report(GRANT)))
    assert text.index("Verdict on 2026-01-01 PROHIBITED") < text.index("Risk matrix")
    assert text.index("Risk matrix") < text.index("Over the contract term") < text.index("1. NDAA")


def test_matrix_and_timeline_are_inline_svg_with_the_term_and_as_of_marked() -> None:
    root = assert_well_formed(html.FORMAT.render_report(report(GRANT)))
    svgs = root.findall(".//{http://www.w3.org/2000/svg}svg")
    assert [s.get("class") for s in svgs] == ["matrix", "timeline"]
    timeline = " ".join(svgs[1].itertext())
    assert "as of 2026-01-01" in timeline
    assert "contract term 2026-07-01 to 2031-06-30" in timeline
    matrix = " ".join(svgs[0].itertext())
    assert "likelihood" in matrix and "impact" in matrix
    # Each finding is a numbered marker (none moved by mitigations in this example).
    markers = [t.text for t in svgs[0].iter("{http://www.w3.org/2000/svg}text")
               if t.get("class") == "marker"]  # fmt: skip
    numbers = sorted(int(m or 0) for m in markers)
    assert numbers == list(range(1, len(report(GRANT).findings) + 1))


def test_timeline_shows_a_ban_that_starts_later_in_the_term() -> None:
    r = report(BERLIN, date(2024, 12, 1))
    assert [f.rule_id for f in r.findings] == ["BB-EU-AIA-5-1-H", "BB-EU-AIA-HR-ANNEX-III-1"]
    assert all(f.status == "upcoming" for f in r.findings)
    page = html.FORMAT.render_report(r)
    assert "hatch" in page
    text = text_of(page)
    assert "prohibited (upcoming) · from 2025-02-02, no end date" in text


def test_every_coloured_mark_also_has_text() -> None:
    root = assert_well_formed(html.FORMAT.render_comparison(comparison()))
    coloured = [e for e in root.iter() if "background:" in (e.get("style") or "")]
    assert coloured
    for element in coloured:
        if element.get("class") == "swatch":
            continue  # legend swatches: the band name follows in the same line
        assert "".join(element.itertext()).strip(), ET.tostring(element)[:200]


def test_text_from_the_input_is_escaped() -> None:
    import tomllib

    data = tomllib.loads((EXAMPLES / GRANT).read_text())
    data["title"] = '<script>alert("x")</script> & <b>bold</b>'
    data["buyer"]["name"] = "Buyer <img src=x onerror=alert(1)>"
    r = assess(procurement_from_dict(data), as_of=AS_OF, packs=default_packs())
    page = html.FORMAT.render_report(r)
    assert_well_formed(page)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert data["title"] in text_of(page)


def test_same_report_gives_the_same_bytes() -> None:
    fresh: Report = assess(EXAMPLES / GRANT, as_of=AS_OF, packs=default_packs())
    assert html.FORMAT.render_report(fresh, source=source(GRANT)) == html.FORMAT.render_report(
        report(GRANT), source=source(GRANT)
    )


def test_comparison_page_ranks_candidates_and_holds_each_full_report() -> None:
    c = comparison()
    page = html.FORMAT.render_comparison(c)
    assert_well_formed(page)
    text = text_of(page)
    assert text.index("Ranked first") < text.index("What separates them")
    first = next(x for x in c.candidates if x.label == c.ranking[0])
    assert first.verdict == "acceptable"
    for candidate in c.candidates:
        assert f"Candidate {c.candidates.index(candidate) + 1}: {candidate.label}" in text
        for f in candidate.report.findings:
            assert f.rule_id in text and f.subject in text
    for s in c.separators:
        assert s.rule_id in text
    assert len(re.findall(r'<svg [^>]*class="matrix"', page)) == len(c.candidates)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "element ids repeat across the candidates' reports"


def test_diff_page_says_the_verdict_changed_and_which_finding_is_new() -> None:
    d = ban_takes_effect()
    page = html.FORMAT.render_diff(d)
    assert_well_formed(page)
    text = text_of(page)
    assert "ACCEPTABLE → PROHIBITED" in text
    assert "New findings (1)" in text
    assert "new: took effect (was upcoming)" in text
    assert d.new[0].rule_id in text


def test_several_reports_share_one_well_formed_page() -> None:
    reports = [report(n) for n in COMMITTEE]
    page = html.FORMAT.render_reports(reports, [source(n) for n in COMMITTEE])
    assert_well_formed(page)
    assert page.count("<!DOCTYPE html>") == 1
    for r in reports:
        assert r.title in text_of(page)


def test_the_findings_table_has_a_waiver_column_only_when_waivers_were_given() -> None:
    portland = EXAMPLES / "portland-retailer-entrance-cameras.toml"
    plain = html.FORMAT.render_report(assess(portland, as_of=AS_OF, packs=default_packs()))
    assert "<th>Waiver</th>" not in plain
    sample = EXAMPLES / "waivers" / "portland-retailer-waivers.toml"
    waived = html.FORMAT.render_report(
        assess(portland, as_of=AS_OF, packs=default_packs(), waivers=sample)
    )
    assert "<th>Waiver</th>" in waived
    assert "<td>W-2026-012: waiver refused</td>" in waived


def test_identifiers_and_dates_in_tables_do_not_break_across_lines() -> None:
    page = html.FORMAT.render_report(report(GRANT))
    table = page.split("<th>Rule</th><th>Subject</th>")[1].split("</table>")[0]
    for f in report(GRANT).findings:
        assert f'<code class="id">{f.rule_id}</code>' in table
        assert f'<span class="date">{f.applies_from}</span>' in table
    assert ".riskkit code.id{white-space:nowrap" in page

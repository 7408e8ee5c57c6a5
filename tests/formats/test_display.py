"""Notebook display: rich HTML in Jupyter, Markdown elsewhere, records for DataFrames."""

from __future__ import annotations

import importlib.util
import json
import sys
import types

import pytest
from defusedxml import ElementTree as safe_xml

from riskkit import display
from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats import markdown
from riskkit.report import Report
from riskkit.report.records import COLUMNS
from tests.support.format_fixtures import GRANT, ban_takes_effect, comparison, report


def test_report_shows_as_an_html_fragment_with_scoped_styles() -> None:
    r = report(GRANT)
    fragment = display.html_fragment(r)
    root = safe_xml.fromstring(fragment)  # one element, well-formed
    assert root.tag == "div" and root.get("class") == "riskkit"
    assert "<html" not in fragment and "<!DOCTYPE" not in fragment
    assert "<script" not in fragment
    style = root.find("style")
    assert style is not None and style.text is not None
    selectors = [rule.split("{")[0] for rule in style.text.split("}") if "{" in rule]
    unscoped = [s for s in selectors if ".riskkit" not in s and not s.strip().startswith("@")]
    assert unscoped == [], "styles would leak into the notebook page"
    text = " ".join(root.itertext())
    assert "PROHIBITED" in text
    for f in r.findings:
        assert f.rule_id in text and f.subject in text


def test_report_shows_as_markdown_where_html_is_not_shown() -> None:
    r = report(GRANT)
    assert display.markdown(r) == markdown.FORMAT.render_report(r)


def test_records_give_one_flat_json_safe_dict_per_finding() -> None:
    r = report(GRANT)
    records = display.records(r)
    assert len(records) == len(r.findings)
    assert [x["fingerprint"] for x in records] == [f.fingerprint for f in r.findings]
    assert all(list(x) == list(COLUMNS) for x in records)
    json.loads(json.dumps(records))


def test_comparison_and_diff_display_as_html_markdown_and_records() -> None:
    c = comparison()
    shown = display.html(c)
    safe_xml.fromstring(shown._repr_html_())
    assert str(shown) == shown._repr_html_()
    md = display.markdown(c)
    for label in c.ranking:
        assert label in md
    assert len(display.records(c)) == sum(len(x.report.findings) for x in c.candidates)
    d = ban_takes_effect()
    safe_xml.fromstring(display.html_fragment(d))
    assert "Verdict: ACCEPTABLE → **PROHIBITED** (worse)" in display.markdown(d)
    assert [r["change"] for r in display.records(d)] == ["new", "unchanged"]


def test_dataframe_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(ImportError, match="pip install pandas"):
        display.dataframe(report(GRANT))


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas not installed")
def test_dataframe_has_the_csv_columns() -> None:
    frame = display.dataframe(comparison())
    assert list(frame.columns) == ["candidate", *COLUMNS]


def test_the_notebook_guide_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "notebook.md").read_text("utf-8")
    cells = [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]
    assert len(cells) >= 5
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for cell in cells:
        exec(compile(cell, "docs/notebook.md", "exec"), namespace)  # noqa: S102
    assert namespace["change"].verdict.after == "prohibited"  # type: ignore[attr-defined]


class _Formatter:
    """What IPython's ``for_type`` keeps: the printer of each type."""

    def __init__(self) -> None:
        self.printers: dict[type, object] = {}

    def for_type(self, kind: type, printer: object) -> None:
        self.printers[kind] = printer


class _Shell:
    def __init__(self) -> None:
        self.html, self.markdown = _Formatter(), _Formatter()
        self.display_formatter = self
        self.formatters = {"text/html": self.html, "text/markdown": self.markdown}


def test_reports_comparisons_and_diffs_show_in_ipython_once_registered() -> None:
    shell = _Shell()
    display.register(shell)
    for kind in (Report, Comparison, ReportDiff):
        assert shell.html.printers[kind] is display.html_fragment
        assert shell.markdown.printers[kind] is display.markdown


def test_registers_with_the_running_ipython_and_only_then(monkeypatch: pytest.MonkeyPatch) -> None:
    shell: _Shell | None = None
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    assert display.register_if_ipython() is False  # IPython imported, no shell running
    shell = _Shell()
    assert display.register_if_ipython() is True
    assert shell.html.printers[Report] is display.html_fragment
    monkeypatch.delitem(sys.modules, "IPython")
    assert display.register_if_ipython() is False


def test_importing_riskkit_in_ipython_registers_the_formatters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import riskkit

    shell = _Shell()
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    importlib.reload(riskkit)
    assert shell.markdown.printers[ReportDiff] is display.markdown


def test_models_have_no_notebook_hooks_of_their_own() -> None:
    for kind in (Report, Comparison, ReportDiff):
        assert not hasattr(kind, "_repr_html_") and not hasattr(kind, "_repr_markdown_")


def test_comparison_and_diff_markdown_is_what_the_commands_print() -> None:
    c, d = comparison(), ban_takes_effect()
    assert display.markdown(c) == markdown.FORMAT.render_comparison(c)
    assert display.markdown(d) == markdown.FORMAT.render_diff(d)

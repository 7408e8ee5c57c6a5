"""The batch page in a real headless browser (Debian's chromium driven by Playwright): sorting,
filtering, the count and the report links work, and the page's script runs under its policy.

Skips, saying why, without /usr/bin/chromium or the playwright package; ``.ci/run`` installs
chromium so CI runs it. Never ``playwright install``: the browser is the system's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from riskkit.feeds.batch_html import write_html
from riskkit.feeds.batch_html._page import LISTED
from tests.feeds._batch_rows import batch_row, batch_rows

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(
        f"expected without a browser: {CHROMIUM} is missing (apt-get install chromium; "
        ".ci/run installs it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="expected without playwright: pip install -e '.[test]' installs it",
)

ROWS = 40
LONG = LISTED + 500


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = batch_rows(ROWS)
    rows[3] = batch_row(3, buyer='Cámara <script>alert("x")</script> Municipal')
    reports = {str(r["ocid"]): f"<!DOCTYPE html><title>{r['ocid']}</title>" for r in rows[:10]}
    path = tmp_path_factory.mktemp("batch") / "batch.html"
    write_html(rows, path, reports, summary=[f"assessed {ROWS}"])
    return path


@pytest.fixture(scope="module")
def long_page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.html"
    write_html(batch_rows(LONG), path)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, page_file: Path) -> Iterator[Page]:
    """The page loaded in a fresh tab; after the test: no script error, no dialog, and no
    request but for files beside the page."""
    tab = browser.new_page()
    problems: list[str] = []
    requests: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(page_file.as_uri())
    yield tab
    tab.close()
    assert problems == []
    folder = page_file.parent.as_uri() + "/"
    assert requests[0] == page_file.as_uri()
    assert all(url.startswith(folder) for url in requests)


def _column(page: Page, name: str) -> list[str]:
    index = page.eval_on_selector_all(
        "#rows thead th", f"ths => ths.findIndex(th => th.dataset.column === {name!r})"
    )
    values: list[str] = page.eval_on_selector_all(
        "#rows tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{index}].textContent)"
    )
    return values


def _count(page: Page) -> str:
    return page.inner_text("#count")


def test_the_controls_show_once_the_script_runs(page: Page) -> None:
    assert page.is_visible("#filter")
    assert _count(page) == f"showing {ROWS} of {ROWS}"


def test_clicking_residual_sorts_numerically_then_reverses_with_empty_cells_last(
    page: Page,
) -> None:
    given = _column(page, "residual")
    numbers = sorted(float(v) for v in given if v)
    empties = [v for v in given if not v]
    assert empties and len(set(numbers)) > 2

    page.click("th[data-column=residual] button")
    ascending = _column(page, "residual")
    assert [float(v) for v in ascending if v] == numbers
    assert ascending[len(numbers) :] == empties
    assert page.get_attribute("th[data-column=residual]", "aria-sort") == "ascending"

    page.click("th[data-column=residual] button")
    descending = _column(page, "residual")
    assert [float(v) for v in descending if v] == numbers[::-1]
    assert descending[len(numbers) :] == empties
    assert page.get_attribute("th[data-column=residual]", "aria-sort") == "descending"


def test_equal_values_keep_the_given_order_both_ways(page: Page) -> None:
    given = _column(page, "ocid")
    verdicts = dict(zip(given, _column(page, "verdict"), strict=True))
    for _ in range(2):
        page.click("th[data-column=verdict] button")
        ocids = _column(page, "ocid")
        for verdict in set(verdicts.values()):
            same = [o for o in ocids if verdicts[o] == verdict]
            assert same == [o for o in given if verdicts[o] == verdict]


def test_typing_in_the_filter_hides_rows_that_do_not_match_and_updates_the_count(
    page: Page,
) -> None:
    page.fill("#filter", "supplier 3")
    suppliers = _column(page, "suppliers")
    assert suppliers and set(suppliers) == {"Supplier 3"}
    assert _count(page) == f"showing {len(suppliers)} of {ROWS}"

    page.fill("#filter", '<SCRIPT>alert("x")')
    assert _column(page, "ocid") == ["ocds-test-0003"]
    assert _count(page) == f"showing 1 of {ROWS}"

    page.fill("#filter", "")
    assert _count(page) == f"showing {ROWS} of {ROWS}"


def test_the_verdict_select_filters_with_the_text_filter(page: Page) -> None:
    page.select_option("#verdict", "prohibited")
    verdicts = _column(page, "verdict")
    assert verdicts and set(verdicts) == {"prohibited"}
    assert _count(page) == f"showing {len(verdicts)} of {ROWS}"

    page.fill("#filter", "ocds-test-0005")
    assert _column(page, "ocid") == ["ocds-test-0005"]
    page.fill("#filter", "ocds-test-0006")
    assert _count(page) == f"showing 0 of {ROWS}"

    page.fill("#filter", "")
    page.select_option("#verdict", "")
    assert _count(page) == f"showing {ROWS} of {ROWS}"


def test_a_report_link_resolves_to_an_existing_file(page: Page, page_file: Path) -> None:
    links = page.eval_on_selector_all("#rows tbody a", "links => links.map(a => a.href)")
    assert len(links) == 10
    page.click("text=ocds-test-0007")
    page.wait_for_load_state()
    assert page.title() == "ocds-test-0007"
    assert Path(page.url.removeprefix("file://")).parent == page_file.parent / "batch_reports"


def test_a_long_page_lists_the_first_thousand_matching_rows_and_shows_more_on_request(
    browser: Browser, long_page_file: Path
) -> None:
    tab = browser.new_page()
    tab.goto(long_page_file.as_uri())
    assert _count(tab) == f"showing {LONG} of {LONG}, the first {LISTED} listed"
    assert len(_column(tab, "ocid")) == LISTED

    # A sort ranks every row, not only those listed.
    residuals = [r["residual"] for r in batch_rows(LONG)]  # a float, or None where unknown
    every = sorted(v for v in residuals if isinstance(v, float))
    tab.click("th[data-column=residual] button")
    tab.click("th[data-column=residual] button")
    assert [float(v) for v in _column(tab, "residual")] == every[::-1][:LISTED]

    tab.click("#more")
    assert len(_column(tab, "ocid")) == LONG
    assert _count(tab) == f"showing {LONG} of {LONG}"
    assert not tab.is_visible("#more")

    tab.fill("#filter", "supplier 3")
    suppliers = _column(tab, "suppliers")
    assert set(suppliers) == {"Supplier 3"} and len(suppliers) == LONG // 4
    assert _count(tab) == f"showing {LONG // 4} of {LONG}"
    tab.close()

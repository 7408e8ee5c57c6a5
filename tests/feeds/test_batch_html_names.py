"""The file names of the reports a batch page links to: safe, deterministic, never shared."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from riskkit.feeds.batch_html._names import report_file_name

_SAFE = re.compile(r"[a-z0-9._~-]{1,90}\.html")


def test_a_plain_lower_case_ocid_is_its_own_name() -> None:
    assert report_file_name("ocds-213czf-000-00001") == "ocds-213czf-000-00001.html"


def test_an_ocid_with_a_path_in_it_becomes_one_plain_name() -> None:
    name = report_file_name("../../etc/passwd")
    assert _SAFE.fullmatch(name)
    assert name.startswith("etc_passwd~")
    assert ".." not in name


def test_dots_that_could_read_as_a_parent_folder_are_rewritten() -> None:
    for ocid in ("a..b", "a.", ".", ".."):
        assert ".." not in report_file_name(ocid)
        assert "~" in report_file_name(ocid)


def test_ocids_that_differ_only_in_case_get_different_names() -> None:
    assert report_file_name("OCDS-1").lower() != report_file_name("ocds-1").lower()


def test_a_name_windows_reserves_is_not_used_as_it_is() -> None:
    assert report_file_name("con") != "con.html"
    assert report_file_name("nul.txt").startswith("nul.txt~")


@given(st.text(max_size=200))
def test_every_name_is_one_safe_file_name_and_the_same_each_time(ocid: str) -> None:
    name = report_file_name(ocid)
    assert _SAFE.fullmatch(name), name
    assert not name.startswith(".")
    assert ".." not in name
    assert report_file_name(ocid) == name


@given(st.lists(st.text(alphabet="aA./_-~ %0", max_size=8), unique=True, max_size=40))
def test_different_ocids_never_share_a_name_even_ignoring_case(ocids: list[str]) -> None:
    names = {report_file_name(o).lower() for o in ocids}
    assert len(names) == len(ocids)

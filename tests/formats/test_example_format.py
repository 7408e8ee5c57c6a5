"""A format from another package (tests/example_format/): one module and one entry point, and
``riskkit assess --format brief`` uses it, as riskkit's own formats are used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.errors import RiskkitError
from riskkit.formats import FORMATS, registry
from tests.conftest import EXAMPLES, ROOT
from tests.support.plugins import install

EXAMPLE = ROOT / "tests" / "example_format"
GRANT = EXAMPLES / "us-police-cctv-federal-grant.toml"
CLEAN = EXAMPLES / "clean-eu-municipal-cctv.toml"


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The example installed for one test; the registry reads the entry points again before
    and after, so no other test sees it."""
    install(tmp_path / "site", EXAMPLE, monkeypatch)
    registry.cache_clear()
    yield
    monkeypatch.undo()
    registry.cache_clear()


def test_riskkit_has_its_own_five_formats_and_no_other_when_nothing_is_installed() -> None:
    assert list(FORMATS) == ["csv", "html", "json", "markdown", "sarif"]


def test_an_installed_format_is_offered_and_renders_a_report(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert list(FORMATS) == ["brief", "csv", "html", "json", "markdown", "sarif"]
    code = main(["assess", str(GRANT), "--as-of", "2026-11-26", "--format", "brief"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[0] == "springfield-pd-2026-cctv: prohibited (as of 2026-11-26)"
    assert any("LE-US-NDAA889-B-VIDEO" in line for line in out.splitlines()[1:])


def test_an_installed_format_names_the_files_it_writes_with_its_extension(
    installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["assess", str(GRANT), str(CLEAN), "--as-of", "2026-11-26", "--format", "brief",
                 "--output-dir", str(out), "--exit-zero"])  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "clean-eu-municipal-cctv.txt",
        "us-police-cctv-federal-grant.txt",
    ]
    assert (
        (out / "clean-eu-municipal-cctv.txt")
        .read_text("utf-8")
        .startswith("utrecht-townhall-cctv: acceptable")
    )


def test_an_installed_format_renders_comparisons(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["compare", str(GRANT), str(CLEAN), "--as-of", "2026-11-26", "--format", "brief"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["prohibited", "acceptable"]


def test_a_format_registered_under_another_name_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        (EXAMPLE / "pyproject.toml").read_text("utf-8").replace("brief = ", "terse = "), "utf-8"
    )
    monkeypatch.syspath_prepend(str(EXAMPLE))
    install(tmp_path / "site", project, monkeypatch)
    registry.cache_clear()
    try:
        with pytest.raises(RiskkitError, match="its name is 'brief', but it is registered as"):
            registry()
    finally:
        monkeypatch.undo()
        registry.cache_clear()

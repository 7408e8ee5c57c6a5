"""``riskkit batch``: the summary, deterministic outputs, --since, and clean errors."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.cli.commands._progress import ProgressBar
from riskkit.feeds.batch import context
from tests.feeds.batch_fake import NO_TITLE, fake_map, write_feed

AS_OF = "2026-06-01"


@pytest.fixture(autouse=True)
def fake_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake mapping stands in for riskkit's (worker processes fork with it)."""
    monkeypatch.setattr(context, "default_mapper", lambda: fake_map)


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_feed(tmp_path_factory.mktemp("feed") / "feed")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_summary_says_what_was_read_skipped_and_assessed(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "batch", str(feed), "--as-of", AS_OF, "--workers", "1",
                             "--top", "3")  # fmt: skip
    assert (code, err) == (0, "")  # no progress bar outside a terminal
    lines = out.splitlines()
    assert lines[0] == "read: 63 processes from 3 files, assessed as of 2026-06-01"
    assert "  malformed_json: 1 [skipped] (first at " in out
    assert "  duplicate_ocid: 1 (first at " in out
    head, detail = NO_TITLE.split(": ")
    assert f"skipped: 4 processes not assessed\n       4  {head} (e.g. {detail})\n" in out
    assert "assessed: 59\n" in out
    assert "  with no rule in scope at all: 0" in out
    assert (
        "  with no surveillance or telecom item found (nothing for the rules to decide on): 0\n"
        in out
    )
    top = lines[lines.index("top 3 (worst verdict, residual score, amount):") + 1 :]
    assert len(top) == 3 and all(line.startswith("  prohibited  residual 100.0") for line in top)
    assert "6,000 EUR" in top[0]


def test_the_csv_is_byte_identical_run_after_run_and_for_any_workers(
    feed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for n, workers in enumerate(("1", "2", "1")):
        output = tmp_path / f"rows{n}.csv"
        code, _, _ = run_cli(capsys, "batch", str(feed), "--as-of", AS_OF, "--workers", workers,
                             "-o", str(output), "--no-progress")  # fmt: skip
        assert code == 0
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    rows = list(csv.DictReader(io.StringIO(outputs[0].decode())))
    assert len(rows) == 63
    assert rows[0]["source"].endswith("a-compiled.jsonl:1")
    skipped = next(r for r in rows if r["ocid"] == "ocds-b-5")
    assert (skipped["verdict"], skipped["status"]) == ("", f"skipped: {NO_TITLE}")


def test_parquet_holds_the_rows_the_csv_holds(
    feed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    for name in ("rows.csv", "rows.parquet"):
        code, _, _ = run_cli(capsys, "batch", str(feed), "--as-of", AS_OF, "--workers", "1",
                             "-o", str(tmp_path / name))  # fmt: skip
        assert code == 0
    table = parquet.read_table(tmp_path / "rows.parquet")
    with (tmp_path / "rows.csv").open(encoding="utf-8") as stream:
        from_csv = list(csv.DictReader(stream))
    as_text = [
        {k: "" if v is None else str(v) for k, v in row.items()} for row in table.to_pylist()
    ]
    assert as_text == from_csv


def test_since_shows_new_flags_and_cleared_ones_and_adds_a_change_column(
    feed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = tmp_path / "previous.csv"
    previous.write_text(
        "ocid,verdict\nocds-b-0,acceptable\nocds-b-1,prohibited\nocds-b-2,prohibited\nocds-b-5,\n",
        encoding="utf-8",
    )
    output = tmp_path / "now.csv"
    code, out, _ = run_cli(capsys, "batch", str(feed), "--as-of", AS_OF, "--workers", "1",
                           "--since", str(previous), "-o", str(output))  # fmt: skip
    assert code == 0
    changes = {r["ocid"]: r["change"] for r in csv.DictReader(output.open(encoding="utf-8"))}
    # ocds-b-0 went from acceptable to prohibited (a new flag, with the 28 new prohibited
    # processes), ocds-b-1 from prohibited to
    # no_rules_in_scope; ocds-b-5 was skipped then and is skipped now.
    assert (changes["ocds-b-0"], changes["ocds-b-1"], changes["ocds-b-2"]) == (
        "worse", "better", "same",
    )  # fmt: skip
    assert (changes["ocds-b-5"], changes["ocds-b-4"]) == ("same", "new")
    assert "since " + str(previous) + ": 29 new flag(s), 1 cleared" in out
    assert "  new prohibited  residual 100.0" in out
    assert "  cleared no_rules_in_scope  residual 0.0  1,000 EUR  ocds-b-1 " in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["missing-feed.jsonl"], "missing-feed.jsonl: no such file or folder"),
        (["{feed}", "-o", "rows.xlsx"], "rows.xlsx: cannot tell what to write"),
        (["{feed}", "--since", "nowhere.csv"], "nowhere.csv: no such file or folder"),
        (["{feed}", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler is for --engine dask"),
        (["{feed}", "--workers", "0"], "there must be 1 worker or more"),
        (["{feed}", "--bods", "owners.json"], "owners.json: no such file or folder"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    feed: Path, capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run_cli(capsys, "batch", *(a.format(feed=feed) for a in argv))
    assert code == 2 and out == ""
    assert err.startswith("riskkit: error: ") or err.startswith("usage: ")
    assert fragment in err and "Traceback" not in err


def test_an_unreachable_scheduler_is_a_clear_error(
    feed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed", reason="the dask engine needs riskkit[dask]")
    from riskkit.feeds.batch import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    code, _, err = run_cli(capsys, "batch", str(feed), "--engine", "dask",
                           "--scheduler", "tcp://127.0.0.1:1")  # fmt: skip
    assert code == 2
    assert err.startswith("riskkit: error: --scheduler tcp://127.0.0.1:1: no Dask scheduler")
    assert "Traceback" not in err


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe, terminal = io.StringIO(), Terminal()
    for stream in (pipe, terminal):
        bar = ProgressBar(stream)
        bar(10, 500, 1000)
        bar(2500, 1000, 1000)
        bar.close()
    assert pipe.getvalue() == ""
    assert terminal.getvalue().endswith("] 100% of the feed, 2,500 processes, " + terminal
                                        .getvalue().rsplit(", ", 1)[1])  # fmt: skip
    assert terminal.getvalue().endswith("/s \n")
    assert "[############............] 50% of the feed, 10 processes" in terminal.getvalue()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_damaged_file_read_by_a_worker_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    data = gzip.compress(b'{"ocid": "o-1", "tag": ["compiled"]}\n' * 500)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    code, out, err = run_cli(capsys, "batch", str(tmp_path), "--workers", workers)
    assert (code, out) == (2, "")
    assert err == f"riskkit: error: {tmp_path / 'cut.jsonl.gz'}: cannot read: Compressed file " \
        "ended before the end-of-stream marker was reached\n"  # fmt: skip

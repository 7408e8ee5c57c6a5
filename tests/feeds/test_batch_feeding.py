"""The parent hands the text of a gzipped feed to the workers in bounded pieces: every line
once, in order, numbered as a single reader numbers it, and the same rows and counts."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.feeds import assess_feed
from riskkit.feeds.batch import tasks as planning
from riskkit.feeds.batch.feeding import fed_parts
from riskkit.feeds.batch.frame import rows_of
from riskkit.feeds.batch.local import run_local
from riskkit.feeds.batch.reading import TaskReading
from riskkit.feeds.batch.run import plan
from riskkit.feeds.batch.tasks import Task, plan_parts
from riskkit.feeds.ocds import ReadStats, read_ocds
from riskkit.limits import input_limits
from tests.conftest import NO_SHARED_DATA, SHARED_DATA
from tests.feeds.batch_fake import compiled, fake_map

AS_OF = date(2026, 6, 1)
LINE = st.text(alphabet='ab {}"', max_size=30)


def _numbered(task: Task) -> list[tuple[int, bytes]]:
    assert task.text is not None
    return [(task.line + i, raw) for i, raw in enumerate(task.text.splitlines(keepends=True))]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(LINE, max_size=60),
    parts=st.integers(1, 9),
    limit=st.integers(1, 120),
    final_newline=st.booleans(),
    scanned=st.booleans(),
)
def test_pieces_hold_every_line_once_with_its_number_and_stay_small(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[str],
    parts: int,
    limit: int,
    final_newline: bool,
    scanned: bool,
) -> None:
    path = tmp_path_factory.mktemp("fed") / "feed.jsonl.gz"
    text = ("\n".join(lines) + ("\n" if final_newline and lines else "")).encode()
    path.write_bytes(gzip.compress(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(planning, "MAX_TASK_BYTES", limit)
        fed = list(fed_parts(plan_parts([path], parts, scan_gzip=scanned)))
    pieces = [task for f in fed for task in f.part]
    assert all(len(f.part) == 1 and task.text is not None for f in fed for task in f.part)
    assert b"".join(task.text or b"" for task in pieces) == text
    assert [pair for task in pieces for pair in _numbered(task)] == list(
        enumerate(text.splitlines(keepends=True), start=1)
    )
    assert [t.start for t in pieces[1:]] == [t.end for t in pieces[:-1]]
    longest = max((len(raw) for raw in text.splitlines(keepends=True)), default=0)
    # A piece is cut at the first line start past the bound (a line longer than it: alone).
    assert all(len(t.text or b"") < limit + longest + (1 << 20) for t in pieces)
    numbers = [f.number for f in fed]
    assert numbers == sorted(numbers)
    # Compressed bytes are counted once each, for the progress bar: all of them when the file
    # is read to its end (a scanned range stops at the end of the text, before the trailer).
    stored = sum(f.stored for f in fed)
    assert stored == path.stat().st_size if not scanned else stored <= path.stat().st_size


def test_the_local_engine_reads_a_gzipped_file_once_without_scanning_it(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"ocid": "o"}\n' * 50))
    assert plan_parts([path], 4, scan_gzip=False) == [(Task(str(path)),)]
    assert len(plan_parts([path], 4)) == 4  # for Dask: ranges its workers can read alone
    local = plan([path], as_of=AS_OF, workers=2, mapper=fake_map)
    dask = plan([path], as_of=AS_OF, workers=2, mapper=fake_map, engine="dask")
    assert local.tasks == [(Task(str(path)),)] and len(dask.tasks) == 8


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_counts_the_feed_as_stored_up_to_its_size(tmp_path: Path, workers: int) -> None:
    lines = [json.dumps(compiled(f"o-{n}", f"Cameras, lot {n}")) for n in range(40)]
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (tmp_path / "b.jsonl").write_text("\n".join(lines[:10]) + "\n", encoding="utf-8")
    (tmp_path / "c.json").write_text(lines[0], encoding="utf-8")
    total = sum(p.stat().st_size for p in tmp_path.iterdir())
    told: list[tuple[int, int, int]] = []
    batch = plan([tmp_path], as_of=AS_OF, workers=workers, mapper=fake_map)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(planning, "MAX_TASK_BYTES", 2000)  # the gzipped text in several pieces
        run_local(batch.tasks, batch.context, workers, lambda *call: told.append(call))
    done = [call[1] for call in told]
    assert done == sorted(done) and told[-1] == (51, total, total)
    assert len(told) > 4 and 0 < done[0] < total


def test_a_large_piece_is_cut_at_line_starts_near_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planning, "MAX_TASK_BYTES", 3 << 20)
    line = b'{"ocid": "' + b"x" * 990 + b'"}\n'  # 1,003 bytes
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(line * 20_000))  # about 19 MiB
    pieces = [task for f in fed_parts(plan_parts([path], 1, scan_gzip=False)) for task in f.part]
    assert len(pieces) == 7
    assert all((3 << 20) - len(line) < len(t.text or b"") <= 4 << 20 for t in pieces[:-1])
    assert all(t.text is not None and t.text.endswith(b"\n") for t in pieces)
    assert [t.line for t in pieces] == [1 + t.start // len(line) for t in pieces]


def test_plain_files_and_whole_documents_are_not_fed(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"ocid": "o"}\n' * 5, encoding="utf-8")
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(b'{"ocid": "o"}'))
    parts = plan_parts([tmp_path], 2)
    assert [f.part for f in fed_parts(parts)] == parts


def test_a_line_over_the_input_limit_is_left_for_the_worker_to_skip(tmp_path: Path) -> None:
    lines = [json.dumps(compiled(f"o-{n}", f"Cameras {n}")) for n in range(6)]
    lines[1] = '{"ocid": "' + "x" * (3 << 20) + '"}'  # longer than a block read, no newline
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    with input_limits(input_bytes=4000):
        whole = ReadStats()
        expected = [(p.ocid, p.origins) for p in read_ocds(path, stats=whole)]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(planning, "MAX_TASK_BYTES", 300)
            planned = plan_parts([path], 1, scan_gzip=False)  # as the local engine plans
            fed = [task for f in fed_parts(planned) for task in f.part]
        reading = TaskReading()
        found = [(p.ocid, p.origins) for task in fed for p in reading.processes(task)]
    assert found == expected and len(found) == 5
    assert reading.stats.defects == whole.defects == {"line_too_long": 1}
    assert reading.stats.files == whole.files == 1
    # The first line went as text; the rest of the range from line 2 is read from the file.
    assert [(t.line, t.text is None) for t in fed] == [(1, False), (2, True)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_gzipped_feed_in_small_pieces_gives_the_rows_of_the_plain_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    lines = [json.dumps(compiled(f"o-{n}", f"Cameras, lot {n}", 10.0 * n)) for n in range(80)]
    lines[9] = '{"ocid": "broken'
    lines[30] = lines[4]  # an ocid read twice
    text = ("\n".join(lines) + "\n").encode()
    plain, packed = tmp_path / "feed.jsonl", tmp_path / "feed.jsonl.gz"
    plain.write_bytes(text)
    packed.write_bytes(gzip.compress(text))
    single = plan([plain], as_of=AS_OF, workers=1, mapper=fake_map)
    expected = run_local(single.tasks, single.context, 1)
    monkeypatch.setattr(planning, "MAX_TASK_BYTES", 900)
    batch = plan([packed], as_of=AS_OF, workers=workers, mapper=fake_map)
    run = run_local(batch.tasks, batch.context, workers)
    assert [{**r, "source": str(r["source"]).replace(".gz", "")} for r in run.rows] == (
        expected.rows
    )
    assert run.stats.defects == expected.stats.defects
    assert run.stats.defects["duplicate_ocid"] == 1 and run.stats.files == 1


SAMPLE = SHARED_DATA / "ocds" / "sample-data" / "mexico-gacm" / "releases"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason=NO_SHARED_DATA)
def test_real_releases_fed_in_pieces_give_the_rows_the_plain_file_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLE.iterdir())]
    text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents).encode()
    plain, packed = tmp_path / "gacm.jsonl", tmp_path / "gacm.jsonl.gz"
    plain.write_bytes(text)
    packed.write_bytes(gzip.compress(text))
    expected = rows_of(assess_feed(plain, as_of=AS_OF, workers=1))
    monkeypatch.setattr(planning, "MAX_TASK_BYTES", len(text) // 7)
    fed = rows_of(assess_feed(packed, as_of=AS_OF, workers=2))
    assert [{**r, "source": str(r["source"]).replace(".gz", "")} for r in fed] == expected
    assert len(expected) > 30 and any(r["status"] == "assessed" for r in expected)


def test_the_dask_engine_plans_larger_parts_still_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each Dask partition costs a few tasks and a round trip whatever its size, so Dask's parts
    are larger than the local engine's; both are bounded, whatever the feed's size."""
    import riskkit.feeds.batch.run as running

    monkeypatch.setattr(planning, "MAX_TASK_BYTES", 600)
    monkeypatch.setattr(running, "DASK_TASK_BYTES", 2400)
    line = json.dumps(compiled("o", "Cameras")).encode() + b"\n"
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(line * 400))

    parts = plan([path], as_of=AS_OF, workers=1, mapper=fake_map, engine="dask").tasks
    largest = max(sum(t.end - t.start for t in part if t.end is not None) for part in parts)
    assert 600 < largest <= 2400 + len(line) and len(parts) > 1
    # The local engine's parent cuts the file into pieces of MAX_TASK_BYTES as it reads it.
    assert plan([path], as_of=AS_OF, workers=1, mapper=fake_map).tasks == [(Task(str(path)),)]

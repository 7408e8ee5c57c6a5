"""Cutting a feed into tasks: byte ranges on line starts, numbered as a single reader numbers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.errors import InvalidInput
from riskkit.feeds.batch.reading import TaskReading
from riskkit.feeds.batch.tasks import Task, plan_parts, plan_tasks
from riskkit.feeds.ocds import ReadStats, read_ocds

LINE = st.text(alphabet='ab {}"', max_size=12)


def _lines_of(path: Path, task: Task) -> list[tuple[int, bytes]]:
    """What a worker reads for ``task``: each line with its number."""
    data = path.read_bytes()
    end = len(data) if task.end is None else task.end
    chunk = data[task.start : end]
    return [(task.line + i, line) for i, line in enumerate(chunk.splitlines(keepends=True))]


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(LINE, max_size=40), parts=st.integers(1, 50), final_newline=st.booleans())
def test_ranges_cover_every_line_once_with_its_number(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], parts: int, final_newline: bool
) -> None:
    path = tmp_path_factory.mktemp("ranges") / "feed.jsonl"
    text = "\n".join(lines) + ("\n" if final_newline and lines else "")
    path.write_text(text, encoding="utf-8")
    tasks = plan_tasks([path], parts)
    read = [pair for task in tasks for pair in _lines_of(path, task)]
    whole = list(enumerate(path.read_bytes().splitlines(keepends=True), start=1))
    assert read == whole
    data = path.read_bytes()
    assert all(data[t.start - 1 : t.start] == b"\n" for t in tasks if t.start)


def test_a_gzipped_file_is_cut_in_its_text_and_a_json_file_is_one_task(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b"{}\n" * 100))
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    tasks = plan_tasks([tmp_path], 4)
    assert [t.path for t in tasks] == [str(tmp_path / "a.jsonl.gz")] * 4 + [
        str(tmp_path / "b.json")
    ]
    assert [(t.start, t.end, t.line) for t in tasks[:4]] == [
        (0, 75, 1),
        (75, 150, 26),
        (150, 225, 51),
        (225, 300, 76),
    ]
    assert tasks[4] == Task(str(tmp_path / "b.json"))


def test_a_missing_path_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file or folder"):
        plan_tasks([tmp_path / "missing.jsonl"], 4)


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])
def test_tasks_read_the_processes_and_defects_one_reader_reads(tmp_path: Path, name: str) -> None:
    lines = [
        f'{{"ocid": "o-{n}", "id": "{n}", "date": "2024-01-01", "tag": ["compiled"]}}'
        for n in range(30)
    ]
    lines[7] = '{"ocid": "broken'
    path = tmp_path / name
    text = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    whole = ReadStats()
    expected = [(p.ocid, p.origins) for p in read_ocds(path, stats=whole)]
    tasks = plan_tasks([path], 5)
    assert len(tasks) == 5
    found = []
    parts = ReadStats()
    for task in tasks:
        reading = TaskReading()
        found += [(p.ocid, p.origins) for p in reading.processes(task)]
        parts.files += reading.stats.files
        parts.defects.update(reading.stats.defects)
        parts.examples.update(reading.stats.examples)
    assert found == expected
    assert parts.files == whole.files == 1
    assert parts.defects == whole.defects
    assert parts.examples["malformed_json"] == whole.examples["malformed_json"]


def test_small_files_are_bundled_into_parts_in_feed_order(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"r{n:02d}.json").write_text('{"ocid": "o"}', encoding="utf-8")
    parts = plan_parts([tmp_path], 4)
    assert len(parts) == 4
    assert [t for part in parts for t in part] == plan_tasks([tmp_path], 4)


def test_a_plain_files_tasks_and_parts_are_bounded_whatever_the_feeds_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from riskkit.feeds.batch import tasks as module

    monkeypatch.setattr(module, "MAX_TASK_BYTES", 300)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"ocid": "o"}\n' * 1000)  # 14,000 bytes
    tasks = plan_tasks([path], 2)
    assert len(tasks) >= 14000 // 314
    assert all(t.end is not None and t.end - t.start <= 314 for t in tasks)
    parts = plan_parts([path], 2)
    assert all(sum(t.end - t.start for t in part if t.end is not None) <= 314 for part in parts)


def _noted(text: bytes, spacing: int) -> list[tuple[int, int]]:
    """The line starts a scan at ``spacing`` notes, found the slow way: after each newline that
    is the first at or after a multiple of ``spacing``, with the number of its line."""
    noted, before = [], -1
    for line, newline in enumerate((i for i, byte in enumerate(text) if byte == 10), start=2):
        if newline // spacing > before // spacing:
            noted.append((newline + 1, line))
        before = newline
    return noted


@settings(max_examples=80, deadline=None)
@given(lengths=st.lists(st.integers(0, 60), max_size=300), most=st.integers(1, 12))
def test_the_line_starts_noted_are_evenly_spread_in_bytes_whatever_the_lines(
    tmp_path_factory: pytest.TempPathFactory, lengths: list[int], most: int
) -> None:
    from riskkit.feeds.batch.tasks import _scan

    text = b"".join(b"x" * n + b"\n" for n in lengths)
    path = tmp_path_factory.mktemp("scan") / "feed.jsonl"
    path.write_bytes(text)
    points, size = _scan(path, most)
    assert size == len(text)
    assert len(points) <= most
    # Exactly what a scan at one spacing notes, the smallest whose points fit.
    spacing = next(s for s in (2**k for k in range(32)) if len(_noted(text, s)) <= most)
    assert points == _noted(text, spacing)


def test_the_first_range_of_a_large_file_is_as_bounded_as_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thinning the noted line starts by dropping every other one, as the scan once did, left
    the start of a large file almost bare: its first range held 167 MiB of a 1.9 GB feed."""
    from riskkit.feeds.batch import tasks as module

    monkeypatch.setattr(module, "MAX_TASK_BYTES", 50_000)
    monkeypatch.setattr(module, "MAX_POINTS", 64)
    path = tmp_path / "feed.jsonl"
    line = b'{"ocid": "' + b"o" * 287 + b'"}\n'  # 300 bytes
    path.write_bytes(line * 2_000)  # 600,000 bytes: the spacing grows to 16 KiB
    tasks = plan_tasks([path], 2)
    sizes = [t.end - t.start for t in tasks if t.end is not None]
    assert len(sizes) == len(tasks) >= 600_000 // (50_000 + 16_384 + 300)
    assert max(sizes) <= 50_000 + 16_384 + 300  # the bound, the spacing and a line


def _compiled_lines(count: int, tag: str = "o") -> bytes:
    return b"".join(
        f'{{"ocid": "{tag}-{n}", "id": "{n}", "tag": ["compiled"]}}\n'.encode()
        for n in range(count)
    )


def _read(tasks: list[Task]) -> list[tuple[str, object]]:
    return [(p.ocid, p.origins) for task in tasks for p in TaskReading().processes(task)]


def _counting_opens(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path the worker's reader opens, as it opens it."""
    from riskkit.feeds._json import open_file
    from riskkit.feeds.batch import reading

    opened: list[Path] = []

    def counted(path: Path) -> object:
        opened.append(path)
        return open_file(path)

    monkeypatch.setattr(reading, "open_file", counted)
    return opened


def test_a_gzipped_files_ranges_are_bounded_and_read_in_order_it_is_opened_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dask worker's ranges of a gzipped file: each bounded, so what a worker holds does not
    grow with the feed, and read one after the other from where the last one ended, so the file
    is decompressed once, not once up to each range."""
    from riskkit.feeds.batch import tasks as module

    monkeypatch.setattr(module, "MAX_TASK_BYTES", 400)
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(_compiled_lines(200)))  # about 9,000 bytes of text
    tasks = plan_tasks([path], 2)
    assert len(tasks) >= 9000 // 450
    assert all(t.end is not None and t.end - t.start <= 400 + 48 for t in tasks)
    opened = _counting_opens(monkeypatch)
    assert _read(tasks) == [(p.ocid, p.origins) for p in read_ocds(path)]
    assert opened == [path]


def test_a_range_before_where_the_file_stands_opens_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from riskkit.feeds.batch import tasks as module

    monkeypatch.setattr(module, "MAX_TASK_BYTES", 400)
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(_compiled_lines(100)))
    tasks = plan_tasks([path], 2)
    in_order = [_read([task]) for task in tasks]
    opened = _counting_opens(monkeypatch)
    backwards = [_read([task]) for task in reversed(tasks)]
    assert backwards == in_order[::-1] and all(in_order)
    assert len(opened) == len(tasks)  # each range starts before the one read last


def test_a_gzipped_file_written_again_between_two_ranges_is_read_anew(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(_compiled_lines(40, "old")))
    first, second = plan_tasks([path], 2)
    assert _read([first])[0][0] == "old-0"
    path.write_bytes(gzip.compress(_compiled_lines(40, "new")))  # the same length of text
    assert _read([second])[0][0] == f"new-{second.line - 1}"


def test_threads_reading_ranges_of_gzipped_files_at_once_each_read_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dask worker may run tasks in several threads: each goes on from its own last range."""
    import threading

    from riskkit.feeds.batch import tasks as module

    monkeypatch.setattr(module, "MAX_TASK_BYTES", 300)
    feeds = {}
    for tag in ("a", "b", "c"):
        path = tmp_path / f"{tag}.jsonl.gz"
        path.write_bytes(gzip.compress(_compiled_lines(150, tag)))
        feeds[tag] = (plan_tasks([path], 2), [p.ocid for p in read_ocds(path)])
    found: dict[str, list[str]] = {}

    def read(tag: str) -> None:
        tasks, _ = feeds[tag]
        found[tag] = [ocid for _ in range(3) for ocid, _ in _read(tasks)]

    threads = [threading.Thread(target=read, args=(tag,)) for tag in feeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == {tag: expected * 3 for tag, (_, expected) in feeds.items()}

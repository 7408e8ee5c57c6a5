"""``riskkit lists fetch`` against a local HTTP server (127.0.0.1, a thread): never the internet."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from datetime import date
from email.utils import formatdate
from pathlib import Path
from typing import ClassVar

import pytest

from riskkit.cli import main
from riskkit.screening.fetch import fetch_list, fetch_lists
from riskkit.screening.published import SOURCES
from tests.conftest import SCREENING_FIXTURES

FIXTURES = SCREENING_FIXTURES
OLD = formatdate(1_700_000_000, usegmt=True)  # 2023-11-14


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves ``files`` by name, with ETag and Last-Modified, and answers 304 when unchanged."""

    files: ClassVar[dict[str, bytes]] = {}
    last_modified: ClassVar[str] = OLD
    requests: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        name = self.path.rsplit("/", 1)[-1]
        body = self.files.get(name)
        type(self).requests.append((name, self.headers.get("If-None-Match")))
        if body is None:
            self.send_error(404)
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.last_modified)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    _Handler.files = {
        "consolidated.csv": (FIXTURES / "csl_truncated.csv").read_bytes(),
        "targets.simple.csv": (FIXTURES / "targets.simple.csv").read_bytes(),
    }
    _Handler.last_modified = OLD
    _Handler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/files"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_keeps_the_files_with_date_and_digest_then_only_what_changed(
    server: str, tmp_path: Path
) -> None:
    first = fetch_list(SOURCES["csl"], tmp_path, mirror=server, today=date(2023, 11, 20))
    assert first.status == "updated" and first.entries > 0
    assert first.list_date == date(2023, 11, 14)
    kept = tmp_path / "csl" / "csl.csv"
    assert kept.read_bytes() == _Handler.files["consolidated.csv"]
    manifest = json.loads((tmp_path / "csl" / "fetched.json").read_text())
    record = manifest["files"]["csl.csv"]
    assert record["sha256"] == hashlib.sha256(kept.read_bytes()).hexdigest()
    assert manifest["list_date"] == "2023-11-14" and manifest["date_from"] == "last-modified"
    assert not first.warnings

    again = fetch_list(SOURCES["csl"], tmp_path, mirror=server, today=date(2023, 11, 20))
    assert again.status == "unchanged" and again.digest == first.digest
    assert _Handler.requests[-1][1] == record["etag"]  # a conditional GET

    _Handler.files["consolidated.csv"] += b"\n"
    _Handler.last_modified = formatdate(1_700_600_000, usegmt=True)
    changed = fetch_list(SOURCES["csl"], tmp_path, mirror=server, today=date(2023, 11, 22))
    assert changed.status == "updated" and changed.digest != first.digest


def test_a_download_that_does_not_parse_is_refused_and_the_old_copy_kept(
    server: str, tmp_path: Path
) -> None:
    fetch_list(SOURCES["opensanctions"], tmp_path, mirror=server)
    before = (tmp_path / "opensanctions" / "targets.simple.csv").read_bytes()
    _Handler.files["targets.simple.csv"] = b"\x00\x01 not a list file"
    refused = fetch_list(SOURCES["opensanctions"], tmp_path, mirror=server)
    assert refused.status == "refused" and "does not parse" in refused.message
    assert (tmp_path / "opensanctions" / "targets.simple.csv").read_bytes() == before
    assert not (tmp_path / "opensanctions" / ".incoming").exists()


def test_an_old_list_is_warned_about(server: str, tmp_path: Path) -> None:
    result = fetch_list(
        SOURCES["csl"], tmp_path, mirror=server, max_age_days=7, today=date(2024, 1, 1)
    )
    assert result.warnings and "2023-11-14" in result.warnings[0]


def test_a_missing_file_and_an_unknown_list_are_clear_errors(server: str, tmp_path: Path) -> None:
    missing = fetch_lists(["un"], tmp_path, mirror=server)[0]
    assert missing.status == "refused" and "HTTP 404" in missing.message
    with pytest.raises(Exception, match="unknown list nope"):
        fetch_lists(["nope"], tmp_path, mirror=server)


def test_cli_lists_fetch(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lists", "fetch", "csl", "opensanctions", "--dir", str(tmp_path),
                 "--from", server, "--max-age", "100000"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "csl: updated, list dated 2023-11-14" in out and "opensanctions: updated" in out
    code = main(["lists", "fetch", "un", "--dir", str(tmp_path), "--from", server])
    assert code == 2 and "un: refused" in capsys.readouterr().out

"""Download the official list files into a cache folder, only when they changed.

``riskkit lists fetch [LIST...] [--dir DIR]`` keeps every list in its own folder under DIR
(default ``~/.cache/riskkit/lists``): the files as published and a ``fetched.json`` that records,
per file, the URL, the HTTP validators (ETag, Last-Modified), the SHA-256 and size, and for the
list its date, the time of the fetch and the number of entries read. A second fetch sends
``If-None-Match`` / ``If-Modified-Since`` and downloads only what the server says changed.

A download is kept only if the list still parses with riskkit's own reader and yields at least
one entry (the new files are read in a staging folder first); otherwise the previous copy stays
and the fetch reports the error. The list's date is the date the publisher gives inside the file
where there is one (the UN's ``dateGenerated``), else the server's Last-Modified, else the day it
was fetched; a list older than ``max_age_days`` is reported with a warning.

HTTP uses the standard library only (``urllib``). The URLs and what was checked about them are in
docs/screening.md ("Current lists").
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import attrs

from riskkit._version import __version__
from riskkit.errors import InvalidInput
from riskkit.screening.list_dates import MANIFEST, date_inside, load_manifest
from riskkit.screening.published import DEFAULT_LISTS, SOURCES, ListSource
from riskkit.screening.sources import read_list

MAX_BYTES = 512 * 1024 * 1024
"""Largest file accepted (the OpenSanctions default targets file is a few hundred MB)."""
TIMEOUT = 120.0


@attrs.frozen
class FetchResult:
    """What happened to one list."""

    list_id: str
    status: str
    """``updated``, ``unchanged`` or ``refused`` (did not download or parse; old copy kept)."""
    list_date: date | None
    digest: str
    """SHA-256 of the list's files (each file's digest, in order), or "" when none is kept."""
    entries: int
    message: str
    warnings: tuple[str, ...] = ()


Opener = Callable[[urllib.request.Request, float], object]


def _open(request: urllib.request.Request, timeout: float) -> object:
    # http and https only: _download checks the scheme before it asks.
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310


def _http_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


def _download(
    url: str, target: Path, previous: dict[str, object], opener: Opener
) -> tuple[bool, dict[str, object]]:
    """(changed, record) for one file; ``target`` written only when changed."""
    if not url.startswith(("https://", "http://")):
        raise InvalidInput.one(url, "", "only http and https URLs are fetched")
    agent = {"User-Agent": f"riskkit/{__version__}"}
    request = urllib.request.Request(url, headers=agent)  # noqa: S310 (scheme checked above)
    etag = previous.get("etag")
    modified = previous.get("last_modified")
    if isinstance(etag, str) and etag:
        request.add_header("If-None-Match", etag)
    if isinstance(modified, str) and modified:
        request.add_header("If-Modified-Since", modified)
    try:
        response = opener(request, TIMEOUT)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return False, dict(previous)
        raise InvalidInput.one(url, "", f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InvalidInput.one(url, "", f"cannot download: {reason}") from None
    digest = hashlib.sha256()
    size = 0
    with response as body, target.open("wb") as out:  # type: ignore[attr-defined]
        headers = body.headers
        while chunk := body.read(1 << 20):
            size += len(chunk)
            if size > MAX_BYTES:
                raise InvalidInput.one(url, "", f"larger than {MAX_BYTES >> 20} MiB; refused")
            digest.update(chunk)
            out.write(chunk)
    record: dict[str, object] = {
        "url": url,
        "etag": headers.get("ETag") or "",
        "last_modified": headers.get("Last-Modified") or "",
        "sha256": digest.hexdigest(),
        "bytes": size,
    }
    return True, record


def fetch_list(
    source: ListSource,
    root: Path,
    *,
    mirror: str | None = None,
    max_age_days: int = 14,
    today: date | None = None,
    opener: Opener = _open,
) -> FetchResult:
    """Fetch one list into ``root / source.id`` (see the module docstring)."""
    today = today or datetime.now(UTC).date()
    folder = root / source.id
    folder.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(folder)
    known = manifest.get("files")
    known_files: dict[str, dict[str, object]] = known if isinstance(known, dict) else {}
    staging = folder / ".incoming"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        records: dict[str, dict[str, object]] = {}
        changed: list[str] = []
        for local, url in source.files:
            if mirror:
                url = mirror.rstrip("/") + "/" + url.rsplit("/", 1)[-1]
            previous = known_files.get(local, {})
            if previous.get("url") != url or not (folder / local).is_file():
                previous = {}
            did_change, record = _download(url, staging / local, previous, opener)
            records[local] = record
            if did_change:
                changed.append(local)
        if changed:
            for local, _ in source.files:
                if local not in changed:
                    shutil.copy2(folder / local, staging / local)
            primary = staging / source.files[0][0]
            try:
                list_file = read_list(primary)
            except InvalidInput as exc:
                return _refused(source, manifest, f"the download does not parse: {exc}")
            if not list_file.records:
                return _refused(source, manifest, "the download parses but holds no entries")
            for local in changed:
                (staging / local).replace(folder / local)
            entries = len(list_file.records)
            first = records[source.files[0][0]]
            inside = date_inside(folder / source.files[0][0])
            header = _http_date(str(first.get("last_modified") or ""))
            list_date = inside or header or today
            manifest = {
                "list": source.id,
                "title": source.title,
                "list_date": list_date.isoformat(),
                "date_from": "file" if inside else ("last-modified" if header else "fetch day"),
                "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
                "entries": entries,
                "files": records,
            }
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
            status, message = "updated", f"downloaded {', '.join(changed)}"
        else:
            status, message = "unchanged", "not modified since the last fetch"
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _result(source, manifest, status, message, max_age_days, today)


def _digest(manifest: dict[str, object]) -> str:
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return ""
    combined = hashlib.sha256()
    for record in files.values():
        combined.update(str(record.get("sha256", "")).encode())
    return combined.hexdigest()


def _result(
    source: ListSource,
    manifest: dict[str, object],
    status: str,
    message: str,
    max_age_days: int,
    today: date,
) -> FetchResult:
    raw_date = manifest.get("list_date")
    list_date = date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
    warnings: list[str] = []
    if list_date is not None and (today - list_date).days > max_age_days:
        warnings.append(
            f"{source.id}: the list is dated {list_date.isoformat()}, "
            f"{(today - list_date).days} days ago (more than {max_age_days})"
        )
    entries = manifest.get("entries")
    return FetchResult(
        source.id,
        status,
        list_date,
        _digest(manifest),
        entries if isinstance(entries, int) else 0,
        message,
        tuple(warnings),
    )


def _refused(source: ListSource, manifest: dict[str, object], why: str) -> FetchResult:
    kept = "the previous copy is kept" if manifest else "nothing is kept"
    result = _result(source, manifest, "refused", f"{why}; {kept}", 10**6, date.today())
    return result


def fetch_lists(
    ids: Sequence[str],
    root: Path,
    *,
    mirror: str | None = None,
    max_age_days: int = 14,
    opener: Opener = _open,
) -> list[FetchResult]:
    """Fetch each named list (``DEFAULT_LISTS`` when none); unknown names are an error."""
    wanted = list(ids) or list(DEFAULT_LISTS)
    unknown = [i for i in wanted if i not in SOURCES]
    if unknown:
        raise InvalidInput.one(
            "lists fetch",
            "",
            f"unknown list {', '.join(unknown)}; known: {', '.join(SOURCES)}",
        )
    results = []
    for list_id in wanted:
        try:
            results.append(
                fetch_list(
                    SOURCES[list_id], root, mirror=mirror, max_age_days=max_age_days, opener=opener
                )
            )
        except InvalidInput as exc:
            manifest = load_manifest(root / list_id)
            results.append(_refused(SOURCES[list_id], manifest, str(exc)))
    return results


def render(results: Sequence[FetchResult]) -> str:
    """The fetch report: one line per list, then its warnings."""
    lines = []
    for r in results:
        dated = r.list_date.isoformat() if r.list_date else "no date"
        digest = f"sha256 {r.digest[:12]}" if r.digest else "no copy"
        lines.append(
            f"{r.list_id}: {r.status}, list dated {dated}, {r.entries:,} entries, {digest}; "
            f"{r.message}"
        )
        lines += [f"  warning: {w}" for w in r.warnings]
    return "\n".join(lines) + "\n"

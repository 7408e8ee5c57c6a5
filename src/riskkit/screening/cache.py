"""A built screening index saved to one file and loaded back, in a format that runs no code.

Layout: the 8 bytes ``RKSIDX1\\n``; one line of JSON (the header: format version, the riskkit
version, scalars, and for every section its name, kind, array type code, byte offset and
length); then the sections' raw bytes. A section is a typed ``array`` (machine byte order,
checked against the header), or UTF-8 text: the vocabulary and the indexed names joined by NUL,
and the entries as JSON (one object per entry, joined by NUL, decoded only when an entry is
asked for). Nothing is unpickled or evaluated: a damaged or foreign file is refused with
``InvalidInput``.

    screener.save("lists.rksidx")
    screener = Screener.load("lists.rksidx")

The file records the riskkit version that wrote it and is refused by another version (the
normaliser or the scorer may have changed); rebuild it then. It says nothing about whether the
list files are current: keep it next to the files it was built from (``riskkit lists fetch``
keeps their dates and digests).
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, overload

from riskkit._version import __version__
from riskkit.errors import InvalidInput
from riskkit.screening.index import ScreeningIndex
from riskkit.screening.model import DateRecord, EntryRecord, IdentifierRecord
from riskkit.screening.tables import FlatTuples, HashMultimap

MAGIC = b"RKSIDX1\n"
FORMAT = 2
"""2: the lightest-first lists beside the postings (1 had none: refused, rebuild it)."""
_SEP = "\x00"


def _record_json(r: EntryRecord) -> str:
    return json.dumps(
        [
            r.source, r.format, r.list, r.name, list(r.programmes), r.entity_type,
            list(r.aliases), list(r.weak_aliases),
            [[i.scheme, i.value, i.country] for i in r.identifiers],
            list(r.countries), list(r.addresses),
            [[d.kind, d.value.isoformat() if d.value else None, d.text] for d in r.dates],
            r.remarks, r.source_id, r.line,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )  # fmt: skip


def _record_from(fields: list[Any]) -> EntryRecord:
    (source, fmt, list_name, name, programmes, entity_type, aliases, weak, identifiers,
     countries, addresses, dates, remarks, source_id, line) = fields  # fmt: skip
    return EntryRecord(
        source=source,
        format=fmt,
        list=list_name,
        name=name,
        programmes=tuple(programmes),
        entity_type=entity_type,
        aliases=tuple(aliases),
        weak_aliases=tuple(weak),
        identifiers=tuple(IdentifierRecord(s, v, c) for s, v, c in identifiers),
        countries=tuple(countries),
        addresses=tuple(addresses),
        dates=tuple(DateRecord(k, date.fromisoformat(v) if v else None, t) for k, v, t in dates),
        remarks=remarks,
        source_id=source_id,
        line=line,
    )


class LazyRecords(Sequence[EntryRecord]):
    """Entries of a loaded index, each decoded from its JSON the first time it is asked for."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._decoded: dict[int, EntryRecord] = {}

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> EntryRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[EntryRecord]: ...
    def __getitem__(self, index: int | slice) -> EntryRecord | Sequence[EntryRecord]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        record = self._decoded.get(index)
        if record is None:
            record = self._decoded[index] = _record_from(json.loads(self._texts[index]))
        return record

    def __iter__(self) -> Iterator[EntryRecord]:
        return (self[i] for i in range(len(self)))


def _join(texts: Sequence[str], what: str) -> bytes:
    if any(_SEP in t for t in texts):
        raise InvalidInput.one("index", "", f"cannot save: a {what} contains a NUL character")
    return _SEP.join(texts).encode("utf-8", "surrogatepass")


def save_index(index: ScreeningIndex, path: Path | str) -> None:
    """Write ``index`` to ``path`` (see the module docstring for the format)."""
    tokens_flat, token_offsets = index.name_tokens.flat, index.name_tokens.offsets
    sections: list[tuple[str, bytes, str]] = [
        ("records", _join([_record_json(r) for r in index.records], "list entry"), ""),
        ("words", _join(index.words, "word"), ""),
        ("name_text", _join(index.name_text, "name"), ""),
    ]
    arrays: dict[str, array[Any]] = {
        "name_entry": index.name_entry,
        "name_kind": array("B", index.name_kind),
        "tokens_flat": tokens_flat,
        "token_offsets": token_offsets,
        "exact_keys": index.exact.keys,
        "exact_values": index.exact.values,
        "compact_keys": index.compact.keys,
        "compact_values": index.compact.values,
        "deletes_keys": index.deletes.keys,
        "deletes_values": index.deletes.values,
        "idf": array("d", index.idf),
        "name_weight": index.name_weight,
        "posting_offsets": index.posting_offsets,
        "posting_names": index.posting_names,
        "lightest_offsets": index.lightest_offsets,
        "lightest_names": index.lightest_names,
        "fuzzy": array("B", index.fuzzy),
        "typo_offsets": index.typo_offsets,
        "typo_neighbours": index.typo_neighbours,
    }
    for name, values in arrays.items():
        sections.append((name, values.tobytes(), values.typecode))
    header: dict[str, Any] = {
        "format": FORMAT,
        "riskkit": __version__,
        "byteorder": sys.byteorder,
        "itemsizes": {code: array(code).itemsize for code in "BLd"},
        "unknown_weight": index.unknown_weight,
        "identifiers": [[s, v, ids] for (s, v), ids in index.identifiers.items()],
        "identifier_values": index.identifier_values,
        "sections": [],
    }
    offset = 0
    for name, data, code in sections:
        header["sections"].append([name, code, offset, len(data)])
        offset += len(data)
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as out:
        out.write(MAGIC)
        out.write(json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n")
        for _, data, _ in sections:
            out.write(data)
    partial.replace(target)


def load_index(path: Path | str) -> ScreeningIndex:
    """Read an index written by ``save_index``; ``InvalidInput`` for anything else."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InvalidInput.one(
            str(source), "", f"cannot read the index file ({exc.strerror})"
        ) from exc
    try:
        return _load(source, data)
    except InvalidInput:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InvalidInput.one(
            str(source), "", f"the index file is damaged ({type(exc).__name__}: {exc})"
        ) from None


def _load(source: Path, data: bytes) -> ScreeningIndex:
    if not data.startswith(MAGIC):
        raise InvalidInput.one(str(source), "", "not a riskkit screening index (no RKSIDX1 header)")
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC) : end])
    except ValueError as exc:
        raise InvalidInput.one(
            str(source), "", f"the index header is not valid JSON ({exc})"
        ) from exc
    if not isinstance(header, dict):
        raise InvalidInput.one(str(source), "", "the index header is not a JSON object")
    if header.get("format") != FORMAT or header.get("riskkit") != __version__:
        raise InvalidInput.one(
            str(source),
            "",
            f"index format {header.get('format')} written by riskkit "
            f"{header.get('riskkit')}; this is riskkit {__version__} (format {FORMAT}): "
            "rebuild the index",
        )
    itemsizes = {code: array(code).itemsize for code in "BLd"}
    if header.get("byteorder") != sys.byteorder or header.get("itemsizes") != itemsizes:
        raise InvalidInput.one(str(source), "", "the index was written on another kind of machine")
    body = memoryview(data)[end + 1 :]
    texts: dict[str, str] = {}
    arrays: dict[str, array[Any]] = {}
    for name, code, offset, length in header["sections"]:
        if offset + length > len(body):
            raise InvalidInput.one(str(source), "", f"the index file is cut short (section {name})")
        chunk = body[offset : offset + length]
        if code:
            values = array(code)
            values.frombytes(chunk)
            arrays[name] = values
        else:
            texts[name] = bytes(chunk).decode("utf-8", "surrogatepass")
    index = ScreeningIndex.__new__(ScreeningIndex)
    index.records = LazyRecords(texts["records"].split(_SEP) if texts["records"] else [])
    index.words = texts["words"].split(_SEP) if texts["words"] else []
    index.vocabulary = dict(zip(index.words, range(len(index.words)), strict=True))
    index.name_text = texts["name_text"].split(_SEP) if texts["name_text"] else []
    index.name_entry = arrays["name_entry"]
    index.name_kind = arrays["name_kind"].tobytes()
    index.name_tokens = FlatTuples(arrays["tokens_flat"], arrays["token_offsets"])
    for table in ("exact", "compact", "deletes"):
        multimap = HashMultimap.__new__(HashMultimap)
        multimap.keys = arrays[f"{table}_keys"]
        multimap.values = arrays[f"{table}_values"]
        setattr(index, table, multimap)
    index.idf = arrays["idf"]
    index.unknown_weight = float(header["unknown_weight"])
    index.name_weight = arrays["name_weight"]
    index.posting_offsets = arrays["posting_offsets"]
    index.posting_names = arrays["posting_names"]
    index.lightest_offsets = arrays["lightest_offsets"]
    index.lightest_names = arrays["lightest_names"]
    index.fuzzy = arrays["fuzzy"].tobytes()
    index.typo_offsets = arrays["typo_offsets"]
    index.typo_neighbours = arrays["typo_neighbours"]
    index.identifiers = {(s, v): list(ids) for s, v, ids in header["identifiers"]}
    index.identifier_values = {k: list(v) for k, v in header["identifier_values"].items()}
    if (
        len(index.name_tokens) != len(index.name_text)
        or len(index.name_entry) != len(index.name_text)
        or len(index.lightest_offsets) != len(index.posting_offsets)
    ):
        raise InvalidInput.one(str(source), "", "the index file's sections do not agree in length")
    return index

"""Mutating real inputs and running them through every reader, for the fuzz suite
(``tests/test_fuzz.py``) and the longer run in ``bench/fuzz.py``.

A *seed* is a real input of one reader: the examples, the shipped packs, the test fixtures of
the list readers (and, when ``../shared/data`` is there, the head of each official list file).
A *mutation* changes its bytes (flips, inserts, cuts, splices, hostile tokens) or its structure
(a parsed document with a value replaced, a key dropped or added, an item repeated, a level of
nesting added), driven by a ``random.Random`` so that hypothesis can drive it in tests and a
seeded generator in the bench.

Running a case gives an :class:`Outcome`: a report (or listing), a documented error (the class
name of a ``RiskkitError``), or an internal error (anything else, or exit code other than 0, 1,
2, or "internal error" on standard error from the CLI). The fuzz invariant is that there are no
internal errors.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import random
import time
import tomllib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

import riskkit
from riskkit.cli import main
from riskkit.decisions.diff import diff_reports, load_report
from riskkit.decisions.waivers import apply_waivers, load_waivers
from riskkit.decisions.whatif import apply_patch, load_patch, what_if_reports
from riskkit.errors import RiskkitError
from riskkit.formats import FORMATS, Source
from riskkit.packs import RuleSet, load_packs
from riskkit.packs.lists import ListSet
from riskkit.report import Report
from riskkit.screening import Screener, describe, read_list, render_text
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "tests" / "fuzz_seeds"
FIXTURES = ROOT / "tests" / "screening_fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
AS_OF = date(2026, 6, 1)
"""Every case is assessed on this day, so that outcomes do not change with the calendar."""

READERS = ("procurement", "pack", "waivers", "patch", "report", "list")

# Hostile values. Those behind issue 12 items 3, 4 and 6 are named apart (see KNOWN below), so
# that a run can leave them out or count them.
HUGE_INTEGER = "@@HUGE_INTEGER@@"
"""Stands for a 5,000-digit integer, over Python's 4,300-digit limit for int <-> str (issue 12
item 4); written out as digits when the document is serialised."""
LAST_DAY = "9999-12-31"
"""A date on which adding a day overflows: issue 12 item 3."""
LONE_SURROGATE = "Evil \ud800 Corp"
"""Not encodable as UTF-8: issue 12 item 6."""

KNOWN: dict[str, str] = {
    "huge_integer": "issue 12 item 4 (integers over 4,300 digits)",
    "last_day": "issue 12 item 3 (9999-12-31 overflows)",
    "lone_surrogate": "issue 12 item 6 (lone surrogates)",
}
"""Hostile values that reached bugs of issue 12 (fixed), by name; ``Mutator(known=False)``
never draws them."""

_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 2**63, -(2**63), 1e308, -0.0, 0.5, 1.0000001,
    "", " ", "x" * 5000, " " * 3000, "\u202e\u0000", "Ａ", "ǅ", "İ", "\t\n",
    "2026-02-30", "0001-01-01", "1900-01-01", "2026-06-01", "CN", "US-CA:San Francisco",
    "US-OR:Portland", "ZZ", "XK", "EU", "::", "a" * 81, "../../etc/passwd", "<script>x</script>",
    "${jndi:x}", "%s%n", "'\"", "{{x}}", [], {}, [None], [[[[]]]], {"": ""}, ["video"] * 50,
)  # fmt: skip
_DATES: tuple[Any, ...] = (
    "2026-02-30", "0001-01-01", "1900-01-01", "2026-06-01", "2026-06-02", "2026-05-31",
    "2100-01-01", "2026-06-01T00:00:00", "20260601", "", 20260601,
)  # fmt: skip
_STRINGS: tuple[Any, ...] = (
    "", " ", "x" * 5000, " " * 3000, "\u202e\u0000", "Ａ", "ǅ", "İ", "\t\n", "a" * 81,
    "<b>x</b>", "'\"", "a.k.a. '" * 300, "Co., Ltd." * 200, "Hikvision", "Huawei", "CN",
    "US-OR:Portland", "ZZ-99:Nowhere", None, 1,
)  # fmt: skip
_NUMBERS: tuple[Any, ...] = (0, -1, 1, 2**31, 2**63, 1e308, -0.0, 0.5, 1.0000001, None, "1")
_KNOWN_VALUES: dict[str, Any] = {
    "huge_integer": HUGE_INTEGER,
    "last_day": LAST_DAY,
    "lone_surrogate": LONE_SURROGATE,
}
_TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\r\n", b"\n", b"\x1a", b"\xc3", b"\xed\xa0\x80",
    b'"', b"'", b'"""', b"[", b"]", b"[[", b"{", b"}", b",", b"=", b"#", b"\\", b"\\u", b"<", b">",
    b"<!DOCTYPE x>", b"<![CDATA[", b"&amp;", b"-0-", b"\t", b" " * 2000, b"A" * 3000, b"9" * 400,
    b"1e999", b"nan", b"inf", b"true", b"null", b"2026-02-29", b"a.k.a. '", b"; ", b"DOB ",
)  # fmt: skip
_KNOWN_TOKENS: dict[str, bytes] = {
    "huge_integer": b"9" * 5000,
    "last_day": LAST_DAY.encode(),
    "lone_surrogate": b'"\\ud800"',
}


@attrs.frozen
class Seed:
    """A real input of one reader."""

    reader: str
    """One of READERS."""
    name: str
    """The file name the case is written under (its suffix chooses the parser)."""
    data: bytes
    siblings: tuple[tuple[str, bytes], ...] = ()
    """Files written beside it (OFAC's add.csv, alt.csv, ...)."""
    pair: str = ""
    """For a patch or waivers, the example procurement it is applied to."""


@attrs.frozen
class Outcome:
    kind: str
    """``report``, ``error:<RiskkitError class>`` or ``internal:<exception type>``."""
    detail: str = ""
    seconds: float = 0.0

    @property
    def internal(self) -> bool:
        return self.kind.startswith("internal")


# Seeds


def _head_lines(path: Path, lines: int) -> bytes:
    with path.open("rb") as handle:
        return b"".join(handle.readline() for _ in range(lines))


@functools.cache
def seeds(shared: Path | None = None) -> tuple[Seed, ...]:
    """The real inputs the mutations start from; with ``shared`` (a folder laid out as
    ``../shared/data``), also the first lines of the official list files in it."""
    out: list[Seed] = []
    for path in sorted(EXAMPLES.glob("*.toml")):
        out.append(Seed("procurement", path.name, path.read_bytes()))
    portland = "portland-retailer-entrance-cameras.toml"
    for path in sorted((EXAMPLES / "waivers").glob("*.toml")):
        out.append(Seed("waivers", path.name, path.read_bytes(), pair=portland))
    patched = {
        "eu-smart-city-keep-data-home.toml": "eu-smart-city-us-cloud.toml",
        "portland-retailer-no-face-recognition.toml": portland,
        "us-police-cctv-swap-manufacturer.toml": "us-police-cctv-federal-grant.toml",
    }
    for name, pair in patched.items():
        out.append(Seed("patch", name, (EXAMPLES / "what-if" / name).read_bytes(), pair=pair))
    for path in sorted((ROOT / "rules").glob("*.toml")):
        if path.name != "entities.toml":
            out.append(Seed("pack", path.name, path.read_bytes()))
    out.append(Seed("pack", "entities.toml", (ROOT / "rules" / "entities.toml").read_bytes()))
    for path in sorted(EXAMPLES.glob("*.toml")):
        out.append(Seed("report", path.stem + ".json", _report_json(path.name).encode()))
    ofac = tuple(
        (p.name, p.read_bytes())
        for p in sorted((SEEDS / "ofac").glob("*.csv"))
        if p.name != "sdn.csv"
    )
    out.append(Seed("list", "sdn.csv", (SEEDS / "ofac" / "sdn.csv").read_bytes(), ofac))
    for path in (
        SEEDS / "dpl.txt",
        SEEDS / "un.xml",
        FIXTURES / "csl.json",
        FIXTURES / "csl_truncated.csv",
        FIXTURES / "targets.simple.csv",
        FIXTURES / "entities.toml",
        ROOT / "tests" / "rule_cases" / "lists" / "cons_prim.csv",
        ROOT / "tests" / "rule_cases" / "lists" / "csl.csv",
    ):
        out.append(Seed("list", path.name, path.read_bytes()))
    if shared is not None and shared.is_dir():
        for relative, lines in (
            ("ofac_sdn/sdn.csv", 60),
            ("ofac_non_sdn_cons/cons_prim.csv", 60),
            ("trade_gov_csl/consolidated_sample_2025-06.csv", 40),
            ("bis_dpl/dpl.txt", 60),
        ):
            path = shared / relative
            if path.is_file():
                out.append(Seed("list", path.name, _head_lines(path, lines)))
        for path in sorted((shared / "un_consolidated").glob("*.xml"))[:1]:
            text = path.read_bytes()
            cut = text.find(b"</INDIVIDUAL>", text.find(b"</INDIVIDUAL>") + 1)
            end = b"</INDIVIDUAL>\n  </INDIVIDUALS>\n</CONSOLIDATED_LIST>\n"
            out.append(Seed("list", path.name, text[:cut] + end))
    return tuple(out)


@functools.cache
def builtin_rules() -> RuleSet:
    return load_packs(plugins=False)


@functools.cache
def example_report(name: str) -> Report:
    return riskkit.assess(EXAMPLES / name, as_of=AS_OF, packs=builtin_rules())


@functools.cache
def _report_json(name: str) -> str:
    return example_report(name).to_json()


# Mutations


class Mutator:
    """Byte and structure mutations of seeds; ``known=False`` leaves out the values behind
    bugs listed in KNOWN."""

    def __init__(self, rng: random.Random, *, known: bool = True) -> None:
        self.rng = rng
        self.known = known

    def value(self, doc: Any = None, current: Any = None) -> Any:
        """A hostile value (most often of the type of ``current``, the value it replaces), or
        one taken from elsewhere in the document."""
        rng = self.rng
        roll = rng.random()
        if doc is not None and roll < 0.25:
            found = list(_leaves(doc))
            if found:
                return rng.choice(found)[1]
        if roll < 0.7:
            if isinstance(current, bool):
                return rng.choice([None, 0, 1, "true"])
            if isinstance(current, (date, str)) and _looks_like_date(current):
                return rng.choice(_DATES + ((LAST_DAY,) if self.known else ()))
            if isinstance(current, str):
                return rng.choice(_STRINGS + ((LONE_SURROGATE,) if self.known else ()))
            if isinstance(current, (int, float)):
                return rng.choice(_NUMBERS + ((HUGE_INTEGER,) if self.known else ()))
        if self.known and roll > 0.97:
            return rng.choice(list(_KNOWN_VALUES.values()))
        return rng.choice(_VALUES)

    def token(self) -> bytes:
        if self.known and self.rng.random() < 0.05:
            return self.rng.choice(list(_KNOWN_TOKENS.values()))
        return self.rng.choice(_TOKENS)

    def mutate_bytes(self, data: bytes) -> bytes:
        """One to four byte-level changes."""
        rng = self.rng
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            n = len(out)
            at = rng.randint(0, n)
            op = rng.randrange(8)
            if op == 0 and n:
                out[min(at, n - 1)] ^= 1 << rng.randrange(8)
            elif op == 1:
                out[at:at] = bytes([rng.randrange(256)])
            elif op == 2 and n:
                out[at : at + rng.randint(1, 64)] = b""
            elif op == 3:
                length = rng.randint(1, 200)
                out[at:at] = out[max(0, at - length) : at] * rng.randint(1, 20)
            elif op == 4:
                out[at:at] = self.token()
            elif op == 5:
                del out[at:]
            elif op == 6 and n:
                # Swap two lines: a reference may now come before what it names.
                lines = bytes(out).split(b"\n")
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                out = bytearray(b"\n".join(lines))
            else:
                out[at : at + 1] = self.token()
        return bytes(out)

    def mutate_document(self, doc: Any, reader: str = "") -> Any:
        """One to three structural changes of a parsed document (returned changed). Most are
        plausible (a value seen under the same key in another real input, an item repeated
        under a new id, an optional key left out), so that cases get past validation and reach
        the engine; the rest are hostile values and unknown keys."""
        rng = self.rng
        pool = key_pool(reader)
        for _ in range(rng.randint(1, 3)):
            spots = list(_containers(doc))
            if not spots:
                return self.value()
            container, key = rng.choice(spots)
            op = rng.choices(range(6), weights=(2, 1, 5, 2, 2, 1))[0]
            if isinstance(container, dict):
                if key is None or op == 1:
                    name = rng.choice([*pool, "extra", "x" * 90]) if pool else "extra"
                    container[name] = self.value(doc)
                elif op == 0:
                    del container[key]
                elif op == 2 and pool.get(key):
                    container[key] = _copy(rng.choice(pool[key]))
                elif op == 5:
                    container[key] = [container[key]] * rng.randint(1, 3)
                else:
                    container[key] = self.value(doc, container[key])
            else:
                if op == 0 and container:
                    container.pop(rng.randrange(len(container)))
                elif op in (2, 4) and container:
                    for _ in range(rng.choice([1, 1, 2, 5, 50])):
                        item = _copy(container[rng.randrange(len(container))])
                        if isinstance(item, dict) and isinstance(item.get("id"), str):
                            item["id"] = f"{item['id']}-{len(container)}"
                        container.append(item)
                elif container:
                    at = rng.randrange(len(container))
                    container[at] = self.value(doc, container[at])
                else:
                    container.append(self.value(doc))
        return doc

    def mutate_rows(self, text: str, delimiter: str) -> str:
        """A CSV or tab file with cells replaced, rows repeated or cut, columns added."""
        rng = self.rng
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if not rows:
            return text
        for _ in range(rng.randint(1, 3)):
            row = rng.choice(rows)
            op = rng.randrange(5)
            if op == 0 and row:
                cell = rng.randrange(len(row))
                row[cell] = _as_text(self.value(None, row[cell]))
            elif op == 1:
                rows.insert(rng.randrange(len(rows) + 1), list(row))
            elif op == 2 and row:
                del row[rng.randrange(len(row)) :]
            elif op == 3:
                row.append(_as_text(self.value()))
            elif row:
                cell = rng.randrange(len(row))
                row[cell] = row[cell] + rng.choice(["; a.k.a. '", " DOB ", "; ", "'"]) * 200
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"])).writerows(
            rows
        )
        return out.getvalue()

    def mutate_xml(self, data: bytes) -> bytes:
        rng = self.rng
        try:
            root = ElementTree.fromstring(data)  # noqa: S314 - our own seed, not input
        except ElementTree.ParseError:
            return self.mutate_bytes(data)
        nodes = list(root.iter())
        for _ in range(rng.randint(1, 3)):
            node = rng.choice(nodes)
            op = rng.randrange(4)
            if op == 0:
                node.text = _as_text(self.value(None, node.text or ""))
            elif op == 1 and len(node):
                node.remove(node[rng.randrange(len(node))])
            elif op == 2:
                # Repeat a node inside itself: doubling, up to about 200 KB (the node may have
                # been cut from the tree by an earlier change, so measure the node itself).
                for _ in range(rng.randint(1, 30)):
                    copy = ElementTree.tostring(node)
                    if len(copy) > 100_000:
                        break
                    node.append(ElementTree.fromstring(copy))  # noqa: S314
            else:
                node.tag = rng.choice(["X", "INDIVIDUAL", "ENTITY", "ALIAS_NAME", node.tag + "_"])
        mutated: bytes = ElementTree.tostring(root, encoding="utf-8")  # not "unicode": bytes
        return mutated

    def mutate(self, seed: Seed) -> tuple[str, bytes]:
        """A mutated file of the seed: (file name, bytes). Structure mutations of TOML inputs
        are written as JSON, which the same readers accept."""
        rng = self.rng
        if rng.random() < 0.45:
            return seed.name, self.mutate_bytes(seed.data)
        suffix = Path(seed.name).suffix
        text = seed.data.decode("utf-8")
        if suffix in {".toml", ".json"} and not (seed.reader == "list" and suffix == ".toml"):
            doc = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
            doc = self.mutate_document(doc, seed.reader)
            ascii_only = rng.random() < 0.5 or _has_surrogate(doc)
            out = json.dumps(
                doc, default=str, ensure_ascii=ascii_only, indent=rng.choice([None, 1])
            )
            out = out.replace(f'"{HUGE_INTEGER}"', "9" * 5000)
            return Path(seed.name).stem + ".json", out.encode("utf-8")
        if suffix == ".xml":
            return seed.name, self.mutate_xml(seed.data)
        if suffix in {".csv", ".txt"}:
            delimiter = "\t" if suffix == ".txt" else ","
            return seed.name, self.mutate_rows(text, delimiter).encode("utf-8", "surrogatepass")
        return seed.name, self.mutate_bytes(seed.data)


@functools.cache
def key_pool(reader: str) -> dict[str, list[Any]]:
    """Every value seen under each key in the real inputs of ``reader`` (parsed documents)."""
    pool: dict[str, list[Any]] = {}
    for seed in seeds():
        suffix = Path(seed.name).suffix
        if seed.reader != reader or suffix not in {".toml", ".json"}:
            continue
        text = seed.data.decode("utf-8")
        doc = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
        for container, key in _containers(doc):
            if isinstance(container, dict) and key is not None:
                values = pool.setdefault(key, [])
                if len(values) < 200:
                    values.append(_copy(container[key]))
    return pool


def _looks_like_date(value: Any) -> bool:
    return isinstance(value, date) or (
        isinstance(value, str) and len(value) == 10 and value[4:5] == "-" == value[7:8]
    )


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _as_text(value: Any) -> str:
    if value == HUGE_INTEGER:
        return "9" * 5000
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _has_surrogate(doc: Any) -> bool:
    return any(isinstance(v, str) and LONE_SURROGATE in v for _, v in _leaves(doc)) or (
        LONE_SURROGATE in json.dumps(doc, default=str, ensure_ascii=False)
    )


def _leaves(doc: Any) -> Any:
    stack = [("", doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend((f"{path}.{k}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(node))
        else:
            yield path, node


def _containers(doc: Any) -> Any:
    """(container, key or None) for every dict key and every list in the document."""
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not node:
                yield node, None
            for key, value in node.items():
                yield node, key
                stack.append(value)
        elif isinstance(node, list):
            yield node, None
            stack.extend(node)


# Running a case


def write_case(directory: Path, seed: Seed, name: str, data: bytes) -> Path:
    """Write the case (and the seed's siblings) into ``directory``; return the case's path."""
    directory.mkdir(parents=True, exist_ok=True)
    for sibling, content in seed.siblings:
        (directory / sibling).write_bytes(content)
    path = directory / name
    path.write_bytes(data)
    return path


def _render_all(report: Report, path: Path) -> None:
    source = Source(path.name, path.read_text("utf-8", errors="replace"))
    for output in FORMATS.values():
        output.render_reports([report], [source])


def run_api(seed: Seed, path: Path) -> None:
    """Everything the API does with this kind of input; raises what it raises."""
    rules = builtin_rules()
    if seed.reader == "procurement":
        procurement = riskkit.load_procurement(path)
        _render_all(riskkit.assess(procurement, as_of=AS_OF, packs=rules), path)
        riskkit.suggest(procurement, as_of=AS_OF, packs=rules, max_changes=1)
    elif seed.reader == "pack":
        entities = [] if seed.name == "entities.toml" else [ROOT / "rules" / "entities.toml"]
        packs = load_packs([*entities, path], builtin=False, plugins=False)
        for example in sorted(EXAMPLES.glob("*.toml")):
            _render_all(riskkit.assess(example, as_of=AS_OF, packs=packs), example)
    elif seed.reader == "waivers":
        waivers = load_waivers(path)
        _render_all(apply_waivers(example_report(seed.pair), waivers), EXAMPLES / seed.pair)
    elif seed.reader == "patch":
        patch = load_patch(path)
        procurement = riskkit.load_procurement(EXAMPLES / seed.pair)
        patched = apply_patch(procurement, patch, source=str(path))
        after = riskkit.assess(patched, as_of=AS_OF, packs=rules)
        what_if_reports(patch, example_report(seed.pair), after).to_json()
    elif seed.reader == "report":
        report = load_report(path)
        original = example_report(Path(seed.name).stem + ".toml")
        for match in ("fingerprint", "subject"):
            changes = diff_reports(original, report, match=match)
            for output in FORMATS.values():
                output.render_diff(changes)
    else:
        listed = read_list(path)
        describe(listed)
        render_text(listed)
        screener = Screener.from_list_files([listed])
        for record in listed.records[:3]:
            screener.screen(record.name)
        screener.screen("Example Optronics Trading", country="CN")
        lists = ListSet.load([path])
        riskkit.assess(
            EXAMPLES / "us-police-cctv-federal-grant.toml", as_of=AS_OF, packs=rules, lists=lists
        )


def cli_argv(seed: Seed, path: Path, rng: random.Random) -> list[str]:
    """A command line that reads the case the way a user would."""
    day = ["--as-of", AS_OF.isoformat()]
    fmt = ["--format", rng.choice(sorted(FORMATS))]
    if seed.reader == "procurement":
        return ["assess", str(path), *day, *fmt, *rng.choice([[], ["--suggest"]])]
    if seed.reader == "pack":
        if rng.random() < 0.5:
            return ["rules", "validate", str(path)]
        example = str(EXAMPLES / "us-police-cctv-federal-grant.toml")
        return ["assess", example, *day, *fmt, "--rules", str(path)]
    if seed.reader == "waivers":
        return ["assess", str(EXAMPLES / seed.pair), *day, *fmt, "--waivers", str(path)]
    if seed.reader == "patch":
        return ["assess", str(EXAMPLES / seed.pair), *day, "--what-if", str(path)]
    if seed.reader == "report":
        original = path.parent / "original.json"
        original.write_text(_report_json(Path(seed.name).stem + ".toml"), "utf-8")
        return ["diff", str(original), str(path), *fmt]
    if rng.random() < 0.5:
        return ["lists", "show", str(path), "--format", rng.choice(["text", "json"])]
    if rng.random() < 0.5:
        return ["screen", "Example Optronics Trading", "--list", str(path)]
    example = str(EXAMPLES / "us-police-cctv-federal-grant.toml")
    return ["assess", example, *day, *fmt, "--list", str(path)]


def run_cli(argv: Sequence[str]) -> tuple[int, str]:
    """Exit code and standard error of ``riskkit ARGV``, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def classify(run: Callable[[], None]) -> Outcome:
    """Run one case and say how it ended."""
    start = time.perf_counter()
    try:
        run()
    except RiskkitError as exc:
        return Outcome(f"error:{type(exc).__name__}", str(exc)[:300], time.perf_counter() - start)
    except (Exception, RecursionError) as exc:
        detail = f"{type(exc).__name__}: {exc}"[:300]
        return Outcome(f"internal:{type(exc).__name__}", detail, time.perf_counter() - start)
    return Outcome("report", "", time.perf_counter() - start)


def classify_cli(argv: Sequence[str]) -> Outcome:
    start = time.perf_counter()
    code, err = run_cli(argv)
    seconds = time.perf_counter() - start
    if code not in (0, 1, 2) or "internal error" in err:
        return Outcome(f"internal:exit {code}", err[:300], seconds)
    return Outcome("report" if code in (0, 1) else "error:exit 2", err[:300], seconds)

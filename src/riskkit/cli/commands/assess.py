"""``riskkit assess FILE...``: assess procurements and render the reports.

Many files give one combined document, or with ``--output-dir`` one report per input; on a
terminal a progress bar goes to standard error. ``--waivers`` applies a waivers file to every
report; ``--what-if PATCH`` shows what a patch to one procurement would change, and
``--suggest`` the smallest listed changes that would clear the findings behind a bad verdict.

With ``--suggest --format json`` the output is a ``SuggestedReport``
(``{"report": ..., "suggestions": ...}``; a list of them for many files); with ``--what-if`` as
well, a ``SuggestedWhatIf`` (``patch``, ``baseline``, ``patched``,
``diff`` and ``suggestions`` for the patched deployment).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from riskkit.cli.commands._common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    FAIL_ON,
    UsageError,
    add_as_of_option,
    add_list_option,
    add_pack_options,
    add_waiver_options,
    assessor,
    load_procurements,
    write_output,
)
from riskkit.decisions.suggestions import SuggestedReport, SuggestedWhatIf, suggest
from riskkit.decisions.whatif import apply_patch, load_patch, what_if_reports
from riskkit.errors import InvalidInput
from riskkit.formats import FORMATS, Source
from riskkit.formats.markdown import render_suggestions, render_what_if
from riskkit.model import Procurement
from riskkit.report import VERDICT_ORDER, Report

NAME = "assess"
HELP = "assess procurement files against the rule packs"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="procurement .toml or .json")
    add_as_of_option(parser, help_text="assess as of this day (YYYY-MM-DD; default today)")
    add_pack_options(parser)
    add_list_option(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="markdown")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                     help="write the report(s) here instead of standard output")  # fmt: skip
    out.add_argument(
        "--output-dir", type=Path, default=None, metavar="DIR",
        help="write one report per input into DIR, named after the input (x.toml -> x.json)",
    )  # fmt: skip
    add_waiver_options(parser, applied_to="every report")
    parser.add_argument(
        "--what-if", type=Path, default=None, metavar="PATCH",
        help="apply this patch (.toml) to the one FILE and show which findings change; "
        "the exit code then follows the patched deployment",
    )  # fmt: skip
    parser.add_argument(
        "--suggest", action="store_true",
        help="for a prohibited or high-risk verdict, suggest the smallest listed changes that "
        "would clear each finding (markdown and json only)",
    )  # fmt: skip
    parser.add_argument(
        "--fail-on", choices=FAIL_ON, default="elevated_risk",
        help="exit 1 when a verdict is at or above this (default: elevated_risk)",
    )  # fmt: skip
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 whatever the verdict (errors still exit 2)")  # fmt: skip


class Progress:
    """A one-line progress bar on a terminal; silent when the stream is not a TTY."""

    WIDTH = 28

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.enabled = total > 1 and stream.isatty()
        self._last = 0

    def update(self, done: int, label: str) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"[{bar}] {done}/{self.total} {label[-40:]}"
        self.stream.write("\r" + line.ljust(self._last))
        self.stream.flush()
        self._last = len(line)

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * self._last + "\r")
            self.stream.flush()


def _check(args: argparse.Namespace) -> None:
    if args.what_if is not None and len(args.files) != 1:
        raise UsageError("--what-if applies a patch to one procurement; give exactly one FILE")
    if (args.what_if is not None or args.suggest) and args.output_dir is not None:
        raise UsageError(
            "--what-if and --suggest write one document; use --output, not --output-dir"
        )
    if args.suggest and args.format not in ("markdown", "json"):
        raise UsageError("--suggest works with --format markdown or json")
    if args.output_dir is not None:
        stems: dict[str, str] = {}
        for file in args.files:
            stem = Path(file).stem
            if stem in stems:
                raise UsageError(
                    f"--output-dir: {stems[stem]} and {file} would both be written to "
                    f"{stem}{FORMATS[args.format].extension}; rename one"
                )
            stems[stem] = file


def _source(file: str) -> Source:
    # The file was read once to load it; read again for SARIF lines and HTML file names.
    path = Path(file)
    return Source(path.as_posix(), path.read_text(encoding="utf-8-sig", errors="replace"))


def run(args: argparse.Namespace) -> int:
    _check(args)
    procurements = load_procurements(args.files)
    assess = assessor(args)
    if args.what_if is not None:
        return _what_if(args, procurements[0], assess)
    progress = Progress(len(procurements), sys.stderr)
    reports = []
    for i, (file, p) in enumerate(zip(args.files, procurements, strict=True)):
        progress.update(i, file)
        reports.append(assess(p))
        if args.output_dir is not None:
            _write_one(args, file, reports[-1])
    progress.update(len(procurements), "done")
    progress.close()
    if args.output_dir is None:
        if args.suggest:
            text = _with_suggestions(args.format, procurements, reports, assess)
        else:
            text = FORMATS[args.format].render_reports(reports, [_source(f) for f in args.files])
        write_output(text, args.output)
    return exit_code(reports, args.fail_on, args.exit_zero)


def _write_one(args: argparse.Namespace, file: str, report: Report) -> None:
    directory: Path = args.output_dir
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput.one(str(directory), "", f"cannot create: {exc.strerror}") from None
    target = directory / (Path(file).stem + FORMATS[args.format].extension)
    write_output(FORMATS[args.format].render_report(report, _source(file)), target)


def _with_suggestions(
    fmt: str,
    procurements: Sequence[Procurement],
    reports: Sequence[Report],
    assess: Callable[[Procurement], Report],
) -> str:
    found = [suggest(p, r, assess) for p, r in zip(procurements, reports, strict=True)]
    if fmt == "json":
        docs = [
            SuggestedReport(report=r, suggestions=s).model_dump(mode="json")
            for r, s in zip(reports, found, strict=True)
        ]
        data: object = docs[0] if len(docs) == 1 else docs
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    parts = []
    for r, s in zip(reports, found, strict=True):
        parts.append(FORMATS["markdown"].render_report(r) + "\n" + render_suggestions(s))
    return "\n---\n\n".join(parts)


def _what_if(
    args: argparse.Namespace, procurement: Procurement, assess: Callable[[Procurement], Report]
) -> int:
    patch = load_patch(args.what_if)
    patched = apply_patch(procurement, patch, source=str(args.what_if))
    result = what_if_reports(patch, assess(procurement), assess(patched))
    found = suggest(patched, result.patched, assess) if args.suggest else None
    if args.format == "json":
        if found is None:
            text = result.to_json()
        else:
            text = SuggestedWhatIf(**dict(result), suggestions=found).to_json()
    elif args.format == "markdown":
        text = render_what_if(result)
        if found is not None:
            text += "\n" + render_suggestions(found)
    else:
        text = FORMATS[args.format].render_diff(result.diff)
    write_output(text, args.output)
    return exit_code([result.patched], args.fail_on, args.exit_zero)


def exit_code(reports: Sequence[Report], fail_on: str, exit_zero: bool) -> int:
    if exit_zero or fail_on == "never":
        return EXIT_CLEAN
    threshold = VERDICT_ORDER[fail_on]
    failed = any(VERDICT_ORDER[r.verdict] >= threshold for r in reports)
    return EXIT_FINDINGS if failed else EXIT_CLEAN

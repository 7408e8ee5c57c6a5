"""The work of one task, the same on every engine: read it, map each process, assess it.

Each function runs where the engine puts it (a pool process, a Dask worker, or the caller for
one worker) and takes its context from :func:`riskkit.feeds.batch.context.current`.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from riskkit.errors import InvalidInput
from riskkit.feeds.batch.context import Context, attach_owners, current, process_origin
from riskkit.feeds.batch.heap import give_back_free_heap
from riskkit.feeds.batch.reading import Pending, TaskReading, merged_processes
from riskkit.feeds.batch.row import COLUMNS, Row, assessed, feed_columns, skipped
from riskkit.feeds.batch.tasks import Part
from riskkit.feeds.batch_html import report_path, write_report
from riskkit.feeds.ocds.defects import ReadStats
from riskkit.feeds.ocds.read import Process
from riskkit.formats import FORMATS
from riskkit.model.loading import procurement_from_dict


@attrs.frozen
class TaskResult:
    """What one task gave: its rows in feed order, the releases it leaves to merge, and what
    its read counted."""

    rows: list[Row]
    pending: Pending
    stats: ReadStats


def run_part(part: Part) -> TaskResult:
    """Read, map and assess every process of the part's tasks, in order."""
    context = current()
    reading = TaskReading(context.recipe.validate)
    try:
        rows = [row_of(context, p) for task in part for p in reading.processes(task)]
    except InvalidInput as exc:
        # Re-raised with its problems as arguments, so it survives the trip back to the parent.
        raise InvalidInput(exc.problems) from None
    finally:
        give_back_free_heap()  # what the part freed, so that a worker's memory stays flat
    return TaskResult(rows, reading.pending(), reading.stats)


def run_merged(groups: Pending) -> TaskResult:
    """Merge, map and assess the waiting releases of each ``ocid`` given (a share of
    :func:`~riskkit.feeds.batch.reading.group_pending`)."""
    context = current()
    stats = ReadStats()
    processes = merged_processes(groups, stats, context.recipe.validate)
    return TaskResult([row_of(context, p) for p in processes], [], stats)


def row_of(context: Context, process: Process) -> Row:
    """The process's row: mapped, its BODS owners attached when given, and assessed."""
    try:
        mapped = context.mapper(process, brands=context.brands)
    except InvalidInput as exc:
        row: Row = dict.fromkeys(COLUMNS)
        row.update(ocid=process.ocid, source=process_origin(process))
        return skipped(row, str(exc.problems[0].message))
    warnings = list(mapped.warnings)
    problems = len(process.problems) + process.more_problems  # the release's schema problems
    procurement = mapped.procurement
    reason = warnings[-1] if warnings else "not a valid procurement"
    if procurement is not None and context.owners is not None:
        document, more = attach_owners(mapped.document, context.owners)
        warnings.extend(more)
        try:
            procurement = procurement_from_dict(document, source=mapped.origin)
        except InvalidInput as exc:
            procurement, reason = None, f"with its BODS owners: {exc.problems[0]}"
    row = feed_columns(
        mapped.summary,
        gaps=len(mapped.gaps),
        warnings=len(warnings) + problems,
        source=process_origin(process),
    )
    if procurement is None:
        return skipped(row, reason)
    report = context.assessor.assess(procurement)
    if context.recipe.reports_to is not None:
        folder = Path(context.recipe.reports_to)
        write_report(report_path(folder, process.ocid), FORMATS["html"].render_report(report))
    return assessed(row, report, len(procurement.components))

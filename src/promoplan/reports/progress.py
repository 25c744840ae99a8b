"""`promoplan progress`: the 状态 column a teammate filled in, back into the plan file.

The XLSX that `compile` posts to the team's chat group carries what is needed to
come back: a 状态 (Status) column the team fills in (in Excel, WPS or LibreOffice),
a hidden column headed `id` with each row's task id, and a hidden sheet `promoplan`
naming the campaign (A1 `campaign`, B1 its key; A2 `playbook`, B2 the playbook).
This module reads that, refuses a workbook of another campaign, and writes the
statuses into the plan file's `progress:` block. The plan file is the team's own,
kept in git with its comments: only the block's own lines change (`plan_edit`), so every
other byte, comments included, stays as it was written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from promoplan.errors import Loc, PromoplanError, Say, raise_all
from promoplan.reports.table_import import HEADER_SEARCH_ROWS, Grid, normalize_header, open_workbook
from promoplan.schedule.plan import Plan, PlanTask
from promoplan.schedule.plan import Progress as Status
from promoplan.words import Words
from promoplan.writers import xlsx

# The workbook's layout is the XLSX writer's: its hidden sheet and column headers.
META_SHEET = xlsx.META_SHEET
STATUS_HEADERS = tuple(normalize_header(word) for word in xlsx.STATUS_HEADERS)
ID_HEADER = xlsx.ID_HEADER
SCHEDULE_SHEETS = ("进程表", "schedule")
"""Preferred when several sheets carry the columns (per-owner sheets repeat them)."""


@dataclass(frozen=True)
class Mark:
    """One task's 状态 cell: its status, or None when the cell is empty."""

    task_id: str
    status: Status | None
    loc: Loc


@dataclass(frozen=True)
class Workbook:
    campaign: str
    marks: list[Mark]
    unread: list[PromoplanError]
    """状态 cells that could not be read, each naming its task: those tasks have no mark, so
    their entries in the plan file stay as they are while the rest is recorded."""


@dataclass(frozen=True)
class _Sheet:
    grid: Grid
    head: int
    status: int
    ident: int
    name: int | None


def read_workbook(path: Path, shown: str, plan: Plan, plan_shown: str) -> Workbook:
    """Every row's 状态 of a workbook `compile` wrote from `plan` (the file `plan_shown`).

    A workbook of another campaign, a task the plan does not have, or two rows of a task
    that disagree are errors; a cell that cannot be read is kept in `Workbook.unread`.
    """
    book = open_workbook(path, shown, Say("progress.open-hint"))
    meta = next((book[n] for n in book.sheetnames if n.lower() == META_SHEET), None)
    if meta is None:
        raise PromoplanError(Say("progress.no-meta", sheet=META_SHEET), Loc(shown),
                             Say("progress.how-workbook"))
    if str(meta["A1"].value or "").strip() != "campaign" or not meta["B1"].value:
        raise PromoplanError(Say("progress.no-key"), _grid(meta, shown).loc(1, 2),
                             Say("progress.how-workbook"))
    campaign = str(meta["B1"].value).strip()
    if campaign != plan.campaign:
        # The file, not the hidden sheet's cell: that sheet is nothing the team can see.
        raise PromoplanError(
            Say("progress.other-campaign", book=campaign, plan=plan_shown, campaign=plan.campaign),
            Loc(shown), Say("progress.how-campaign", plan=plan_shown, book=campaign))
    # Only what a teammate sees in Excel or WPS: a hidden sheet (a veryHidden one cannot even
    # be shown without a macro) is nobody's 状态, whatever columns it has.
    grids = [_grid(ws, shown) for ws in book.worksheets if ws is not meta and ws.sheet_state == "visible"]
    found = [sheet for grid in grids if (sheet := _header(grid)) is not None]
    if not found:
        raise PromoplanError(Say("progress.no-columns"), Loc(shown), Say("progress.how-columns"))
    # The 进程表 first: a per-owner sheet may repeat its rows, and a teammate may have filled
    # in either. A status written in any of them counts; two different ones are an error.
    found.sort(key=lambda f: (str(f.grid.sheet).lower() not in SCHEDULE_SHEETS))
    marks, unread = _marks(found, plan, plan_shown)
    return Workbook(campaign, marks, unread)


def _grid(ws: Any, shown: str) -> Grid:
    return Grid(shown, ws.title, [list(r) for r in ws.iter_rows(values_only=True)])


def _header(grid: Grid) -> _Sheet | None:
    """The header row's place and its 状态, id and task name columns, if the sheet has them."""
    from promoplan.reports.table_import.headers import header_fields

    for r, cells in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        words = [normalize_header(v) if isinstance(v, str) else "" for v in cells]
        status = next((c for c, w in enumerate(words, 1) if w in STATUS_HEADERS), None)
        ident = next((c for c, w in enumerate(words, 1) if w == ID_HEADER), None)
        if status is not None and ident is not None:
            return _Sheet(grid, r, status, ident, header_fields(cells).get("name"))
    return None


def task_say(task: PlanTask) -> Say:
    """运营第7项「改价格、改库存数量」: the task as the sheet shows it, in the message's language."""
    return Say("notice.task" if task.section else "notice.task_no_section",
               section=task.section, seq=task.seq, name=task.name)


def _marks(sheets: list[_Sheet], plan: Plan, plan_shown: str) -> tuple[list[Mark], list[PromoplanError]]:
    """Each task's status from the rows that carry its id: empty cells give way to written ones."""
    from promoplan.reports.table_import import clean_text
    from promoplan.schedule.dates import Unreadable

    tasks = {t.id: t for t in plan.tasks}
    marks: dict[str, Mark] = {}
    errors: list[PromoplanError] = []
    unread: dict[str, PromoplanError] = {}
    for sheet in sheets:
        grid = sheet.grid
        for r in range(sheet.head + 1, len(grid.rows) + 1):
            tid = grid.value(r, sheet.ident)
            if tid is None or not str(tid).strip():
                continue  # a section heading, a blank or a summary row
            tid = str(tid).strip()
            value = grid.value(r, sheet.status)
            loc = grid.loc(r, sheet.status)
            written = value is not None and clean_text(value) != ""
            task = tasks.get(tid)
            if task is None:
                if written:
                    name = clean_text(grid.value(r, sheet.name)) if sheet.name else ""
                    errors.append(PromoplanError(
                        Say("progress.not-in-plan", name=name or tid, plan=plan_shown), loc,
                        Say("progress.how-not-in-plan", plan=plan_shown)))
                continue
            status: Status | None = None
            if written:
                try:
                    status = read_cell(value, task)
                except Unreadable as exc:
                    unread.setdefault(tid, PromoplanError(
                        Say("progress.cell", task=task_say(task), reason=exc.said), loc, exc.hint))
                    continue
            seen = marks.get(tid)
            if seen is None or seen.status is None:
                marks[tid] = Mark(tid, status, loc if status is not None or seen is None else seen.loc)
            elif status is not None:
                if _agree(seen.status, status):
                    marks[tid] = Mark(tid, merged(seen.status, status), seen.loc)
                else:
                    errors.append(PromoplanError(
                        Say("progress.rows-disagree", task=task_say(task), other=seen.loc.cell), loc,
                        Say("progress.how-rows-disagree")))
    if errors:
        raise_all([*errors, *unread.values()])
    return [m for m in marks.values() if m.task_id not in unread], list(unread.values())


def read_cell(value: Any, task: PlanTask) -> Status:
    """A 状态 cell as typed: `√`, `完成 12/1`, `进行中 50%`. A day without a year is taken in
    the year that puts it nearest the task's own dates. Raises `Unreadable`."""
    from promoplan.playbook.schema import AnchorSpec
    from promoplan.reports.table_import import Anchor, clean_text
    from promoplan.reports.table_import.moments import moment_when
    from promoplan.reports.table_import.rows import read_time
    from promoplan.schedule.dates import Unreadable
    from promoplan.schedule.resolve.progress import read_status

    if isinstance(value, datetime | date):  # a date alone, which Excel made of `12/1`
        shown = value.date() if isinstance(value, datetime) else value
        raise Unreadable(Say("progress.not-a-status", text=shown.isoformat()), Say("progress.how"))
    written = read_status(clean_text(value))
    if not written.rest:
        return Status(written.status, None, written.percent)
    no_day = Unreadable(Say("progress.not-a-day", text=written.rest), Say("progress.how-day"))
    try:
        moment = read_time(written.rest)
    except ValueError:
        raise no_day from None
    if isinstance(moment, str):
        raise no_day
    near = [Anchor("", AnchorSpec(), when) for when in (task.start, task.due)]
    try:
        day = moment_when(moment, near).day
    except ValueError:
        raise no_day from None
    return Status(written.status, day, written.percent)


# ------------------------------------------------------------------ the plan file


def merged(old: Status | None, new: Status | None) -> Status | None:
    """`new`, with what it leaves out taken from `old` when both say the same status: the
    cell says 完成, the file 完成 2024-10-20, and the file knows more."""
    if old is None or new is None or old.status != new.status:
        return new
    return replace(new, day=new.day or old.day,
                   percent=new.percent if new.percent is not None else old.percent)


def _agree(one: Status, other: Status) -> bool:
    """Two rows of a task say the same, where both say anything."""
    return (one.status == other.status
            and (one.day is None or other.day is None or one.day == other.day)
            and (one.percent is None or other.percent is None or one.percent == other.percent))


def status_text(status: Status | None, words: Words) -> str:
    """完成 2024-10-20, 进行中 50%: a status as the plan file and the report write it."""
    if status is None:
        return words["progress.unrecorded"]
    text = words[f"status_word.{status.status}"]
    if status.percent is not None:
        text += f" {status.percent}%"
    return f"{text} {status.day.isoformat()}" if status.day else text


def update(text: str, plan: Plan, book: Workbook, words: Words) -> tuple[str, list[str]]:
    """The plan file's text with the workbook's statuses in its `progress:` block, and what changed.

    Only the block changes: entries are set, added at its end, or removed when their cell
    was emptied; what a cell leaves out of the status the file already says (its day, its
    percentage) is kept, and a status said in other words is left as written.
    """
    from promoplan.reports import plan_edit
    from promoplan.schedule.resolve import parse_progress
    from promoplan.words.notices import task_ref

    tasks = {t.id: t for t in plan.tasks}
    original = text
    crlf = "\r\n" in text  # a file saved on Windows keeps its line ends
    text = text.replace("\r\n", "\n") if crlf else text
    written = plan_edit.block_values(text, "progress")
    edits: dict[str, str | None] = {}
    changes: list[str] = []
    for mark in book.marks:
        task = tasks[mark.task_id]
        before = written.get(mark.task_id)
        old = parse_progress(before) if before is not None else None
        new = merged(old, mark.status)
        if old == new:
            continue
        edits[mark.task_id] = None if new is None else status_text(new, words)
        changes.append(words["progress.line"].format(
            task=task_ref(task, words), old=status_text(old, words), new=status_text(new, words)))
    if not changes:
        return original, []
    new_text = plan_edit.edit_block(text, "progress", edits)
    return (new_text.replace("\n", "\r\n") if crlf else new_text), changes


def check(text: str, shown: str) -> None:
    """The edited text must still be a valid plan file before it replaces the old one."""
    from promoplan.playbook.layers import validate_layer
    from promoplan.playbook.yaml_reader import parse_yaml

    validate_layer(parse_yaml(text, shown))

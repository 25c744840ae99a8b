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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from promoplan.errors import Loc, PromoplanError, raise_all
from promoplan.reports.table_import import HEADER_SEARCH_ROWS, Grid, normalize_header, open_workbook
from promoplan.schedule.plan import Plan
from promoplan.schedule.plan import Progress as Status
from promoplan.words import Words
from promoplan.writers import xlsx

# The workbook's layout is the XLSX writer's: its hidden sheet and column headers.
META_SHEET = xlsx.META_SHEET
STATUS_HEADERS = tuple(normalize_header(word) for word in xlsx.STATUS_HEADERS)
ID_HEADER = xlsx.ID_HEADER
SCHEDULE_SHEETS = ("进程表", "schedule")
"""Preferred when several sheets carry the columns (per-owner sheets repeat them)."""

_STATUS_HINT = ("pick 完成, 进行中, 受阻 or 取消, or done, doing, blocked, cancelled; a date may "
                "follow: 完成 2024-10-20")


@dataclass(frozen=True)
class Mark:
    """One task's 状态 cell: its status, or None when the cell is empty."""

    task_id: str
    status: Status | None
    loc: Loc


@dataclass(frozen=True)
class Workbook:
    campaign: str
    campaign_loc: Loc
    marks: list[Mark]


def read_workbook(path: Path, shown: str) -> Workbook:
    """The campaign key and every row's 状态 of a workbook `compile` wrote."""
    book = open_workbook(path, shown, "give the .xlsx that promoplan compile wrote")
    meta = next((book[n] for n in book.sheetnames if n.lower() == META_SHEET), None)
    if meta is None:
        raise PromoplanError(f"no campaign key: the hidden sheet '{META_SHEET}' is missing",
                             Loc(shown),
                             "fill in the 状态 column of the workbook that promoplan compile "
                             "-o plan.xlsx wrote")
    if str(meta["A1"].value or "").strip() != "campaign" or not meta["B1"].value:
        raise PromoplanError("no campaign key: expected 'campaign' in A1 and the key in B1",
                             _grid(meta, shown).loc(1, 2),
                             "fill in the 状态 column of the workbook that promoplan compile "
                             "-o plan.xlsx wrote")
    campaign = str(meta["B1"].value).strip()
    campaign_loc = _grid(meta, shown).loc(1, 2)
    # Only what a teammate sees in Excel or WPS: a hidden sheet (a veryHidden one cannot even
    # be shown without a macro) is nobody's 状态, whatever columns it has.
    grids = [_grid(ws, shown) for ws in book.worksheets if ws is not meta and ws.sheet_state == "visible"]
    found = [(grid, head) for grid in grids for head in [_header(grid)] if head is not None]
    if not found:
        raise PromoplanError("no sheet with a 状态 or Status column and an id column",
                             Loc(shown), "compile the plan to .xlsx again: it writes both")
    # The 进程表 first: a per-owner sheet may repeat its rows, and a teammate may have filled
    # in either. A status written in any of them counts; two different ones are an error.
    found.sort(key=lambda f: (str(f[0].sheet).lower() not in SCHEDULE_SHEETS))
    return Workbook(campaign, campaign_loc, _marks(found))


def _grid(ws: Any, shown: str) -> Grid:
    return Grid(shown, ws.title, [list(r) for r in ws.iter_rows(values_only=True)])


def _header(grid: Grid) -> tuple[int, int, int] | None:
    """(row, 状态 column, id column) of the header row, if the sheet has one."""
    for r, cells in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        words = [normalize_header(v) if isinstance(v, str) else "" for v in cells]
        status = next((c for c, w in enumerate(words, 1) if w in STATUS_HEADERS), None)
        ident = next((c for c, w in enumerate(words, 1) if w == ID_HEADER), None)
        if status is not None and ident is not None:
            return r, status, ident
    return None


def _marks(sheets: list[tuple[Grid, tuple[int, int, int]]]) -> list[Mark]:
    """Each task's status from the rows that carry its id: empty cells give way to written ones."""
    from promoplan.schedule.resolve import parse_progress

    marks: dict[str, Mark] = {}
    errors: list[PromoplanError] = []
    for grid, (head, status_col, id_col) in sheets:
        for r in range(head + 1, len(grid.rows) + 1):
            tid = grid.value(r, id_col)
            if tid is None or not str(tid).strip():
                continue  # a section heading, a blank or a summary row
            tid = str(tid).strip()
            value = grid.value(r, status_col)
            loc = grid.loc(r, status_col)
            status: Status | None = None
            if value is not None and str(value).strip():
                if not isinstance(value, str):
                    errors.append(PromoplanError(f"cannot read {value!r} as a status", loc,
                                                 _STATUS_HINT))
                    continue
                try:
                    status = parse_progress(" ".join(value.split()))
                except ValueError as exc:
                    errors.append(PromoplanError(str(exc), loc, _STATUS_HINT))
                    continue
            seen = marks.get(tid)
            if seen is None or seen.status is None:
                marks[tid] = Mark(tid, status, loc if status is not None or seen is None else seen.loc)
            elif status is not None and status != seen.status:
                errors.append(PromoplanError(
                    f"task '{tid}' has another status at {seen.loc.cell}", loc,
                    "a task's rows must agree: give them the same 状态"))
    raise_all(errors)
    return list(marks.values())


# ------------------------------------------------------------------ the plan file


def status_text(status: Status | None, words: Words) -> str:
    """完成 2024-10-20: a status as the plan file and the report write it."""
    if status is None:
        return words["progress.unrecorded"]
    word = words[f"status_word.{status.status}"]
    return f"{word} {status.day.isoformat()}" if status.day else word


def update(text: str, shown: str, plan: Plan, book: Workbook,
           words: Words) -> tuple[str, list[str]]:
    """The plan file's text with the workbook's statuses in its `progress:` block, and what changed.

    Only the block changes: entries are set, added at its end, or removed when their cell
    was emptied; a status the file already says (in whatever words) is left as written.
    """
    from promoplan.reports import plan_edit
    from promoplan.schedule.resolve import parse_progress
    from promoplan.words.notices import task_ref

    if book.campaign != plan.campaign:
        raise PromoplanError(
            f"this workbook is for campaign '{book.campaign}', but {shown} is campaign "
            f"'{plan.campaign}'", book.campaign_loc,
            f"fill in the workbook compiled from {shown}, or give the plan file of "
            f"'{book.campaign}' to --into")
    tasks = {t.id: t for t in plan.tasks}
    unknown = [PromoplanError(f"no task '{m.task_id}' in {shown}", m.loc,
                              f"the workbook is older than the plan: compile {shown} to .xlsx again")
               for m in book.marks if m.task_id not in tasks and m.status is not None]
    raise_all(unknown)
    original = text
    crlf = "\r\n" in text  # a file saved on Windows keeps its line ends
    text = text.replace("\r\n", "\n") if crlf else text
    written = plan_edit.block_values(text, "progress")
    edits: dict[str, str | None] = {}
    changes: list[str] = []
    for mark in book.marks:
        task = tasks.get(mark.task_id)
        if task is None:
            continue
        before = written.get(mark.task_id)
        old = parse_progress(before) if before is not None else None
        if old == mark.status:
            continue
        if old is not None and mark.status is not None and mark.status.day is None \
                and old.status == mark.status.status:
            continue  # 完成 in the cell, 完成 2024-10-20 in the file: the file knows more
        edits[mark.task_id] = None if mark.status is None else status_text(mark.status, words)
        changes.append(words["progress.line"].format(
            task=task_ref(task, words), old=status_text(old, words), new=status_text(mark.status, words)))
    if not changes:
        return original, []
    new = plan_edit.edit_block(text, "progress", edits)
    return (new.replace("\n", "\r\n") if crlf else new), changes


def check(text: str, shown: str) -> None:
    """The edited text must still be a valid plan file before it replaces the old one."""
    from promoplan.playbook.layers import validate_layer
    from promoplan.playbook.yaml_reader import parse_yaml

    validate_layer(parse_yaml(text, shown))

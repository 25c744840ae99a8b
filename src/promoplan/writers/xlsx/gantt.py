"""The 甘特图: one column per time slot, one bar per task in its section's colour.

Five head rows (the title, the months or days, each column's date, the weekdays, the
anchors' labels with the legend beside them, in the name columns), then per group a
band and its tasks, as on the 进程表. Each task's name is shown whole, on as many lines
as it takes in a name column wide enough that most take one or two. Days off are shaded
by column (the empty cells take the column's colour, so a task row writes only its bar)
and a bar over a day off is striped; an anchor's column is red. Which parts print on
which page is gantt_pages' business; the month (or day) is written again at the first
column of every page. Nothing is merged but the title and the legend, in the name
columns: a page may start at any column.
"""

from __future__ import annotations

import math
from datetime import datetime, time
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from promoplan.schedule.plan import PlanTask
from promoplan.vocabulary import GroupBy, Phase
from promoplan.writers.xlsx.gantt_axis import Axis
from promoplan.writers.xlsx.gantt_pages import Room, paginate, plan_pages
from promoplan.writers.xlsx.labels import CLOCK_FORMAT
from promoplan.writers.xlsx.layout import MIN_ROW, Context, Group, chrono, holiday_labels
from promoplan.writers.xlsx.sheet import merge, new_cell, put
from promoplan.writers.xlsx.styles import (
    ANCHOR_FILL,
    ANCHOR_TINT,
    CENTRE,
    DAY_OFF_FILL,
    HEADER_FILL,
    HEADER_TEXT,
    LEFT,
    MUTED_TEXT,
    PHASE_COLOURS,
    PHASE_TINTS,
    TOP_WRAP,
    TURNED,
    VERTICAL,
    WRAP,
    FontSpec,
    Look,
)
from promoplan.writers.xlsx.text import clean, line_count

FIRST_COL = 3  # the first time column: A is 序号, B the task's name
_HEAD_ROWS = 5  # title, months, day numbers, weekdays, anchor labels
_FIRST_ROW = _HEAD_ROWS + 1

# Column widths, in Excel's units (the width of a digit).
_SEQ_WIDTH = 4.5
_NAME_WIDTH = 30.0  # most names on one or two lines, and seven weeks of days beside them
_SLOT_WIDTH = {"day": 3.0, "week": 4.6, "half-hour": 2.6}
_TIMED_DAY_WIDTH = 5.0  # a day column with a task's time (10:00) on its bar

# Row heights, in points.
_BAND_HEIGHT = 20.0
_PERIOD_HEIGHT = 18.0  # row 2, the months
_DATE_HEIGHT = 18.0  # row 3, each column's date
_WEEKDAY_HEIGHT = 16.0  # row 4, the weekdays (by day; a thin rule otherwise)
_RULE_HEIGHT = 6.0
_TITLE_MIN = 22.0  # row 1, at least: the title, up to three lines of 12 pt
_TITLE_LINE = 16.0  # a line of the 12 pt title
_TITLE_PADDING = 6.0
_LABEL_CHAR = 12.5  # row 5: one stacked character of an anchor's label (9 pt)
_LABEL_PADDING = 8.0
_LABEL_MAX = 160.0  # row 5 at most, however long a label
_NAME_LINE = 16.0  # a line of an 11 pt name as LibreOffice sets it in Noto Sans CJK (Excel: 15)
_NAME_PADDING = 2.0  # around a task's name in its row


def gantt(book: Workbook, name: str, ctx: Context, parts: list[Group], group_by: GroupBy,
          axis: Axis, title: str, legend: str) -> None:
    """The sheet `name`: the tasks of `parts` along `axis`."""
    plan, st = ctx.plan, ctx.styles
    ws = book.create_sheet(name)
    slots = axis.begins
    unit = axis.unit
    anchors: dict[int, list[str]] = {}
    for anchor in chrono(plan):
        when = anchor.when.begin
        if slots and slots[0] <= when < slots[-1] + axis.step:
            anchors.setdefault(axis.index(when), []).append(anchor.label)
    off = {i for i, s in enumerate(slots) if unit == "day" and s.date() in ctx.off}
    timed_days = ({t.start.day for t in plan.tasks if t.start.clock}
                  | {t.due.day for t in plan.tasks if t.due.clock and t.due.day != t.start.day})

    ws.column_dimensions["A"].width = _SEQ_WIDTH
    ws.column_dimensions["B"].width = _NAME_WIDTH
    base = _SLOT_WIDTH[unit]
    widths = [_TIMED_DAY_WIDTH if unit == "day" and s.date() in timed_days else base for s in slots]
    anchor_fill, off_fill = st.fill(ANCHOR_TINT), st.fill(DAY_OFF_FILL)
    for i, width in enumerate(widths):
        letter = get_column_letter(FIRST_COL + i)
        ws.column_dimensions[letter].width = width
        # Empty cells of a day off or an anchor's column take the column's colour, so a
        # task row writes only its bar: far fewer cells on a large plan.
        if i in anchors:
            ws.column_dimensions[letter].fill = anchor_fill
        elif i in off:
            ws.column_dimensions[letter].fill = off_fill
    # Where a page may start: where row 2 names the month (by day: also every Monday; by
    # week: each month's first week), or a full hour (by half hour).
    good = {i for i, s in enumerate(slots)
            if i == 0 or (unit == "day" and (s.weekday() == 0 or s.day == 1))
            or (unit == "half-hour" and s.minute == 0) or (unit == "week" and s.day <= 7)}

    # Row 1: the title within the name columns (printed on every page with them).
    put(ws, 1, 1, title, st.get("gantt title", font=FontSpec(12, True, HEADER_FILL), align=WRAP))
    merge(ws, 1, 1, 2)
    # The title is 12 pt in columns measured in 11 pt characters.
    title_lines = min(3, line_count(clean(title), (_SEQ_WIDTH + _NAME_WIDTH) * 11 / 12))
    ws.row_dimensions[1].height = max(_TITLE_MIN, title_lines * _TITLE_LINE + _TITLE_PADDING)
    _unit_rows(ws, ctx, axis, anchors, off)
    _label_row(ws, ctx, axis, anchors, off, legend)
    ws.row_dimensions[2].height = _PERIOD_HEIGHT

    # The body's rows, measured before they are written: the pages are cut from them.
    rows: list[tuple[Group, PlanTask | None]] = []
    heights: list[float] = []
    spans: list[tuple[int, int] | None] = []
    bands: set[int] = set()
    for group in parts:
        bands.add(len(rows))
        rows.append((group, None))
        heights.append(_BAND_HEIGHT)
        spans.append(None)
        for task in group.tasks:
            covered = axis.slots(task)
            rows.append((group, task))
            heights.append(_name_height(ctx, task))
            spans.append((covered[0], covered[-1]))
    head = sum(ws.row_dimensions[r].height for r in range(1, _FIRST_ROW))
    pages = plan_pages(heights, spans, bands, head,
                       Room(widths, _SEQ_WIDTH + _NAME_WIDTH, good))
    white = st.get("gantt white", fill="FFFFFF", blank=True)  # over a day off's grey column too
    for i in range(len(slots)):
        put(ws, 1, FIRST_COL + i, None, white)
    _period_row(ws, ctx, axis, {p.slots[0] for p in pages or ()})

    for row, (group, item) in enumerate(rows, _FIRST_ROW):
        if item is None:
            _band_row(ws, row, ctx, group, group_by, len(slots))
        else:
            _task_row(ws, row, ctx, item, axis, off)
        ws.row_dimensions[row].height = heights[row - _FIRST_ROW]

    ws.freeze_panes = ws.cell(row=_FIRST_ROW, column=FIRST_COL)
    column_looks = {i: st.get(f"gantt column {fill}", fill=fill, blank=True)
                    for i, fill in ((i, ANCHOR_TINT if i in anchors else DAY_OFF_FILL)
                                    for i in set(anchors) | off)}
    paginate(ws, ctx, title, _FIRST_ROW, FIRST_COL, pages, column_looks)


def _band_row(ws: Any, row: int, ctx: Context, group: Group, group_by: GroupBy, slots: int) -> None:
    """A group's band: its name and count in the name column, its tint across."""
    st, labels = ctx.styles, ctx.labels
    band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[Phase.NONE]) if group_by is GroupBy.PHASE
            else ctx.colours[group.key][0])
    tint = (ctx.colours[group.key][1] if group_by is GroupBy.SECTION
            else PHASE_TINTS.get(group.key, PHASE_TINTS[Phase.NONE]))
    tinted = st.get(f"gantt tint {tint}", fill=tint, blank=True)
    ws.append([new_cell(ws, None, st.get(f"gantt band {band}", fill=band, blank=True)),
               new_cell(ws, labels["count"].format(label=group.label, n=len(group.tasks)),
                        st.get(f"gantt band {band} name", font=FontSpec(bold=True), fill=band,
                               align=LEFT)),
               *(new_cell(ws, None, tinted) for _ in range(slots))])


def _period_row(ws: Any, ctx: Context, axis: Axis, marks: set[int]) -> None:
    """Row 2: the month (by day or week) or the day (by half hour), at its first column
    and again at each of `marks` (every page's first column). Not merged: the text runs
    on over the empty cells after it, and a page may start at any column."""
    st, labels, slots = ctx.styles, ctx.labels, axis.begins
    header = st.get("gantt head", fill=HEADER_FILL, blank=True)
    month_head = st.get("gantt head text", font=FontSpec(bold=True, color=HEADER_TEXT),
                        fill=HEADER_FILL, align=LEFT)
    put(ws, 2, 1, None, header)
    put(ws, 2, 2, None, header)

    def key(moment: datetime) -> tuple[int, ...]:
        if axis.unit == "half-hour":
            return (moment.year, moment.month, moment.day)
        return (moment.year, moment.month)

    last_year = None
    for i, moment in enumerate(slots):
        if not (i == 0 or i in marks or key(slots[i - 1]) != key(moment)):
            put(ws, 2, FIRST_COL + i, None, header)
            continue
        if axis.unit == "half-hour":
            text = ctx.words.day(moment.date())
        else:
            mon = ctx.words["months"].split("|")[moment.month - 1]
            text = (labels["month"] if last_year != moment.year else labels["month_short"]).format(
                y=moment.year, m=moment.month, mon=mon)
            last_year = moment.year
        put(ws, 2, FIRST_COL + i, text, month_head)


def _unit_rows(ws: Any, ctx: Context, axis: Axis, anchors: dict[int, list[str]],
               off: set[int]) -> None:
    """Rows 3 and 4: each column's day (its Monday by week, its half hour by hour) as a
    real date, and the weekday (by day)."""
    st, labels = ctx.styles, ctx.labels
    header = st.get("gantt head", fill=HEADER_FILL, blank=True)
    put(ws, 3, 1, labels["seq"], st.get("gantt head seq", font=FontSpec(bold=True, color=HEADER_TEXT),
                                        fill=HEADER_FILL, align=CENTRE))
    put(ws, 3, 2, labels["name"], st.get("gantt head text", font=FontSpec(bold=True, color=HEADER_TEXT),
                                         fill=HEADER_FILL, align=LEFT))
    put(ws, 4, 1, None, header)
    put(ws, 4, 2, None, header)
    fmt = {"day": "d", "week": 'm"/"d', "half-hour": "h"}[axis.unit]
    for i, moment in enumerate(axis.begins):
        if i in anchors:
            kind, fill, font = "anchor", ANCHOR_FILL, FontSpec(9, True, HEADER_TEXT)
        elif i in off:
            kind, fill, font = "off", DAY_OFF_FILL, FontSpec(8, color=MUTED_TEXT)
        else:
            kind, fill, font = "plain", "FFFFFF", FontSpec(8)
        col = FIRST_COL + i
        style = st.get(f"gantt unit {kind} {fmt}", font=font, fill=fill, align=CENTRE, fmt=fmt)
        # By half hour, each hour is written at its first half (the second stays empty).
        shown = None if axis.unit == "half-hour" and moment.minute else (
            moment if axis.unit != "day" else moment.date())
        put(ws, 3, col, shown, style)
        text = labels["weekdays"][moment.weekday()] if axis.unit == "day" else None
        put(ws, 4, FIRST_COL + i, text, st.get(f"gantt unit {kind}", font=font, fill=fill,
                                               align=CENTRE))
    ws.row_dimensions[3].height = _DATE_HEIGHT
    ws.row_dimensions[4].height = _WEEKDAY_HEIGHT if axis.unit == "day" else _RULE_HEIGHT


def _label_row(ws: Any, ctx: Context, axis: Axis, anchors: dict[int, list[str]],
               off: set[int], legend: str) -> None:
    """Row 5: each anchor's label in its own column, written top to bottom, so labels a
    day apart never run together; holidays named on their first day off. The legend sits
    in the name columns, so every printed page has it."""
    st = ctx.styles
    put(ws, 5, 1, legend, st.get("gantt legend", font=FontSpec(9, color=HEADER_TEXT), fill=HEADER_FILL,
                                 align=TOP_WRAP))
    merge(ws, 5, 1, 2)
    # 9 pt text in columns measured in 11 pt characters.
    legend_height = line_count(legend, (_SEQ_WIDTH + _NAME_WIDTH) * 11 / 9) * _LABEL_CHAR + _LABEL_PADDING
    zh = ctx.words.lang == "zh"
    holidays = holiday_labels(ctx.off) if axis.unit == "day" else {}
    tallest = 2
    for i, moment in enumerate(axis.begins):
        if i in anchors:
            text = "/".join(anchors[i])
            style = st.get("gantt anchor label", font=FontSpec(9, True, ANCHOR_FILL), fill=ANCHOR_TINT,
                           align=VERTICAL if zh else TURNED)
        elif i in off:
            text = holidays.get(moment.date(), "")
            style = st.get("gantt off label", font=FontSpec(8, color=MUTED_TEXT), fill=DAY_OFF_FILL,
                           align=VERTICAL if zh else TURNED)
        else:
            continue
        put(ws, 5, FIRST_COL + i, text or None, style)
        # Stacked, a character a line; turned, a Latin letter takes about 0.6 of one.
        tallest = max(tallest, len(text) if zh else math.ceil(len(text) * 0.6))
    ws.row_dimensions[5].height = max(min(tallest * _LABEL_CHAR + _LABEL_PADDING, _LABEL_MAX),
                                      legend_height)


def _bar_look(ctx: Context, bar: str, striped: bool, timed: bool) -> Look:
    """A bar's cell: the section's colour, striped over a day off, with a time or not (a
    bar without one needs only its fill). Looked up before its fill is built: a large plan
    asks for it on every bar cell."""
    key = (bar, striped, timed)
    found = ctx.bar_looks.get(key)
    if found is None:
        fill = (PatternFill("lightUp", start_color="FFFFFF", end_color=bar) if striped
                else ctx.styles.fill(bar))
        name = f"gantt bar {bar}{' off' * striped}{' time' * timed}"
        found = ctx.bar_looks[key] = (
            ctx.styles.get(name, font=FontSpec(8), fill=fill, align=CENTRE, fmt=CLOCK_FORMAT)
            if timed else ctx.styles.get(name, fill=fill, blank=True))
    return found


def _name_height(ctx: Context, task: PlanTask) -> float:
    """A task row's height: its whole name, on as many lines as it takes."""
    return max(MIN_ROW, ctx.lines(task.name, _NAME_WIDTH) * _NAME_LINE + _NAME_PADDING)


def _task_row(ws: Any, row: int, ctx: Context, task: PlanTask, axis: Axis, off: set[int]) -> None:
    """A task's row: 序号, name and its bar."""
    st = ctx.styles
    bar, _tint = ctx.colours[task.section]
    ws.append([new_cell(ws, ctx.seq[task.id], st.get(f"gantt seq {bar}", fill=bar, align=CENTRE)),
               new_cell(ws, task.name or None, st.get("gantt name", align=WRAP))])
    slots = axis.slots(task)
    labels: dict[int, time] = {}
    if axis.unit == "day":
        if task.start.clock:
            labels[slots[0]] = task.start.clock
        if task.due.clock and task.due.day != task.start.day:
            labels[slots[-1]] = task.due.clock
    for i in slots:
        put(ws, row, FIRST_COL + i, labels.get(i), _bar_look(ctx, bar, i in off, i in labels))

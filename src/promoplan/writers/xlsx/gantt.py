"""The 甘特图: one column per time slot, one bar per task in its section's colour.

Five head rows (the title and legend, the months or days, each column's date, the
weekdays, the anchors' labels), then per group a band and its tasks, as on the 进程表.
Days off are shaded by column (the empty cells take the column's colour, so a task
row writes only its bar) and a bar over a day off is striped; an anchor's column is
red. How the chart prints is gantt_pages' business.
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
from promoplan.writers.xlsx.gantt_pages import column_pages, paginate
from promoplan.writers.xlsx.labels import CLOCK_FORMAT
from promoplan.writers.xlsx.layout import LINE, MIN_ROW, Context, Group, chrono, holiday_labels
from promoplan.writers.xlsx.sheet import merge, put
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
    solid,
)
from promoplan.writers.xlsx.text import clean, line_count, text_width

FIRST_COL = 3  # the first time column: A is 序号, B the task's name
_HEAD_ROWS = 5  # title, months, day numbers, weekdays, anchor labels
_FIRST_ROW = _HEAD_ROWS + 1

# Column widths, in Excel's units (the width of a digit).
_SEQ_WIDTH = 4.5
_NAME_WIDTH = 18.0
_SLOT_WIDTH = {"day": 3.4, "week": 4.6, "half-hour": 2.6}
_TIMED_DAY_WIDTH = 5.8  # a day column with a task's time (10:00) on its bar

# Row heights, in points.
_BAND_HEIGHT = 20.0
_PERIOD_HEIGHT = 18.0  # row 2, the months
_DATE_HEIGHT = 18.0  # row 3, each column's date
_WEEKDAY_HEIGHT = 16.0  # row 4, the weekdays (by day; a thin rule otherwise)
_RULE_HEIGHT = 6.0
_TITLE_MIN = 28.0  # row 1, at least: the title (up to three lines of 12 pt) and the legend
_TITLE_LINE = 16.0  # a line of the 12 pt title
_TITLE_PADDING = 6.0
_LABEL_CHAR = 12.5  # row 5: one stacked character of an anchor's label (9 pt)
_LABEL_PADDING = 8.0
_LABEL_MAX = 160.0  # row 5 at most, however long a label
_BAR_PADDING = 3.0  # around a task's name, at most two lines, in its row


def gantt(book: Workbook, name: str, ctx: Context, parts: list[Group], group_by: GroupBy,
          axis: Axis, title: str, legend: str) -> None:
    """The sheet `name`: the tasks of `parts` along `axis`."""
    plan, st, labels = ctx.plan, ctx.styles, ctx.labels
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
    anchor_fill, off_fill = solid(ANCHOR_TINT), solid(DAY_OFF_FILL)
    for i, width in enumerate(widths):
        letter = get_column_letter(FIRST_COL + i)
        ws.column_dimensions[letter].width = width
        # Empty cells of a day off or an anchor's column take the column's colour, so a
        # task row writes only its bar: far fewer cells on a large plan.
        if i in anchors:
            ws.column_dimensions[letter].fill = anchor_fill
        elif i in off:
            ws.column_dimensions[letter].fill = off_fill
    good = {i for i, s in enumerate(slots)
            if (unit == "day" and s.weekday() == 0) or (unit == "half-hour" and s.minute == 0)
            or (unit == "week" and s.day <= 7)}
    starts = column_pages(widths, _SEQ_WIDTH + _NAME_WIDTH, good)

    # Row 1: the title within the name columns (printed on every page with them), and
    # the legend beside it.
    put(ws, 1, 1, title, st.get("gantt title", font=FontSpec(12, True, HEADER_FILL), align=WRAP))
    merge(ws, 1, 1, 2)
    put(ws, 1, FIRST_COL, legend, st.get("legend", font=FontSpec(10, color=MUTED_TEXT), align=LEFT))
    plain = st.get("plain")  # over a day off's grey column, the legend stays on white
    for i in range(1, len(slots)):
        put(ws, 1, FIRST_COL + i, None, plain)
    # The title is 12 pt in columns measured in 11 pt characters.
    title_lines = min(3, line_count(clean(title), (_SEQ_WIDTH + _NAME_WIDTH) * 11 / 12))
    ws.row_dimensions[1].height = max(_TITLE_MIN, title_lines * _TITLE_LINE + _TITLE_PADDING)

    _period_row(ws, ctx, axis, starts)
    _unit_rows(ws, ctx, axis, anchors, off)
    _label_row(ws, ctx, axis, anchors, off)

    row = _HEAD_ROWS
    heights: list[float] = []
    bands: set[int] = set()
    written: dict[int, range] = {}
    for group in parts:
        row += 1
        band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[Phase.NONE]) if group_by is GroupBy.PHASE
                else ctx.colours[group.key][0])
        tint = (ctx.colours[group.key][1] if group_by is GroupBy.SECTION
                else PHASE_TINTS.get(group.key, PHASE_TINTS[Phase.NONE]))
        put(ws, row, 1, None, st.get(f"gantt band {band}", fill=band))
        put(ws, row, 2, labels["count"].format(label=group.label, n=len(group.tasks)),
            st.get(f"gantt band {band} name", font=FontSpec(bold=True), fill=band, align=LEFT))
        tinted = st.get(f"gantt tint {tint}", fill=tint)
        for i in range(len(slots)):
            put(ws, row, FIRST_COL + i, None, tinted)
        ws.row_dimensions[row].height = _BAND_HEIGHT
        bands.add(len(heights))
        heights.append(_BAND_HEIGHT)
        written[row] = range(len(slots))
        for task in group.tasks:
            row += 1
            written[row] = _task_row(ws, row, ctx, task, axis, off)
            heights.append(ws.row_dimensions[row].height)

    ws.freeze_panes = ws.cell(row=_FIRST_ROW, column=FIRST_COL)
    paginate(ws, ctx, title, _FIRST_ROW, FIRST_COL, starts, heights, bands, written, anchors, off)


def _period_row(ws: Any, ctx: Context, axis: Axis, starts: list[int]) -> None:
    """Row 2: the month (by day or week) or the day (by half hour), merged over its
    columns and labelled again at the first column of every printed page."""
    st, labels, slots = ctx.styles, ctx.labels, axis.begins
    header = st.get("gantt head", fill=HEADER_FILL)
    month_head = st.get("gantt head text", font=FontSpec(bold=True, color=HEADER_TEXT),
                        fill=HEADER_FILL, align=LEFT)
    put(ws, 2, 1, None, header)
    put(ws, 2, 2, None, header)
    page_starts = set(starts)

    def key(moment: datetime) -> tuple[int, ...]:
        if axis.unit == "half-hour":
            return (moment.year, moment.month, moment.day)
        return (moment.year, moment.month)

    last_year = None
    first = 0
    for i, moment in enumerate(slots):
        nxt = slots[i + 1] if i + 1 < len(slots) else None
        if nxt is not None and key(nxt) == key(moment) and i + 1 not in page_starts:
            continue
        begin = slots[first]
        if axis.unit == "half-hour":
            text = ctx.words.day(begin.date())
        else:
            wide = sum(ws.column_dimensions[get_column_letter(FIRST_COL + j)].width
                       for j in range(first, i + 1))
            mon = ctx.words["months"].split("|")[begin.month - 1]
            full = labels["month"].format(y=begin.year, m=begin.month, mon=mon)
            short = labels["month_short"].format(m=begin.month, mon=mon)
            text = full if last_year != begin.year and text_width(full) + 1 <= wide else short
            last_year = begin.year
        put(ws, 2, FIRST_COL + first, text, month_head)
        if i > first:
            merge(ws, 2, FIRST_COL + first, FIRST_COL + i)
        first = i + 1
    ws.row_dimensions[2].height = _PERIOD_HEIGHT


def _unit_rows(ws: Any, ctx: Context, axis: Axis, anchors: dict[int, list[str]],
               off: set[int]) -> None:
    """Rows 3 and 4: each column's day (its Monday by week, its half hour by hour) as a
    real date, and the weekday (by day)."""
    st, labels = ctx.styles, ctx.labels
    header = st.get("gantt head", fill=HEADER_FILL)
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
        if axis.unit == "half-hour" and moment.minute:
            merge(ws, 3, col - 1, col)  # by half hour, each hour spans its two columns
        else:
            put(ws, 3, col, moment if axis.unit != "day" else moment.date(), style)
        text = labels["weekdays"][moment.weekday()] if axis.unit == "day" else None
        put(ws, 4, FIRST_COL + i, text, st.get(f"gantt unit {kind}", font=font, fill=fill,
                                               align=CENTRE))
    ws.row_dimensions[3].height = _DATE_HEIGHT
    ws.row_dimensions[4].height = _WEEKDAY_HEIGHT if axis.unit == "day" else _RULE_HEIGHT


def _label_row(ws: Any, ctx: Context, axis: Axis, anchors: dict[int, list[str]],
               off: set[int]) -> None:
    """Row 5: each anchor's label in its own column, written top to bottom, so labels a
    day apart never run together; holidays named on their first day off."""
    st = ctx.styles
    header = st.get("gantt head", fill=HEADER_FILL)
    put(ws, 5, 1, None, header)
    put(ws, 5, 2, None, header)
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
    ws.row_dimensions[5].height = min(tallest * _LABEL_CHAR + _LABEL_PADDING, _LABEL_MAX)


def _bar_style(ctx: Context, bar: str, striped: bool, timed: bool) -> str:
    """A bar's cell: the section's colour, striped over a day off, with a time or not.
    Looked up before its fill is built: a large plan asks for it on every bar cell."""
    key = (bar, striped, timed)
    found = ctx.bar_styles.get(key)
    if found is None:
        fill = (PatternFill("lightUp", start_color="FFFFFF", end_color=bar) if striped
                else solid(bar))
        found = ctx.bar_styles[key] = ctx.styles.get(
            f"gantt bar {bar}{' off' * striped}{' time' * timed}", font=FontSpec(8), fill=fill,
            align=CENTRE, fmt=CLOCK_FORMAT if timed else "General")
    return found


def _task_row(ws: Any, row: int, ctx: Context, task: PlanTask, axis: Axis, off: set[int]) -> range:
    """A task's row: 序号, name and its bar; returns the slots the bar covers."""
    st = ctx.styles
    bar, _tint = ctx.colours[task.section]
    lines = min(2, ctx.lines(task.name, _NAME_WIDTH))
    put(ws, row, 1, ctx.seq[task.id], st.get(f"gantt seq {bar}", fill=bar, align=CENTRE))
    put(ws, row, 2, task.name or None,
        st.get("gantt name tall" if lines > 1 else "gantt name", align=TOP_WRAP if lines > 1 else WRAP))
    slots = axis.slots(task)
    labels: dict[int, time] = {}
    if axis.unit == "day":
        if task.start.clock:
            labels[slots[0]] = task.start.clock
        if task.due.clock and task.due.day != task.start.day:
            labels[slots[-1]] = task.due.clock
    for i in slots:
        put(ws, row, FIRST_COL + i, labels.get(i), _bar_style(ctx, bar, i in off, i in labels))
    ws.row_dimensions[row].height = max(MIN_ROW, lines * LINE + _BAR_PADDING)
    return slots

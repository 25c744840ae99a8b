"""A workbook as stable plain text, for `git diff` of committed XLSX files.

`promoplan textconv plan.xlsx` (set as the git textconv of *.xlsx) prints every
sheet, one line a row; the Gantt's time columns print as a bar per row, so a moved
deadline shows as a moved bar. It reads any workbook, not only promoplan's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from promoplan.workbooks import open_workbook

_PAPER = {9: "A4", 1: "Letter", 8: "A3", 11: "A5"}


def textconv(data: bytes, name: str) -> str:
    """A stable plain-text form of every sheet, for `git diff` of committed XLSX files.

    The workbook is anybody's (a hostile one may be committed): `workbooks.open_workbook`
    bounds it before openpyxl parses it, and refuses it with a message.

    One line per row (`row | value | value …`), dates as ISO, times as HH:MM. On a
    sheet with a row of evenly spaced dates (the Gantt's days, weeks or half hours),
    each row's time columns become a bar: █ where the cell has the row's colour, ▒
    where that colour is striped (a day off under the bar), · elsewhere; then any
    values in those columns as @key value.
    """
    book = open_workbook(data, name)
    out: list[str] = []  # no file name: git gives textconv a temporary copy of the old side
    for ws in book.worksheets:
        if out:
            out.append("")
        out.append(f"== {ws.title} ==" + (f" ({ws.sheet_state})" if ws.sheet_state != "visible" else ""))
        out.append(_sheet_settings(ws))
        out.extend(_sheet_rows(ws))
    return "\n".join(out) + "\n"


def _sheet_settings(ws: Any) -> str:
    parts = []
    if ws.freeze_panes:
        parts.append(f"freeze {ws.freeze_panes}")
    if ws.auto_filter.ref:
        parts.append(f"filter {ws.auto_filter.ref}")
    hidden = [k for k, d in sorted(ws.column_dimensions.items()) if d.hidden]
    if hidden:
        parts.append("hidden " + " ".join(hidden))
    setup = ws.page_setup
    paper = _PAPER.get(int(setup.paperSize), str(setup.paperSize)) if setup.paperSize else "-"
    fit = (f" fit {setup.fitToWidth or 0}x{setup.fitToHeight or 0}"
           if ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
           else f" scale {setup.scale}" if setup.scale else "")
    order = f" {setup.pageOrder}" if setup.pageOrder else ""
    parts.append(f"print {setup.orientation or 'default'} {paper}{fit}{order}")
    titles = " ".join(t for t in (ws.print_title_rows, ws.print_title_cols) if t)
    if titles:
        parts.append(f"titles {titles}")
    if ws.col_breaks.brk:
        parts.append("breaks after " + " ".join(get_column_letter(b.id) for b in ws.col_breaks.brk))
    for check in ws.data_validations.dataValidation:
        parts.append(f"list {check.sqref} {check.formula1}")
    return "(" + ", ".join(parts) + ")"


def _shown(cell: Any) -> str:
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, datetime):
        fmt = re.sub(r'"[^"]*"|\[[^\]]*\]', "", str(cell.number_format or "")).lower()
        if "h" in fmt or value.time() != time(0):
            return f"{value:%Y-%m-%d %H:%M}"
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ⏎ ".join(str(value).split("\n"))


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    return None


def _time_run(ws: Any) -> tuple[int, int, int, datetime, timedelta] | None:
    """(row, first column, last column, first moment, step per column) of the longest run
    of evenly spaced dates in one of the top rows: the Gantt's time axis. The dates may
    stand every other column (an hour over its two half-hour columns)."""
    best: tuple[int, int, int, datetime, timedelta] | None = None
    for row in ws.iter_rows(max_row=min(ws.max_row, 12)):
        found = [(c.column, m) for c in row if (m := _moment(c.value)) is not None]
        i = 0
        while i < len(found):
            j = i + 1
            if j < len(found):
                gap, step = found[j][0] - found[i][0], found[j][1] - found[i][1]
                while (j + 1 < len(found) and found[j + 1][0] - found[j][0] == gap
                       and found[j + 1][1] - found[j][1] == step and step > timedelta(0)):
                    j += 1
                if step > timedelta(0) and j - i >= 2:
                    first, last = found[i][0], found[j][0] + gap - 1
                    if best is None or last - first > best[2] - best[1]:
                        best = (row[0].row, first, last, found[i][1], step / gap)
            i = j
    return best


def _rgb(cell: Any) -> str | None:
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.start_color
    return str(colour.rgb) if colour is not None and colour.type == "rgb" else None


def _bar(cell: Any, own: str | None) -> str:
    """█ a bar cell, ▒ a bar cell on a day off (striped), · anything else."""
    fill = cell.fill
    if own is None or fill is None or fill.fill_type is None:
        return "·"
    if fill.fill_type == "solid":
        return "█" if _rgb(cell) == own else "·"
    colour = fill.end_color
    return "▒" if colour is not None and colour.type == "rgb" and str(colour.rgb) == own else "·"


def _marks(cells: list[Any], origin: datetime, step: timedelta, first: int) -> str:
    """`@key value` for each filled cell of the time columns."""
    return " ".join(f"@{_key(origin + step * (c.column - first), step)} {_shown(c)}" for c in cells)


def _key(moment: datetime, step: timedelta) -> str:
    return f"{moment:%m-%d %H:%M}" if step < timedelta(days=1) else f"{moment:%m-%d}"


def _sheet_rows(ws: Any) -> list[str]:
    run = _time_run(ws)
    lines = []
    for row in ws.iter_rows():
        if not row:
            continue
        r = row[0].row
        if run is None:
            values = [_shown(c) for c in row]
            while values and not values[-1]:
                values.pop()
            if values:
                lines.append(f"{r:>4} | " + " | ".join(values))
            continue
        head, first, last, origin, step = run
        outside = [c for c in row if not first <= c.column <= last]
        values = [_shown(c) for c in outside]
        while values and not values[-1]:
            values.pop()
        inside = [ws.cell(row=r, column=col) for col in range(first, last + 1)]
        filled = [c for c in inside if _shown(c)]

        if r < head:
            if filled:
                values.append(_marks(filled, origin, step, first))
        elif r == head:
            unit = {timedelta(days=1): "days", timedelta(weeks=1): "weeks",
                    timedelta(minutes=30): "half-hours"}.get(step, str(step))
            ends = [origin, origin + step * (last - first)]
            shown = [f"{m:%Y-%m-%d %H:%M}" if step < timedelta(days=1) else f"{m:%Y-%m-%d}"
                     for m in ends]
            values.append(f"{shown[0]} .. {shown[1]} ({len(inside)} {unit})")
        else:
            own = _rgb(row[0])
            bar = "".join(_bar(c, own) for c in inside)
            if bar.strip("·"):
                values.append(bar)
            if filled and len(filled) == len(inside):
                values.append("".join(_shown(c) for c in filled))
            elif filled:
                values.append(_marks(filled, origin, step, first))
        if any(values):
            lines.append(f"{r:>4} | " + " | ".join(values))
    return lines

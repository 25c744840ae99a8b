"""The task rows under the header: what each row says, and the cells that cannot be read.

A section is written on each row, once for its block (a merged cell, or a heading row
above the block), or not at all; 合计 and 共37项 rows are no tasks, nor are the bands of
promoplan's own 进程表 (运营（37项）, a row without times). A start or due cell holds an
offset as the team wrote it (报名前20天), or a date in one of the ways Excel and people
write them: a date cell, an Excel serial, 2024/10/14 10:00, 10月14日 15点, 10.14, and
promoplan's own `10月13日 周日 休` / `Sun 13 Oct off` (休 and off mark a day off).
Every unreadable cell is kept as a problem, to be reported with the others in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from promoplan.errors import Loc, PromoplanError
from promoplan.reports.table_import.cells import Grid
from promoplan.reports.table_import.headers import find_header, header_fields, normalize_header

_SUBTOTAL = ("合计", "小计", "总计")
_SUBTOTAL_EN = ("total", "subtotal", "sum", "grandtotal")
_COUNT = re.compile(r"共\d+项|\d+ tasks?", re.IGNORECASE)
"""A block's count in the name column (共37项), as promoplan's own 进程表 wrote it."""
_BAND = re.compile(r".+（\d+项）|.+ \(\d+\)")
"""A group's name and count in the name column of a row without times (运营（37项）,
Ops (9)), as promoplan's own 进程表 writes its bands."""
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def clean_text(value: Any) -> str:
    """A cell's text as one line: a line break Excel wrapped inside Chinese text goes away."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CJK_GAP.sub("", str(value))
    return re.sub(r"\s+", " ", text).strip()


def has_cjk(text: str) -> bool:
    """Chinese text or not: it picks the playbook's language, the offsets' words and the ids."""
    return re.search(rf"[{_CJK}]", text) is not None


@dataclass(frozen=True)
class Moment:
    """A date or date-time written in a cell; `year` is None when the team left it out (10月14日)."""

    year: int | None
    month: int
    day: int
    clock: time | None = None
    written: str = field(default="", compare=False)
    """The cell as the team wrote it, for messages."""


@dataclass
class Row:
    """One task row as the table wrote it."""

    number: int
    name: str
    section: str
    owner: str
    notes: str
    times: dict[str, tuple[Loc, str | Moment]] = field(default_factory=dict)
    """start / due → where, and the offset text or the date written there."""


@dataclass
class Table:
    grid: Grid
    header_row: int
    columns: dict[str, int]
    title: str
    english: bool
    rows: list[Row]
    problems: list[PromoplanError] = field(default_factory=list)
    """Cells that could not be read; reported with what `convert` finds, in one run."""


def read_table(grid: Grid) -> Table:
    """The task rows of a sheet, and the cells that could not be read (`Table.problems`)."""
    if not any(v is not None for row in grid.rows for v in row):
        raise PromoplanError("the sheet is empty", grid.loc(1, 1),
                             "pick the sheet with the schedule with --sheet" if grid.sheet else None)
    head = find_header(grid)
    columns = header_fields(grid.rows[head - 1])
    english = all(not has_cjk(str(grid.rows[head - 1][c - 1])) for c in columns.values())
    title = next((clean_text(v) for row in grid.rows[:head - 1]
                  for v in row if isinstance(v, str) and v.strip()), "")
    rows, errors = _rows(grid, head, columns)
    if not rows and not errors:
        raise PromoplanError("no task rows below the header", grid.loc(head, 1),
                             "write one task per row under the header")
    return Table(grid, head, columns, title, english, rows, errors)


def _rows(grid: Grid, head: int, columns: dict[str, int]) -> tuple[list[Row], list[PromoplanError]]:
    rows: list[Row] = []
    errors: list[PromoplanError] = []
    section = ""
    has_section = "section" in columns
    time_cols = [columns[k] for k in ("start", "due") if k in columns]
    name_col = columns["name"]

    def text(r: int, key: str) -> str:
        return clean_text(grid.value(r, columns[key])) if key in columns else ""

    for r in range(head + 1, len(grid.rows) + 1):
        cells = grid.rows[r - 1]
        filled = [v for v in cells if v is not None and clean_text(v)]
        if not filled:
            continue
        if any(isinstance(v, str) and (normalize_header(v).startswith(_SUBTOTAL)
                                       or normalize_header(v) in _SUBTOTAL_EN
                                       or _COUNT.fullmatch(v.strip())) for v in filled):
            continue
        if has_section and text(r, "section"):
            section = text(r, "section")
        name = text(r, "name")
        timed = any(grid.value(r, c) is not None for c in time_cols)
        if not timed and _BAND.fullmatch(name):
            continue
        others = timed or text(r, "owner") or text(r, "notes")
        if not name:
            if not others:
                if not has_section and len(filled) == 1 and isinstance(filled[0], str):
                    # a heading row above its block (a lone 序号 is no heading)
                    section = clean_text(filled[0])
                continue
            errors.append(PromoplanError("a row without a task name", grid.loc(r, name_col),
                                         "write what has to be done here, or delete the row"))
            continue
        if not timed:
            if not has_section and not others:
                section = name
                continue
            where = grid.loc(r, columns.get("start", columns.get("due", name_col)))
            errors.append(PromoplanError(f"「{name}」 has no start or due time", where,
                                         "write an offset such as 报名前20天 or a date"))
            continue
        row = Row(r, name, section, text(r, "owner"), text(r, "notes"))
        for key in ("start", "due"):
            if key not in columns or grid.value(r, columns[key]) is None:
                continue
            loc = grid.loc(r, columns[key])
            try:
                row.times[key] = (loc, read_time(grid.value(r, columns[key])))
            except ValueError as exc:
                message, _, hint = str(exc).partition("\n")
                errors.append(PromoplanError(message, loc, hint or None))
        rows.append(row)
    return rows, errors


# ------------------------------------------------------------------ time cells

_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MD = re.compile(r"(\d{1,2})\s*[./月-]\s*(\d{1,2})\s*日?")
_WEEKDAY = re.compile(r"\s*[（(]?\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）]?")
_EN_DAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+(\d{1,2})\s+"
                     r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{4}))?",
                     re.IGNORECASE)
"""`Tue 24 Sep`, `Tue 24 Sep 2024`: a day as promoplan's own English 进程表 writes it."""
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_OFF = re.compile(r"\s*(?:休|off)$", re.IGNORECASE)
"""The mark after a day off, as promoplan's own 进程表 writes it."""
_CELL_CLOCK = re.compile(
    r"(?:T|\s)*(\d{1,2})\s*(?:[:：]\s*(\d{2})(?::\d{2})?|[点时]\s*(?:(\d{1,2})\s*分?|(半))?)")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_DATE_HINT = "\nwrite a date as 2024-10-14, 2024/10/14 10:00 or 10月14日, or an offset such as 开团前3天"


def read_time(value: Any) -> str | Moment:
    """A start or due cell: the offset text as written, or the date it holds.

    Raises ValueError("message\\nhint") for what is neither.
    """
    if isinstance(value, datetime):
        clock = time(value.hour, value.minute) if (value.hour, value.minute) != (0, 0) else None
        return Moment(value.year, value.month, value.day, clock)
    if isinstance(value, date):
        return Moment(value.year, value.month, value.day)
    if isinstance(value, time):
        raise ValueError(f"a time of day ({value:%H:%M}) with no date"
                         "\nwrite the date too, or an offset such as 开团当天15点")
    if isinstance(value, bool):
        raise ValueError(f"cannot read {value} as a time" + _DATE_HINT)
    if isinstance(value, int | float):
        return _number(value)
    text = clean_text(value)
    if _SERIAL.fullmatch(text):
        return _number(float(text))
    moment = _date_text(text)
    return moment if moment is not None else text


def _number(value: float) -> Moment:
    """A number in a date column: an Excel date serial, or 10.14 typed as a number."""
    if value >= 60:
        from openpyxl.utils.datetime import from_excel  # type: ignore[import-untyped]

        try:
            moment = from_excel(value)
        except (OverflowError, ValueError):
            raise ValueError(f"cannot read {value:g} as a date" + _DATE_HINT) from None
        assert isinstance(moment, datetime)
        return read_time(moment.replace(second=0, microsecond=0))  # type: ignore[return-value]
    month = int(value)
    hundredths = round((value - month) * 100)
    if 1 <= month <= 12 and 1 <= hundredths <= 31 and abs(value - month - hundredths / 100) < 1e-9:
        if hundredths % 10 == 0:
            raise ValueError(
                f"the number {value:g} may mean {month}月{hundredths // 10}日 or {month}月{hundredths}日: "
                f"Excel drops the last zero of {month}.{hundredths}\nwrite the cell as text, such as "
                f"{month}月{hundredths // 10}日, or as a date")
        return Moment(None, month, hundredths, written=f"{value:g}")
    raise ValueError(f"cannot read the number {value:g} as a time" + _DATE_HINT)


def _date_text(text: str) -> Moment | None:
    """`2024/10/14 10:00`, `10月14日 15点`, `10.14`: a written date, or None when the text is no date."""
    m = _YMD.match(text)
    year: int | None = None
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _EN_DAY.match(text):
        day, month = int(m.group(1)), _MONTHS.index(m.group(2).lower()) + 1
        year = int(m.group(3)) if m.group(3) else None
    else:
        m = _MD.match(text)
        if not m:
            return None
        month, day = int(m.group(1)), int(m.group(2))
    rest = _DAY_OFF.sub("", _WEEKDAY.sub("", text[m.end():], count=1).strip())
    clock = None
    if rest:
        c = _CELL_CLOCK.fullmatch(rest)
        if not c:
            raise ValueError(f"cannot read '{text}': unexpected '{rest}' after the date" + _DATE_HINT)
        hour = int(c.group(1))
        minute = int(c.group(2) or c.group(3) or 0) if not c.group(4) else 30
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError(f"no such time of day {hour}:{minute:02d} in '{text}'"
                             "\nhours 0-23, minutes 0-59")
        clock = time(hour, minute)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise ValueError(f"no such date '{text}'" + _DATE_HINT)
    try:
        date(2000 if year is None else year, month, day)  # 2000: 2月29日 may be right in some year
    except ValueError:
        raise ValueError(f"no such date '{text}'" + _DATE_HINT) from None
    return Moment(year, month, day, clock, text)

"""XLSX for the team's chat group: what most of the team will ever see of promoplan.

The lead attaches the file to the DingTalk / WeChat Work group and people open it
on a phone, in WPS or in Excel, so it follows the progress sheets teams keep today
(seeds 001 and 004) and stays readable on a small screen:

- 进程表 (schedule): a title block, then one row per task grouped by section (the
  seed sheets' 版块 blocks) or by phase, numbered within each group, with real Excel
  dates shown as `10月30日 周三 10:25`; header frozen, autofilter, A4 landscape one
  page wide with the header repeated on every page.
- 甘特图 (Gantt): one column per day, a bar per task in its section's colour, anchor
  days marked and labelled, days off (weekends and holidays from the plan's working
  calendar) shaded and striped under bars, month headers; timed tasks show their time
  in the cell.
- 时间节点 (key dates): anchors and milestones (point-in-time tasks) by date, and
  what happens on each, like the seed's 10.10 发券 … 11.11 list.
- one schedule per owner role with --xlsx-by-owner, so each lead prints only theirs.

Same plan, same bytes: the document properties are pinned and the zip is written
again with fixed timestamps and a stable entry order. Text is always text, never a
formula, and characters XML cannot hold are replaced instead of failing the run.
`textconv` turns a file back into stable plain text for `git diff`.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from promoplan.errors import PromoplanError
from promoplan.i18n import Words
from promoplan.plan import Plan, PlanAnchor, PlanTask, When
from promoplan.writers import WriterOptions
from promoplan.writers.md_ import grouped as by_phase

# ---------------------------------------------------------------- words

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "sheet_plan": "进程表", "sheet_gantt": "甘特图", "sheet_nodes": "时间节点",
        "seq": "序号", "section": "版块/\n部门", "name": "详细项目内容", "start": "开始时间",
        "due": "预计完成时间", "role": "负责岗位", "people": "责任人", "notes": "备注",
        "phase": "阶段", "no_phase": "未分阶段", "brand": "品牌：{brand}",
        "count": "{label}（{n}项）", "band": "共{n}项", "given": "按 {dates} 生成",
        "derived": "其余日期按剧本推算",
        "event": "活动期 {start} 至 {end}", "span": "计划期 {first} 至 {last}，共{n}项",
        "owner_people": "责任人：{people}", "owner_none": "责任人：（未指定）",
        "gantt_title": "甘特图 · {title}",
        "gantt_legend": "灰色：休息日（周末、节假日）　条纹：任务跨休息日　红色：时间节点",
        "month": "{y}年{m}月", "month_short": "{m}月", "weekdays": "一二三四五六日",
        "nodes_title": "时间节点 · {title}", "day": "日期", "clock": "时间", "node": "节点",
        "what": "事项", "within": "当天：{names}", "starts": "开始：{names}", "dues": "截止：{names}",
        "more": "等{n}项",
        "list_sep": "、", "part_sep": "；", "warnings": "注意", "sep": " · ",
        "footer": "第 &P 页，共 &N 页",
    },
    "en": {
        "sheet_plan": "Schedule", "sheet_gantt": "Gantt", "sheet_nodes": "Key dates",
        "seq": "No.", "section": "Section", "name": "Task", "start": "Start", "due": "Due",
        "role": "Owner role", "people": "People", "notes": "Notes", "phase": "Phase",
        "no_phase": "No phase", "brand": "Brand: {brand}", "count": "{label} ({n})",
        "band": "{n} tasks",
        "given": "Generated for {dates}", "derived": "other dates derived by the playbook",
        "event": "Event {start} to {end}", "span": "Plan runs {first} to {last}, {n} tasks",
        "owner_people": "People: {people}", "owner_none": "People: (not assigned)",
        "gantt_title": "Gantt · {title}",
        "gantt_legend": "Grey: days off (weekends, holidays)   Striped: a task over a day off   "
                        "Red: key dates",
        "month": "{mon} {y}", "month_short": "{mon}", "weekdays": "MTWTFSS",
        "nodes_title": "Key dates · {title}", "day": "Date", "clock": "Time", "node": "Key date",
        "what": "What happens", "within": "That day: {names}", "starts": "Starts: {names}",
        "dues": "Due: {names}",
        "more": "and {n} more", "list_sep": ", ", "part_sep": "; ", "warnings": "Warnings",
        "sep": " · ", "footer": "Page &P of &N",
    },
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Excel number formats. The [$-804] / [$-409] locale prefix makes Excel, WPS and
# LibreOffice print the weekday in the sheet's language whatever the phone's locale
# is (without it LibreOffice reads `aaa` in an English locale as literal text).
_DAY_FORMAT = {"zh": '[$-804]m"月"d"日" "周"aaa', "en": "[$-409]ddd d mmm"}
_DAY_FORMAT_YEAR = {"zh": '[$-804]yyyy"年"m"月"d"日" "周"aaa', "en": "[$-409]ddd d mmm yyyy"}
_CLOCK_FORMAT = "hh:mm"

# ---------------------------------------------------------------- looks

FONT_NAME = {"zh": "等线", "en": "Calibri"}
# Section colours, in the playbook's section order: (bar, tint). Medium tones so black
# text stays legible on the bars; the tint colours the section's rows.
SECTION_COLOURS: list[tuple[str, str]] = [
    ("8EB4E3", "DEEAF6"),  # blue
    ("F4B183", "FBE5D6"),  # orange
    ("A9D18E", "E2F0D9"),  # green
    ("FFD966", "FFF2CC"),  # gold
    ("B4A7D6", "E8E3F3"),  # purple
    ("92CDDC", "DDF0F5"),  # teal
    ("F2A7C3", "FBE4EE"),  # pink
    ("BFBFBF", "EDEDED"),  # grey
]
PHASE_COLOURS = {"before": "BDD7EE", "during": "F8CBAD", "after": "C6E0B4", "": "D9D9D9"}
PHASE_TINTS = {"before": "EEF4FB", "during": "FDF0E8", "after": "EFF6EA", "": "F2F2F2"}
HEADER_FILL = "1F4E79"
HEADER_TEXT = "FFFFFF"
ANCHOR_FILL = "C00000"
ANCHOR_TINT = "FADBD8"
DAY_OFF_FILL = "E7E6E6"
DAY_OFF_TEXT = "C00000"
WARN_FILL = "FFEB9C"
MUTED_TEXT = "595959"
BORDER_COLOUR = "BFBFBF"

_LINE = 15.0  # points per line of 11 pt CJK text
_MIN_ROW = 20.0  # a row a finger can hit on a phone
_GANTT_PAGE_WIDTH = 230.0  # column-width units that still print legibly on one A4 page
_MAX_DAYS = 3660  # a Gantt of more than ten years is a mistake in the playbook, not a plan
_CELL_MAX = 32767  # Excel's limit for the text of one cell


def _labels(words: Words) -> dict[str, str]:
    return LABELS[words.lang]


# ---------------------------------------------------------------- safe text

_FORMULA_START = ("=", "+", "-", "@")
# XML 1.0 cannot hold C0 controls other than tab and newline, lone surrogates, U+FFFE/F;
# DEL is legal XML but nobody means it.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def clean(text: str) -> str:
    """Text an XLSX can hold: line breaks kept, control characters replaced."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ILLEGAL.sub(REPLACEMENT, text)
    return text[:_CELL_MAX]


def text_width(text: str) -> int:
    """Width in Excel column units: CJK and full-width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


# ---------------------------------------------------------------- plan shape


@dataclass(frozen=True)
class Group:
    key: str
    """The section name, or the phase key (before, during, after, '')."""
    label: str
    tasks: list[PlanTask]


def groups(plan: Plan, group_by: str, words: Words) -> list[Group]:
    """Sections in the playbook's order (playbook order inside), or phases in time order."""
    if group_by == "phase":
        return [Group(phase, words[phase] or _labels(words)["no_phase"], tasks)
                for phase, tasks in by_phase(plan)]
    out: list[Group] = []
    for task in plan.by_section():
        if not out or out[-1].key != task.section:
            out.append(Group(task.section, task.section, []))
        out[-1].tasks.append(task)
    return out


def numbering(parts: list[Group]) -> dict[str, int]:
    """序号 restarts in every group, as the seed tables number each 版块."""
    return {task.id: i for group in parts for i, task in enumerate(group.tasks, 1)}


def section_colours(plan: Plan) -> dict[str, tuple[str, str]]:
    names = list(plan.sections)
    names += [t.section for t in plan.by_section() if t.section not in names]
    names = list(dict.fromkeys(names))
    return {name: SECTION_COLOURS[i % len(SECTION_COLOURS)] for i, name in enumerate(names)}


def days_off(plan: Plan) -> dict[date, str]:
    """Days off work with the holiday's name where there is one ('' for a weekend).

    They come from the plan's working calendar (weekends and Chinese statutory holidays
    are off, 调休 make-up workdays are not); the Gantt shades them, date cells say 休.
    """
    return dict(sorted(plan.days_off.items()))


def holiday_labels(off: dict[date, str]) -> dict[date, str]:
    """One label per run of days off: the holiday's name on the run's first day.

    A run of 9-15 (weekend), 9-16 (休息日, swapped by 调休) and 9-17 (中秋节) is labelled
    中秋节 on 9-15; a plain weekend gets no label.
    """
    labels: dict[date, str] = {}
    run: list[date] = []
    for day in [*off, None]:
        if run and (day is None or day - run[-1] != timedelta(days=1)):
            names = [off[d] for d in run if off[d] and "调休" not in off[d]]
            if names:
                labels[run[0]] = re.split(r"[（(]", names[0], maxsplit=1)[0].strip()
            run = []
        if day is not None:
            run.append(day)
    return labels


def plan_days(plan: Plan) -> tuple[date, date] | None:
    days = [a.when.day for a in plan.anchors if a.source != "placeholder"]
    days += [t.start.day for t in plan.tasks] + [t.due.day for t in plan.tasks]
    if plan.event:
        days += [plan.event[0].day, plan.event[1].day]
    return (min(days), max(days)) if days else None


def milestones(plan: Plan) -> list[PlanTask]:
    """Point-in-time tasks (`at:`): the dates a team lists in its 时间节点."""
    return [t for t in plan.by_time() if t.start == t.due]


def _chrono(plan: Plan) -> list[PlanAnchor]:
    live = [a for a in plan.anchors if a.source != "placeholder"]
    return sorted(live, key=lambda a: a.when.sort_key())


def _value(when: When) -> date | datetime:
    return datetime.combine(when.day, when.clock) if when.clock else when.day


def _iso(when: When) -> str:
    return f"{when.day.isoformat()} {when.clock:%H:%M}" if when.clock else when.day.isoformat()


# ---------------------------------------------------------------- cell writing


def _fill(rgb: str) -> Any:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


class _Look:
    """The styles of one workbook, made once (openpyxl shares equal styles anyway)."""

    def __init__(self, words: Words, multi_year: bool) -> None:
        self.lang = words.lang
        name = FONT_NAME[words.lang]
        self.font = Font(name=name, size=11)
        self.bold = Font(name=name, size=11, bold=True)
        self.title = Font(name=name, size=16, bold=True, color=HEADER_FILL)
        self.muted = Font(name=name, size=10, color=MUTED_TEXT)
        self.header = Font(name=name, size=11, bold=True, color=HEADER_TEXT)
        self.small = Font(name=name, size=8)
        self.small_muted = Font(name=name, size=8, color=MUTED_TEXT)
        self.small_white = Font(name=name, size=9, bold=True, color=HEADER_TEXT)
        self.anchor_label = Font(name=name, size=10, bold=True, color=ANCHOR_FILL)
        self.day_off = Font(name=name, size=11, color=DAY_OFF_TEXT)
        side = Side(style="thin", color=BORDER_COLOUR)
        self.grid = Border(left=side, right=side, top=side, bottom=side)
        self.wrap = Alignment(vertical="center", wrap_text=True)
        self.top_wrap = Alignment(vertical="top", wrap_text=True)
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center")
        self.header_fill = _fill(HEADER_FILL)
        self.anchor_fill = _fill(ANCHOR_FILL)
        self.anchor_tint = _fill(ANCHOR_TINT)
        self.day_off_fill = _fill(DAY_OFF_FILL)
        self.warn_fill = _fill(WARN_FILL)
        self.day_format = (_DAY_FORMAT_YEAR if multi_year else _DAY_FORMAT)[words.lang]
        self.when_format = self.day_format + " " + _CLOCK_FORMAT
        self.off_suffix = f' "{words["day_off"]}"'
        self.fills: dict[str, Any] = {}

    def fill(self, rgb: str) -> Any:
        if rgb not in self.fills:
            self.fills[rgb] = _fill(rgb)
        return self.fills[rgb]

    def striped(self, rgb: str) -> Any:
        """A bar's colour with white stripes: the bar runs over a day off."""
        key = "striped " + rgb
        if key not in self.fills:
            self.fills[key] = PatternFill(fill_type="lightUp", start_color="FFFFFF", end_color=rgb)
        return self.fills[key]


def put(ws: Any, row: int, col: int, value: object, *, font: Any = None, fill: Any = None,
        align: Any = None, border: Any = None, fmt: str | None = None) -> Any:
    """Write one cell. Text is always stored as text: a name that starts with = + - @
    stays a string (and Excel's quote prefix keeps it one when someone edits it).

    openpyxl hashes every style object on every assignment, which was most of the
    time of a large sheet; a combination seen before is copied from its first cell.
    """
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = clean(value)
        cell.value = text
        cell.data_type = "s"
    elif value is not None:
        cell.value = value
    # Keyed by the cell's style so far and the objects' identity; the entry keeps the
    # objects alive, so no id is ever reused for another object.
    key = (tuple(cell._style or ()), id(font), id(fill), id(align), id(border), fmt)
    styles: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] = (
        ws.parent.__dict__.setdefault("_promoplan_styles", {}))
    if key in styles:
        cell._style = copy(styles[key][0])
    else:
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if align is not None:
            cell.alignment = align
        if border is not None:
            cell.border = border
        if fmt is not None:
            cell.number_format = fmt
        styles[key] = (copy(cell._style), (font, fill, align, border))
    if isinstance(value, str) and cell.value.startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


def _print_setup(ws: Any, look: _Look, *, title_rows: str, title_cols: str | None = None,
                 pages_wide: int = 1, footer_left: str = "") -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    # Header and footer codes start with &: a literal & is written twice.
    ws.oddFooter.left.text = clean(footer_left).replace("&", "&&")[:100]
    ws.oddFooter.right.text = LABELS[look.lang]["footer"]


# ---------------------------------------------------------------- 进程表

_COLUMNS = ("seq", "section", "name", "start", "due", "role", "people", "notes", "phase")
_WRAPPED = {"section", "name", "role", "people", "notes"}
_HEADER_ROW = 4


@dataclass
class _Context:
    plan: Plan
    words: Words
    look: _Look
    colours: dict[str, tuple[str, str]]
    seq: dict[str, int]
    off: dict[date, str]
    warnings: dict[str, list[str]]


def _widths(ctx: _Context) -> dict[str, float]:
    tasks = ctx.plan.tasks

    def fit(texts: Iterable[str], low: float, high: float) -> float:
        # The header wraps, so only the contents decide.
        widest = max([0, *(text_width(t) for t in texts)])
        return float(min(max(widest + 2, low), high))

    date_width = 17.0 if ctx.words.lang == "en" else 19.0
    if "yyyy" in ctx.look.day_format:
        date_width += 5
    if any(d in ctx.off for t in tasks for d in (t.start.day, t.due.day)):
        date_width += 2.5  # room for 休
    return {
        # Narrow columns before the dates: a phone at 100 % (390 px) shows 序号, 版块, the
        # name and the start date side by side.
        "seq": 4.5,
        "section": fit((t.section for t in tasks), 7, 12),
        "name": fit((t.name for t in tasks), 12, 22),
        "start": date_width,
        "due": date_width,
        "role": fit((t.owner for t in tasks), 8, 14),
        "people": fit((_people(t) for t in tasks), 8, 16),
        "notes": fit((_notes(ctx, t) for t in tasks), 10, 36),
        "phase": fit((ctx.words[t.phase] for t in tasks), 6, 10),
    }


def _people(task: PlanTask) -> str:
    return "、".join(p.name for p in task.people)


def _notes(ctx: _Context, task: PlanTask) -> str:
    parts = [ctx.words.repeat_note(task)] if task.occurrences else []
    parts += [task.notes] if task.notes else []
    parts += [f"⚠ {message}" for message in ctx.warnings.get(task.id, [])]
    return "\n".join(parts)


def _title_block(ws: Any, ctx: _Context, title: str, third: str) -> None:
    plan, words, look = ctx.plan, ctx.words, ctx.look
    labels = _labels(words)
    year = "yyyy" in look.day_format
    anchors = "　".join(f"{a.label} {words.when(a.when, year=year)}" for a in _chrono(plan))
    second = labels["sep"].join(
        [labels["brand"].format(brand=plan.brand)] * bool(plan.brand) + [anchors] * bool(anchors))
    # One line each, not wrapped and not merged: the text runs on over the empty cells,
    # and the frozen block stays a few lines tall on a phone (scroll right to read on).
    for row, text, font, height in ((1, title, look.title, 26.0), (2, second, look.bold, 20.0),
                                    (3, third, look.muted, 18.0)):
        put(ws, row, 1, text.replace("\n", " "), font=font, align=look.left)
        ws.row_dimensions[row].height = height


def _plan_line(ctx: _Context, count: int) -> str:
    plan, words = ctx.plan, ctx.words
    labels = _labels(words)
    parts = []
    given = [a for a in _chrono(plan) if a.source in ("given", "file")]
    if given:
        text = labels["given"].format(dates=labels["list_sep"].join(f"{a.label} {_iso(a.when)}"
                                                                    for a in given))
        if len(given) < len(_chrono(plan)):
            text += labels["part_sep"] + labels["derived"]
        parts.append(text)
    if plan.event:
        parts.append(labels["event"].format(start=words.when(plan.event[0]),
                                            end=words.when(plan.event[1])))
    span = plan_days(plan)
    if span:
        parts.append(labels["span"].format(first=span[0].isoformat(), last=span[1].isoformat(),
                                           n=count))
    return labels["sep"].join(parts)


def _schedule(ws: Any, ctx: _Context, parts: list[Group], group_by: str, title: str,
              third: str) -> None:
    look, words = ctx.look, ctx.words
    labels = _labels(words)
    widths = _widths(ctx)
    for col, key in enumerate(_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    _title_block(ws, ctx, title, third)

    for col, key in enumerate(_COLUMNS, 1):
        put(ws, _HEADER_ROW, col, labels[key], font=look.header, fill=look.header_fill,
            align=look.centre, border=look.grid)
    ws.row_dimensions[_HEADER_ROW].height = 2 * _LINE + 4  # narrow columns wrap their header

    row = _HEADER_ROW
    for group in parts:
        row += 1
        band = look.fill(PHASE_COLOURS.get(group.key, PHASE_COLOURS[""]) if group_by == "phase"
                         else ctx.colours[group.key][0])
        for col in range(1, len(_COLUMNS) + 1):
            put(ws, row, col, None, fill=band, border=look.grid)
        # The group's own column carries its name, so filtering on it keeps the band.
        key_col = _COLUMNS.index("phase" if group_by == "phase" else "section") + 1
        put(ws, row, key_col, group.label, font=look.bold, align=look.wrap)
        if group_by == "phase":  # the phase column is far right: name the band in sight
            put(ws, row, _COLUMNS.index("name") + 1,
                labels["count"].format(label=group.label, n=len(group.tasks)), font=look.bold,
                align=look.left)
        else:
            put(ws, row, _COLUMNS.index("name") + 1, labels["band"].format(n=len(group.tasks)),
                font=look.muted, align=look.left)
        ws.row_dimensions[row].height = 22.0
        for task in group.tasks:
            row += 1
            _task_row(ws, row, ctx, task, widths)

    last_col = get_column_letter(len(_COLUMNS))
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{last_col}{max(row, _HEADER_ROW + 1)}"
    _print_setup(ws, look, title_rows=f"{_HEADER_ROW}:{_HEADER_ROW}", footer_left=title)


def _task_row(ws: Any, row: int, ctx: _Context, task: PlanTask, widths: dict[str, float]) -> None:
    look, words = ctx.look, ctx.words
    tint = look.fill(ctx.colours[task.section][1])
    bar = look.fill(ctx.colours[task.section][0])
    notes = _notes(ctx, task)
    values: dict[str, object] = {
        "seq": ctx.seq[task.id], "section": task.section, "name": task.name,
        "start": _value(task.start), "due": _value(task.due), "role": task.owner,
        "people": _people(task), "notes": notes, "phase": words[task.phase],
    }
    lines = 1
    for col, key in enumerate(_COLUMNS, 1):
        value = values[key]
        font, fill, align, fmt = look.font, tint, look.wrap, None
        if key == "seq":
            fill, align = bar, look.centre
        elif key in ("start", "due"):
            when = task.start if key == "start" else task.due
            fmt = look.when_format if when.clock else look.day_format
            align = look.left
            if when.day in ctx.off:
                # Red and marked 休 (not colour alone): a deadline on a day off.
                font, fmt = look.day_off, fmt + look.off_suffix
        elif key == "phase":
            align = look.centre
        elif key == "notes" and task.id in ctx.warnings:
            fill = look.warn_fill
        if key in _WRAPPED and isinstance(value, str):
            lines = max(lines, _lines(clean(value), widths[key]))
        put(ws, row, col, value if value != "" else None, font=font, fill=fill, align=align,
            border=look.grid, fmt=fmt)
    ws.row_dimensions[row].height = max(_MIN_ROW, lines * _LINE + 4)


# ---------------------------------------------------------------- 甘特图

_GANTT_FIRST_DAY_COL = 3
_GANTT_HEAD = 5  # title, months, day numbers, weekdays, anchor labels


def _gantt(ws: Any, ctx: _Context, parts: list[Group], group_by: str) -> None:
    plan, look, words = ctx.plan, ctx.look, ctx.words
    labels = _labels(words)
    title = labels["gantt_title"].format(title=plan.title or plan.playbook)
    span = plan_days(plan)
    first, last = span if span else (date(2000, 1, 1), date(2000, 1, 1))
    count = min((last - first).days + 1, _MAX_DAYS) if span else 0
    days = [first + timedelta(days=i) for i in range(count)]
    col_of = {d: _GANTT_FIRST_DAY_COL + i for i, d in enumerate(days)}
    anchors: dict[date, list[str]] = {}
    for anchor in _chrono(plan):
        anchors.setdefault(anchor.when.day, []).append(anchor.label)
    timed = {t.start.day for t in plan.tasks if t.start.clock}
    timed |= {t.due.day for t in plan.tasks if t.due.clock and t.due.day != t.start.day}

    # A narrow frozen part, so a phone at 100 % still shows a week or more of days.
    name_width = 18.0
    ws.column_dimensions["A"].width = 4.5
    ws.column_dimensions["B"].width = name_width
    for day, col in col_of.items():
        ws.column_dimensions[get_column_letter(col)].width = 5.8 if day in timed else 3.4

    put(ws, 1, 1, title, font=look.title, align=look.left)
    legend_col = _GANTT_FIRST_DAY_COL + (10 if count > 20 else 0) if count else 2
    if count:
        put(ws, 1, legend_col, labels["gantt_legend"], font=look.muted, align=look.left)
    ws.row_dimensions[1].height = 28.0

    # Months: one merged header per month (the year only where it starts or changes).
    start_col, last_year = None, None
    for i, day in enumerate(days):
        if start_col is None:
            start_col = col_of[day]
        nxt = days[i + 1] if i + 1 < len(days) else None
        if nxt is None or nxt.month != day.month:
            end_col = col_of[day]
            cells = end_col - start_col + 1
            wide = sum(ws.column_dimensions[get_column_letter(c)].width
                       for c in range(start_col, end_col + 1))
            full = labels["month"].format(y=day.year, m=day.month, mon=_MONTHS[day.month - 1])
            short = labels["month_short"].format(m=day.month, mon=_MONTHS[day.month - 1])
            text = full if (last_year != day.year and text_width(full) + 1 <= wide) else short
            last_year = day.year
            put(ws, 2, start_col, text, font=look.header, fill=look.header_fill, align=look.left)
            for col in range(start_col + 1, end_col + 1):
                put(ws, 2, col, None, fill=look.header_fill)
            if cells > 1:
                ws.merge_cells(start_row=2, start_column=start_col, end_row=2, end_column=end_col)
            start_col = None
    for col in (1, 2):
        for row in range(2, _GANTT_HEAD + 1):
            put(ws, row, col, None, fill=look.header_fill)
    put(ws, 3, 2, labels["name"], font=look.header, fill=look.header_fill, align=look.left)
    put(ws, 3, 1, labels["seq"], font=look.header, fill=look.header_fill, align=look.centre)

    weekday_names = labels["weekdays"]
    holidays = holiday_labels(ctx.off)
    for day, col in col_of.items():
        if day in anchors:
            head_fill, head_font = look.anchor_fill, look.small_white
        elif day in ctx.off:
            head_fill, head_font = look.day_off_fill, look.small_muted
        else:
            head_fill, head_font = None, look.small
        put(ws, 3, col, day, font=head_font, fill=head_fill, align=look.centre, fmt="d")
        put(ws, 4, col, weekday_names[day.weekday()], font=head_font, fill=head_fill,
            align=look.centre)
        if day in anchors:
            # Left-aligned and not wrapped: the label runs on over the next, empty cells.
            put(ws, 5, col, "/".join(anchors[day]), font=look.anchor_label, fill=look.anchor_tint,
                align=look.left)
        elif day in ctx.off:
            put(ws, 5, col, holidays.get(day), font=look.small_muted, fill=look.day_off_fill,
                align=look.left)
    ws.row_dimensions[3].height = 18.0
    ws.row_dimensions[4].height = 16.0
    ws.row_dimensions[5].height = 18.0

    row = _GANTT_HEAD
    for group in parts:
        row += 1
        band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[""]) if group_by == "phase"
                else ctx.colours[group.key][0])
        put(ws, row, 1, None, fill=look.fill(band))
        put(ws, row, 2, labels["count"].format(label=group.label, n=len(group.tasks)),
            font=look.bold, fill=look.fill(band), align=look.left)
        tint = look.fill(ctx.colours[group.key][1] if group_by == "section"
                         else PHASE_TINTS.get(group.key, PHASE_TINTS[""]))
        for col in col_of.values():
            put(ws, row, col, None, fill=tint)
        ws.row_dimensions[row].height = 20.0
        for task in group.tasks:
            row += 1
            _gantt_row(ws, row, ctx, task, col_of, anchors, name_width)

    ws.freeze_panes = f"{get_column_letter(_GANTT_FIRST_DAY_COL)}{_GANTT_HEAD + 1}"
    total = sum(ws.column_dimensions[get_column_letter(c)].width
                for c in range(1, _GANTT_FIRST_DAY_COL + count))
    _print_setup(ws, look, title_rows=f"2:{_GANTT_HEAD}", title_cols="A:B",
                 pages_wide=max(1, math.ceil(total / _GANTT_PAGE_WIDTH)), footer_left=title)
    ws.print_options.gridLines = True


def _gantt_row(ws: Any, row: int, ctx: _Context, task: PlanTask, col_of: dict[date, int],
               anchors: dict[date, list[str]], name_width: float) -> None:
    look = ctx.look
    bar_rgb = ctx.colours[task.section][0]
    bar = look.fill(bar_rgb)
    put(ws, row, 1, ctx.seq[task.id], font=look.font, fill=bar, align=look.centre)
    lines = min(2, _lines(clean(task.name), name_width))
    put(ws, row, 2, task.name, font=look.font, align=look.top_wrap if lines > 1 else look.wrap)
    ws.row_dimensions[row].height = max(_MIN_ROW, lines * _LINE + 3)
    labels: dict[date, time] = {}
    if task.start.clock:
        labels[task.start.day] = task.start.clock
    if task.due.clock and task.due.day != task.start.day:
        labels[task.due.day] = task.due.clock
    day = task.start.day
    while day <= task.due.day:
        if day in col_of:
            put(ws, row, col_of[day], labels.get(day), font=look.small,
                fill=look.striped(bar_rgb) if day in ctx.off else bar,
                align=look.centre, fmt=_CLOCK_FORMAT if day in labels else None)
        day += timedelta(days=1)
    for day, col in col_of.items():
        if task.start.day <= day <= task.due.day:
            continue
        if day in anchors:
            put(ws, row, col, None, fill=look.anchor_tint)
        elif day in ctx.off:
            put(ws, row, col, None, fill=look.day_off_fill)


# ---------------------------------------------------------------- 时间节点

_NODE_COLUMNS = ("day", "clock", "node", "what", "section", "role", "people")


def _nodes(ws: Any, ctx: _Context) -> None:
    plan, look, words = ctx.plan, ctx.look, ctx.words
    labels = _labels(words)
    title = labels["nodes_title"].format(title=plan.title or plan.playbook)
    points = milestones(plan)
    entries: list[tuple[tuple[date, time], int, int, PlanAnchor | PlanTask]] = []
    for i, anchor in enumerate(_chrono(plan)):
        entries.append((anchor.when.sort_key(), 0, i, anchor))
    for i, task in enumerate(points):
        entries.append((task.start.sort_key(), 1, i, task))
    entries.sort(key=lambda e: e[:3])

    summaries: dict[date, str] = {}
    for (day, _clock), kind, _, _item in entries:
        if kind == 0 and day not in summaries:
            summaries[day] = _day_summary(plan, day, labels)

    widths = {"day": 18.5 if words.lang == "zh" else 17.0, "clock": 8.0, "node": 12.0,
              "what": 48.0, "section": 12.0, "role": 12.0, "people": 12.0}
    if "yyyy" in look.day_format:
        widths["day"] += 5
    for col, key in enumerate(_NODE_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    put(ws, 1, 1, title, font=look.title, align=look.left)
    ws.row_dimensions[1].height = 28.0
    heads = {"day": labels["day"], "clock": labels["clock"], "node": labels["node"],
             "what": labels["what"], "section": labels["section"], "role": labels["role"],
             "people": labels["people"]}
    for col, key in enumerate(_NODE_COLUMNS, 1):
        put(ws, 2, col, heads[key], font=look.header, fill=look.header_fill, align=look.centre,
            border=look.grid)
    ws.row_dimensions[2].height = 2 * _LINE + 4

    row = 2
    shown: set[date] = set()
    for (day, _clock), _kind, _, item in entries:
        row += 1
        when = item.when if isinstance(item, PlanAnchor) else item.start
        font = look.day_off if day in ctx.off else look.font
        put(ws, row, 1, day, font=font, align=look.left, border=look.grid, fmt=look.day_format)
        put(ws, row, 2, when.clock, align=look.centre, border=look.grid,
            fmt=_CLOCK_FORMAT if when.clock else None)
        if isinstance(item, PlanAnchor):
            put(ws, row, 3, item.label, font=look.header, fill=look.anchor_fill, align=look.centre,
                border=look.grid)
            what = summaries[day] if day not in shown else ""
            shown.add(day)
            put(ws, row, 4, what or None, font=look.font, fill=look.anchor_tint, align=look.wrap,
                border=look.grid)
            for col in range(5, len(_NODE_COLUMNS) + 1):
                put(ws, row, col, None, fill=look.anchor_tint, border=look.grid)
            cells = {"what": what}
        else:
            tint = look.fill(ctx.colours[item.section][1])
            put(ws, row, 3, None, border=look.grid)
            put(ws, row, 4, item.name, font=look.font, align=look.wrap, border=look.grid)
            put(ws, row, 5, item.section, font=look.font, fill=tint, align=look.wrap,
                border=look.grid)
            put(ws, row, 6, item.owner, font=look.font, align=look.wrap, border=look.grid)
            put(ws, row, 7, _people(item) or None, font=look.font, align=look.wrap,
                border=look.grid)
            cells = {"what": item.name, "section": item.section, "role": item.owner,
                     "people": _people(item)}
        lines = max(_lines(clean(text), widths[key]) for key, text in cells.items())
        ws.row_dimensions[row].height = max(_MIN_ROW, lines * _LINE + 4)

    last = row
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(_NODE_COLUMNS))}{max(last, 3)}"
    if plan.warnings:
        row += 2
        put(ws, row, 1, labels["warnings"], font=look.bold, fill=look.warn_fill, align=look.left)
        for warning in plan.warnings:
            row += 1
            put(ws, row, 1, warning.message, font=look.font, align=look.wrap)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_NODE_COLUMNS))
            total = sum(widths.values())
            ws.row_dimensions[row].height = max(_MIN_ROW, _lines(clean(warning.message), total) * _LINE + 4)
    _print_setup(ws, look, title_rows="2:2", footer_left=title)


def _day_summary(plan: Plan, day: date, labels: dict[str, str]) -> str:
    """What starts and what is due on an anchor's day (milestones have rows of their own)."""
    spans = [t for t in plan.by_time() if t.start != t.due]
    within = [t.name for t in spans if t.start.day == day == t.due.day]
    starts = [t.name for t in spans if t.start.day == day != t.due.day]
    dues = [t.name for t in spans if t.due.day == day != t.start.day]
    parts = []
    for key, names in (("within", within), ("starts", starts), ("dues", dues)):
        if names:
            parts.append(labels[key].format(names=_few(names, labels)))
    return labels["part_sep"].join(parts)


def _few(names: Sequence[str], labels: dict[str, str], keep: int = 3, chars: int = 18) -> str:
    """A few names, each cut short: the full names are on the 进程表 sheet."""
    unique = list(dict.fromkeys(names))
    text = labels["list_sep"].join(n if len(n) <= chars else n[:chars - 1] + "…" for n in unique[:keep])
    if len(unique) > keep:
        text += " " * (labels["list_sep"] == ", ") + labels["more"].format(n=len(unique))
    return text


# ---------------------------------------------------------------- workbook


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, not blank."""
    base = re.sub(r"[\[\]:*?/\\]", "_", clean(name)).strip("' ") or "_"
    base = base[:31]
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[:31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _owners(plan: Plan) -> list[str]:
    present = [t.owner for t in plan.by_section()]
    ordered = [r for r in plan.roles if r in present] + present
    return list(dict.fromkeys(ordered))


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    labels = _labels(words)
    span = plan_days(plan)
    multi_year = bool(span and span[0].year != span[1].year)
    look = _Look(words, multi_year)
    parts = groups(plan, options.group_by, words)
    ctx = _Context(plan=plan, words=words, look=look, colours=section_colours(plan),
                   seq=numbering(parts), off=days_off(plan),
                   warnings=plan.warnings_by_task())
    title = plan.title or plan.playbook

    wb = Workbook()
    taken: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name(labels["sheet_plan"], taken)
    _schedule(ws, ctx, parts, options.group_by, title, _plan_line(ctx, len(plan.tasks)))
    _gantt(wb.create_sheet(_sheet_name(labels["sheet_gantt"], taken)), ctx, parts, options.group_by)
    _nodes(wb.create_sheet(_sheet_name(labels["sheet_nodes"], taken)), ctx)
    if options.by_owner:
        for owner in _owners(plan):
            mine = [Group(g.key, g.label, [t for t in g.tasks if t.owner == owner]) for g in parts]
            mine = [g for g in mine if g.tasks]
            people = list(dict.fromkeys(p.name for p in plan.team.get(owner, [])))
            people += [p.name for g in mine for t in g.tasks for p in t.people if p.name not in people]
            who = (labels["owner_people"].format(people="、".join(people)) if people
                   else labels["owner_none"])
            n = sum(len(g.tasks) for g in mine)
            third = labels["sep"].join([who, labels["count"].format(label=owner, n=n)])
            sheet = wb.create_sheet(_sheet_name(owner, taken))
            _schedule(sheet, ctx, mine, options.group_by, f"{title} · {owner}", third)

    first = datetime.combine(span[0], time(0)) if span else datetime(2000, 1, 1)  # noqa: DTZ001
    props = wb.properties
    props.creator = props.lastModifiedBy = "promoplan"
    props.title = clean(title)
    props.subject = clean(plan.playbook)
    # No clock in outputs: the document says it was made on the plan's first day.
    props.created = props.modified = first
    return _save(wb)


def _save(wb: Any) -> bytes:
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)
    # ExcelWriter rather than Workbook.save: save() stamps `modified` with the clock.
    ExcelWriter(wb, archive).save()
    return stable_zip(raw.getvalue())


_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and attributes, entries in a stable order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        ordered = [n for n in _FIRST_ENTRIES if n in names]
        ordered += sorted(n for n in names if n not in _FIRST_ENTRIES)
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


# ---------------------------------------------------------------- textconv

_PAPER = {9: "A4", 1: "Letter", 8: "A3", 11: "A5"}


def textconv(data: bytes, name: str) -> str:
    """A stable plain-text form of every sheet, for `git diff` of committed XLSX files.

    One line per row (`row | value | value …`), dates as ISO, times as HH:MM. On a
    sheet with a row of consecutive days (the Gantt), each row's day columns become a
    bar: █ where the cell has the row's colour, ▒ where that colour is striped (a day
    off under the bar), · elsewhere; then any values in those columns as @MM-DD value.
    """
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl and zipfile raise a dozen kinds for a bad file
        raise PromoplanError(f"{name}: not an XLSX file ({_reason(exc)})") from None
    out = [f"# {name}"]
    for ws in wb.worksheets:
        out.append("")
        out.append(f"== {ws.title} ==")
        out.append(_sheet_settings(ws))
        out.extend(_sheet_rows(ws))
    return "\n".join(out) + "\n"


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "not a zip archive"
    if isinstance(exc, KeyError):
        return "no workbook inside the archive"
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def _sheet_settings(ws: Any) -> str:
    parts = []
    if ws.freeze_panes:
        parts.append(f"freeze {ws.freeze_panes}")
    if ws.auto_filter.ref:
        parts.append(f"filter {ws.auto_filter.ref}")
    setup = ws.page_setup
    paper = _PAPER.get(int(setup.paperSize), str(setup.paperSize)) if setup.paperSize else "-"
    fit = (f" fit {setup.fitToWidth or 0}x{setup.fitToHeight or 0}"
           if ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage else "")
    parts.append(f"print {setup.orientation or 'default'} {paper}{fit}")
    titles = " ".join(t for t in (ws.print_title_rows, ws.print_title_cols) if t)
    if titles:
        parts.append(f"titles {titles}")
    return "(" + ", ".join(parts) + ")"


def _shown(cell: Any) -> str:
    value = cell.value
    if value is None:
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


def _day_run(ws: Any) -> tuple[int, int, int] | None:
    """(row, first column, last column) of the longest run of consecutive days in a row."""
    best: tuple[int, int, int] | None = None
    for row in ws.iter_rows(max_row=min(ws.max_row, 12)):
        run_start, prev = None, None
        for cell in row:
            value = cell.value
            day = value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None
            if day is not None and prev is not None and day - prev == timedelta(days=1):
                prev = day
            elif day is not None:
                run_start, prev = cell.column, day
            else:
                run_start, prev = None, None
            if run_start is not None and (best is None or cell.column - run_start > best[2] - best[1]):
                best = (cell.row, run_start, cell.column)
    return best if best and best[2] - best[1] >= 2 else None


def _rgb(cell: Any) -> str | None:
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.start_color
    return str(colour.rgb) if colour is not None and colour.type == "rgb" else None


def _bar(cell: Any, own: str | None) -> str:
    """█ a bar day, ▒ a bar day off (striped), · anything else."""
    fill = cell.fill
    if own is None or fill is None or fill.fill_type is None:
        return "·"
    if fill.fill_type == "solid":
        return "█" if _rgb(cell) == own else "·"
    colour = fill.end_color
    return "▒" if colour is not None and colour.type == "rgb" and str(colour.rgb) == own else "·"


def _sheet_rows(ws: Any) -> list[str]:
    run = _day_run(ws)
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
        head, first, last = run
        outside = [c for c in row if not first <= c.column <= last]
        values = [_shown(c) for c in outside]
        while values and not values[-1]:
            values.pop()
        inside = [c for c in row if first <= c.column <= last]
        filled = [c for c in inside if _shown(c)]
        days = {c.column: ws.cell(row=head, column=c.column).value for c in inside}
        if r < head:
            if filled:
                values.append(" ".join(f"@{_day_key(days[c.column])} {_shown(c)}" for c in filled))
        elif r == head:
            values.append(f"{_shown(inside[0])} .. {_shown(inside[-1])} ({len(inside)} days)")
        else:
            own = _rgb(row[0])
            bar = "".join(_bar(c, own) for c in inside)
            if bar.strip("·"):
                values.append(bar)
            if filled and len(filled) == len(inside):
                values.append("".join(_shown(c) for c in filled))
            elif filled:
                values.append(" ".join(f"@{_day_key(days[c.column])} {_shown(c)}" for c in filled))
        if any(values):
            lines.append(f"{r:>4} | " + " | ".join(values))
    return lines


def _day_key(value: object) -> str:
    if isinstance(value, datetime | date):
        return f"{value:%m-%d}"
    return "?"

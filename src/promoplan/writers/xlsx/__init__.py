"""XLSX for the team's chat group: what most of the team will ever see of promoplan.

The lead attaches the file to the DingTalk / WeChat Work group and people open it
on a phone, in WPS or in Excel, so it follows the progress sheets teams keep today
(seeds 001 and 004) and stays readable on a small screen:

- 进程表 (schedule): a title block with the campaign key, the 注意 block (every
  warning once, worded by `notices`), then one row per task grouped by section (the
  seed sheets' 版块 blocks) or by phase, numbered within each group, with real Excel
  dates shown as `10月30日 周三 10:25` (days off in red with 休), a 状态 column the team
  fills from a list (coloured by conditional formatting, so a teammate's choice
  recolours the cell) and a hidden `id` column; header frozen, autofilter, A4
  landscape one page wide with the header repeated on every page.
- 甘特图 (Gantt): one column per day (per half hour when every task falls within three
  days, per week for very long or very large plans), a bar per task in its section's
  colour, anchors labelled one per column, days off shaded, month headers. It prints
  over then down, with the title, the month rows and the task names on every page and
  each page's month labelled at its first column.
- 甘特图（小时）: when the timed tasks (shifts) of a longer plan all fall within three
  days, their Gantt by half hour as well, so shifts do not share one day column.
- 时间节点 (key dates): anchors and milestones by date, the progress per section, and
  the 注意 block.
- one schedule per owner role with --xlsx-by-owner, so each lead prints only theirs.
- a hidden sheet `promoplan` with the campaign key and the playbook, which
  `promoplan progress` checks before it reads the 状态 column back (tracking.py).

openpyxl builds the workbook (normal mode): styles are NamedStyles made once and
reused by name, strings go to the shared-strings part. Same plan, same bytes: the
document properties carry the plan's first day instead of the clock, and the zip is
rewritten with a fixed entry order and fixed timestamps. Text is always text, never
a formula, and characters XML cannot hold are replaced instead of failing the run.
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
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.formatting.rule import CellIsRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.styles.cell_style import StyleArray  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.cell_range import CellRange  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.worksheet.merge import MergedCellRange  # type: ignore[import-untyped]
from openpyxl.worksheet.pagebreak import Break  # type: ignore[import-untyped]

from promoplan.errors import PromoplanError
from promoplan.schedule.plan import Plan, PlanAnchor, PlanTask, When
from promoplan.words import Words, notices
from promoplan.writers import WriterOptions
from promoplan.writers.md_ import grouped as by_phase

__all__ = ["REPLACEMENT", "clean", "render", "text_width", "textconv"]

# ---------------------------------------------------------------- words

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "sheet_plan": "进程表", "sheet_gantt": "甘特图", "sheet_hours": "甘特图（小时）",
        "sheet_nodes": "时间节点",
        "seq": "序号", "section": "版块/\n部门", "name": "详细项目内容", "start": "开始时间",
        "due": "预计完成时间", "role": "负责岗位", "people": "责任人", "status": "状态",
        "notes": "备注", "phase": "阶段", "no_phase": "未分阶段", "brand": "品牌：{brand}",
        "campaign": "活动编号 {key}",
        "count": "{label}（{n}项）", "band": "共{n}项", "given": "按 {dates} 生成",
        "derived": "其余日期按剧本推算",
        "event": "活动期 {start} 至 {end}", "span": "计划期 {first} 至 {last}，共{n}项",
        "owner_people": "责任人：{people}", "owner_none": "责任人：（未指定）",
        "gantt_title": "甘特图 · {title}", "hours_title": "甘特图（每格半小时） · {title}",
        "gantt_legend": "灰色：休息日（周末、节假日）　条纹：任务跨休息日　红色：时间节点",
        "weeks_legend": "每格一周（周一至周日）　红色：时间节点",
        "hours_legend": "每格半小时　红色：时间节点",
        "month": "{y}年{m}月", "month_short": "{m}月", "weekdays": "一二三四五六日",
        "hour_day": "{m}月{d}日 周{w}",
        "nodes_title": "时间节点 · {title}", "day": "日期", "clock": "时间", "node": "节点",
        "what": "事项", "within": "当天：{names}", "starts": "开始：{names}", "dues": "截止：{names}",
        "more": "等{n}项",
        "list_sep": "、", "part_sep": "；", "warnings": "注意", "sep": " · ",
        "more_notices": "另有{n}条注意事项，见「时间节点」表。",
        "progress": "进度", "not_started": "未开始", "total": "合计",
        "footer": "第 &P 页，共 &N 页",
    },
    "en": {
        "sheet_plan": "Schedule", "sheet_gantt": "Gantt", "sheet_hours": "Gantt (hours)",
        "sheet_nodes": "Key dates",
        "seq": "No.", "section": "Section", "name": "Task", "start": "Start", "due": "Due",
        "role": "Owner role", "people": "People", "status": "Status", "notes": "Notes",
        "phase": "Phase", "no_phase": "No phase", "brand": "Brand: {brand}",
        "campaign": "Campaign {key}", "count": "{label} ({n})",
        "band": "{n} tasks",
        "given": "Generated for {dates}", "derived": "other dates derived by the playbook",
        "event": "Event {start} to {end}", "span": "Plan runs {first} to {last}, {n} tasks",
        "owner_people": "People: {people}", "owner_none": "People: (not assigned)",
        "gantt_title": "Gantt · {title}", "hours_title": "Gantt by half hour · {title}",
        "gantt_legend": "Grey: days off (weekends, holidays)   Striped: a task over a day off   "
                        "Red: key dates",
        "weeks_legend": "One column a week (Monday to Sunday)   Red: key dates",
        "hours_legend": "One column every half hour   Red: key dates",
        "month": "{mon} {y}", "month_short": "{mon}", "weekdays": "MTWTFSS",
        "hour_day": "{wd} {d} {mon}",
        "nodes_title": "Key dates · {title}", "day": "Date", "clock": "Time", "node": "Key date",
        "what": "What happens", "within": "That day: {names}", "starts": "Starts: {names}",
        "dues": "Due: {names}",
        "more": "and {n} more", "list_sep": ", ", "part_sep": "; ", "warnings": "Warnings",
        "more_notices": "{n} more warnings: see the Key dates sheet.",
        "sep": " · ", "progress": "Progress", "not_started": "not started", "total": "Total",
        "footer": "Page &P of &N",
    },
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

STATUS_WORDS: dict[str, dict[str, str]] = {
    "zh": {"done": "完成", "doing": "进行中", "blocked": "受阻", "cancelled": "取消"},
    "en": {"done": "done", "doing": "doing", "blocked": "blocked", "cancelled": "cancelled"},
}
"""plan.STATUSES as the 状态 column shows them; `promoplan progress` reads these words back."""

META_SHEET = "promoplan"
"""The hidden sheet: A1 `campaign`, B1 the campaign key; A2 `playbook`, B2 its name."""
ID_HEADER = "id"
"""The header of the hidden column holding each task's id, in the 进程表's header row."""
STATUS_HEADERS = ("状态", "Status")

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
# 状态: (fill, text), Excel's own good / neutral / bad cell colours.
STATUS_COLOURS = {"done": ("C6EFCE", "006100"), "doing": ("FFEB9C", "9C5700"),
                  "blocked": ("FFC7CE", "9C0006"), "cancelled": ("D9D9D9", "595959")}

_LINE = 15.0  # points per line of 11 pt CJK text
_MIN_ROW = 20.0  # a row a finger can hit on a phone
_TOP_NOTICES = 3  # warnings at the top of the 进程表; the 时间节点 sheet lists them all
_MAX_DAYS = 3660  # a Gantt of more than ten years is a mistake in the playbook, not a plan
_HOUR_SPAN = 3  # days: a plan (or its shifts) within this many days gets a Gantt by half hour
_WEEK_SPAN = 366  # days: a longer plan gets a Gantt by week
_WEEK_CELLS = 400_000  # bar cells: a plan whose Gantt by day needs more gets it by week
_GANTT_SCALE = 75  # per cent: a day column is still legible, and a page holds six weeks
_PAGE_PIXELS = 1045  # A4 landscape less 0.4" margins, in pixels at 96 dpi (10.89")
_PAGE_POINTS = 498  # A4 landscape less the top and bottom margins, in points (6.92")


def _labels(words: Words) -> dict[str, str]:
    return LABELS[words.lang]


# ---------------------------------------------------------------- safe text

REPLACEMENT = "\ufffd"
MAX_TEXT = 32767  # Excel's limit for the text of one cell
# XML 1.0 cannot hold C0 controls other than tab and newline, lone surrogates, U+FFFE/F;
# DEL is legal XML but nobody means it.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text a cell can hold: line breaks kept (\\r\\n and \\r become \\n), other control
    characters replaced, cut at Excel's limit. Replacing rather than refusing: one odd
    character pasted into a playbook must not stop the team's schedule."""
    if not text.isprintable() and _NEEDS_CLEANING.search(text.replace("\r", "\n")):
        text = _NEEDS_CLEANING.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))
    elif "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT]


def text_width(text: str) -> int:
    """Width in Excel column units: CJK and full-width characters count twice."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def _footer_text(title: str, right: str) -> str:
    """The footer's left part: the title with every & doubled (a single & starts a code
    such as &P), cut so the whole footer stays within Excel's 255 characters."""
    budget = 255 - len("&L&R") - len(right)
    out = ""
    for ch in clean(title).replace("\n", " "):
        piece = "&&" if ch == "&" else ch
        if len(out) + len(piece) > budget:
            break
        out += piece
    return out


# ---------------------------------------------------------------- plan shape


@dataclass
class Group:
    key: str
    """The section name, or the phase key (before, during, after, '')."""
    label: str
    tasks: list[PlanTask] = field(default_factory=list)


def groups(plan: Plan, group_by: str, words: Words, by_section: list[PlanTask] | None = None
           ) -> list[Group]:
    """Sections in the playbook's order (playbook order inside), or phases in time order."""
    if group_by == "phase":
        return [Group(phase, words[phase] or _labels(words)["no_phase"], tasks)
                for phase, tasks in by_phase(plan)]
    out: list[Group] = []
    for task in plan.by_section() if by_section is None else by_section:
        if not out or out[-1].key != task.section:
            out.append(Group(task.section, task.section))
        out[-1].tasks.append(task)
    return out


def numbering(parts: list[Group]) -> dict[str, int]:
    """序号 restarts in every group, as the seed tables number each 版块."""
    return {task.id: i for group in parts for i, task in enumerate(group.tasks, 1)}


def section_colours(plan: Plan, by_section: list[PlanTask] | None = None
                    ) -> dict[str, tuple[str, str]]:
    """The playbook's sections in order, then any others as the tasks name them."""
    tasks = plan.by_section() if by_section is None else by_section
    names = list(dict.fromkeys([*plan.sections, *(t.section for t in tasks)]))
    return {name: SECTION_COLOURS[i % len(SECTION_COLOURS)] for i, name in enumerate(names)}


def holiday_labels(off: dict[date, str]) -> dict[date, str]:
    """One label per run of days off: the holiday's name on the run's first day.

    A run of 9-15 (weekend), 9-16 (休息日, swapped by 调休) and 9-17 (中秋节) is labelled
    中秋节 on 9-15; a plain weekend gets no label.
    """
    labels: dict[date, str] = {}
    run: list[date] = []
    for day in [*sorted(off), None]:
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


def _chrono(plan: Plan) -> list[PlanAnchor]:
    live = [a for a in plan.anchors if a.source != "placeholder"]
    return sorted(live, key=lambda a: a.when.sort_key())


def _value(when: When) -> date | datetime:
    return datetime.combine(when.day, when.clock) if when.clock else when.day


def _iso(when: When) -> str:
    return f"{when.day.isoformat()} {when.clock:%H:%M}" if when.clock else when.day.isoformat()


def _is_point(task: PlanTask) -> bool:
    """A milestone (`at:`): start and due are the same moment."""
    return task.start.day == task.due.day and task.start.clock == task.due.clock


# ---------------------------------------------------------------- styles


def _solid(rgb: str) -> PatternFill:
    return PatternFill("solid", start_color=rgb, end_color=rgb)


@dataclass(frozen=True)
class _FontSpec:
    """A style's font in the sheet's typeface: described by the styles asked for on every
    cell, and made into an openpyxl Font (slow to build) only when its style is new."""

    size: float
    bold: bool
    color: str | None


@dataclass(frozen=True)
class _Style:
    """A NamedStyle of the workbook, and the cell format that applies it."""

    name: str
    array: Any


class _Styles:
    """The workbook's NamedStyles, each made once from its parts and then applied to
    every cell of its kind; Excel lists them by what they are for."""

    def __init__(self, book: Workbook, words: Words, multi_year: bool) -> None:
        self.book = book
        self.lang = words.lang
        self.font_name = FONT_NAME[words.lang]
        self.day_format = (_DAY_FORMAT_YEAR if multi_year else _DAY_FORMAT)[words.lang]
        self.when_format = self.day_format + " " + _CLOCK_FORMAT
        self.off_suffix = f' "{words["day_off"]}"'
        side = Side(style="thin", color=BORDER_COLOUR)
        self.grid = Border(left=side, right=side, top=side, bottom=side)
        self.made: dict[str, _Style] = {}

    @staticmethod
    def font(size: float = 11, bold: bool = False, color: str | None = None) -> _FontSpec:
        return _FontSpec(size, bold, color)

    def get(self, name: str, *, font: _FontSpec | None = None,
            fill: str | PatternFill | None = None, align: Alignment | None = None,
            grid: bool = False, fmt: str = "General") -> _Style:
        """The style `name`, made from these parts the first time it is asked for."""
        found = self.made.get(name)
        if found is None:
            spec = font or self.font()
            made = Font(name=self.font_name, size=spec.size, bold=spec.bold, color=spec.color)
            style = NamedStyle(name=f"promoplan {name}", font=made,
                               alignment=align or Alignment(), number_format=fmt)
            if fill is not None:
                style.fill = _solid(fill) if isinstance(fill, str) else fill
            if grid:
                style.border = self.grid
            self.book.add_named_style(style)
            found = self.made[name] = _Style(style.name, style.as_tuple())
        return found


_WRAP = Alignment(vertical="center", wrap_text=True)
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center")
_VERTICAL = Alignment(horizontal="center", vertical="top", textRotation=255)
"""Stacked characters, one label per column: 报名 and 截止 a day apart never run together."""
_TURNED = Alignment(horizontal="center", vertical="bottom", textRotation=90)
"""English labels read bottom to top; stacked Latin letters are hard to read."""


def _put(ws: Any, row: int, col: int, value: object, style: _Style) -> Any:
    """A cell with its value and style; text stays text even when it looks like a formula
    (=, +, -, @), shown as typed thanks to the quote prefix, never evaluated.

    The style is applied as openpyxl's `cell.style = name` does (a copy of the named
    style's format), without that setter's search of the style list by name, which is
    rebuilt on every assignment and made styling most of a large workbook's time. Each
    cell gets its own StyleArray, as openpyxl's Cell(style_array=) makes one: openpyxl's
    style setters (cell.font = …, quotePrefix below) change a cell's array in place, so
    one array shared by many cells would restyle them all."""
    cell = ws.cell(row=row, column=col)
    cell._style = StyleArray(style.array)
    if isinstance(value, str):
        value = clean(value)
        cell.value = value
        if value[:1] in ("=", "+", "-", "@"):
            cell.data_type = "s"
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
    return cell


def _merge(ws: Any, row: int, first: int, last: int) -> None:
    """Merge columns first..last of `row`, whose first cell is written and the others not.

    openpyxl's `merge_cells` also copies the range's borders onto its edge cells, and
    for a range without borders still builds a Border per edge cell and looks it up in
    the workbook's style list: a quarter of a small workbook's time. No merged range
    here has a border, so the range is registered as it is; the cells it covers stay
    unwritten, as `merge_cells` leaves them (it replaces them with empty MergedCells)."""
    coord = CellRange(min_row=row, min_col=first, max_row=row, max_col=last).coord
    ws.merged_cells.add(MergedCellRange(ws, coord))


# ---------------------------------------------------------------- shared context


class _Context:
    """What the sheets share: the plan, its styles, and what is worked out once."""

    def __init__(self, plan: Plan, words: Words, styles: _Styles, parts: list[Group],
                 by_section: list[PlanTask], span: tuple[date, date] | None) -> None:
        self.plan = plan
        self.words = words
        self.styles = styles
        self.labels = _labels(words)
        self.colours = section_colours(plan, by_section)
        self.seq = numbering(parts)
        self.off = dict(sorted(plan.days_off.items()))
        self.tags = notices.tags_by_task(plan, words)
        self.span = span
        self.status_words = STATUS_WORDS[words.lang]
        self._measured: dict[tuple[str, float], int] = {}
        self.row_styles: dict[str, dict[str, _Style]] = {}
        self.bar_styles: dict[tuple[str, bool, bool], _Style] = {}
        self.widths = _widths(self)

    def lines(self, text: str, width: float) -> int:
        """_lines(clean(text), width), worked out once per text and width: a large plan
        repeats its sections, roles and people on every row."""
        key = (text, width)
        found = self._measured.get(key)
        if found is None:
            found = self._measured[key] = _lines(clean(text), width)
        return found

    def status(self, task: PlanTask) -> str | None:
        return self.status_words[task.progress.status] if task.progress else None


def _people(task: PlanTask) -> str:
    return "、".join(p.name for p in task.people)


def _notes(ctx: _Context, task: PlanTask) -> str:
    """The team's note, the repeat, and the short tags of the warnings about the task:
    the warnings themselves are in the 注意 block, once."""
    parts = [ctx.words.repeat_note(task)] if task.occurrences else []
    parts += [task.notes] if task.notes else []
    parts += ctx.tags.get(task.id, [])
    return "\n".join(parts)


_COLUMNS = ("seq", "section", "name", "start", "due", "role", "people", "status", "notes",
            "phase", "id")


def _widths(ctx: _Context) -> dict[str, float]:
    tasks = ctx.plan.tasks

    def fit(texts: Iterable[str], low: float, high: float) -> float:
        # The header wraps, so only the contents decide; once one text reaches `high`,
        # the rest cannot change the width.
        widest = 0
        for text in set(texts):
            widest = max(widest, text_width(text))
            if widest + 2 >= high:
                break
        return float(min(max(widest + 2, low), high))

    date_width = 17.0 if ctx.words.lang == "en" else 19.0
    if "yyyy" in ctx.styles.day_format:
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
        "status": 8.0 if ctx.words.lang == "zh" else 10.0,
        "notes": fit((_notes(ctx, t) for t in tasks), 10, 36),
        "phase": fit((ctx.words[t.phase] for t in tasks), 6, 10),
        "id": 12.0,
    }


def _print_setup(ws: Any, title: str, ctx: _Context, *, fit_width: bool = True) -> None:
    """A4 landscape, centred; the footer names the plan on the left and counts pages on
    the right. One page wide (as many pages down as it takes) unless the sheet sets
    its own page breaks (the Gantt)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    right = ctx.labels["footer"]
    ws.oddFooter.left.text = _footer_text(title, right)
    ws.oddFooter.right.text = right


def _notice_block(ws: Any, ctx: _Context, row: int, last_col: int, width: float,
                  short: bool) -> int:
    """The 注意 block from `row` on: the heading, then one merged, wrapped row per
    warning, the unpublished holiday schedule first. Returns the last row used.

    `short` (the top of the 进程表, frozen with the header): at most three warnings,
    naming at most three tasks each, then a line that says how many more the
    时间节点 sheet lists, so the frozen rows stay a small part of a phone's screen."""
    st = ctx.styles
    _put(ws, row, 1, ctx.labels["warnings"],
         st.get("warnings", font=st.font(bold=True), fill=WARN_FILL, align=_LEFT))
    ws.row_dimensions[row].height = _MIN_ROW
    text = st.get("warning", align=_WRAP)
    messages = notices.lines(ctx.plan, ctx.words, 3 if short else None)
    if short and len(messages) > _TOP_NOTICES:
        more = ctx.labels["more_notices"].format(n=len(messages) - _TOP_NOTICES)
        messages = [*messages[:_TOP_NOTICES], more]
    for message in messages:
        row += 1
        _put(ws, row, 1, message, text)
        _merge(ws, row, 1, last_col)
        ws.row_dimensions[row].height = max(_MIN_ROW, _lines(clean(message), width) * _LINE + 4)
    return row


# ---------------------------------------------------------------- 进程表


def _title_block(ws: Any, ctx: _Context, title: str, third: str) -> None:
    plan, words, st = ctx.plan, ctx.words, ctx.styles
    labels = ctx.labels
    year = "yyyy" in st.day_format
    anchors = "　".join(f"{a.label} {words.when(a.when, year=year)}" for a in _chrono(plan))
    second = labels["sep"].join(
        [labels["brand"].format(brand=plan.brand)] * bool(plan.brand) + [anchors] * bool(anchors))
    # One line each, not wrapped and not merged: the text runs on over the empty cells,
    # and the frozen block stays a few lines tall on a phone (scroll right to read on).
    looks = ((st.get("title", font=st.font(16, True, HEADER_FILL), align=_LEFT), 26.0),
             (st.get("subtitle", font=st.font(bold=True), align=_LEFT), 20.0),
             (st.get("muted", font=st.font(10, color=MUTED_TEXT), align=_LEFT), 18.0))
    for row, (text, (style, height)) in enumerate(zip((title, second, third), looks, strict=True), 1):
        _put(ws, row, 1, text.replace("\n", " "), style)
        ws.row_dimensions[row].height = height


def _plan_line(ctx: _Context, count: int) -> str:
    plan, words, labels = ctx.plan, ctx.words, ctx.labels
    parts = [labels["campaign"].format(key=plan.campaign)] if plan.campaign else []
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
    if ctx.span:
        parts.append(labels["span"].format(first=ctx.span[0].isoformat(),
                                           last=ctx.span[1].isoformat(), n=count))
    return labels["sep"].join(parts)


def _schedule(book: Workbook, name: str, ctx: _Context, parts: list[Group], group_by: str,
              title: str, third: str, warnings: bool) -> None:
    st, labels, widths = ctx.styles, ctx.labels, ctx.widths
    ws = book.create_sheet(name)
    for col, key in enumerate(_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    # The ids are for `promoplan progress`, not for people.
    ws.column_dimensions[get_column_letter(len(_COLUMNS))].hidden = True
    _title_block(ws, ctx, title, third)
    shown = len(_COLUMNS) - 1
    head_row = 4
    if warnings and ctx.plan.warnings:
        total = sum(widths[k] for k in _COLUMNS[:shown])
        head_row = _notice_block(ws, ctx, 4, shown, total, short=True) + 2

    head = st.get("header", font=st.font(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=_CENTRE, grid=True)
    for col, key in enumerate(_COLUMNS, 1):
        _put(ws, head_row, col, ID_HEADER if key == "id" else labels[key], head)
    ws.row_dimensions[head_row].height = 2 * _LINE + 4  # the header wraps in the narrow columns

    key_col = _COLUMNS.index("phase" if group_by == "phase" else "section") + 1
    name_col = _COLUMNS.index("name") + 1
    row = head_row
    for group in parts:
        row += 1
        band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[""]) if group_by == "phase"
                else ctx.colours[group.key][0])
        plain = st.get(f"band {band}", fill=band, grid=True)
        for col in range(1, len(_COLUMNS) + 1):
            _put(ws, row, col, None, plain)
        # The group's own column carries its name, so filtering on it keeps the band.
        _put(ws, row, key_col, group.label,
             st.get(f"band {band} name", font=st.font(bold=True), fill=band, align=_WRAP, grid=True))
        if group_by == "phase":  # the phase column is far right: name the band in sight
            _put(ws, row, name_col, labels["count"].format(label=group.label, n=len(group.tasks)),
                 st.get(f"band {band} count", font=st.font(bold=True), fill=band, align=_LEFT,
                        grid=True))
        else:
            _put(ws, row, name_col, labels["band"].format(n=len(group.tasks)),
                 st.get(f"band {band} count", font=st.font(10, color=MUTED_TEXT), fill=band,
                        align=_LEFT, grid=True))
        ws.row_dimensions[row].height = 22.0
        for task in group.tasks:
            row += 1
            _task_row(ws, row, ctx, task)

    last = max(row, head_row + 1)
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    ws.auto_filter.ref = f"A{head_row}:{get_column_letter(shown)}{last}"
    status_col = get_column_letter(_COLUMNS.index("status") + 1)
    _status_rules(ws, ctx, f"{status_col}{head_row + 1}:{status_col}{last}")
    _print_setup(ws, title, ctx)
    ws.print_title_rows = f"{head_row}:{head_row}"


def _status_rules(ws: Any, ctx: _Context, cells: str) -> None:
    """The 状态 list to pick from, and its colours as conditional formats: whatever a
    teammate picks in Excel, WPS or LibreOffice is coloured the same way."""
    words = ctx.status_words
    listed = ",".join(words[s] for s in STATUS_COLOURS)
    check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                           showErrorMessage=True, errorTitle=ctx.labels["status"],
                           error=listed, promptTitle=ctx.labels["status"], prompt=listed)
    check.add(cells)
    ws.add_data_validation(check)
    for status, (fill, text) in STATUS_COLOURS.items():
        ws.conditional_formatting.add(cells, CellIsRule(
            operator="equal", formula=[f'"{words[status]}"'], fill=_solid(fill),
            font=Font(color=text, bold=status == "blocked", strike=status == "cancelled")))


def _row_styles(ctx: _Context, section: str) -> dict[str, _Style]:
    """The styles of a task row in its section's colours, made once per section."""
    found = ctx.row_styles.get(section)
    if found is None:
        st = ctx.styles
        bar, tint = ctx.colours[section]
        found = {"seq": st.get(f"seq {bar}", fill=bar, align=_CENTRE, grid=True),
                 "text": st.get(f"text {tint}", fill=tint, align=_WRAP, grid=True),
                 "status": st.get(f"status {tint}", fill=tint, align=_CENTRE, grid=True),
                 "tagged": st.get("notes tagged", fill=WARN_FILL, align=_WRAP, grid=True),
                 "phase": st.get(f"phase {tint}", fill=tint, align=_CENTRE, grid=True),
                 "id": st.get("id", font=st.font(9, color=MUTED_TEXT))}
        for timed in (False, True):
            for off in (False, True):
                fmt = st.when_format if timed else st.day_format
                # Red and marked 休 (not colour alone): a deadline on a day off.
                found[f"date{' timed' * timed}{' off' * off}"] = st.get(
                    f"date {tint}{' timed' * timed}{' off' * off}",
                    font=st.font(color=DAY_OFF_TEXT) if off else None, fill=tint, align=_LEFT,
                    grid=True, fmt=fmt + st.off_suffix if off else fmt)
        ctx.row_styles[section] = found
    return found


def _task_row(ws: Any, row: int, ctx: _Context, task: PlanTask) -> None:
    widths = ctx.widths
    styles = _row_styles(ctx, task.section)
    text = styles["text"]
    _put(ws, row, 1, ctx.seq[task.id], styles["seq"])
    _put(ws, row, 2, task.section or None, text)
    _put(ws, row, 3, task.name or None, text)
    for col, when in ((4, task.start), (5, task.due)):
        kind = f"date{' timed' * (when.clock is not None)}{' off' * (when.day in ctx.off)}"
        _put(ws, row, col, _value(when), styles[kind])
    people, notes = _people(task), _notes(ctx, task)
    _put(ws, row, 6, task.owner or None, text)
    _put(ws, row, 7, people or None, text)
    _put(ws, row, 8, ctx.status(task), styles["status"])
    _put(ws, row, 9, notes or None, styles["tagged"] if task.id in ctx.tags else text)
    _put(ws, row, 10, ctx.words[task.phase] or None, styles["phase"])
    _put(ws, row, 11, task.id, styles["id"])
    lines = max(ctx.lines(task.name, widths["name"]), ctx.lines(task.section, widths["section"]),
                ctx.lines(task.owner, widths["role"]), ctx.lines(people, widths["people"]),
                ctx.lines(notes, widths["notes"]))
    ws.row_dimensions[row].height = max(_MIN_ROW, lines * _LINE + 4)


# ---------------------------------------------------------------- 甘特图


@dataclass
class _Axis:
    """The Gantt's time columns: each a slot [begin, end), one unit wide."""

    unit: str
    """day, week or half-hour"""
    begins: list[datetime]
    step: timedelta

    def index(self, moment: datetime) -> int:
        """The slot holding `moment` (clamped to the axis)."""
        i = int((moment - self.begins[0]) / self.step)
        return min(max(i, 0), len(self.begins) - 1)

    def slots(self, task: PlanTask) -> range:
        start = task.start.begin
        end = task.due.end if task.due.clock is None else task.due.begin
        first = self.index(start)
        last = self.index(end - timedelta(microseconds=1)) if end > start else first
        return range(first, max(first, last) + 1)


def _day_axis(first: date, last: date) -> _Axis:
    count = min((last - first).days + 1, _MAX_DAYS)
    begins = [datetime.combine(first + timedelta(days=i), time(0)) for i in range(count)]
    return _Axis("day", begins, timedelta(days=1))


def _week_axis(first: date, last: date) -> _Axis:
    monday = first - timedelta(days=first.weekday())
    count = (last - monday).days // 7 + 1
    begins = [datetime.combine(monday + timedelta(weeks=i), time(0)) for i in range(count)]
    return _Axis("week", begins, timedelta(weeks=1))


def _hour_axis(first: date, last: date) -> _Axis:
    count = ((last - first).days + 1) * 48
    origin = datetime.combine(first, time(0))
    return _Axis("half-hour", [origin + timedelta(minutes=30 * i) for i in range(count)],
                 timedelta(minutes=30))


def _shift_days(plan: Plan) -> tuple[date, date] | None:
    """The days of the plan's timed tasks that last a while (shifts, 0点-2点 …), when
    there are a few of them and they fall within three days: a day column would hold
    them all, so they get a Gantt by half hour of their own."""
    shifts = [t for t in plan.tasks if t.start.clock is not None and t.due.clock is not None
              and t.due.begin > t.start.begin]
    if len(shifts) < 3:
        return None
    first = min(t.start.day for t in shifts)
    last = max(t.due.day if t.due.clock != time(0) else t.due.day - timedelta(days=1)
               for t in shifts)
    last = max(last, first)
    return (first, last) if (last - first).days < _HOUR_SPAN else None


def _gantt_axis(plan: Plan, span: tuple[date, date]) -> _Axis:
    first, last = span
    days = (last - first).days + 1
    if days <= _HOUR_SPAN:
        return _hour_axis(first, last)
    cells = sum((t.due.day - t.start.day).days + 1 for t in plan.tasks)
    if days > _WEEK_SPAN or cells > _WEEK_CELLS:
        return _week_axis(first, last)
    return _day_axis(first, last)


_GANTT_FIRST = 3  # the first time column: A is 序号, B the task's name
_GANTT_HEAD = 5  # title, months, day numbers, weekdays, anchor labels


def _pixels(width: float) -> int:
    """A column's printed width in pixels at 96 dpi: 7-pixel digits plus padding in
    Excel's reckoning; LibreOffice prints the same columns about a tenth wider, and a
    page break must fall where both see the page end."""
    return int((width * 7 + 5) * 1.12)


def _breaks(sizes: list[float], room: float, good: set[int]) -> list[int]:
    """Where printed pages begin along a row of `sizes`: as many as fit in `room`, the page
    ending before a `good` index (a Monday, a full hour, a group's band) when one is in
    the page's last quarter; pages are then evened out, so the last is not a sliver."""

    def fill(limit: float) -> list[int]:
        starts, used = [0], 0.0
        for i, size in enumerate(sizes):
            if used + size > limit and i > starts[-1]:
                back = next((j for j in range(i, starts[-1] + (i - starts[-1]) * 3 // 4, -1)
                             if j in good), i)
                starts.append(back)
                used = sum(sizes[back:i])
            used += size
        return starts

    greedy = fill(room)
    if len(greedy) == 1:
        return greedy
    even = fill(min(room, sum(sizes) / len(greedy) * 1.08))
    return even if len(even) == len(greedy) else greedy


def _gantt(book: Workbook, name: str, ctx: _Context, parts: list[Group], group_by: str,
           axis: _Axis, title: str, legend: str) -> None:
    plan, st, labels = ctx.plan, ctx.styles, ctx.labels
    ws = book.create_sheet(name)
    slots = axis.begins
    unit = axis.unit
    anchors: dict[int, list[str]] = {}
    for anchor in _chrono(plan):
        when = anchor.when.begin
        if slots and slots[0] <= when < slots[-1] + axis.step:
            anchors.setdefault(axis.index(when), []).append(anchor.label)
    off = {i for i, s in enumerate(slots) if unit == "day" and s.date() in ctx.off}
    timed_days = ({t.start.day for t in plan.tasks if t.start.clock}
                  | {t.due.day for t in plan.tasks if t.due.clock and t.due.day != t.start.day})

    name_width = 18.0
    ws.column_dimensions["A"].width = 4.5
    ws.column_dimensions["B"].width = name_width
    base = {"day": 3.4, "week": 4.6, "half-hour": 2.6}[unit]
    widths = [5.8 if unit == "day" and s.date() in timed_days else base for s in slots]
    anchor_fill, off_fill = _solid(ANCHOR_TINT), _solid(DAY_OFF_FILL)
    for i, width in enumerate(widths):
        letter = get_column_letter(_GANTT_FIRST + i)
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
    room = _PAGE_PIXELS * 100 / _GANTT_SCALE - _pixels(4.5 + name_width) - 8
    starts = _breaks([_pixels(w) for w in widths], room, good)

    # Row 1: the title within the name columns (printed on every page with them), and
    # the legend beside it.
    _put(ws, 1, 1, title, st.get("gantt title", font=st.font(12, True, HEADER_FILL), align=_WRAP))
    _merge(ws, 1, 1, 2)
    _put(ws, 1, _GANTT_FIRST, legend, st.get("legend", font=st.font(10, color=MUTED_TEXT),
                                             align=_LEFT))
    plain = st.get("plain")  # over a day off's grey column, the legend stays on white
    for i in range(1, len(slots)):
        _put(ws, 1, _GANTT_FIRST + i, None, plain)
    title_lines = min(3, _lines(clean(title), (4.5 + name_width) * 11 / 12))
    ws.row_dimensions[1].height = max(28.0, title_lines * 16.0 + 6)

    _period_row(ws, ctx, axis, starts)
    _unit_rows(ws, ctx, axis, anchors, off)
    _label_row(ws, ctx, axis, anchors, off)

    row = _GANTT_HEAD
    heights: list[float] = []
    bands: set[int] = set()
    written: dict[int, range] = {}
    for group in parts:
        row += 1
        band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[""]) if group_by == "phase"
                else ctx.colours[group.key][0])
        tint = (ctx.colours[group.key][1] if group_by == "section"
                else PHASE_TINTS.get(group.key, PHASE_TINTS[""]))
        _put(ws, row, 1, None, st.get(f"gantt band {band}", fill=band))
        _put(ws, row, 2, labels["count"].format(label=group.label, n=len(group.tasks)),
             st.get(f"gantt band {band} name", font=st.font(bold=True), fill=band, align=_LEFT))
        tinted = st.get(f"gantt tint {tint}", fill=tint)
        for i in range(len(slots)):
            _put(ws, row, _GANTT_FIRST + i, None, tinted)
        ws.row_dimensions[row].height = 20.0
        bands.add(len(heights))
        heights.append(20.0)
        written[row] = range(len(slots))
        for task in group.tasks:
            row += 1
            written[row] = _gantt_row(ws, row, ctx, task, axis, off, name_width)
            heights.append(ws.row_dimensions[row].height)

    ws.freeze_panes = ws.cell(row=_GANTT_HEAD + 1, column=_GANTT_FIRST)
    _print_setup(ws, title, ctx, fit_width=False)
    ws.page_setup.scale = _GANTT_SCALE
    # Over then down: the two halves of the same rows are printed one after the other.
    ws.page_setup.pageOrder = "overThenDown"
    ws.print_options.gridLines = True
    ws.print_title_rows = f"1:{_GANTT_HEAD}"
    ws.print_title_cols = "A:B"
    for start in starts[1:]:
        ws.col_breaks.append(Break(id=_GANTT_FIRST + start - 1))
    head = sum(ws.row_dimensions[r].height for r in range(1, _GANTT_HEAD + 1))
    downs = _breaks(heights, (_PAGE_POINTS * 100 / _GANTT_SCALE - head) * 0.95, bands)
    for start in downs[1:]:
        ws.row_breaks.append(Break(id=_GANTT_HEAD + start))
    _mark_pages(ws, ctx, [_GANTT_HEAD + 1 + d for d in downs], starts, written, anchors, off)


def _mark_pages(ws: Any, ctx: _Context, rows: list[int], starts: list[int],
                written: dict[int, range], anchors: dict[int, list[str]], off: set[int]) -> None:
    """A space in the top-left cell of every printed page that has no text of its own:
    LibreOffice leaves out pages without text, so a page of bars (or of days off) would
    vanish from the printout and the pages after it would not line up."""
    st = ctx.styles
    last = ws.max_row
    for row in rows:
        if row > last:
            continue
        for start in starts:
            col = _GANTT_FIRST + start
            if start in written.get(row, range(0)):
                cell = ws.cell(row=row, column=col)
                if cell.value is None:
                    cell.value = " "
                continue
            # An empty cell here takes its column's colour: keep it.
            fill = ANCHOR_TINT if start in anchors else DAY_OFF_FILL if start in off else None
            _put(ws, row, col, " ", st.get(f"gantt blank {fill or 'plain'}", fill=fill))


def _period_row(ws: Any, ctx: _Context, axis: _Axis, starts: list[int]) -> None:
    """Row 2: the month (by day or week) or the day (by half hour), merged over its
    columns and labelled again at the first column of every printed page."""
    st, labels, slots = ctx.styles, ctx.labels, axis.begins
    header = st.get("gantt head", fill=HEADER_FILL)
    month_head = st.get("gantt head text", font=st.font(bold=True, color=HEADER_TEXT),
                        fill=HEADER_FILL, align=_LEFT)
    _put(ws, 2, 1, None, header)
    _put(ws, 2, 2, None, header)
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
            text = labels["hour_day"].format(m=begin.month, d=begin.day, w=labels["weekdays"][
                begin.weekday()], wd=_WEEKDAYS_EN[begin.weekday()], mon=_MONTHS[begin.month - 1])
        else:
            wide = sum(ws.column_dimensions[get_column_letter(_GANTT_FIRST + j)].width
                       for j in range(first, i + 1))
            full = labels["month"].format(y=begin.year, m=begin.month, mon=_MONTHS[begin.month - 1])
            short = labels["month_short"].format(m=begin.month, mon=_MONTHS[begin.month - 1])
            text = full if last_year != begin.year and text_width(full) + 1 <= wide else short
            last_year = begin.year
        _put(ws, 2, _GANTT_FIRST + first, text, month_head)
        if i > first:
            _merge(ws, 2, _GANTT_FIRST + first, _GANTT_FIRST + i)
        first = i + 1
    ws.row_dimensions[2].height = 18.0


def _unit_rows(ws: Any, ctx: _Context, axis: _Axis, anchors: dict[int, list[str]],
               off: set[int]) -> None:
    """Rows 3 and 4: each column's day (its Monday by week, its half hour by hour) as a
    real date, and the weekday (by day)."""
    st, labels = ctx.styles, ctx.labels
    header = st.get("gantt head", fill=HEADER_FILL)
    _put(ws, 3, 1, labels["seq"], st.get("gantt head seq", font=st.font(bold=True, color=HEADER_TEXT),
                                         fill=HEADER_FILL, align=_CENTRE))
    _put(ws, 3, 2, labels["name"], st.get("gantt head text", font=st.font(bold=True, color=HEADER_TEXT),
                                          fill=HEADER_FILL, align=_LEFT))
    _put(ws, 4, 1, None, header)
    _put(ws, 4, 2, None, header)
    fmt = {"day": "d", "week": 'm"/"d', "half-hour": "h"}[axis.unit]
    for i, moment in enumerate(axis.begins):
        if i in anchors:
            kind, fill, font = "anchor", ANCHOR_FILL, st.font(9, True, HEADER_TEXT)
        elif i in off:
            kind, fill, font = "off", DAY_OFF_FILL, st.font(8, color=MUTED_TEXT)
        else:
            kind, fill, font = "plain", "FFFFFF", st.font(8)
        col = _GANTT_FIRST + i
        style = st.get(f"gantt unit {kind} {fmt}", font=font, fill=fill, align=_CENTRE, fmt=fmt)
        if axis.unit == "half-hour" and moment.minute:
            _merge(ws, 3, col - 1, col)  # by half hour, each hour spans its two columns
        else:
            _put(ws, 3, col, moment if axis.unit != "day" else moment.date(), style)
        text = labels["weekdays"][moment.weekday()] if axis.unit == "day" else None
        _put(ws, 4, _GANTT_FIRST + i, text, st.get(f"gantt unit {kind}", font=font, fill=fill,
                                                    align=_CENTRE))
    ws.row_dimensions[3].height = 18.0
    ws.row_dimensions[4].height = 16.0 if axis.unit == "day" else 6.0


def _label_row(ws: Any, ctx: _Context, axis: _Axis, anchors: dict[int, list[str]],
               off: set[int]) -> None:
    """Row 5: each anchor's label in its own column, written top to bottom, so labels a
    day apart never run together; holidays named on their first day off."""
    st = ctx.styles
    header = st.get("gantt head", fill=HEADER_FILL)
    _put(ws, 5, 1, None, header)
    _put(ws, 5, 2, None, header)
    zh = ctx.words.lang == "zh"
    holidays = holiday_labels(ctx.off) if axis.unit == "day" else {}
    tallest = 2
    for i, moment in enumerate(axis.begins):
        if i in anchors:
            text = "/".join(anchors[i])
            style = st.get("gantt anchor label", font=st.font(9, True, ANCHOR_FILL), fill=ANCHOR_TINT,
                           align=_VERTICAL if zh else _TURNED)
        elif i in off:
            text = holidays.get(moment.date(), "")
            style = st.get("gantt off label", font=st.font(8, color=MUTED_TEXT), fill=DAY_OFF_FILL,
                           align=_VERTICAL if zh else _TURNED)
        else:
            continue
        _put(ws, 5, _GANTT_FIRST + i, text or None, style)
        tallest = max(tallest, len(text) if zh else math.ceil(len(text) * 0.6))
    ws.row_dimensions[5].height = min(tallest * 12.5 + 8, 160.0)


def _bar_style(ctx: _Context, bar: str, striped: bool, timed: bool) -> _Style:
    """A bar's cell: the section's colour, striped over a day off, with a time or not."""
    key = (bar, striped, timed)
    found = ctx.bar_styles.get(key)
    if found is None:
        st = ctx.styles
        fill = (PatternFill("lightUp", start_color="FFFFFF", end_color=bar) if striped
                else _solid(bar))
        found = ctx.bar_styles[key] = st.get(
            f"gantt bar {bar}{' off' * striped}{' time' * timed}", font=st.font(8), fill=fill,
            align=_CENTRE, fmt=_CLOCK_FORMAT if timed else "General")
    return found


def _gantt_row(ws: Any, row: int, ctx: _Context, task: PlanTask, axis: _Axis, off: set[int],
               name_width: float) -> range:
    """A task's row: 序号, name and its bar; returns the slots the bar covers."""
    st = ctx.styles
    bar, _tint = ctx.colours[task.section]
    lines = min(2, ctx.lines(task.name, name_width))
    _put(ws, row, 1, ctx.seq[task.id], st.get(f"gantt seq {bar}", fill=bar, align=_CENTRE))
    _put(ws, row, 2, task.name or None,
         st.get("gantt name tall" if lines > 1 else "gantt name",
                align=_TOP_WRAP if lines > 1 else _WRAP))
    slots = axis.slots(task)
    labels: dict[int, time] = {}
    if axis.unit == "day":
        if task.start.clock:
            labels[slots[0]] = task.start.clock
        if task.due.clock and task.due.day != task.start.day:
            labels[slots[-1]] = task.due.clock
    for i in slots:
        _put(ws, row, _GANTT_FIRST + i, labels.get(i), _bar_style(ctx, bar, i in off, i in labels))
    ws.row_dimensions[row].height = max(_MIN_ROW, lines * _LINE + 3)
    return slots


# ---------------------------------------------------------------- 时间节点

_NODE_COLUMNS = ("day", "clock", "node", "what", "section", "role", "people")


def _nodes(book: Workbook, name: str, ctx: _Context, parts: list[Group]) -> None:
    plan, st, words, labels = ctx.plan, ctx.styles, ctx.words, ctx.labels
    title = labels["nodes_title"].format(title=plan.title or plan.playbook)
    ws = book.create_sheet(name)
    chrono = _chrono(plan)
    anchor_days = {anchor.when.day for anchor in chrono}
    # Only milestones and the tasks that start or end on an anchor's day are shown.
    shown_tasks = [t for t in plan.tasks if _is_point(t) or t.start.day in anchor_days
                   or t.due.day in anchor_days]
    by_time = replace(plan, tasks=shown_tasks).by_time()
    points = [t for t in by_time if _is_point(t)]
    entries: list[tuple[tuple[date, time], int, int, PlanAnchor | PlanTask]] = []
    for i, anchor in enumerate(chrono):
        entries.append((anchor.when.sort_key(), 0, i, anchor))
    for i, task in enumerate(points):
        entries.append((task.start.sort_key(), 1, i, task))
    entries.sort(key=lambda e: e[:3])
    summaries = _day_summaries([t for t in by_time if not _is_point(t)], anchor_days, labels)

    widths = {"day": 18.5 if words.lang == "zh" else 17.0, "clock": 8.0, "node": 12.0,
              "what": 48.0, "section": 12.0, "role": 12.0, "people": 12.0}
    if "yyyy" in st.day_format:
        widths["day"] += 5
    for col, key in enumerate(_NODE_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    _put(ws, 1, 1, title, st.get("title", font=st.font(16, True, HEADER_FILL), align=_LEFT))
    ws.row_dimensions[1].height = 28.0
    head = st.get("header", font=st.font(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=_CENTRE, grid=True)
    for col, key in enumerate(_NODE_COLUMNS, 1):
        _put(ws, 2, col, labels[key], head)
    ws.row_dimensions[2].height = 2 * _LINE + 4

    row = 2
    seen: set[date] = set()
    text = st.get("node text", align=_WRAP, grid=True)
    for (day, _clock), _kind, _, item in entries:
        row += 1
        when = item.when if isinstance(item, PlanAnchor) else item.start
        is_off = day in ctx.off
        _put(ws, row, 1, day, st.get(f"node day{' off' * is_off}",
                                     font=st.font(color=DAY_OFF_TEXT) if is_off else None,
                                     align=_LEFT, grid=True, fmt=st.day_format))
        _put(ws, row, 2, when.clock, st.get("node clock", align=_CENTRE, grid=True, fmt=_CLOCK_FORMAT))
        if isinstance(item, PlanAnchor):
            what = summaries[day] if day not in seen else ""
            seen.add(day)
            _put(ws, row, 3, item.label, st.get("node anchor", font=st.font(bold=True, color=HEADER_TEXT),
                                                fill=ANCHOR_FILL, align=_CENTRE, grid=True))
            _put(ws, row, 4, what or None, st.get("node anchor what", fill=ANCHOR_TINT, align=_WRAP,
                                                  grid=True))
            for col in range(5, len(_NODE_COLUMNS) + 1):
                _put(ws, row, col, None, st.get("node anchor tint", fill=ANCHOR_TINT, grid=True))
            lines = ctx.lines(what, widths["what"])
        else:
            tint = ctx.colours[item.section][1]
            people = _people(item)
            _put(ws, row, 3, None, st.get("node empty", grid=True))
            _put(ws, row, 4, item.name or None, text)
            _put(ws, row, 5, item.section or None, st.get(f"text {tint}", fill=tint, align=_WRAP,
                                                          grid=True))
            _put(ws, row, 6, item.owner or None, text)
            _put(ws, row, 7, people or None, text)
            lines = max(ctx.lines(item.name, widths["what"]),
                        ctx.lines(item.section, widths["section"]),
                        ctx.lines(item.owner, widths["role"]), ctx.lines(people, widths["people"]))
        ws.row_dimensions[row].height = max(_MIN_ROW, lines * _LINE + 4)
    ws.auto_filter.ref = f"A2:{get_column_letter(len(_NODE_COLUMNS))}{max(row, 3)}"
    ws.freeze_panes = "A3"

    row = _progress_table(ws, ctx, parts, row + 2)
    if plan.warnings:
        row = _notice_block(ws, ctx, row + 2, len(_NODE_COLUMNS), sum(widths.values()), short=False)
    _print_setup(ws, title, ctx)
    ws.print_title_rows = "2:2"


def _progress_table(ws: Any, ctx: _Context, parts: list[Group], row: int) -> int:
    """进度: per section, how many tasks are 完成, 进行中, 受阻, 取消 and 未开始, as the plan
    file records them. Returns the last row used."""
    st, labels, words = ctx.styles, ctx.labels, ctx.status_words
    head = st.get("header", font=st.font(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=_CENTRE, grid=True)
    columns = [labels["progress"], *(words[s] for s in STATUS_COLOURS), labels["not_started"],
               labels["total"]]
    for col, text in enumerate(columns, 1):
        _put(ws, row, col, text, head)
    number = st.get("count", align=_CENTRE, grid=True)
    totals = [0] * (len(columns) - 1)
    for group in parts:
        row += 1
        counts = [sum(1 for t in group.tasks if t.progress and t.progress.status == s)
                  for s in STATUS_COLOURS]
        counts += [len(group.tasks) - sum(counts), len(group.tasks)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        _put(ws, row, 1, group.label, st.get("node text", align=_WRAP, grid=True))
        for col, n in enumerate(counts, 2):
            _put(ws, row, col, n, number)
    row += 1
    bold = st.get("count total", font=st.font(bold=True), align=_CENTRE, grid=True)
    _put(ws, row, 1, labels["total"], bold)
    for col, n in enumerate(totals, 2):
        _put(ws, row, col, n, bold)
    return row


def _day_summaries(spans: list[PlanTask], days: set[date], labels: dict[str, str]
                   ) -> dict[date, str]:
    """What happens within, starts and is due on each anchor's day (milestones have rows
    of their own). `spans` are tasks that are not milestones, in time order."""
    names: dict[date, tuple[list[str], list[str], list[str]]] = {d: ([], [], []) for d in days}
    for task in spans:
        first, last = task.start.day, task.due.day
        if first in names:
            names[first][0 if first == last else 1].append(task.name)
        if last != first and last in names:
            names[last][2].append(task.name)
    out = {}
    for day, lists in names.items():
        parts = [labels[key].format(names=_few(found, labels))
                 for key, found in zip(("within", "starts", "dues"), lists, strict=True) if found]
        out[day] = labels["part_sep"].join(parts)
    return out


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


def _owners(plan: Plan, by_section: list[PlanTask]) -> list[str]:
    present = list(dict.fromkeys(t.owner for t in by_section))
    known = set(present)
    return list(dict.fromkeys([r for r in plan.roles if r in known] + present))


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    labels = _labels(words)
    span = plan_days(plan)
    multi_year = bool(span and span[0].year != span[1].year)
    book = Workbook()
    book.remove(book.active)
    # No formulas here: recalculating on open only makes Excel ask "save changes?".
    book.calculation.fullCalcOnLoad = None
    styles = _Styles(book, words, multi_year)
    by_section = plan.by_section()
    parts = groups(plan, options.group_by, words, by_section)
    ctx = _Context(plan, words, styles, parts, by_section, span)
    title = plan.title or plan.playbook
    taken = {META_SHEET}

    _schedule(book, _sheet_name(labels["sheet_plan"], taken), ctx, parts, options.group_by, title,
              _plan_line(ctx, len(plan.tasks)), warnings=True)
    gantt_title = labels["gantt_title"].format(title=title)
    first, last = span or (date(2000, 1, 1), date(2000, 1, 1))
    axis = _gantt_axis(plan, (first, last))
    legend = labels[{"day": "gantt_legend", "week": "weeks_legend", "half-hour": "hours_legend"}[
        axis.unit]]
    _gantt(book, _sheet_name(labels["sheet_gantt"], taken), ctx, parts, options.group_by, axis,
           gantt_title, legend)
    shifts = _shift_days(plan) if axis.unit != "half-hour" else None
    if shifts:
        def in_shifts(task: PlanTask) -> bool:
            return (task.start.clock is not None or task.due.clock is not None) and \
                task.due.day >= shifts[0] and task.start.day <= shifts[1]

        timed = [Group(g.key, g.label, [t for t in g.tasks if in_shifts(t)]) for g in parts]
        _gantt(book, _sheet_name(labels["sheet_hours"], taken), ctx, [g for g in timed if g.tasks],
               options.group_by, _hour_axis(*shifts), labels["hours_title"].format(title=title),
               labels["hours_legend"])
    sections = parts if options.group_by == "section" else groups(plan, "section", words, by_section)
    _nodes(book, _sheet_name(labels["sheet_nodes"], taken), ctx, sections)
    if options.by_owner:
        for owner in _owners(plan, by_section):
            mine = [Group(g.key, g.label, [t for t in g.tasks if t.owner == owner]) for g in parts]
            mine = [g for g in mine if g.tasks]
            people = list(dict.fromkeys(p.name for p in plan.team.get(owner, [])))
            people += [p.name for g in mine for t in g.tasks for p in t.people if p.name not in people]
            who = (labels["owner_people"].format(people="、".join(people)) if people
                   else labels["owner_none"])
            n = sum(len(g.tasks) for g in mine)
            third = labels["sep"].join([who, labels["count"].format(label=owner, n=n)])
            _schedule(book, _sheet_name(owner, taken), ctx, mine, options.group_by,
                      f"{title} · {owner}", third, warnings=False)

    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for row, (key, value) in enumerate((("campaign", plan.campaign), ("playbook", plan.playbook)), 1):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=clean(value))
    book.active = 0

    # No clock in outputs: the document says it was made on the plan's first day.
    made = datetime.combine(first, time(0))  # Excel times have no zone
    book.properties.title = clean(title)
    book.properties.subject = clean(plan.playbook)
    book.properties.creator = "promoplan"
    book.properties.created = book.properties.modified = made
    return _save(book)


_FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _save(book: Workbook) -> bytes:
    """The workbook as bytes, the same for the same plan: openpyxl's writer (not
    `Workbook.save`, which stamps the modified time with the clock), its strings moved
    to a shared-strings part, then the zip rewritten with its parts in a fixed order
    and a fixed timestamp."""
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:  # deflated once, below
        ExcelWriter(book, archive).save()
    with zipfile.ZipFile(raw) as written:
        parts = {name: written.read(name) for name in written.namelist()}
    _share_strings(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as fixed:
        for name in [*(n for n in _FIRST_PARTS if n in parts),
                     *sorted(n for n in parts if n not in _FIRST_PARTS)]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            fixed.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def _share_strings(parts: dict[str, bytes]) -> None:
    """Move every cell's text into one shared-strings part, as Excel itself saves them.

    openpyxl 3.1 writes each text inline in its cell (`t="inlineStr"`), which is valid,
    but Apple Numbers and iOS previewers (what a phone opens from the chat group) are
    reported to show such cells blank, and it has no option for shared strings. This
    edits openpyxl's parts with lxml: each cell's <is> becomes an index into the
    table, the table gets its content type and its relationship from the workbook."""
    from lxml import etree  # type: ignore[import-untyped]

    inline_tag, text_tag, item_tag, index_tag = (f"{_MAIN}{tag}" for tag in ("is", "t", "si", "v"))
    table = etree.Element(f"{_MAIN}sst", nsmap={None: _MAIN[1:-1]})
    index: dict[str | bytes, str] = {}
    count = 0
    sheets = sorted((n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                    key=lambda n: int(re.sub(r"\D", "", n)))
    for name in sheets:
        root = etree.fromstring(parts[name])
        for inline in list(root.iter(inline_tag)):
            # Plain text (one <t>) is keyed by its text; rich text by its markup.
            plain = inline[0] if len(inline) == 1 and inline[0].tag == text_tag else None
            key = (plain.text or "") if plain is not None else etree.tostring(inline)
            found = index.get(key)
            if found is None:
                found = index[key] = str(len(index))
                item = etree.SubElement(table, item_tag)
                if plain is not None:
                    # A new <t> with the same text and xml:space, not a copy of the
                    # element: each lxml copy makes a document of its own, which was
                    # most of this pass's time on a large plan.
                    etree.SubElement(item, text_tag, plain.attrib).text = plain.text
                else:
                    item.extend(copy(child) for child in inline)
            # The <is> becomes the cell's <v> where it stands: a text cell holds nothing else.
            inline.getparent().set("t", "s")
            inline.tag = index_tag
            del inline[:]
            inline.text = found
            count += 1
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    table.set("count", str(count))
    table.set("uniqueCount", str(len(index)))
    parts["xl/sharedStrings.xml"] = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                                   standalone=True)
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{types.nsmap[None]}}}Override", PartName="/xl/sharedStrings.xml",
                     ContentType=_SHARED_TYPE)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    taken = {rel.get("Id") for rel in rels}
    rid = next(f"rId{n}" for n in range(len(taken) + 1, len(taken) + 100) if f"rId{n}" not in taken)
    etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id=rid, Type=_SHARED_REL,
                     Target="sharedStrings.xml")
    parts["xl/_rels/workbook.xml.rels"] = etree.tostring(rels, xml_declaration=True,
                                                         encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- reading back


def _open(data: bytes, name: str) -> Any:
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl and zipfile raise a dozen kinds for a bad file
        raise PromoplanError(f"{name}: not an XLSX file ({_reason(exc)})") from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "not a zip archive"
    if isinstance(exc, KeyError):
        return "no workbook inside the archive"
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


# ---------------------------------------------------------------- textconv

_PAPER = {9: "A4", 1: "Letter", 8: "A3", 11: "A5"}


def textconv(data: bytes, name: str) -> str:
    """A stable plain-text form of every sheet, for `git diff` of committed XLSX files.

    One line per row (`row | value | value …`), dates as ISO, times as HH:MM. On a
    sheet with a row of evenly spaced dates (the Gantt's days, weeks or half hours),
    each row's time columns become a bar: █ where the cell has the row's colour, ▒
    where that colour is striped (a day off under the bar), · elsewhere; then any
    values in those columns as @key value.
    """
    book = _open(data, name)
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

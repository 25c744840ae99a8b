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

The workbook is written by our own small builder (sheetml), row by row as XML, not
through openpyxl: a 10,000-task Gantt is a few hundred thousand cells, and a cell
object plus a style hash per cell made this writer most of a large compile (and the
import alone most of a small one). Same plan, same bytes: the document properties
are pinned and the zip has fixed timestamps and a fixed entry order. Text is always
text, never a formula, and characters XML cannot hold are replaced instead of failing
the run. `textconv` turns a file back into stable plain text for `git diff`; it reads
with openpyxl, imported only there.
"""

# No `from __future__ import annotations` in this module: its NamedTuples' fields would
# be strings, which typing compiles one by one on every start.
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from promoplan import notices
from promoplan.errors import PromoplanError
from promoplan.i18n import Words
from promoplan.plan import Plan, PlanAnchor, PlanTask, When
from promoplan.writers import WriterOptions
from promoplan.writers.md_ import grouped as by_phase
from promoplan.writers.sheetml import (
    REPLACEMENT,
    Align,
    Border,
    Cell,
    Fill,
    Font,
    PageSetup,
    Properties,
    Sheet,
    Style,
    Styles,
    Workbook,
    clean,
    column_letter,
    serial,
)

__all__ = ["REPLACEMENT", "clean", "render", "text_width", "textconv"]

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


def _labels(words: Words) -> dict[str, str]:
    return LABELS[words.lang]


# ---------------------------------------------------------------- safe text


class _CharWidths(dict[str, int]):
    """Column units per character, looked up once per distinct character: the width of
    every name and note decides column widths and row heights on 100,000-task plans."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_CHAR_WIDTHS = _CharWidths()


def text_width(text: str) -> int:
    """Width in Excel column units: CJK and full-width characters count twice."""
    if text.isascii():
        return len(text)
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


# ---------------------------------------------------------------- plan shape


class Group(NamedTuple):
    key: str
    """The section name, or the phase key (before, during, after, '')."""
    label: str
    tasks: list[PlanTask]


def groups(plan: Plan, group_by: str, words: Words,
           by_section: list[PlanTask] | None = None) -> list[Group]:
    """Sections in the playbook's order (playbook order inside), or phases in time order.
    `by_section` is plan.by_section() when the caller has it already (a sort of every task)."""
    if group_by == "phase":
        return [Group(phase, words[phase] or _labels(words)["no_phase"], tasks)
                for phase, tasks in by_phase(plan)]
    out: list[Group] = []
    for task in plan.by_section() if by_section is None else by_section:
        if not out or out[-1].key != task.section:
            out.append(Group(task.section, task.section, []))
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


# ---------------------------------------------------------------- looks


def _fill(rgb: str) -> Fill:
    return Fill(rgb, rgb)


class _Look:
    """The fonts, fills and alignments of one workbook, and the style ids made of them.

    Ids are memoised by the identity of the parts (all made here and kept alive here),
    so a cell's style costs a dict lookup on small ints, not hashing style objects.
    """

    def __init__(self, words: Words, multi_year: bool, styles: Styles) -> None:
        self.lang = words.lang
        self.styles = styles
        name = FONT_NAME[words.lang]
        self.font = Font(name, 11)
        self.bold = Font(name, 11, bold=True)
        self.title = Font(name, 16, bold=True, color=HEADER_FILL)
        self.muted = Font(name, 10, color=MUTED_TEXT)
        self.header = Font(name, 11, bold=True, color=HEADER_TEXT)
        self.small = Font(name, 8)
        self.small_muted = Font(name, 8, color=MUTED_TEXT)
        self.small_white = Font(name, 9, bold=True, color=HEADER_TEXT)
        self.anchor_label = Font(name, 10, bold=True, color=ANCHOR_FILL)
        self.day_off = Font(name, 11, color=DAY_OFF_TEXT)
        self.grid = Border("thin", BORDER_COLOUR)
        self.wrap = Align(vertical="center", wrap=True)
        self.top_wrap = Align(vertical="top", wrap=True)
        self.centre = Align(horizontal="center", vertical="center", wrap=True)
        self.left = Align(horizontal="left", vertical="center")
        self.header_fill = _fill(HEADER_FILL)
        self.anchor_fill = _fill(ANCHOR_FILL)
        self.anchor_tint = _fill(ANCHOR_TINT)
        self.day_off_fill = _fill(DAY_OFF_FILL)
        self.warn_fill = _fill(WARN_FILL)
        self.day_format = (_DAY_FORMAT_YEAR if multi_year else _DAY_FORMAT)[words.lang]
        self.when_format = self.day_format + " " + _CLOCK_FORMAT
        self.off_suffix = f' "{words["day_off"]}"'
        self.fills: dict[str, Fill] = {}
        self._ids: dict[tuple[int, int, int, int, str | None], int] = {}

    def fill(self, rgb: str) -> Fill:
        if rgb not in self.fills:
            self.fills[rgb] = _fill(rgb)
        return self.fills[rgb]

    def striped(self, rgb: str) -> Fill:
        """A bar's colour with white stripes: the bar runs over a day off."""
        key = "striped " + rgb
        if key not in self.fills:
            self.fills[key] = Fill("FFFFFF", rgb, pattern="lightUp")
        return self.fills[key]

    def sid(self, font: Font | None = None, fill: Fill | None = None, align: Align | None = None,
            border: Border | None = None, fmt: str | None = None) -> int:
        """The style id of a combination; None leaves that part at the default."""
        key = (id(font), id(fill), id(align), id(border), fmt)
        sid = self._ids.get(key)
        if sid is None:
            sid = self._ids[key] = self.styles.id(Style(font, fill, border, align, fmt))
        return sid


def _page(look: _Look, *, title_rows: tuple[int, int], title_cols: tuple[int, int] | None = None,
          pages_wide: int = 1, footer_left: str = "", grid_lines: bool = False) -> PageSetup:
    """A4 landscape, as wide as `pages_wide` pages, titles repeated, centred; the footer
    names the plan on the left (header/footer codes start with &, so a literal & is
    written twice) and counts pages on the right."""
    left = clean(footer_left).replace("&", "&&")[:100]
    return PageSetup(fit_width=pages_wide, fit_height=0, title_rows=title_rows,
                     title_cols=title_cols, grid_lines=grid_lines,
                     footer=f"&L{left}&R{LABELS[look.lang]['footer']}")


# ---------------------------------------------------------------- 进程表

_COLUMNS = ("seq", "section", "name", "start", "due", "role", "people", "notes", "phase")
_WRAPPED = {"section", "name", "role", "people", "notes"}
_HEADER_ROW = 4
_ROW = "\x00"  # stands for the row number in a row template; clean() keeps it out of text


class _Context:
    """What the sheets share: the plan, its looks, and what is worked out once per
    workbook instead of once per sheet or per row."""

    def __init__(self, plan: Plan, words: Words, look: _Look, parts: list[Group],
                 by_section: list[PlanTask], span: tuple[date, date] | None) -> None:
        self.plan = plan
        self.words = words
        self.look = look
        self.colours = section_colours(plan, by_section)
        self.seq = numbering(parts)
        self.off = days_off(plan)
        self.warnings = notices.tags_by_task(plan, words)
        self.span = span
        """plan_days(plan)"""
        self.row_styles: dict[str, _RowStyles] = {}
        self.row_ends: dict[tuple[str, str, str, str, bool, str], tuple[str, int]] = {}
        """see _task_row_end"""
        self._measured: dict[str, int | tuple[int, ...]] = {}
        """text → its width, or the width of each of its lines"""
        self.widths = _widths(self)
        """The 进程表 columns', the same on every schedule sheet (they fit all tasks)."""

    def lines(self, text: str, width: float) -> int:
        """_lines(clean(text), width), each distinct text measured once: a section, a
        role or a warning comes back row after row, and every name is measured for its
        row's height on three sheets."""
        measured = self._measured.get(text)
        if measured is None:
            parts = clean(text).split("\n")
            measured = self._measured[text] = (text_width(parts[0]) if len(parts) == 1
                                               else tuple(map(text_width, parts)))
        usable = max(width - 1.5, 1.0)
        if isinstance(measured, int):
            return max(1, math.ceil(measured / usable))
        return sum(max(1, math.ceil(w / usable)) for w in measured)


def _widths(ctx: _Context) -> dict[str, float]:
    tasks = ctx.plan.tasks

    def fit(texts: Iterable[str], low: float, high: float) -> float:
        # The header wraps, so only the contents decide; once one text reaches `high`,
        # the rest cannot change the width (on a large plan, most names need not be measured).
        widest = 0
        for text in set(texts):
            widest = max(widest, text_width(text))
            if widest + 2 >= high:
                break
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
    if not task.people:  # most tasks: the join costs more than the rest of the cell
        return ""
    return "、".join(p.name for p in task.people)


def _notes(ctx: _Context, task: PlanTask) -> str:
    if not task.occurrences and task.id not in ctx.warnings:  # most tasks, as below
        return task.notes
    parts = [ctx.words.repeat_note(task)] if task.occurrences else []
    parts += [task.notes] if task.notes else []
    parts += ctx.warnings.get(task.id, [])
    return "\n".join(parts)


def _title_block(sheet: Sheet, ctx: _Context, title: str, third: str) -> None:
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
        sheet.row(row, [(1, look.sid(font, align=look.left), text.replace("\n", " "))], height)


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
    span = ctx.span
    if span:
        parts.append(labels["span"].format(first=span[0].isoformat(), last=span[1].isoformat(),
                                           n=count))
    return labels["sep"].join(parts)


def _schedule(book: Workbook, name: str, ctx: _Context, parts: list[Group], group_by: str,
              title: str, third: str) -> None:
    look, words = ctx.look, ctx.words
    labels = _labels(words)
    widths = ctx.widths
    last = _HEADER_ROW + len(parts) + sum(len(g.tasks) for g in parts)
    sheet = book.add_sheet(
        name, last_row=last, last_col=len(_COLUMNS),
        widths={col: widths[key] for col, key in enumerate(_COLUMNS, 1)},
        freeze=(_HEADER_ROW + 1, 1),
        page=_page(look, title_rows=(_HEADER_ROW, _HEADER_ROW), footer_left=title))
    _title_block(sheet, ctx, title, third)

    head = look.sid(look.header, look.header_fill, look.centre, look.grid)
    # The header wraps in the narrow columns: two lines high.
    sheet.row(_HEADER_ROW, [(col, head, labels[key]) for col, key in enumerate(_COLUMNS, 1)],
              2 * _LINE + 4)

    key_col = _COLUMNS.index("phase" if group_by == "phase" else "section") + 1
    name_col = _COLUMNS.index("name") + 1
    row = _HEADER_ROW
    for group in parts:
        row += 1
        band = look.fill(PHASE_COLOURS.get(group.key, PHASE_COLOURS[""]) if group_by == "phase"
                         else ctx.colours[group.key][0])
        cells: dict[int, tuple[int, str | None]] = {
            col: (look.sid(fill=band, border=look.grid), None) for col in range(1, len(_COLUMNS) + 1)}
        # The group's own column carries its name, so filtering on it keeps the band.
        cells[key_col] = (look.sid(look.bold, band, look.wrap, look.grid), group.label)
        if group_by == "phase":  # the phase column is far right: name the band in sight
            cells[name_col] = (look.sid(look.bold, band, look.left, look.grid),
                               labels["count"].format(label=group.label, n=len(group.tasks)))
        else:
            cells[name_col] = (look.sid(look.muted, band, look.left, look.grid),
                               labels["band"].format(n=len(group.tasks)))
        sheet.row(row, [(col, sid, value) for col, (sid, value) in cells.items()], 22.0)
        for task in group.tasks:
            row += 1
            _task_row(sheet, row, ctx, task, widths)

    sheet.auto_filter(_HEADER_ROW, 1, max(row, _HEADER_ROW + 1), len(_COLUMNS))
    sheet.close()


class _RowStyles(NamedTuple):
    """The style ids of a task row in one section's colours."""

    seq: int
    text: int
    phase: int
    warn: int
    dates: dict[tuple[bool, bool], int]
    """(timed, day off) → style of a start or due cell."""


def _row_styles(ctx: _Context, section: str) -> _RowStyles:
    look, cache, key = ctx.look, ctx.row_styles, section
    if key not in cache:
        tint = look.fill(ctx.colours[section][1])
        bar = look.fill(ctx.colours[section][0])
        dates = {}
        for timed in (False, True):
            for off in (False, True):
                fmt = look.when_format if timed else look.day_format
                font = look.day_off if off else look.font
                # Red and marked 休 (not colour alone): a deadline on a day off.
                dates[timed, off] = look.sid(font, tint, look.left, look.grid,
                                             fmt + look.off_suffix if off else fmt)
        cache[key] = _RowStyles(
            seq=look.sid(look.font, bar, look.centre, look.grid),
            text=look.sid(look.font, tint, look.wrap, look.grid),
            phase=look.sid(look.font, tint, look.centre, look.grid),
            warn=look.sid(look.font, look.warn_fill, look.wrap, look.grid),
            dates=dates)
    return cache[key]


def _task_row(sheet: Sheet, row: int, ctx: _Context, task: PlanTask, widths: dict[str, float]) -> None:
    styles = _row_styles(ctx, task.section)
    off = ctx.off
    start, due = task.start, task.due
    head, _ = sheet.cells(row, [
        (1, styles.seq, ctx.seq[task.id]),
        (2, styles.text, task.section or None),
        (3, styles.text, task.name or None),
        (4, styles.dates[start.clock is not None, start.day in off], _value(start)),
        (5, styles.dates[due.clock is not None, due.day in off], _value(due)),
    ])
    end, lines = _task_row_end(sheet, ctx, task, styles, widths)
    lines = max(lines, ctx.lines(task.name, widths["name"]))
    sheet.row_xml(row, head + end.replace(_ROW, str(row)), len(_COLUMNS),
                  max(_MIN_ROW, lines * _LINE + 4))


def _task_row_end(sheet: Sheet, ctx: _Context, task: PlanTask, styles: _RowStyles,
                  widths: dict[str, float]) -> tuple[str, int]:
    """The cells from 负责岗位 on (with _ROW for the row number) and the lines the row
    needs for all but its name. Many tasks of a section share them (one role, no notes),
    so they are made once per combination and copied, as the Gantt's bars are; made
    after the cells before them, as a style id is numbered when first used."""
    people, notes = _people(task), _notes(ctx, task)
    warned = task.id in ctx.warnings
    key = (task.section, task.owner, people, notes, warned, task.phase)
    found = ctx.row_ends.get(key)
    if found is None:
        xml, _ = sheet.cells(_ROW, [
            (6, styles.text, task.owner or None),
            (7, styles.text, people or None),
            (8, styles.warn if warned else styles.text, notes or None),
            (9, styles.phase, ctx.words[task.phase] or None),
        ])
        lines = max(ctx.lines(task.section, widths["section"]), ctx.lines(task.owner, widths["role"]),
                    ctx.lines(people, widths["people"]), ctx.lines(notes, widths["notes"]))
        found = ctx.row_ends[key] = (xml, lines)
    return found


# ---------------------------------------------------------------- 甘特图

_GANTT_FIRST_DAY_COL = 3
_GANTT_HEAD = 5  # title, months, day numbers, weekdays, anchor labels


class _GanttDays:
    """The day cells of task rows, as XML templates shared by tasks with the same bar.

    A task row is mostly fixed by its section and its first and last day: the bar,
    its time labels, and outside it the tinted anchor days and grey days off. Rows
    are made once per distinct bar and copied with the row number filled in, which
    is what keeps a 100,000-task Gantt (a few million cells) to a few seconds. A bar
    is put together from day cells kept per section, each made the first time a bar
    reaches that day: a style id is numbered when first used, so the cells are made in
    the order a day-by-day walk along each new bar meets them, which keeps the bytes.
    """

    def __init__(self, ctx: _Context, days: list[date], anchors: dict[date, list[str]]) -> None:
        look = ctx.look
        self.ctx = ctx
        self.days = days
        self.letters = [column_letter(_GANTT_FIRST_DAY_COL + i) for i in range(len(days))]
        tint, grey = look.sid(fill=look.anchor_tint), look.sid(fill=look.day_off_fill)
        marked = [(i, tint if day in anchors else grey) for i, day in enumerate(days)
                  if day in anchors or day in ctx.off]
        self.marked_index = [i for i, _ in marked]
        self.marked = [f'<c r="{self.letters[i]}{_ROW}" s="{sid}"/>' for i, sid in marked]
        self.plain: dict[str, list[str | None]] = {}
        """section → the bar's cell on each day without a time label, once made"""
        self.heads: dict[tuple[str, bool], tuple[int, int]] = {}
        self.templates: dict[tuple[str, date, date, time | None, time | None], tuple[str, int]] = {}

    def head_styles(self, section: str, tall: bool) -> tuple[int, int]:
        """Style ids of a task row's 序号 (in the bar's colour) and name (tall: two lines)."""
        found = self.heads.get((section, tall))
        if found is None:
            look = self.ctx.look
            found = self.heads[section, tall] = (
                look.sid(look.font, look.fill(self.ctx.colours[section][0]), look.centre),
                look.sid(look.font, align=look.top_wrap if tall else look.wrap))
        return found

    def template(self, task: PlanTask) -> tuple[str, int]:
        """(cells XML with _ROW for the row number, last column)."""
        start, due = task.start, task.due
        due_clock = due.clock if due.day != start.day else None
        key = (task.section, start.day, due.day, start.clock, due_clock)
        found = self.templates.get(key)
        if found is None:
            found = self.templates[key] = self._make(task.section, start.day, due.day, start.clock,
                                                     due_clock)
        return found

    def _make(self, section: str, first: date, last: date, first_clock: time | None,
              last_clock: time | None) -> tuple[str, int]:
        origin = self.days[0]
        lo, hi = (first - origin).days, (last - origin).days  # day indexes
        labels: dict[int, time] = {}
        if first_clock:
            labels[lo] = first_clock
        if last_clock:
            labels[hi] = last_clock
        before = bisect_left(self.marked_index, lo)
        after = bisect_right(self.marked_index, hi)
        cells = self.marked[:before]
        last_col = _GANTT_FIRST_DAY_COL + self.marked_index[before - 1] if before else 0
        plain = self.plain.get(section)
        if plain is None:
            plain = self.plain[section] = [None] * len(self.days)
        for i in range(lo, min(hi + 1, len(self.days))):  # the Gantt stops at _MAX_DAYS
            label = labels.get(i)
            if label is not None:
                cells.append(self._cell(section, i, label))
            else:
                cell = plain[i]
                if cell is None:
                    cell = plain[i] = self._cell(section, i, None)
                cells.append(cell)
            last_col = _GANTT_FIRST_DAY_COL + i
        cells += self.marked[after:]
        if after < len(self.marked):
            last_col = _GANTT_FIRST_DAY_COL + self.marked_index[-1]
        return "".join(cells), last_col

    def _cell(self, section: str, i: int, label: time | None) -> str:
        """A bar's cell on day i, striped on a day off, with the time if it has one."""
        look = self.ctx.look
        bar_rgb = self.ctx.colours[section][0]
        fill = look.striped(bar_rgb) if self.days[i] in self.ctx.off else look.fill(bar_rgb)
        if label is None:
            return f'<c r="{self.letters[i]}{_ROW}" s="{look.sid(look.small, fill, look.centre)}"/>'
        sid = look.sid(look.small, fill, look.centre, fmt=_CLOCK_FORMAT)
        return f'<c r="{self.letters[i]}{_ROW}" s="{sid}"><v>{serial(label)!r}</v></c>'


def _gantt(book: Workbook, name: str, ctx: _Context, parts: list[Group], group_by: str) -> None:
    plan, look, words = ctx.plan, ctx.look, ctx.words
    labels = _labels(words)
    title = labels["gantt_title"].format(title=plan.title or plan.playbook)
    span = ctx.span
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
    widths = {1: 4.5, 2: name_width}
    for day, col in col_of.items():
        widths[col] = 5.8 if day in timed else 3.4
    total = sum(widths.values())
    sheet = book.add_sheet(
        name, last_row=_GANTT_HEAD + len(parts) + sum(len(g.tasks) for g in parts),
        last_col=_GANTT_FIRST_DAY_COL - 1 + count, widths=widths,
        freeze=(_GANTT_HEAD + 1, _GANTT_FIRST_DAY_COL),
        page=_page(look, title_rows=(2, _GANTT_HEAD), title_cols=(1, _GANTT_FIRST_DAY_COL - 1),
                   pages_wide=max(1, math.ceil(total / _GANTT_PAGE_WIDTH)), footer_left=title,
                   grid_lines=True))

    top: list[Cell] = [(1, look.sid(look.title, align=look.left), title)]
    if count:
        legend_col = _GANTT_FIRST_DAY_COL + (10 if count > 20 else 0)
        top.append((legend_col, look.sid(look.muted, align=look.left), labels["gantt_legend"]))
    sheet.row(1, top, 28.0)

    # Months: one merged header per month (the year only where it starts or changes).
    header = look.sid(fill=look.header_fill)
    months: list[Cell] = [(1, header, None), (2, header, None)]
    month_head = look.sid(look.header, look.header_fill, look.left)
    start_col: int | None = None
    last_year = None
    for i, day in enumerate(days):
        if start_col is None:
            start_col = col_of[day]
        nxt = days[i + 1] if i + 1 < len(days) else None
        if nxt is None or nxt.month != day.month:
            end_col = col_of[day]
            wide = sum(widths[c] for c in range(start_col, end_col + 1))
            full = labels["month"].format(y=day.year, m=day.month, mon=_MONTHS[day.month - 1])
            short = labels["month_short"].format(m=day.month, mon=_MONTHS[day.month - 1])
            text = full if (last_year != day.year and text_width(full) + 1 <= wide) else short
            last_year = day.year
            months.append((start_col, month_head, text))
            if end_col > start_col:
                sheet.merge(2, start_col, 2, end_col)
            start_col = None
    sheet.row(2, months)

    weekday_names = labels["weekdays"]
    holidays = holiday_labels(ctx.off)
    numbers: list[Cell] = [(1, look.sid(look.header, look.header_fill, look.centre), labels["seq"]),
                           (2, month_head, labels["name"])]
    weekdays: list[Cell] = [(1, header, None), (2, header, None)]
    marks: list[Cell] = [(1, header, None), (2, header, None)]
    for day, col in col_of.items():
        if day in anchors:
            head_fill, head_font = look.anchor_fill, look.small_white
        elif day in ctx.off:
            head_fill, head_font = look.day_off_fill, look.small_muted
        else:
            head_fill, head_font = None, look.small
        numbers.append((col, look.sid(head_font, head_fill, look.centre, fmt="d"), day))
        weekdays.append((col, look.sid(head_font, head_fill, look.centre),
                         weekday_names[day.weekday()]))
        if day in anchors:
            # Left-aligned and not wrapped: the label runs on over the next, empty cells.
            marks.append((col, look.sid(look.anchor_label, look.anchor_tint, look.left),
                          "/".join(anchors[day])))
        elif day in ctx.off:
            marks.append((col, look.sid(look.small_muted, look.day_off_fill, look.left),
                          holidays.get(day)))
    sheet.row(3, numbers, 18.0)
    sheet.row(4, weekdays, 16.0)
    sheet.row(5, marks, 18.0)

    bars = _GanttDays(ctx, days, anchors)
    row = _GANTT_HEAD
    for group in parts:
        row += 1
        band = look.fill(PHASE_COLOURS.get(group.key, PHASE_COLOURS[""]) if group_by == "phase"
                         else ctx.colours[group.key][0])
        tint = look.sid(fill=look.fill(ctx.colours[group.key][1] if group_by == "section"
                                       else PHASE_TINTS.get(group.key, PHASE_TINTS[""])))
        cells: list[Cell] = [
            (1, look.sid(fill=band), None),
            (2, look.sid(look.bold, band, look.left),
             labels["count"].format(label=group.label, n=len(group.tasks)))]
        cells += [(col, tint, None) for col in col_of.values()]
        sheet.row(row, cells, 20.0)
        for task in group.tasks:
            row += 1
            _gantt_row(sheet, row, ctx, task, bars, name_width)
    sheet.close()


def _gantt_row(sheet: Sheet, row: int, ctx: _Context, task: PlanTask, bars: _GanttDays,
               name_width: float) -> None:
    lines = min(2, ctx.lines(task.name, name_width))
    seq, name = bars.head_styles(task.section, lines > 1)
    head, _ = sheet.cells(row, [(1, seq, ctx.seq[task.id]), (2, name, task.name or None)])
    days, last_col = bars.template(task)
    sheet.row_xml(row, head + days.replace(_ROW, str(row)), max(last_col, 2),
                  max(_MIN_ROW, lines * _LINE + 3))


# ---------------------------------------------------------------- 时间节点

_NODE_COLUMNS = ("day", "clock", "node", "what", "section", "role", "people")


def _nodes(book: Workbook, name: str, ctx: _Context) -> None:
    plan, look, words = ctx.plan, ctx.look, ctx.words
    labels = _labels(words)
    title = labels["nodes_title"].format(title=plan.title or plan.playbook)
    chrono = _chrono(plan)
    anchor_days = {anchor.when.day for anchor in chrono}
    # Only milestones and the tasks that start or end on an anchor's day are shown, so
    # only they are put in time order (by the plan's own rule), not every task.
    shown_tasks = [t for t in plan.tasks if _is_point(t) or t.start.day in anchor_days
                   or t.due.day in anchor_days]
    by_time = replace(plan, tasks=shown_tasks).by_time()
    points = [t for t in by_time if _is_point(t)]  # milestones(plan)
    entries: list[tuple[tuple[date, time], int, int, PlanAnchor | PlanTask]] = []
    for i, anchor in enumerate(chrono):
        entries.append((anchor.when.sort_key(), 0, i, anchor))
    for i, task in enumerate(points):
        entries.append((task.start.sort_key(), 1, i, task))
    entries.sort(key=lambda e: e[:3])
    summaries = _day_summaries([t for t in by_time if not _is_point(t)], anchor_days, labels)

    widths = {"day": 18.5 if words.lang == "zh" else 17.0, "clock": 8.0, "node": 12.0,
              "what": 48.0, "section": 12.0, "role": 12.0, "people": 12.0}
    if "yyyy" in look.day_format:
        widths["day"] += 5
    last = 2 + len(entries) + (2 + len(plan.warnings) if plan.warnings else 0)
    sheet = book.add_sheet(
        name, last_row=last, last_col=len(_NODE_COLUMNS),
        widths={col: widths[key] for col, key in enumerate(_NODE_COLUMNS, 1)}, freeze=(3, 1),
        page=_page(look, title_rows=(2, 2), footer_left=title))
    sheet.row(1, [(1, look.sid(look.title, align=look.left), title)], 28.0)
    heads = {"day": labels["day"], "clock": labels["clock"], "node": labels["node"],
             "what": labels["what"], "section": labels["section"], "role": labels["role"],
             "people": labels["people"]}
    head = look.sid(look.header, look.header_fill, look.centre, look.grid)
    sheet.row(2, [(col, head, heads[key]) for col, key in enumerate(_NODE_COLUMNS, 1)], 2 * _LINE + 4)

    row = 2
    shown: set[date] = set()
    text = look.sid(look.font, align=look.wrap, border=look.grid)
    for (day, _clock), _kind, _, item in entries:
        row += 1
        when = item.when if isinstance(item, PlanAnchor) else item.start
        cells: list[Cell] = [
            (1, look.sid(look.day_off if day in ctx.off else look.font, align=look.left,
                         border=look.grid, fmt=look.day_format), day),
            (2, look.sid(align=look.centre, border=look.grid,
                         fmt=_CLOCK_FORMAT if when.clock else None), when.clock)]
        if isinstance(item, PlanAnchor):
            what = summaries[day] if day not in shown else ""
            shown.add(day)
            cells += [(3, look.sid(look.header, look.anchor_fill, look.centre, look.grid), item.label),
                      (4, look.sid(look.font, look.anchor_tint, look.wrap, look.grid), what or None)]
            cells += [(col, look.sid(fill=look.anchor_tint, border=look.grid), None)
                      for col in range(5, len(_NODE_COLUMNS) + 1)]
            lines = ctx.lines(what, widths["what"])
        else:
            tint = look.fill(ctx.colours[item.section][1])
            people = _people(item)
            cells += [(3, look.sid(border=look.grid), None), (4, text, item.name or None),
                      (5, look.sid(look.font, tint, look.wrap, look.grid), item.section or None),
                      (6, text, item.owner or None), (7, text, people or None)]
            lines = max(ctx.lines(item.name, widths["what"]),
                        ctx.lines(item.section, widths["section"]),
                        ctx.lines(item.owner, widths["role"]), ctx.lines(people, widths["people"]))
        sheet.row(row, cells, max(_MIN_ROW, lines * _LINE + 4))

    sheet.auto_filter(2, 1, max(row, 3), len(_NODE_COLUMNS))
    if plan.warnings:
        row += 2
        sheet.row(row, [(1, look.sid(look.bold, look.warn_fill, look.left), labels["warnings"])])
        total = sum(widths.values())
        for message in notices.lines(plan, words):
            row += 1
            sheet.row(row, [(1, look.sid(look.font, align=look.wrap), message)],
                      max(_MIN_ROW, _lines(clean(message), total) * _LINE + 4))
            sheet.merge(row, 1, row, len(_NODE_COLUMNS))
    sheet.close()


def _is_point(task: PlanTask) -> bool:
    """A milestone (`at:`): start and due are the same moment."""
    return task.start.day == task.due.day and task.start.clock == task.due.clock


def _day_summaries(spans: list[PlanTask], days: set[date], labels: dict[str, str]
                   ) -> dict[date, str]:
    """What happens within, starts and is due on each anchor's day (milestones have rows
    of their own). `spans` are tasks that are not milestones, in time order: one pass
    over them for all the days."""
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
    look = _Look(words, multi_year, book.styles)
    by_section = plan.by_section()
    parts = groups(plan, options.group_by, words, by_section)
    ctx = _Context(plan, words, look, parts, by_section, span)
    title = plan.title or plan.playbook

    taken: set[str] = set()
    _schedule(book, _sheet_name(labels["sheet_plan"], taken), ctx, parts, options.group_by, title,
              _plan_line(ctx, len(plan.tasks)))
    _gantt(book, _sheet_name(labels["sheet_gantt"], taken), ctx, parts, options.group_by)
    _nodes(book, _sheet_name(labels["sheet_nodes"], taken), ctx)
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
                      f"{title} · {owner}", third)

    # No clock in outputs: the document says it was made on the plan's first day.
    first = datetime.combine(span[0], time(0)) if span else datetime(2000, 1, 1)  # noqa: DTZ001
    book.properties = Properties(title=clean(title), subject=clean(plan.playbook),
                                 creator="promoplan", created=first)
    return book.save()


# ---------------------------------------------------------------- textconv

_PAPER = {9: "A4", 1: "Letter", 8: "A3", 11: "A5"}


def textconv(data: bytes, name: str) -> str:
    """A stable plain-text form of every sheet, for `git diff` of committed XLSX files.

    One line per row (`row | value | value …`), dates as ISO, times as HH:MM. On a
    sheet with a row of consecutive days (the Gantt), each row's day columns become a
    bar: █ where the cell has the row's colour, ▒ where that colour is striped (a day
    off under the bar), · elsewhere; then any values in those columns as @MM-DD value.
    """
    import io  # here, as openpyxl: only `git diff` needs them
    import warnings

    from openpyxl import load_workbook  # type: ignore[import-untyped]

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
    import zipfile  # imported by openpyxl already

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

"""`promoplan import`: a team's own 进程表 (XLSX or CSV) as a playbook.

Teams already keep their schedule in Excel: 版块, 详细项目内容, 负责岗位, 开始时间,
预计完成时间, with times written as offsets (报名前20天, 开团当天15点) or as last
campaign's real dates. This module finds the table's header row by its words, reads
each row, keeps offsets as the team wrote them (checked against the offset
language), turns real dates into offsets from the nearest anchor in the team's own
words, and renders the playbook. Before anything is written, the rendered text is
loaded and compiled by promoplan itself: it must give back every date of the table.

Every cell that cannot be read is reported with its place (`table.xlsx:Sheet1!D12`),
all of them in one run. Reading the file is `importer_cells`; this module is pure
apart from the round-trip check, which loads the text through the normal loader.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from promoplan.errors import COMMAND_LINE, Loc, PromoplanError, did_you_mean, raise_all
from promoplan.playbook.merged import AnchorDef, Playbook
from promoplan.playbook.schema import AnchorSpec
from promoplan.reports.table_import.cells import HEADER_SEARCH_ROWS, Grid
from promoplan.schedule.offsets import OffsetError, parse_offset
from promoplan.schedule.plan import When

FIELDS = ("section", "name", "owner", "start", "due", "notes")

# Header words by the field they name, the preferred word first: when a table has both a
# 负责岗位 (role) and a 责任人 (person) column, the role is the owner.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "section": ("版块", "板块", "部门", "分类", "类别", "section", "department", "dept", "category"),
    "name": ("详细项目内容", "事项", "项目", "项目内容", "任务", "工作内容", "主要内容", "内容",
             "task", "item", "name", "tasks", "items"),
    "owner": ("负责岗位", "岗位", "负责", "负责人", "责任人", "owner", "role", "responsible"),
    "start": ("开始时间", "开始", "开始日期", "起始时间", "start", "starttime", "startdate", "begin"),
    "due": ("预计完成时间", "完成时间", "完成", "预计完成", "截止", "截止时间", "截止日期", "结束",
            "结束时间", "due", "duedate", "end", "enddate", "finish", "deadline"),
    "notes": ("备注", "说明", "notes", "note", "remarks", "remark", "comments", "comment"),
}
_WORD_FIELD = {word: (key, rank) for key, words in HEADER_WORDS.items()
               for rank, word in enumerate(words)}
_SUBTOTAL = ("合计", "小计", "总计")
_SUBTOTAL_EN = ("total", "subtotal", "sum", "grandtotal")
_COUNT = re.compile(r"共\d+项|\d+ tasks?", re.IGNORECASE)
"""A block's count in the name column (共37项), as promoplan's own 进程表 writes it."""
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def normalize_header(value: Any) -> str:
    """A header cell as a lookup key: no spaces, no bracketed remark, lower case."""
    text = re.sub(r"[（(][^)）]*[)）]", "", str(value))
    return re.sub(r"[\s:：._/-]+", "", text).lower()


def clean_text(value: Any) -> str:
    """A cell's text as one line: a line break Excel wrapped inside Chinese text goes away."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CJK_GAP.sub("", str(value))
    return re.sub(r"\s+", " ", text).strip()


def _has_cjk(text: str) -> bool:
    return re.search(rf"[{_CJK}]", text) is not None


# ------------------------------------------------------------------ the table


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


def header_fields(cells: list[Any]) -> dict[str, int]:
    """Field → column (from 1) for the cells of one row that are header words."""
    best: dict[str, tuple[int, int]] = {}
    for col, value in enumerate(cells, start=1):
        if not isinstance(value, str):
            continue
        # "版块/部门" names one column by two words: either will do.
        words = [value, *re.split(r"[/／、\n]", value)]
        found = next((f for w in words if (f := _WORD_FIELD.get(normalize_header(w)))), None)
        if found is None:
            continue
        key, rank = found
        if key not in best or rank < best[key][0]:
            best[key] = (rank, col)
    return {key: col for key, (_, col) in best.items()}


def is_header(cells: list[Any]) -> bool:
    """A header names the task column and at least one time column."""
    found = header_fields(cells)
    return "name" in found and ("start" in found or "due" in found)


_HEADER_HINT = ("one row must name the task column, as 事项, 详细项目内容, 任务 or task, and a time "
                "column, as 开始时间, 预计完成时间, 截止, start or due")


def read_table(grid: Grid) -> Table:
    """The task rows of a sheet, and the cells that could not be read (`Table.problems`)."""
    if not any(v is not None for row in grid.rows for v in row):
        raise PromoplanError("the sheet is empty", grid.loc(1, 1),
                             "pick the sheet with the schedule with --sheet" if grid.sheet else None)
    headers = [r for r in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1)
               if is_header(grid.rows[r - 1])]
    if not headers:
        raise PromoplanError(f"no header row in the first {HEADER_SEARCH_ROWS} rows", grid.loc(1, 1),
                             _HEADER_HINT)
    if len(headers) > 1:
        second = headers[1]
        raise PromoplanError(
            f"a second header row; the first is row {headers[0]}", grid.loc(second, 1),
            "keep one header row: delete this one, or merge the two into one row")
    head = headers[0]
    columns = header_fields(grid.rows[head - 1])
    english = all(not _has_cjk(str(grid.rows[head - 1][c - 1])) for c in columns.values())
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
    else:
        m = _MD.match(text)
        if not m:
            return None
        month, day = int(m.group(1)), int(m.group(2))
    rest = _WEEKDAY.sub("", text[m.end():], count=1).strip()
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


# ------------------------------------------------------------------ anchors


@dataclass(frozen=True)
class Anchor:
    """An anchor of the imported playbook, and its date in the campaign the table was made for."""

    name: str
    spec: AnchorSpec
    when: When | None
    """Known when the command line (or the --playbook file) dated it, directly or by default."""
    given: str | None = None
    """Its date as the round trip passes it back in (command line or file)."""

    @property
    def label(self) -> str:
        return self.spec.label or self.name


def campaign_anchors(pb: Playbook | None, given: Mapping[str, str], labels: Mapping[str, str],
                     timezone: str = "Asia/Shanghai") -> list[Anchor]:
    """The anchors to write (from `--playbook`, or named by --anchor/--label) and their dates."""
    from promoplan.schedule.resolve import anchor_vocab, resolve

    errors: list[PromoplanError] = []
    if pb is None:
        names = list(dict.fromkeys([*given, *labels]))
        pb = Playbook(name="import", source="command line", timezone=timezone)
        for name in names:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                errors.append(PromoplanError(f"anchor name '{name}' must be a plain word (letters, "
                                             "digits, _)", COMMAND_LINE,
                                             f"name it in English and give the word: --label "
                                             f"open={name}"))
                continue
            spec = AnchorSpec(label=labels[name]) if name in labels else AnchorSpec()
            pb.anchors[name] = AnchorDef(name, spec, COMMAND_LINE)
    else:
        for name, word in labels.items():
            if name not in pb.anchors:
                errors.append(PromoplanError(f"--label {name}={word}: {pb.name} has no anchor "
                                             f"'{name}'", COMMAND_LINE, did_you_mean(name, pb.anchors)))
                continue
            anchor = pb.anchors[name]
            anchor.spec = anchor.spec.model_copy(update={"label": word})
        pb.tasks, pb.progress = [], {}
    raise_all(errors)
    plan = resolve(pb, given, placeholder=True)
    vocab = anchor_vocab(pb)
    sources = {a.name: a for a in plan.anchors}
    known: dict[str, bool] = {}

    def is_known(name: str) -> bool:
        if name not in known:
            known[name] = False  # a cycle was refused by resolve already
            item, spec = sources[name], pb.anchors[name].spec
            if item.source in ("given", "file"):
                known[name] = True
            elif item.source == "default" and spec.default is not None:
                known[name] = is_known(parse_offset(spec.default, vocab).ref.name)
        return known[name]

    out = []
    for name, anchor in pb.anchors.items():
        item = sources[name]
        spec = anchor.spec.model_copy(update={"date": None})
        if name in given and item.when.timed and spec.time is None and pb.source == "command line":
            spec = spec.model_copy(update={"time": f"{item.when.clock:%H:%M}"})
        dated = item.source in ("given", "file")
        out.append(Anchor(name, spec, item.when if is_known(name) else None,
                          item.when.iso() if dated else None))
    if pb.source == "command line":  # named on the command line: in time order, the first first
        out.sort(key=lambda a: (a.when is None, a.when.sort_key() if a.when else (date.min, time())))
    return out


def nearest(anchors: list[Anchor], when: When) -> Anchor:
    """The dated anchor closest to `when`; on a tie the first declared."""
    def distance(anchor: Anchor) -> tuple[int, float]:
        assert anchor.when is not None
        days = abs((when.day - anchor.when.day).days)
        minutes = abs((when.begin - anchor.when.begin).total_seconds()) if when.timed and days == 0 \
            else 0.0
        return days, minutes

    return min((a for a in anchors if a.when is not None), key=distance)


NEAR_MINUTES = 180
"""Within this many minutes of a timed anchor, a time is said as 开团后25分钟, not 开团当天10点25分."""


def offset_words(anchor: Anchor, when: When) -> str:
    """`when` counted from `anchor`, as the team writes it (开团前3天, 开团当天15点, 开团后25分钟)."""
    assert anchor.when is not None
    label, base = anchor.label, anchor.when
    days = (when.day - base.day).days
    chinese = _has_cjk(label)
    if not chinese:
        label = anchor.name  # the compact form starts with the anchor's name (open-3d)
    if when.timed and base.timed and days == 0:
        minutes = int((when.begin - base.begin).total_seconds() // 60)
        if abs(minutes) <= NEAR_MINUTES:
            if minutes == 0:
                return label
            if chinese:
                return f"{label}{'前' if minutes < 0 else '后'}{_cn_minutes(abs(minutes))}"
            hours, rest = divmod(abs(minutes), 60)
            return (f"{label}{'-' if minutes < 0 else '+'}{f'{hours}h' if hours else ''}"
                    f"{f'{rest}min' if rest else ''}")
    if chinese:
        head = f"{label}当天" if days == 0 else f"{label}{'前' if days < 0 else '后'}{abs(days)}天"
        if when.clock is None:
            return head
        return head + f"{when.clock.hour}点" + (f"{when.clock.minute}分" if when.clock.minute else "")
    text = f"{label}{'-' if days < 0 else '+'}{abs(days)}d"
    if when.clock is None:
        return text
    return (label if days == 0 else text) + f"@{when.clock:%H:%M}"


def _cn_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours and rest == 30:
        return "半小时"
    return (f"{hours}小时" if hours else "") + (f"{rest}分钟" if rest else "")


def moment_when(moment: Moment, anchors: list[Anchor]) -> When:
    """A written date as a day: a missing year is the one that puts it nearest the anchors."""
    if moment.year is not None:
        return When(date(moment.year, moment.month, moment.day), moment.clock)
    days = [a.when.day for a in anchors if a.when is not None]
    options = []
    for year in (days[0].year - 1, days[0].year, days[0].year + 1):
        try:
            day = date(year, moment.month, moment.day)
        except ValueError:
            continue
        options.append((min(abs((day - d).days) for d in days), day))
    if not options:
        raise ValueError(f"no such date {moment.month}月{moment.day}日 near the anchors")
    return When(min(options)[1], moment.clock)


# ------------------------------------------------------------------ the playbook


@dataclass
class TaskOut:
    id: str
    row: Row
    offsets: dict[str, str]
    """start / due → the offset written to the playbook."""
    dates: dict[str, When]
    """start / due → the date the table gave, for the round-trip check."""


def convert(table: Table, anchors: list[Anchor]) -> list[TaskOut]:
    """Each row's times as offsets: checked as written, or counted from the nearest anchor."""
    from promoplan.schedule.resolve import anchor_vocab

    vocab = anchor_vocab(_playbook_of(anchors))
    dated = [a for a in anchors if a.when is not None]
    errors: list[PromoplanError] = list(table.problems)
    out: list[TaskOut] = []
    taken: set[str] = set()
    for row in table.rows:
        offsets: dict[str, str] = {}
        dates: dict[str, When] = {}
        for key, (loc, written) in row.times.items():
            if isinstance(written, str):
                try:
                    parse_offset(written, vocab)
                except OffsetError as exc:
                    hint = exc.hint
                    if not anchors:
                        hint = ("name the anchors with --playbook ju-huasuan, or with one --label "
                                "per anchor, such as --label open=开团")
                    message = exc.message if f"'{written}'" in exc.message else \
                        f"cannot read '{written}': {exc.message}"
                    errors.append(PromoplanError(message, loc, hint))
                    continue
                offsets[key] = written
                continue
            if not dated:
                shown = written.written or _moment_text(written)
                errors.append(PromoplanError(
                    f"'{shown}' is a date: the campaign's anchor dates are needed to turn it into "
                    "an offset", loc,
                    "give the dates this table was made for, e.g. --playbook ju-huasuan "
                    "--signup 2024-10-14, or --anchor open=2024-11-01 --label open=开团"))
                continue
            try:
                when = moment_when(written, dated)
            except ValueError as exc:
                errors.append(PromoplanError(str(exc), loc))
                continue
            offsets[key] = offset_words(nearest(dated, when), when)
            dates[key] = when
        if len(offsets) == len(row.times):
            out.append(TaskOut(task_id(row, taken), row, offsets, dates))
    raise_all(errors)
    return out


def _moment_text(moment: Moment) -> str:
    year = f"{moment.year}-" if moment.year else ""
    clock = f" {moment.clock:%H:%M}" if moment.clock else ""
    return f"{year}{moment.month:02d}-{moment.day:02d}{clock}" if year else \
        f"{moment.month}月{moment.day}日{clock}"


def _playbook_of(anchors: list[Anchor]) -> Playbook:
    pb = Playbook(name="import", source="command line")
    for a in anchors:
        pb.anchors[a.name] = AnchorDef(a.name, a.spec, COMMAND_LINE)
    return pb


def task_id(row: Row, taken: set[str]) -> str:
    """A stable ASCII id from what the task is, not where it is, so moving rows keeps it.

    An English name gives a readable slug; a Chinese one a short hash of section and name.
    Two rows of the same name and section are told apart by their times.
    """
    words = slug(row.name)
    if _has_cjk(row.name) or len(words) < 3:
        base = "t-" + hashlib.sha1(f"{row.section}\x1f{row.name}".encode()).hexdigest()[:8]
    else:
        base = words[:40].rstrip("-")
    tid = base
    if tid in taken:
        times = "\x1f".join(str(v) for _, v in row.times.values())
        tid = f"{base}-{hashlib.sha1(times.encode()).hexdigest()[:4]}"
    n = 2
    while tid in taken:
        tid, n = f"{base}-{n}", n + 1
    taken.add(tid)
    return tid


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': what a playbook name and an id may be."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Options:
    """What the command line adds to the table."""

    name: str
    file_name: str = "playbook.yaml"
    """The file written, for the compile line at its top."""
    source: Playbook | None = None
    """The `--playbook` whose anchors, calendar and event window the import takes."""


def render(table: Table, tasks: list[TaskOut], anchors: list[Anchor], opts: Options) -> str:
    """The playbook as YAML text: plain keys, one comment per task naming its source row."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    pb = opts.source
    english = table.english if pb is None else pb.locale.startswith("en")
    doc = CommentedMap()
    doc["name"] = opts.name
    doc["title"] = _scalar(table.title or (pb.title if pb else "") or opts.name)
    doc["locale"] = "en" if english else "zh-CN"
    doc["timezone"] = pb.timezone if pb else "Asia/Shanghai"
    if pb is not None:
        calendar = _flow({"country": pb.country, "holidays": [d for d, _ in pb.holidays],
                          "workdays": [d for d, _ in pb.workdays]})
        doc["calendar"] = calendar
        if pb.event is not None:
            doc["event"] = _flow({"start": pb.event.start, "end": pb.event.end})
    doc["anchors"] = CommentedMap(
        (a.name, _flow({k: getattr(a.spec, k) for k in ("label", "aliases", "time", "default")
                        if getattr(a.spec, k)})) for a in anchors)
    sections = list(dict.fromkeys(t.row.section for t in tasks if t.row.section))
    roles = list(dict.fromkeys(t.row.owner for t in tasks if t.row.owner))
    if sections:
        doc["sections"] = _flow(sections)
    if roles:
        doc["roles"] = _flow(roles)
    seq = CommentedSeq()
    for i, task in enumerate(tasks):
        item = CommentedMap()
        item["id"] = task.id
        item["name"] = _scalar(task.row.name)
        if task.row.section:
            item["section"] = _scalar(task.row.section)
        if task.row.owner:
            item["owner"] = _scalar(task.row.owner)
        for key in ("start", "due"):
            if key in task.offsets:
                item[key] = _scalar(task.offsets[key])
        if task.row.notes:
            item["notes"] = _scalar(task.row.notes)
        seq.append(item)
        where = f"row {task.row.number}" if english else f"第{task.row.number}行"
        seq.yaml_set_comment_before_after_key(i, before=where, indent=2)
    doc["tasks"] = seq
    sheet = f" ({table.grid.sheet})" if table.grid.sheet else ""
    dates = " ".join(f"--{a.name} {_quote_arg(a.given)}" for a in anchors if a.given)
    doc.yaml_set_start_comment(
        f"Imported by promoplan from {table.grid.shown}{sheet}, header on row {table.header_row}.\n"
        f"Compile: promoplan compile {opts.file_name}{' ' + dates if dates else ''}")
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def _quote_arg(text: str | None) -> str:
    value = (text or "").replace("T", " ")
    return f'"{value}"' if " " in value else value


def _flow(value: Any) -> Any:
    """A short mapping or list on one line, as the built-in playbooks write anchors."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out: Any = CommentedMap((k, _flow(v)) for k, v in value.items())
    elif isinstance(value, list):
        out = CommentedSeq(_flow(v) for v in value)
    else:
        return _scalar(value)
    out.fa.set_flow_style()
    return out


def _scalar(value: Any) -> Any:
    """Text that promoplan's YAML 1.1 reader would take for something else (10:00, yes, 1.5) is quoted."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if not isinstance(value, str):
        return value
    tag: str = yaml.resolver.Resolver().resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, value, (True, False))
    if tag != "tag:yaml.org,2002:str" or ":" in value:
        return DoubleQuotedScalarString(value)
    return value


# ------------------------------------------------------------------ the round trip


def round_trip(text: str, file_name: str, tasks: list[TaskOut], anchors: list[Anchor]) -> int:
    """Load and compile the rendered playbook: every task must say what its row said.

    Returns the number of tasks checked; a difference is an error (and nothing is written).
    """
    import tempfile
    from pathlib import Path

    from promoplan.playbook.assemble import load
    from promoplan.schedule.resolve import resolve

    given = {a.name: a.given for a in anchors if a.given}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / file_name
        path.write_text(text, encoding="utf-8")
        try:
            plan = resolve(load(str(path)), given, placeholder=True)
        except PromoplanError as exc:
            raise PromoplanError(f"round trip: the imported playbook does not compile: {exc}",
                                 COMMAND_LINE) from None
    by_id = {t.id: t for t in plan.tasks}
    errors: list[PromoplanError] = []
    for task in tasks:
        got = by_id.get(task.id)
        row = task.row
        loc = row.times[next(iter(row.times))][0]
        wanted = {"name": row.name, "section": row.section, "owner": row.owner, "notes": row.notes}
        if got is None:
            errors.append(PromoplanError(f"round trip: task of row {row.number} is missing", loc))
            continue
        have = {"name": got.name, "section": got.section, "owner": got.owner, "notes": got.notes}
        for key in wanted:
            if have[key] != wanted[key]:
                errors.append(PromoplanError(f"round trip: row {row.number} › {key} reads back as "
                                             f"'{have[key]}', not '{wanted[key]}'", loc))
        for key, text in task.offsets.items():
            if got.offsets.get(key) != text:
                errors.append(PromoplanError(f"round trip: {key} reads back as "
                                             f"'{got.offsets.get(key)}', not '{text}'", row.times[key][0]))
        for key, when in task.dates.items():
            back = got.start if key == "start" else got.due
            if back != when:
                errors.append(PromoplanError(
                    f"round trip: {key} '{task.offsets[key]}' compiles to {back.iso()}, "
                    f"the table says {when.iso()}", row.times[key][0]))
    raise_all(errors)
    return len(tasks)

"""The header row of a team's table: the words that name each column, and finding that row.

Teams head their columns in their own words (版块 or 部门, 详细项目内容 or 工作内容, 开始时间 or
日期), as the seeds' tables do: seed 004's 版块 / 详细项目内容 / 负责岗位 / 开始时间 / 预计完成时间,
seed 000's 序号 / 部门 / 主要内容 / 责任人 / 备注 / 日期 / 工作内容 (in traditional characters
too: 部門, 責任人), its English twin's department / main content / person in charge / date.
The header is the one row, among the first few, that names the task column and a time
column; titles and notes may sit above it.

Every column with a header is accounted for (`Columns`): a field promoplan reads, a column
it knows it need not read (序号, promoplan's own 状态 and id), or one it does not know,
whose cells are kept in the task's notes under their header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from promoplan.errors import PromoplanError, Say
from promoplan.reports.table_import.cells import HEADER_SEARCH_ROWS, Grid

FIELDS = ("section", "stage", "name", "owner", "people", "start", "due", "clock", "notes", "id", "skip")

# Header words by the field they name, the preferred word first: of two columns naming the
# same field, the other one's cells go to the notes under their header.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "section": ("版块", "板块", "部门", "负责部门", "责任部门", "所属部门", "分类", "类别", "模块", "组别",
                "小组", "section", "department", "dept", "category", "group"),
    "stage": ("节点", "时间节点", "阶段", "活动阶段", "stage", "phase", "node", "milestone"),
    "name": ("详细项目内容", "事项", "项目", "项目内容", "任务", "工作内容", "工作事项", "主要内容", "内容",
             "具体内容", "具体工作", "task", "item", "name", "tasks", "items", "workcontent",
             "maincontent", "content"),
    "owner": ("负责岗位", "岗位", "负责", "职位", "角色", "owner", "role", "ownerrole", "responsible"),
    "people": ("负责人", "责任人", "执行人", "跟进人", "对接人", "人员", "people", "person",
               "personincharge", "assignee", "pic"),
    "start": ("开始时间", "开始", "开始日期", "起始时间", "起始日期", "日期", "时间", "start", "starttime",
              "startdate", "begin", "date", "time", "when"),
    "due": ("预计完成时间", "完成时间", "完成", "预计完成", "完成日期", "截止", "截止时间", "截止日期",
            "结束", "结束时间", "结束日期", "due", "duedate", "end", "enddate", "finish", "deadline"),
    "notes": ("备注", "说明", "notes", "note", "remarks", "remark", "comments", "comment"),
    # promoplan's own 进程表 carries each task's id; 序号 is the row's place, 状态 is read by
    # `promoplan progress`: nothing of a playbook.
    "id": ("id",),
    "skip": ("序号", "编号", "序", "no", "#", "serialnumber", "状态", "status"),
}
_WORD_FIELD = {word: (key, rank) for key, words in HEADER_WORDS.items()
               for rank, word in enumerate(words)}
# The department a 负责部门 column names is the task's owner when no role column is there.
RESPONSIBLE_WORDS = ("负责部门", "责任部门")
# A day column (日期) beside a time column (时间): the time is the clock of that day.
_DAY_WORDS = ("日期", "date")
_CLOCK_WORDS = ("时间", "time")

# Traditional characters of the header words (seed 000 writes 部門, 責任人, 備註).
_SIMPLIFIED = str.maketrans(
    "門負責備註內節點開時間號項務執預計結類別說説階塊崗題狀態員單進組體屬劃報對應輯類",
    "门负责备注内节点开时间号项务执预计结类别说说阶块岗题状态员单进组体属划报对应辑类")


def normalize_header(value: Any) -> str:
    """A header cell as a lookup key: no spaces, no bracketed remark, lower case, simplified."""
    text = re.sub(r"[（(][^)）]*[)）]", "", str(value))
    return re.sub(r"[\s:：._/-]+", "", text).lower().translate(_SIMPLIFIED)


def _field_of(value: str) -> tuple[str, int, str] | None:
    # "版块/部门" names one column by two words: either will do.
    for word in [value, *re.split(r"[/／、\n]", value)]:
        key = normalize_header(word)
        if key in _WORD_FIELD:
            return (*_WORD_FIELD[key], key)
    return None


@dataclass
class Columns:
    """What each column of the header row is: a field, or kept in the notes."""

    fields: dict[str, int]
    """Field → column (from 1)."""
    words: dict[str, str] = field(default_factory=dict)
    """Field → the header word that named it (normalized)."""
    extra: dict[int, str] = field(default_factory=dict)
    """Column → header, for the columns whose cells go to the notes under their header."""

    def __contains__(self, key: str) -> bool:
        return key in self.fields

    def __getitem__(self, key: str) -> int:
        return self.fields[key]

    def get(self, key: str, default: int | None = None) -> int | None:
        return self.fields.get(key, default)

    def values(self) -> list[int]:
        return list(self.fields.values())


def header_fields(cells: list[Any]) -> dict[str, int]:
    """Field → column (from 1) for the cells of one row that are header words."""
    return read_columns(cells).fields


def read_columns(cells: list[Any]) -> Columns:
    """Every headed column of the row: the best column for each field, the others as notes."""
    best: dict[str, tuple[int, int, str]] = {}
    headed: dict[int, str] = {}
    for col, value in enumerate(cells, start=1):
        if not isinstance(value, str) or not value.strip():
            continue
        headed[col] = re.sub(r"\s+", " ", value).strip()
        found = _field_of(value)
        if found is None:
            continue
        key, rank, word = found
        if key == "skip":
            best.setdefault(f"skip{col}", (rank, col, word))
        elif key not in best or rank < best[key][0]:
            best[key] = (rank, col, word)
    fields = {key: col for key, (_, col, _) in best.items()}
    words = {key: word for key, (_, _, word) in best.items()}
    # 日期 beside 时间: the day, and its clock.
    if fields.get("start") is not None and words["start"] in _DAY_WORDS:
        clock = next((c for c, v in headed.items() if normalize_header(v) in _CLOCK_WORDS), None)
        if clock is not None and clock != fields["start"]:
            fields["clock"], words["clock"] = clock, normalize_header(headed[clock])
    used = set(fields.values())
    fields = {key: col for key, col in fields.items() if not key.startswith("skip")}
    extra = {col: text for col, text in headed.items() if col not in used}
    return Columns(fields, {k: w for k, w in words.items() if k in fields}, extra)


def is_header(cells: list[Any]) -> bool:
    """A header names the task column and at least one time column."""
    found = header_fields(cells)
    return "name" in found and ("start" in found or "due" in found)


def find_header(grid: Grid) -> int:
    """The header's row (from 1): exactly one among the first HEADER_SEARCH_ROWS rows."""
    headers = [r for r in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1)
               if is_header(grid.rows[r - 1])]
    if not headers:
        raise PromoplanError(Say("tables.no-header", rows=HEADER_SEARCH_ROWS), grid.loc(1, 1),
                             Say("tables.no-header-fix"))
    if len(headers) > 1:
        second = headers[1]
        raise PromoplanError(Say("tables.second-header", first=headers[0]), grid.loc(second, 1),
                             Say("tables.second-header-fix"))
    return headers[0]

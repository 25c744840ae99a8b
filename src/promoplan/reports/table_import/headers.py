"""The header row of a team's table: the words that name each column, and finding that row.

Teams head their columns in their own words (版块 or 部门, 详细项目内容 or 事项, 开始时间 or
start). The header is the one row, among the first few, that names the task column and
a time column; titles and notes may sit above it.
"""

from __future__ import annotations

import re
from typing import Any

from promoplan.errors import PromoplanError
from promoplan.reports.table_import.cells import HEADER_SEARCH_ROWS, Grid

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


def normalize_header(value: Any) -> str:
    """A header cell as a lookup key: no spaces, no bracketed remark, lower case."""
    text = re.sub(r"[（(][^)）]*[)）]", "", str(value))
    return re.sub(r"[\s:：._/-]+", "", text).lower()


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


def find_header(grid: Grid) -> int:
    """The header's row (from 1): exactly one among the first HEADER_SEARCH_ROWS rows."""
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
    return headers[0]

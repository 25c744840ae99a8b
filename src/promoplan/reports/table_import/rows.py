"""The task rows under the header: what each row says, and the cells that cannot be read.

A section is written on each row, once for its block (a merged cell, or a heading row
above the block), or not at all; 合计 and 共37项 rows are no tasks, nor are the bands of
promoplan's own 进程表 (运营（37项）, a row without times). What each cell holds is read
by `times`. Every unreadable cell is kept as a problem, to be reported with the others
in one run.

Every column counts: the role (负责岗位) is the owner and the people beside it
(责任人, 负责人) that role's team; with no role column the department (部门, 负责部门) is
the owner. A 节点 or 阶段 column is the section where no department takes that place, or
the phase when it holds 活动前/活动中/活动后. A column of any other header is kept in the
notes as `header：value`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from promoplan.errors import Loc, PromoplanError, Say
from promoplan.reports.table_import.cells import Grid
from promoplan.reports.table_import.headers import (
    RESPONSIBLE_WORDS,
    Columns,
    find_header,
    normalize_header,
    read_columns,
)
from promoplan.reports.table_import.times import CJK, CellError, Moment, clean_text, read_clock, read_time

__all__ = ["Moment", "Row", "Table", "clean_text", "has_cjk", "read_table", "read_time"]

_SUBTOTAL = ("合计", "小计", "总计")
_SUBTOTAL_EN = ("total", "subtotal", "sum", "grandtotal")
_COUNT = re.compile(r"共\d+项|\d+ tasks?", re.IGNORECASE)
"""A block's count in the name column (共37项), as promoplan's own 进程表 wrote it."""
_BAND = re.compile(r".+（\d+项）|.+ \(\d+\)")
"""A group's name and count in the name column of a row without times (运营（37项）,
Ops (9)), as promoplan's own 进程表 writes its bands."""
_PEOPLE_SPLIT = re.compile(r"\s*[、,，;；/／\n]\s*")
_TASK_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def has_cjk(text: str) -> bool:
    """Chinese text or not: it picks the playbook's language, the offsets' words and the ids."""
    return re.search(rf"[{CJK}]", text) is not None


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
    people: list[str] = field(default_factory=list)
    """The names in the 责任人 column, for the owner's team."""
    phase: str = ""
    """活动前 / 活动中 / 活动后 (before / during / after) from a 阶段 column."""
    tid: str = ""
    """The task's id, from promoplan's own 进程表."""


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

    @property
    def team(self) -> dict[str, list[str]]:
        """Role → people, as the rows pair them, in the order first seen."""
        team: dict[str, list[str]] = {}
        for row in self.rows:
            if row.owner and row.people:
                names = team.setdefault(row.owner, [])
                names.extend(p for p in row.people if p not in names)
        return team


def sniff_english(grid: Grid) -> bool:
    """Before a header is found: a table with no Chinese in its first rows is English."""
    return not any(isinstance(v, str) and has_cjk(v) for row in grid.rows[:20] for v in row)


def read_table(grid: Grid) -> Table:
    """The task rows of a sheet, and the cells that could not be read (`Table.problems`)."""
    if not any(v is not None for row in grid.rows for v in row):
        raise PromoplanError(Say("tables.empty-sheet"), grid.loc(1, 1),
                             Say("tables.empty-sheet-fix") if grid.sheet else None)
    head = find_header(grid)
    columns = read_columns(grid.rows[head - 1])
    english = all(not has_cjk(str(grid.rows[head - 1][c - 1])) for c in columns.values())
    title = next((clean_text(v) for row in grid.rows[:head - 1]
                  for v in row if isinstance(v, str) and v.strip()), "")
    roles = _roles(grid, head, columns)
    rows, errors = _rows(grid, head, columns, roles, english)
    if not rows and not errors:
        raise PromoplanError(Say("tables.no-task-rows"), grid.loc(head, 1), Say("tables.no-task-rows-fix"))
    return Table(grid, head, dict(columns.fields), title, english, rows, errors)


def _roles(grid: Grid, head: int, columns: Columns) -> dict[str, int]:
    """Which column is the section, the owner, the people and the phase (see the module's doc)."""
    from promoplan.words.reading import PHASE_WORDS

    dept, stage, role = columns.get("section"), columns.get("stage"), columns.get("owner")
    out: dict[str, int] = {}
    if stage is not None:
        below = [clean_text(grid.value(r, stage)) for r in range(head + 1, len(grid.rows) + 1)]
        said = [v for v in below if v]
        if said and all(v.lower() in PHASE_WORDS for v in said):
            out["phase"], stage = stage, None
    owner = role if role is not None else dept
    responsible = columns.words.get("section") in RESPONSIBLE_WORDS
    if dept is not None and (role is not None or stage is None or not responsible):
        section = dept
    else:
        section = stage if stage is not None else dept  # type: ignore[assignment]
    for key, col in (("section", section), ("owner", owner), ("people", columns.get("people"))):
        if col is not None:
            out[key] = col
    if "owner" not in out and "people" in out:  # no role, no department: the people own it
        out["owner"] = out.pop("people")
    for key in ("name", "start", "due", "clock", "notes", "id"):
        if key in columns:
            out[key] = columns[key]
    # A 节点 or 阶段 that is neither section nor phase keeps its cells in the notes.
    if stage is not None and stage not in out.values():
        columns.extra[stage] = clean_text(grid.value(head, stage))
    return out


def _rows(grid: Grid, head: int, columns: Columns, roles: dict[str, int],
          english: bool) -> tuple[list[Row], list[PromoplanError]]:
    rows: list[Row] = []
    errors: list[PromoplanError] = []
    section = owner = ""
    has_section = "section" in roles
    # A department that owns its tasks is written once for its block, as a section is.
    dept_owner = "owner" in roles and columns.get("owner") != roles["owner"] and \
        roles["owner"] != roles.get("people")
    time_cols = [roles[k] for k in ("start", "due") if k in roles]
    name_col = roles["name"]
    extra = sorted(columns.extra.items())

    def text(r: int, key: str) -> str:
        return clean_text(grid.value(r, roles[key])) if key in roles else ""

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
        if (dept_owner and text(r, "owner")) or not dept_owner:
            owner = text(r, "owner")
        name = text(r, "name")
        timed = any(grid.value(r, c) is not None for c in time_cols)
        if not timed and _BAND.fullmatch(name):
            continue
        others = timed or (not dept_owner and owner) or text(r, "notes")
        if not name:
            if not others:
                if not has_section and len(filled) == 1 and isinstance(filled[0], str):
                    # a heading row above its block (a lone 序号 is no heading)
                    section = clean_text(filled[0])
                continue
            errors.append(PromoplanError(Say("tables.no-name"), grid.loc(r, name_col),
                                         Say("tables.no-name-fix")))
            continue
        if not timed:
            if not has_section and not others:
                section = name
                continue
            where = grid.loc(r, roles.get("start", roles.get("due", name_col)))
            errors.append(PromoplanError(Say("tables.no-time", name=name), where, Say("tables.no-time-fix")))
            continue
        row = Row(r, name, section, owner, _notes(grid, r, text(r, "notes"), extra, english),
                  people=_people(grid.value(r, roles["people"])) if "people" in roles else [],
                  phase=_phase(text(r, "phase"), english), tid=_tid(text(r, "id")))
        for key in ("start", "due"):
            if key not in roles or grid.value(r, roles[key]) is None:
                continue
            loc = grid.loc(r, roles[key])
            try:
                written = read_time(grid.value(r, roles[key]))
                if key == "start" and "clock" in roles and grid.value(r, roles["clock"]) is not None:
                    loc = grid.loc(r, roles["clock"])
                    written = _with_clock(written, read_clock(grid.value(r, roles["clock"])))
                row.times[key] = (loc, written)
            except CellError as exc:
                errors.append(PromoplanError(exc.message, loc, exc.hint))
        rows.append(row)
    return rows, errors


def _notes(grid: Grid, r: int, notes: str, extra: list[tuple[int, str]], english: bool) -> str:
    """The 备注, then each other column's cell under its header: `主要内容：商品结构梳理`."""
    parts = [notes] if notes else []
    for col, header in extra:
        value = clean_text(grid.value(r, col))
        if value:
            parts.append(f"{header}: {value}" if english else f"{header}：{value}")
    return ("; " if english else "；").join(parts)


def _people(value: Any) -> list[str]:
    """`张伟、李娜`, `张伟 李娜`, `Zhang Wei, Li Na`: one name each."""
    names: list[str] = []
    for part in _PEOPLE_SPLIT.split(str(value or "").strip()):
        part = re.sub(r"\s+", " ", part).strip()
        split = part.split(" ") if has_cjk(part) else [part]
        names.extend(name for name in split if name and name not in names)
    return names


def _phase(text: str, english: bool) -> str:
    from promoplan.words.reading import PHASE_WORDS

    if not text:
        return ""
    phase = PHASE_WORDS[text.lower()].value
    return phase if english else {"before": "活动前", "during": "活动中", "after": "活动后"}[phase]


def _tid(text: str) -> str:
    return text if _TASK_ID.fullmatch(text) else ""


def _with_clock(written: str | Moment, clock: Any) -> str | Moment:
    """A 日期 cell and the 时间 beside it, as one time."""
    if isinstance(written, Moment):
        return Moment(written.year, written.month, written.day, clock, written.written)
    if has_cjk(written):
        return f"{written}{clock:%H:%M}" if clock.minute else f"{written}{clock.hour}点"
    return f"{written}@{clock:%H:%M}"

"""The 进程表: one row per task, grouped and numbered as the team's own sheets are.

Made for a phone first. The frozen top is the title line and the column header, no
more (about 55 px of a 844 px screen); the frozen left is 序号 and the task's name, and
状态 comes right after them, so whoever marks a task sees which one it is. Then one
band per group followed by its tasks; below the last task, what the plan was made
from (anchors, campaign key, event, span) and the 注意 block, outside the filtered
range: Excel refuses to sort a range holding merged rows, and a warning wraps over
the sheet's width only in a merged row. The title line says how many warnings wait
there. The header is filtered and repeated on every printed page. The 状态 column is
the one the team fills in: a list to pick from that also takes a status followed by a
date or a percentage (完成 12/1, 进行中 50%), coloured by its first word, on the task rows
only, and read back by `promoplan progress`.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from promoplan.schedule.plan import PlanTask
from promoplan.vocabulary import GroupBy, Phase, Status
from promoplan.writers.xlsx.labels import ID_HEADER
from promoplan.writers.xlsx.layout import (
    COLUMNS,
    MIN_ROW,
    Context,
    Group,
    chrono,
    iso,
    row_height,
)
from promoplan.writers.xlsx.sheet import merge, new_cell, notice_block, print_setup, put
from promoplan.writers.xlsx.styles import (
    CENTRE,
    DAY_OFF_TEXT,
    HEADER_FILL,
    HEADER_TEXT,
    LEFT,
    MUTED_TEXT,
    PHASE_COLOURS,
    STATUS_COLOURS,
    WARN_FILL,
    WRAP,
    FontSpec,
    Look,
    solid,
)

TITLE_ROW = 1
HEAD_ROW = 2  # the column header, right under the one title line
_BAND_HEIGHT = 22.0  # points: a group's band row
_SHOWN = len(COLUMNS) - 1  # the last column (the ids) is hidden
_COL = {key: i for i, key in enumerate(COLUMNS, 1)}


def schedule(book: Workbook, name: str, ctx: Context, parts: list[Group], group_by: GroupBy,
             title: str, aside: str | None, footnotes: list[str], warnings: bool) -> None:
    """The sheet `name`: the whole plan, or (per owner) one role's tasks without the 注意
    block. `aside` follows the title on its line; `footnotes` are the lines under the
    last task (what the plan was made from), before the 注意 block."""
    st, labels, widths = ctx.styles, ctx.labels, ctx.widths
    ws = book.create_sheet(name)
    for col, key in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    # The ids are for `promoplan progress`, not for people.
    ws.column_dimensions[get_column_letter(len(COLUMNS))].hidden = True

    # Rows are appended in order, each made whole (see styles.py: far faster than cell by
    # cell). The title line: not wrapped and not merged, the title runs on over the empty
    # cells, and the aside starts in the first column right of the frozen ones, in sight
    # on a phone.
    ws.append([new_cell(ws, title.replace("\n", " "),
                        st.get("title", font=FontSpec(12, True, HEADER_FILL), align=LEFT)),
               None, aside and new_cell(ws, aside.replace("\n", " "),
                                        st.get("aside", font=FontSpec(10, color=MUTED_TEXT), align=LEFT))])
    ws.row_dimensions[TITLE_ROW].height = MIN_ROW
    head = st.get("header", font=FontSpec(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=CENTRE, grid=True)
    ws.append([new_cell(ws, ID_HEADER if key == "id" else labels[key], head) for key in COLUMNS])
    ws.row_dimensions[HEAD_ROW].height = row_height(2)  # 版块/部门 is written on two lines

    key = "phase" if group_by is GroupBy.PHASE else "section"
    row = HEAD_ROW
    status_col = get_column_letter(_COL["status"])
    task_rows: list[str] = []  # the 状态 cells of each group's tasks, its band left out
    for group in parts:
        row += 1
        band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[Phase.NONE]) if group_by is GroupBy.PHASE
                else ctx.colours[group.key][0])
        plain = st.get(f"band {band}", fill=band, grid=True)
        bold = st.get(f"band {band} name", font=FontSpec(bold=True), fill=band, align=LEFT, grid=True)
        # Named where the eye is (the frozen name column), and in the group's own column,
        # so that filtering on it keeps the band.
        named = {"name": labels["count"].format(label=group.label, n=len(group.tasks)), key: group.label}
        ws.append([new_cell(ws, named[k], bold) if k in named else new_cell(ws, None, plain)
                   for k in COLUMNS])
        ws.row_dimensions[row].height = _BAND_HEIGHT
        if group.tasks:
            task_rows.append(f"{status_col}{row + 1}:{status_col}{row + len(group.tasks)}")
        for task in group.tasks:
            row += 1
            _task_row(ws, row, ctx, task)

    last = max(row, HEAD_ROW + 1)
    ws.freeze_panes = ws.cell(row=HEAD_ROW + 1, column=_COL["name"] + 1)
    ws.auto_filter.ref = f"A{HEAD_ROW}:{get_column_letter(_SHOWN)}{last}"
    if task_rows:
        _status_rules(ws, ctx, task_rows)

    total = sum(widths[k] for k in COLUMNS[:_SHOWN])
    row = last + 1
    note = st.get("footnote", font=FontSpec(10, color=MUTED_TEXT), align=WRAP)
    for text in footnotes:
        row += 1
        put(ws, row, 1, text, note)
        merge(ws, row, 1, _SHOWN)
        ws.row_dimensions[row].height = row_height(ctx.lines(text, total))
    if warnings and ctx.plan.warnings:
        notice_block(ws, ctx, row + 2, _SHOWN, total, short=True)
    print_setup(ws, title, ctx)
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"


def plan_line(ctx: Context, count: int) -> str:
    """What the main 进程表 was made from: the campaign key, the dates the plan was made
    from, the event and the plan's span."""
    plan, words, labels = ctx.plan, ctx.words, ctx.labels
    parts = [labels["campaign"].format(key=plan.campaign)] if plan.campaign else []
    given = [a for a in chrono(plan) if a.source in ("given", "file")]
    if given:
        text = labels["given"].format(dates=words.listing(f"{a.label} {iso(a.when)}"
                                                                    for a in given))
        if len(given) < len(chrono(plan)):
            text += labels["part_sep"] + labels["derived"]
        parts.append(text)
    if plan.event:
        parts.append(labels["event"].format(start=words.when(plan.event[0]),
                                            end=words.when(plan.event[1])))
    if ctx.span:
        parts.append(labels["span"].format(first=ctx.span[0].isoformat(),
                                           last=ctx.span[1].isoformat(), n=count))
    return labels["sep"].join(parts)


def anchors_line(ctx: Context) -> str:
    """The brand and every anchor's date: `报名 10月14日 周一　竞拍 10月21日 周一 …`."""
    plan, words, labels = ctx.plan, ctx.words, ctx.labels
    anchors = "　".join(f"{a.label} {words.when(a.when, year=ctx.year)}" for a in chrono(plan))
    return labels["sep"].join(
        [labels["brand"].format(brand=plan.brand)] * bool(plan.brand) + [anchors] * bool(anchors))


def _status_rules(ws: Any, ctx: Context, ranges: list[str]) -> None:
    """The 状态 list to pick from, and its colours as conditional formats, on the task rows.

    The list's error style is "information": Excel, WPS and LibreOffice then take what is
    not on the list (完成 12/1, 进行中 50%, √) after saying how a status may be written,
    where "stop" would refuse what the README tells teams to type. A colour goes by the
    cell's first word, in any language `progress` reads (√, done, 已完成 …), so a status
    with a date or a percentage after it is coloured as the bare word is. A rule's font
    names only what it turns on: ExcelJS reads `<strike val="0"/>` as struck through."""
    words = ctx.status_words
    cells = " ".join(ranges)
    listed = ",".join(words[s] for s in STATUS_COLOURS)
    check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                           showErrorMessage=True, errorStyle="information",
                           errorTitle=ctx.labels["status"], error=ctx.labels["status_other"],
                           promptTitle=ctx.labels["status"], prompt=listed)
    for cell_range in ranges:
        check.add(cell_range)
    ws.add_data_validation(check)
    first = ranges[0].split(":")[0]  # a rule's references are relative to its top-left cell
    for status, (fill, text) in STATUS_COLOURS.items():
        ws.conditional_formatting.add(cells, FormulaRule(
            formula=[_first_word(first, [words[status], *status_words(status)])], fill=solid(fill),
            font=Font(color=text, bold=True if status is Status.BLOCKED else None,
                      strike=True if status is Status.CANCELLED else None)))


def status_words(status: Status) -> list[str]:
    """Every word `progress` reads as `status`, longest first (已完成 before 完成)."""
    from promoplan.words.reading import STATUS_WORDS

    return sorted((w for w, s in STATUS_WORDS.items() if s is status), key=len, reverse=True)


def _first_word(cell: str, found: list[str]) -> str:
    """`OR(LEFT(TRIM(C4),2)="完成",…)`: the cell starts with one of `found` (Excel's = ignores
    case, so `Done` is done)."""
    tests = [f'LEFT(TRIM({cell}),{len(w)})="{w}"' for w in dict.fromkeys(found)]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def _row_looks(ctx: Context, section: str) -> dict[str, Look]:
    """The looks of a task row in its section's colours, made once per section."""
    found = ctx.row_looks.get(section)
    if found is None:
        st = ctx.styles
        bar, tint = ctx.colours[section]
        found = {"seq": st.get(f"seq {bar}", fill=bar, align=CENTRE, grid=True),
                 "text": st.get(f"text {tint}", fill=tint, align=WRAP, grid=True),
                 "status": st.get(f"status {tint}", fill=tint, align=CENTRE, grid=True),
                 "tagged": st.get("notes tagged", fill=WARN_FILL, align=WRAP, grid=True),
                 "phase": st.get(f"phase {tint}", fill=tint, align=CENTRE, grid=True),
                 "date": st.get(f"date {tint}", fill=tint, align=LEFT, grid=True),
                 # Red and marked 休 (not colour alone): a deadline on a day off.
                 "date off": st.get(f"date {tint} off", font=FontSpec(color=DAY_OFF_TEXT), fill=tint,
                                    align=LEFT, grid=True),
                 "id": st.get("id", font=FontSpec(9, color=MUTED_TEXT))}
        ctx.row_looks[section] = found
    return found


def _task_row(ws: Any, row: int, ctx: Context, task: PlanTask) -> None:
    widths = ctx.widths
    looks = _row_looks(ctx, task.section)
    text = looks["text"]
    who, notes = ctx.words.people(task), ctx.notes(task)
    cells: dict[str, tuple[object, Look]] = {
        "seq": (ctx.seq[task.id], looks["seq"]),
        "name": (task.name or None, text),
        "status": (ctx.status(task), looks["status"]),
        "start": (ctx.day_text(task.start), looks["date off" if task.start.day in ctx.off else "date"]),
        "due": (ctx.day_text(task.due), looks["date off" if task.due.day in ctx.off else "date"]),
        "role": (task.owner or None, text),
        "people": (who or None, text),
        "notes": (notes or None, looks["tagged"] if task.id in ctx.tags else text),
        "section": (task.section or None, text),
        "phase": (ctx.words.phase(task.phase) or None, looks["phase"]),
        "id": (task.id, looks["id"]),
    }
    ws.append([new_cell(ws, *cells[key]) for key in COLUMNS])
    lines = max(ctx.lines(task.name, widths["name"]), ctx.lines(task.section, widths["section"]),
                ctx.lines(task.owner, widths["role"]), ctx.lines(who, widths["people"]),
                ctx.lines(notes, widths["notes"]))
    ws.row_dimensions[row].height = row_height(lines)

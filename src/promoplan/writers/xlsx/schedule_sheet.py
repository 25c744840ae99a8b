"""The 进程表: one row per task, grouped and numbered as the team's own sheets are.

A title block (title, brand and anchors, the campaign line), the 注意 block, then the
header (frozen, filtered, repeated on every printed page) and one band per group
followed by its tasks. The 状态 column is the one the team fills in: a list to pick
from, coloured by conditional formats, read back by `promoplan progress`.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.formatting.rule import CellIsRule  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from promoplan.schedule.plan import PlanTask
from promoplan.vocabulary import GroupBy, Phase, Status
from promoplan.writers.xlsx.labels import ID_HEADER
from promoplan.writers.xlsx.layout import (
    COLUMNS,
    Context,
    Group,
    cell_value,
    chrono,
    iso,
    row_height,
)
from promoplan.writers.xlsx.sheet import notice_block, print_setup, put
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
    solid,
)

# Heights in points of the title block's rows: title, brand and anchors, campaign line.
_TITLE_HEIGHTS = (26.0, 20.0, 18.0)
_BAND_HEIGHT = 22.0  # points: a group's band row


def schedule(book: Workbook, name: str, ctx: Context, parts: list[Group], group_by: GroupBy,
             title: str, third: str, warnings: bool) -> None:
    """The sheet `name`: the whole plan, or (per owner) one role's tasks without the 注意
    block; `third` is the title block's last line."""
    st, labels, widths = ctx.styles, ctx.labels, ctx.widths
    ws = book.create_sheet(name)
    for col, key in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    # The ids are for `promoplan progress`, not for people.
    ws.column_dimensions[get_column_letter(len(COLUMNS))].hidden = True
    _title_block(ws, ctx, title, third)
    shown = len(COLUMNS) - 1
    head_row = 4
    if warnings and ctx.plan.warnings:
        total = sum(widths[k] for k in COLUMNS[:shown])
        head_row = notice_block(ws, ctx, 4, shown, total, short=True) + 2

    head = st.get("header", font=FontSpec(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=CENTRE, grid=True)
    for col, key in enumerate(COLUMNS, 1):
        put(ws, head_row, col, ID_HEADER if key == "id" else labels[key], head)
    ws.row_dimensions[head_row].height = row_height(2)  # the header wraps in the narrow columns

    key_col = COLUMNS.index("phase" if group_by is GroupBy.PHASE else "section") + 1
    name_col = COLUMNS.index("name") + 1
    row = head_row
    for group in parts:
        row += 1
        band = (PHASE_COLOURS.get(group.key, PHASE_COLOURS[Phase.NONE]) if group_by is GroupBy.PHASE
                else ctx.colours[group.key][0])
        plain = st.get(f"band {band}", fill=band, grid=True)
        for col in range(1, len(COLUMNS) + 1):
            put(ws, row, col, None, plain)
        # The group's own column carries its name, so filtering on it keeps the band.
        put(ws, row, key_col, group.label,
            st.get(f"band {band} name", font=FontSpec(bold=True), fill=band, align=WRAP, grid=True))
        if group_by is GroupBy.PHASE:  # the phase column is far right: name the band in sight
            put(ws, row, name_col, labels["count"].format(label=group.label, n=len(group.tasks)),
                st.get(f"band {band} count", font=FontSpec(bold=True), fill=band, align=LEFT,
                       grid=True))
        else:
            put(ws, row, name_col, labels["band"].format(n=len(group.tasks)),
                st.get(f"band {band} count", font=FontSpec(10, color=MUTED_TEXT), fill=band,
                       align=LEFT, grid=True))
        ws.row_dimensions[row].height = _BAND_HEIGHT
        for task in group.tasks:
            row += 1
            _task_row(ws, row, ctx, task)

    last = max(row, head_row + 1)
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    ws.auto_filter.ref = f"A{head_row}:{get_column_letter(shown)}{last}"
    status_col = get_column_letter(COLUMNS.index("status") + 1)
    _status_rules(ws, ctx, f"{status_col}{head_row + 1}:{status_col}{last}")
    print_setup(ws, title, ctx)
    ws.print_title_rows = f"{head_row}:{head_row}"


def plan_line(ctx: Context, count: int) -> str:
    """The title block's last line on the main 进程表: the campaign key, the dates the plan
    was made from, the event and the plan's span."""
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


def _title_block(ws: Any, ctx: Context, title: str, third: str) -> None:
    plan, words, st = ctx.plan, ctx.words, ctx.styles
    labels = ctx.labels
    year = "yyyy" in st.day_format
    anchors = "　".join(f"{a.label} {words.when(a.when, year=year)}" for a in chrono(plan))
    second = labels["sep"].join(
        [labels["brand"].format(brand=plan.brand)] * bool(plan.brand) + [anchors] * bool(anchors))
    # One line each, not wrapped and not merged: the text runs on over the empty cells,
    # and the frozen block stays a few lines tall on a phone (scroll right to read on).
    looks = (st.get("title", font=FontSpec(16, True, HEADER_FILL), align=LEFT),
             st.get("subtitle", font=FontSpec(bold=True), align=LEFT),
             st.get("muted", font=FontSpec(10, color=MUTED_TEXT), align=LEFT))
    lines = zip((title, second, third), looks, _TITLE_HEIGHTS, strict=True)
    for row, (text, style, height) in enumerate(lines, 1):
        put(ws, row, 1, text.replace("\n", " "), style)
        ws.row_dimensions[row].height = height


def _status_rules(ws: Any, ctx: Context, cells: str) -> None:
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
            operator="equal", formula=[f'"{words[status]}"'], fill=solid(fill),
            font=Font(color=text, bold=status is Status.BLOCKED, strike=status is Status.CANCELLED)))


def _row_styles(ctx: Context, section: str) -> dict[str, str]:
    """The styles of a task row in its section's colours, made once per section."""
    found = ctx.row_styles.get(section)
    if found is None:
        st = ctx.styles
        bar, tint = ctx.colours[section]
        found = {"seq": st.get(f"seq {bar}", fill=bar, align=CENTRE, grid=True),
                 "text": st.get(f"text {tint}", fill=tint, align=WRAP, grid=True),
                 "status": st.get(f"status {tint}", fill=tint, align=CENTRE, grid=True),
                 "tagged": st.get("notes tagged", fill=WARN_FILL, align=WRAP, grid=True),
                 "phase": st.get(f"phase {tint}", fill=tint, align=CENTRE, grid=True),
                 "id": st.get("id", font=FontSpec(9, color=MUTED_TEXT))}
        for timed in (False, True):
            for off in (False, True):
                fmt = st.when_format if timed else st.day_format
                # Red and marked 休 (not colour alone): a deadline on a day off.
                found[f"date{' timed' * timed}{' off' * off}"] = st.get(
                    f"date {tint}{' timed' * timed}{' off' * off}",
                    font=FontSpec(color=DAY_OFF_TEXT) if off else None, fill=tint, align=LEFT,
                    grid=True, fmt=fmt + st.off_suffix if off else fmt)
        ctx.row_styles[section] = found
    return found


def _task_row(ws: Any, row: int, ctx: Context, task: PlanTask) -> None:
    widths = ctx.widths
    styles = _row_styles(ctx, task.section)
    text = styles["text"]
    put(ws, row, 1, ctx.seq[task.id], styles["seq"])
    put(ws, row, 2, task.section or None, text)
    put(ws, row, 3, task.name or None, text)
    for col, when in ((4, task.start), (5, task.due)):
        kind = f"date{' timed' * (when.clock is not None)}{' off' * (when.day in ctx.off)}"
        put(ws, row, col, cell_value(when), styles[kind])
    who, notes = ctx.words.people(task), ctx.notes(task)
    put(ws, row, 6, task.owner or None, text)
    put(ws, row, 7, who or None, text)
    put(ws, row, 8, ctx.status(task), styles["status"])
    put(ws, row, 9, notes or None, styles["tagged"] if task.id in ctx.tags else text)
    put(ws, row, 10, ctx.words.phase(task.phase) or None, styles["phase"])
    put(ws, row, 11, task.id, styles["id"])
    lines = max(ctx.lines(task.name, widths["name"]), ctx.lines(task.section, widths["section"]),
                ctx.lines(task.owner, widths["role"]), ctx.lines(who, widths["people"]),
                ctx.lines(notes, widths["notes"]))
    ws.row_dimensions[row].height = row_height(lines)

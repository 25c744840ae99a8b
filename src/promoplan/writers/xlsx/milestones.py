"""The 时间节点 sheet: the plan's key dates in order, the progress per section, every warning.

What a lead reads out in the morning meeting: each anchor with what happens, starts
and is due that day (a few names each: the full list is the 进程表), each milestone
task, then how far each section has got, then the 注意 block in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from promoplan.schedule.plan import PlanAnchor, PlanTask, When
from promoplan.writers.xlsx.labels import CLOCK_FORMAT
from promoplan.writers.xlsx.layout import Context, Group, chrono, is_point, row_height
from promoplan.writers.xlsx.sheet import new_cell, notice_block, print_setup, put
from promoplan.writers.xlsx.styles import (
    ANCHOR_FILL,
    ANCHOR_TINT,
    CENTRE,
    DAY_OFF_TEXT,
    HEADER_FILL,
    HEADER_TEXT,
    LEFT,
    STATUS_COLOURS,
    WRAP,
    FontSpec,
)

_COLUMNS = ("day", "clock", "node", "what", "section", "role", "people")
_TITLE_HEIGHT = 28.0  # points: row 1, the 16 pt title
_FEW_NAMES = 3  # task names an anchor's day lists
_NAME_CHARS = 18  # characters a listed name keeps


def milestones(book: Workbook, name: str, ctx: Context, parts: list[Group]) -> None:
    """The sheet `name`; `parts` are the plan's sections (for the progress table)."""
    plan, st, words, labels = ctx.plan, ctx.styles, ctx.words, ctx.labels
    title = labels["nodes_title"].format(title=plan.title or plan.playbook)
    ws = book.create_sheet(name)
    anchors = chrono(plan)
    anchor_days = {anchor.when.day for anchor in anchors}
    # Only milestones and the tasks that start or end on an anchor's day are shown.
    shown_tasks = [t for t in plan.tasks if is_point(t) or t.start.day in anchor_days
                   or t.due.day in anchor_days]
    by_time = replace(plan, tasks=shown_tasks).by_time()
    points = [t for t in by_time if is_point(t)]
    entries: list[tuple[tuple[date, time], int, int, PlanAnchor | PlanTask]] = []
    for i, anchor in enumerate(anchors):
        entries.append((anchor.when.sort_key(), 0, i, anchor))
    for i, task in enumerate(points):
        entries.append((task.start.sort_key(), 1, i, task))
    entries.sort(key=lambda e: e[:3])
    summaries = _day_summaries([t for t in by_time if not is_point(t)], anchor_days, labels,
                               ctx.words["list"])

    widths = {"day": 18.5 if words.lang == "zh" else 17.0, "clock": 8.0, "node": 12.0,
              "what": 48.0, "section": 12.0, "role": 12.0, "people": 12.0}
    if ctx.year:
        widths["day"] += 5
    for col, key in enumerate(_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[key]
    # Rows appended in order, each made whole (styles.py says why).
    ws.append([new_cell(ws, title, st.get("title", font=FontSpec(16, True, HEADER_FILL), align=LEFT))])
    ws.row_dimensions[1].height = _TITLE_HEIGHT
    head = st.get("header", font=FontSpec(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=CENTRE, grid=True)
    ws.append([new_cell(ws, labels[key], head) for key in _COLUMNS])
    ws.row_dimensions[2].height = row_height(2)

    row = 2
    seen: set[date] = set()
    text = st.get("node text", align=WRAP, grid=True)
    for (day, _clock), _kind, _, item in entries:
        row += 1
        when = item.when if isinstance(item, PlanAnchor) else item.start
        is_off = day in ctx.off
        cells = [new_cell(ws, ctx.day_text(When(day)), st.get(
                     f"node day{' off' * is_off}", font=FontSpec(color=DAY_OFF_TEXT) if is_off else None,
                     align=LEFT, grid=True)),
                 new_cell(ws, when.clock, st.get("node clock", align=CENTRE, grid=True, fmt=CLOCK_FORMAT))]
        if isinstance(item, PlanAnchor):
            what = summaries[day] if day not in seen else ""
            seen.add(day)
            tinted = st.get("node anchor tint", fill=ANCHOR_TINT, grid=True)
            node = st.get("node anchor", font=FontSpec(bold=True, color=HEADER_TEXT), fill=ANCHOR_FILL,
                          align=CENTRE, grid=True)
            cells += [new_cell(ws, item.label, node),
                      new_cell(ws, what or None, st.get("node anchor what", fill=ANCHOR_TINT, align=WRAP,
                                                        grid=True)),
                      *(new_cell(ws, None, tinted) for _ in range(5, len(_COLUMNS) + 1))]
            lines = ctx.lines(what, widths["what"])
        else:
            tint = ctx.colours[item.section][1]
            who = ctx.words.people(item)
            cells += [new_cell(ws, None, st.get("node empty", grid=True)),
                      new_cell(ws, item.name or None, text),
                      new_cell(ws, item.section or None, st.get(f"text {tint}", fill=tint, align=WRAP,
                                                                grid=True)),
                      new_cell(ws, item.owner or None, text),
                      new_cell(ws, who or None, text)]
            lines = max(ctx.lines(item.name, widths["what"]),
                        ctx.lines(item.section, widths["section"]),
                        ctx.lines(item.owner, widths["role"]), ctx.lines(who, widths["people"]))
        ws.append(cells)
        ws.row_dimensions[row].height = row_height(lines)
    ws.auto_filter.ref = f"A2:{get_column_letter(len(_COLUMNS))}{max(row, 3)}"
    ws.freeze_panes = "A3"

    row = _progress_table(ws, ctx, parts, row + 2)
    if plan.warnings:
        row = notice_block(ws, ctx, row + 2, len(_COLUMNS), sum(widths.values()), short=False)
    print_setup(ws, title, ctx)
    ws.print_title_rows = "2:2"


def _progress_table(ws: Any, ctx: Context, parts: list[Group], row: int) -> int:
    """进度: per section, how many tasks are 完成, 进行中, 受阻, 取消 and 未开始, as the plan
    file records them. Returns the last row used."""
    st, labels, words = ctx.styles, ctx.labels, ctx.status_words
    head = st.get("header", font=FontSpec(bold=True, color=HEADER_TEXT), fill=HEADER_FILL,
                  align=CENTRE, grid=True)
    columns = [labels["progress"], *(words[s] for s in STATUS_COLOURS), labels["not_started"],
               labels["total"]]
    for col, text in enumerate(columns, 1):
        put(ws, row, col, text, head)
    number = st.get("count", align=CENTRE, grid=True)
    totals = [0] * (len(columns) - 1)
    for group in parts:
        row += 1
        counts = [sum(1 for t in group.tasks if t.progress and t.progress.status == s)
                  for s in STATUS_COLOURS]
        counts += [len(group.tasks) - sum(counts), len(group.tasks)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        put(ws, row, 1, group.label, st.get("node text", align=WRAP, grid=True))
        for col, n in enumerate(counts, 2):
            put(ws, row, col, n, number)
    row += 1
    bold = st.get("count total", font=FontSpec(bold=True), align=CENTRE, grid=True)
    put(ws, row, 1, labels["total"], bold)
    for col, n in enumerate(totals, 2):
        put(ws, row, col, n, bold)
    return row


def _day_summaries(spans: list[PlanTask], days: set[date], labels: dict[str, str], sep: str
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
        parts = [labels[key].format(names=_few(found, labels, sep))
                 for key, found in zip(("within", "starts", "dues"), lists, strict=True) if found]
        out[day] = labels["part_sep"].join(parts)
    return out


def _few(names: Sequence[str], labels: dict[str, str], sep: str, keep: int = _FEW_NAMES,
         chars: int = _NAME_CHARS) -> str:
    """A few names, each cut short: the full names are on the 进程表 sheet."""
    unique = list(dict.fromkeys(names))
    text = sep.join(n if len(n) <= chars else n[:chars - 1] + "…" for n in unique[:keep])
    if len(unique) > keep:
        text += labels["more"].format(total=len(unique), rest=len(unique) - keep)
    return text

"""The terminal table: grouped by phase, all-day dates plain, timed ones bold with the time.

Drawn by hand rather than with rich: a 150-task plan is printed after every edit,
and rich's layout engine took longer than compiling the plan. Chinese characters
take two terminal cells, so widths are counted in cells, not characters.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from functools import cache

from promoplan import notices
from promoplan.i18n import Words
from promoplan.plan import Plan, PlanTask, When
from promoplan.writers.md_ import grouped

# The relative column shows while today is this close to the plan's dates.
CURRENT_MARGIN = timedelta(days=30)
GAP = "  "
MIN_NAME_WIDTH = 16
_STYLES = {"bold": "1", "time": "1;36", "off": "31", "dim": "2", "warn": "33", "rel": "33"}

Cell = list[tuple[str, str]]
"""A cell as (text, style) pieces; style '' is plain."""


def is_current(plan: Plan, today: date | None) -> bool:
    if today is None or not plan.tasks:
        return False
    first = min(t.start.day for t in plan.tasks)
    last = max(t.due.day for t in plan.tasks)
    return first - CURRENT_MARGIN <= today <= last + CURRENT_MARGIN


def cells(text: str) -> int:
    """Terminal cells a string takes: two for wide (CJK) characters, none for combining ones."""
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


@cache
def _char_cells(ch: str) -> int:
    # a table is laid out from a few hundred distinct characters, measured many times over
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(cell: Cell) -> int:
    return sum(cells(text) for text, _ in cell)


def _wrap(cell: Cell, width: int) -> list[Cell]:
    """Break a cell into lines of at most `width` cells, between words or wide characters."""
    lines: list[Cell] = [[]]
    used = 0
    for text, style in cell:
        for token in _tokens(text):
            size = cells(token)
            if used + size > width and used > 0:
                lines.append([])
                used = 0
                token = token.lstrip()
                size = cells(token)
            lines[-1].append((token, style))
            used += size
    return lines


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def _paint(cell: Cell, color: bool) -> str:
    if not color:
        return "".join(text for text, _ in cell)
    return "".join(f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if style else text for text, style in cell)


def _when(value: When, words: Words, days_off: dict[date, str]) -> Cell:
    cell: Cell = [(words.day(value.day), "")]
    if value.clock is not None:
        cell.append((" " + words.clock(value.clock), "time"))
    if value.day in days_off:
        cell.append((" " + words["day_off"], "off"))
    return cell


def _row(seq: int, task: PlanTask, words: Words, today: date | None,
         days_off: dict[date, str]) -> list[Cell]:
    owner = task.owner + (f"（{'、'.join(p.name for p in task.people)}）" if task.people else "")
    name: Cell = [(task.name, "")]
    if task.occurrences:
        name.append((f"（{words.repeat_note(task)}）", "dim"))
    due: Cell = [] if task.due == task.start else _when(task.due, words, days_off)
    row = [[(str(seq), "")], [(task.section, "")], name, [(owner, "")],
           _when(task.start, words, days_off), due]
    if today is not None:
        row.append([(words.relative((task.start.day - today).days), "rel")])
    return row


def render(plan: Plan, words: Words, options: object = None, *, color: bool = False,
           width: int = 140, today: date | None = None) -> bytes:
    relative = today if is_current(plan, today) else None
    groups = grouped(plan)
    ordered = [task for _, tasks in groups for task in tasks]
    rows = [_row(seq, task, words, relative, plan.days_off) for seq, task in enumerate(ordered, 1)]
    keys = ["seq", "section", "name", "owner", "start", "due"] + (["relative"] if relative else [])
    headers: list[Cell] = [[(words[k], "bold")] for k in keys]
    widths = [max(_width(c) for c in [headers[i], *(row[i] for row in rows)]) for i in range(len(keys))]
    others = sum(w for i, w in enumerate(widths) if keys[i] != "name") + len(GAP) * (len(keys) - 1)
    widths[2] = max(MIN_NAME_WIDTH, min(widths[2], width - others))

    def line(row: list[Cell]) -> list[str]:
        wrapped = [_wrap(cell, widths[i]) if keys[i] == "name" else [cell] for i, cell in enumerate(row)]
        out = []
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for i, w in enumerate(wrapped):
                cell = w[n] if n < len(w) else []
                pad = " " * (widths[i] - _width(cell))
                text = _paint(cell, color)
                parts.append(pad + text if keys[i] == "seq" else text + pad)
            out.append(GAP.join(parts).rstrip())
        return out

    out = [_paint([(plan.title, "bold")], color),
           "  ".join(f"{a.label} {words.when(a.when, year=True)}" for a in plan.anchors)]
    done = 0
    for phase, tasks in groups:
        out.append("")
        if phase:
            out.append(_paint([(f"{words[phase]} ({len(tasks)})", "bold")], color))
        out += line(headers)
        out.append("─" * (sum(widths) + len(GAP) * (len(keys) - 1)))
        for row in rows[done:done + len(tasks)]:
            out += line(row)
        done += len(tasks)
    if plan.warnings:
        out += ["", _paint([(words["warnings"], "warn")], color)]
        out += [_paint([(f"- {line}", "warn")], color) for line in notices.lines(plan, words)]
    return ("\n".join(out) + "\n").encode()

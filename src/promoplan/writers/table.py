"""The terminal table: grouped by phase, all-day dates plain, timed ones bold with the time."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from promoplan.i18n import Words
from promoplan.plan import Plan, PlanTask, When
from promoplan.writers.md_ import grouped

# The relative column shows while today is this close to the plan's dates.
CURRENT_MARGIN = timedelta(days=30)


def is_current(plan: Plan, today: date | None) -> bool:
    if today is None or not plan.tasks:
        return False
    first = min(t.start.day for t in plan.tasks)
    last = max(t.due.day for t in plan.tasks)
    return first - CURRENT_MARGIN <= today <= last + CURRENT_MARGIN


def _when(value: When, words: Words, days_off: dict[date, str]) -> Text:
    text = Text(words.day(value.day))
    if value.clock is not None:
        text.append(" " + words.clock(value.clock), style="bold cyan")
    if value.day in days_off:
        text.append(" " + words["day_off"], style="red")
    return text


def _name(task: PlanTask, words: Words) -> Text:
    text = Text(task.name)
    if task.occurrences:
        text.append(f"（{words.repeat_note(task)}）", style="dim")
    return text


def _row(seq: int, task: PlanTask, words: Words, today: date | None,
         days_off: dict[date, str]) -> list[Text]:
    owner = task.owner + (f"（{'、'.join(p.name for p in task.people)}）" if task.people else "")
    due = Text("") if task.due == task.start else _when(task.due, words, days_off)
    row = [Text(str(seq)), Text(task.section), _name(task, words), Text(owner),
           _when(task.start, words, days_off), due]
    if today is not None:
        row.append(Text(words.relative((task.start.day - today).days), style="yellow"))
    return row


def render(plan: Plan, words: Words, options: object = None, *, color: bool = False,
           width: int = 140, today: date | None = None) -> bytes:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False, soft_wrap=False)
    anchors = "  ".join(f"{a.label} {words.when(a.when, year=True)}" for a in plan.anchors)
    console.print(Text(plan.title, style="bold"))
    console.print(anchors)
    relative = today if is_current(plan, today) else None
    groups = grouped(plan)
    ordered = [task for _, tasks in groups for task in tasks]
    rows = [_row(seq, task, words, relative, plan.days_off) for seq, task in enumerate(ordered, 1)]
    headers = ["seq", "section", "name", "owner", "start", "due"] + (["relative"] if relative else [])
    # Every phase gets its own table; equal column widths keep them aligned as one.
    widths = [max([cell_len(words[h]), *(row[i].cell_len for row in rows)])
              for i, h in enumerate(headers)]
    done = 0
    for phase, tasks in groups:
        table = Table(title=f"{words[phase]} ({len(tasks)})" if phase else None, box=box.SIMPLE_HEAD,
                      title_justify="left", title_style="bold", show_edge=False, pad_edge=False,
                      expand=True)
        for i, key in enumerate(headers):
            if key == "name":
                table.add_column(words[key], ratio=1)
            else:
                table.add_column(words[key], no_wrap=True, min_width=widths[i],
                                 justify="right" if key == "seq" else "left")
        for row in rows[done:done + len(tasks)]:
            table.add_row(*row)
        done += len(tasks)
        console.print()
        console.print(table)
    if plan.warnings:
        console.print()
        console.print(Text(words["warnings"], style="bold yellow"))
        for warning in plan.warnings:
            console.print(Text(f"- {warning.message}", style="yellow"))
    return buf.getvalue().encode()

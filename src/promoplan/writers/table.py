"""The terminal table: grouped by phase, all-day dates plain, timed ones bold with the time."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich import box
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


def _when(value: When, words: Words) -> Text:
    if value.clock is None:
        return Text(words.day(value.day))
    return Text.assemble(words.day(value.day) + " ", (words.clock(value.clock), "bold cyan"))


def _name(task: PlanTask, words: Words) -> Text:
    text = Text(task.name)
    if task.occurrences:
        text.append(f"（{words.repeat_note(task)}）", style="dim")
    return text


def render(plan: Plan, words: Words, *, color: bool = False, width: int = 140,
           today: date | None = None) -> bytes:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False, soft_wrap=False)
    anchors = "  ".join(f"{a.label} {words.when(a.when, year=True)}" for a in plan.anchors)
    console.print(Text(plan.title, style="bold"))
    console.print(anchors)
    relative = is_current(plan, today)
    seq = 0
    for phase, tasks in grouped(plan):
        table = Table(title=f"{words[phase]} ({len(tasks)})" if phase else None, box=box.SIMPLE_HEAD,
                      title_justify="left", title_style="bold", show_edge=False, pad_edge=False)
        table.add_column(words["seq"], justify="right", no_wrap=True)
        table.add_column(words["section"], no_wrap=True)
        table.add_column(words["name"], ratio=1)
        table.add_column(words["owner"], no_wrap=True)
        table.add_column(words["start"], no_wrap=True)
        table.add_column(words["due"], no_wrap=True)
        if relative:
            table.add_column(words["relative"], no_wrap=True, style="yellow")
        for task in tasks:
            seq += 1
            owner = task.owner + (f"（{'、'.join(p.name for p in task.people)}）" if task.people else "")
            row: list[Text | str] = [
                str(seq), task.section, _name(task, words), owner, _when(task.start, words),
                Text("") if task.due == task.start else _when(task.due, words),
            ]
            if relative and today is not None:
                row.append(words.relative((task.start.day - today).days))
            table.add_row(*row)
        console.print()
        console.print(table)
    if plan.warnings:
        console.print()
        console.print(Text(words["warnings"], style="bold yellow"))
        for warning in plan.warnings:
            console.print(Text(f"- {warning.message}", style="yellow"))
    return buf.getvalue().encode()

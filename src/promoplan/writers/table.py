"""The terminal table, drawn by rich: a rule per phase, all-day dates plain, timed ones bold.

rich measures Chinese characters as two cells, wraps the task names to the terminal,
and leaves out every colour and style when stdout is not a terminal or NO_COLOR is
set, so what a script or a test reads is plain text. It is imported only here,
when a table is printed.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich import box
from rich.cells import cell_len
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.words import Words, notices
from promoplan.writers.md_ import grouped

# The relative column shows while today is this close to the plan's dates.
CURRENT_MARGIN = timedelta(days=30)
MIN_NAME_WIDTH = 12
STATUS_STYLES = {"done": "green", "doing": "cyan", "blocked": "bold red", "cancelled": "dim"}


def is_current(plan: Plan, today: date | None) -> bool:
    if today is None or not plan.tasks:
        return False
    first = min(t.start.day for t in plan.tasks)
    last = max(t.due.day for t in plan.tasks)
    return first - CURRENT_MARGIN <= today <= last + CURRENT_MARGIN


def when_text(value: When, words: Words, days_off: dict[date, str]) -> Text:
    """`10月30日 周三 10:00 休`: the time bold, a day off in red."""
    text = Text(words.day(value.day))
    if value.clock is not None:
        text.append(" " + words.clock(value.clock), "bold")
    if value.day in days_off:
        text.append(" " + words["day_off"], "red")
    return text


def status_text(task: PlanTask, words: Words) -> Text:
    """`✓ 完成`, `▶ 进行中`, `⚠ 受阻`, `✗ 取消`, or nothing when no progress is recorded."""
    if task.progress is None:
        return Text()
    status = task.progress.status
    return Text(words[f"status.{status}"], STATUS_STYLES[status])


def _name(task: PlanTask, words: Words, tags: list[str]) -> Text:
    text = Text(task.name, "dim strike" if task.progress and task.progress.status == "cancelled" else "")
    if task.occurrences:
        text.append(words["paren"].format(text=words.repeat_note(task)), "dim")
    for tag in tags:
        text.append(" " + tag, "yellow")
    return text


def _owner(task: PlanTask) -> str:
    return task.owner + (f"（{'、'.join(p.name for p in task.people)}）" if task.people else "")


# SIMPLE_HEAD with a rule under each phase too: lines under the header and between phases.
PHASE_RULES = box.Box("    \n    \n ── \n    \n ── \n    \n    \n    \n")


def _table(plan: Plan, words: Words, today: date | None, width: int | None) -> Table:
    """One table for the whole plan, so every phase lines up: a heading row per phase."""
    tags = notices.tags_by_task(plan, words)
    status = any(t.progress is not None for t in plan.tasks)
    table = Table(box=PHASE_RULES, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold")
    groups = grouped(plan)
    headings = [Text(words["phase_count"].format(phase=words[phase], n=len(tasks)), "bold") if phase else None
                for phase, tasks in groups]
    rows: list[list[Text]] = []
    for _, tasks in groups:
        for task in tasks:
            due = Text() if task.due == task.start else when_text(task.due, words, plan.days_off)
            # Text, not str, in every cell and heading: rich would parse a str as markup and
            # look for :emoji: codes in it (and load its emoji table to do so).
            row = [Text(str(task.seq)), Text(task.section), _name(task, words, tags.get(task.id, [])),
                   Text(_owner(task)), when_text(task.start, words, plan.days_off), due]
            if status:
                row.append(status_text(task, words))
            if today is not None:
                row.append(Text(words.relative((task.start.day - today).days)))
            rows.append(row)
    keys = ["seq", "section", "name", "owner", "start", "due"]
    keys += ["status"] * status + ["relative"] * (today is not None)
    # Each column's natural width, from rich's own cell_len: the widest cell, heading included.
    natural = [max([cell_len(words[key]), *(cell_len(row[i].plain) for row in rows)])
               for i, key in enumerate(keys)]
    natural[2] = max([natural[2], *(cell_len(h.plain) for h in headings if h is not None)])
    fixed = None if width is None else _fixed_widths(natural, width)
    table.add_column(Text(words["seq"]), justify="right", no_wrap=True, width=natural[0])
    table.add_column(Text(words["section"]), no_wrap=True, width=natural[1])
    if fixed is not None:
        # The usual case: the widths are known, so rich lays the cells out without measuring them.
        table.add_column(Text(words["name"]), overflow="fold", width=fixed)
        for i, key in enumerate(keys[3:], 3):
            table.add_column(Text(words[key]), no_wrap=True, width=natural[i],
                             style="yellow" if key == "relative" else None)
    else:
        # A terminal too narrow for the dates: rich measures and shares out the room, and the
        # owner and the dates wrap at their spaces rather than being cut.
        table.add_column(Text(words["name"]), min_width=MIN_NAME_WIDTH, overflow="fold")
        for i, key in enumerate(keys[3:6], 3):
            table.add_column(Text(words[key]), overflow="fold", max_width=natural[i])
        for key in keys[6:]:
            table.add_column(Text(words[key]), no_wrap=True, style="yellow" if key == "relative" else None)
    made = iter(rows)
    for n, ((_, tasks), heading) in enumerate(zip(groups, headings, strict=True)):
        if heading is not None:
            table.add_row(Text(), Text(), heading, *(Text() for _ in table.columns[3:]))
        for i in range(len(tasks)):
            table.add_row(*next(made), end_section=i == len(tasks) - 1 and n < len(groups) - 1)
    return table


def _fixed_widths(natural: list[int], width: int) -> int | None:
    """The name column's width when only it has to give way to fit `width` cells, else None.

    This is what rich itself works out (it narrows the widest wrapping column first, and
    never the name below MIN_NAME_WIDTH), computed once from the natural widths; when the
    owner or the dates would have to narrow too, it returns None and rich measures.
    """
    # A cell of padding after each column but the last, and one for each column rule.
    room = width - 2 * (len(natural) - 1)
    name = max(natural[2], MIN_NAME_WIDTH)
    excess = sum(natural) - natural[2] + name - room
    if excess <= 0:
        return name
    name -= excess
    return name if name >= max(MIN_NAME_WIDTH, *natural[3:6]) else None


def renderable(plan: Plan, words: Words, today: date | None = None,
               width: int | None = None) -> RenderableType:
    """The whole table: title, anchors, the tasks by phase, then the warnings.

    Given the console's width, the columns are sized here once instead of measured by rich
    (the same layout, a quarter less work for a long plan).
    """
    relative = today if is_current(plan, today) else None
    parts: list[RenderableType] = [
        Text(plan.title, "bold"),
        Columns([Text(f"{a.label} {words.when(a.when, year=True)}") for a in plan.anchors],
                padding=(0, 2)),
        Text(),
        _table(plan, words, relative, width),
    ]
    if plan.warnings:
        parts += [Text(), Text(words["warnings"], "bold yellow")]
        parts += [Text(f"- {line}", "yellow") for line in notices.lines(plan, words)]
    return Group(*parts)


def render(plan: Plan, words: Words, options: object = None, *, width: int = 140,
           today: date | None = None) -> bytes:
    """The table as plain text `width` cells wide, for `--format table` into a file or a test."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False,
                      highlight=False)
    return plain(console, renderable(plan, words, today, width)).encode()


def plain(console: Console, what: RenderableType) -> str:
    """What rich prints, without the padding it leaves at the ends of lines (for pipes and files)."""
    with console.capture() as captured:
        console.print(what)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())

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
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.vocabulary import Status
from promoplan.words import Words, notices
from promoplan.writers.md_ import grouped

# The relative column shows while today is this close to the plan's dates.
CURRENT_MARGIN = timedelta(days=30)
MIN_NAME_WIDTH = 12
STATUS_STYLES = {Status.DONE: "green", Status.DOING: "cyan", Status.BLOCKED: "bold red",
                 Status.CANCELLED: "dim"}


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
    text = Text(task.name, "dim strike" if task.progress and task.progress.status is Status.CANCELLED else "")
    if task.occurrences:
        text.append(words["paren"].format(text=words.repeat_note(task)), "dim")
    for tag in tags:
        text.append(" " + tag, "yellow")
    return text


# SIMPLE_HEAD with a rule under each phase too: lines under the header and between phases.
PHASE_RULES = box.Box("    \n    \n ── \n    \n ── \n    \n    \n    \n")


def _table(plan: Plan, words: Words, today: date | None) -> Table:
    """One table for the whole plan, so every phase lines up: a heading row per phase.

    rich measures the cells and shares out the terminal's width. On a terminal too narrow
    for the table it takes room from the widest column that may wrap, the task names, so
    they wrap while the owner and the dates stay on one line; only once the names are as
    narrow as those do the owner and the dates wrap too, at their spaces rather than cut.
    The numbers, sections, status and 距今 are short and never wrap.
    """
    tags = notices.tags_by_task(plan, words)
    status = any(t.progress is not None for t in plan.tasks)
    table = Table(box=PHASE_RULES, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold")
    # Text, not str, in every cell and heading: rich would parse a str as markup and look for
    # :emoji: codes in it (and load its emoji table to do so).
    table.add_column(Text(words["seq"]), justify="right", no_wrap=True)
    table.add_column(Text(words["section"]), no_wrap=True)
    # fold: a run of text without spaces (most Chinese names) breaks across lines, not cut with an ellipsis.
    table.add_column(Text(words["name"]), min_width=MIN_NAME_WIDTH, overflow="fold")
    for key in ("owner", "start", "due"):
        table.add_column(Text(words[key]), overflow="fold")
    if status:
        table.add_column(Text(words["status"]), no_wrap=True)
    if today is not None:
        table.add_column(Text(words["relative"]), no_wrap=True, style="yellow")
    groups = grouped(plan)
    for n, (phase, tasks) in enumerate(groups):
        if phase:
            heading = Text(words["phase_count"].format(phase=words.phase(phase), n=len(tasks)), "bold")
            table.add_row(Text(), Text(), heading, *(Text() for _ in table.columns[3:]))
        for i, task in enumerate(tasks):
            due = Text() if task.due == task.start else when_text(task.due, words, plan.days_off)
            row = [Text(str(task.seq)), Text(task.section), _name(task, words, tags.get(task.id, [])),
                   Text(words.owner(task)), when_text(task.start, words, plan.days_off), due]
            if status:
                row.append(status_text(task, words))
            if today is not None:
                row.append(Text(words.relative((task.start.day - today).days)))
            table.add_row(*row, end_section=i == len(tasks) - 1 and n < len(groups) - 1)
    return table


def renderable(plan: Plan, words: Words, today: date | None = None) -> RenderableType:
    """The whole table: title, the unpublished holiday schedule, anchors, the tasks by phase,
    then the other warnings; rich lays it out to the console it is printed on."""
    relative = today if is_current(plan, today) else None
    parts: list[RenderableType] = [
        Text(plan.title, "bold"),
        *(Text(line, "bold red") for line in notices.headline([plan], words)),
        Columns([Text(f"{a.label} {words.when(a.when, year=True)}") for a in plan.anchors],
                padding=(0, 2)),
        Text(),
        _table(plan, words, relative),
    ]
    rest = notices.lines(plan, words, rest=True)
    if rest:
        parts += [Text(), Text(words["warnings"], "bold yellow")]
        parts += [Text(f"- {line}", "yellow") for line in rest]
    return Group(*parts)


def render(plan: Plan, words: Words, options: object = None, *, width: int = 140,
           today: date | None = None) -> bytes:
    """The table as plain text `width` cells wide, for `--format table` into a file or a test."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False,
                      highlight=False)
    return plain(console, renderable(plan, words, today)).encode()


def plain(console: Console, what: RenderableType) -> str:
    """What rich prints, without the padding it leaves at the ends of lines (for pipes and files)."""
    with console.capture() as captured:
        console.print(what)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())

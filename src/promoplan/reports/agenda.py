"""The morning post for the chat group: what starts, is due or is overdue on a day.

Once the team records progress in the plan file (`progress:`), a task is overdue
when it is past due and neither done nor cancelled, however long ago. Until then
nothing says what was done, so "overdue" means "was due since the last working
day": on Monday the list asks about Friday's, Saturday's and Sunday's deadlines,
on Tuesday about Monday's. Tasks are named as on the sheet (运营第2项「改价格」).

The terminal and Markdown agenda group a day by time of day; the chat message (`send`)
reads the same items under 开始 / 截止 / 已逾期, each by section (`by_heading`), with the
warning that makes every date uncertain on top (`headline`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from promoplan.schedule.plan import Plan, PlanTask
from promoplan.vocabulary import WarningKind
from promoplan.words import Words
from promoplan.words.notices import summary, task_ref

if TYPE_CHECKING:
    from rich.console import RenderableType

# Where the morning ends and the evening begins, for grouping by time of day.
NOON, EVENING = time(12, 0), time(18, 0)
LOOKBACK_DAYS = 14


@dataclass(frozen=True)
class Item:
    day: date
    kind: str
    """at (a moment), start, due, or overdue."""
    clock: time | None
    task: PlanTask
    due: date | None = None


def _is_workday(plan: Plan, day: date) -> bool:
    return day not in plan.days_off


def previous_workday(plan: Plan, day: date) -> date:
    """The last working day before `day` by the plan's calendar (days off known near the plan)."""
    for back in range(1, LOOKBACK_DAYS + 1):
        candidate = day - timedelta(days=back)
        if _is_workday(plan, candidate):
            return candidate
    return day - timedelta(days=1)


def day_items(plan: Plan, day: date) -> list[Item]:
    items: list[Item] = []
    for task in plan.by_time():
        occurrences = task.occurrences or []
        if occurrences:
            items += [Item(day, "at", o.start.clock, task) for o in occurrences
                      if o.start.day == day and o.start == o.due]
            continue
        if task.start == task.due:
            if task.start.day == day:
                items.append(Item(day, "at", task.start.clock, task))
            continue
        if task.start.day == day:
            items.append(Item(day, "start", task.start.clock, task))
        if task.due.day == day:
            items.append(Item(day, "due", task.due.clock, task))
    return sorted(items, key=lambda i: (i.clock is not None, i.clock or time(0)))


def tracked(plan: Plan) -> bool:
    """Whether the team records progress in this plan (any task has a status)."""
    return any(t.progress is not None for t in plan.tasks)


def overdue(plan: Plan, day: date) -> list[Item]:
    """Tasks to ask about on `day`, the longest overdue first."""
    if tracked(plan):
        late = [t for t in plan.tasks if t.due.day < day and not t.done]
    else:
        since = previous_workday(plan, day)
        late = [t for t in plan.tasks if since <= t.due.day < day]
    late.sort(key=lambda t: (t.due.sort_key(), plan.section_rank(t.section), t.order))
    return [Item(day, "overdue", None, t, t.due.day) for t in late]


def week_of(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def _group(item: Item) -> str:
    if item.kind == "overdue":
        return "overdue"
    if item.clock is None:
        return "all_day"
    return "morning" if item.clock < NOON else "afternoon" if item.clock < EVENING else "evening"


GROUPS = ("overdue", "all_day", "morning", "afternoon", "evening")


def when(item: Item, words: Words) -> str:
    """What an item's line starts with: the day it was due for what is overdue, else its
    time of day (nothing for an all-day item)."""
    if item.kind == "overdue":
        assert item.due is not None
        return f"{words.day(item.due)} {words['agenda_due']}"
    return words.clock(item.clock) if item.clock else ""


def named(task: PlanTask, words: Words, md: bool = False) -> str:
    """The task as the sheet names it, its role and people, and its recorded status."""
    who = words.owner(task)
    name = task_ref(task, words)
    text = f"**{name}**" if md else name
    text = f"{text} — {who}" if who else text
    if task.progress is not None:
        text += f" · {words['status.' + task.progress.status]}"
    return text


def _line(item: Item, words: Words, md: bool) -> str:
    head = when(item, words)
    if item.kind in ("start", "due"):
        head = f"{head} {words['agenda_' + item.kind]}".strip()
    return f"{head} {named(item.task, words, md)}".strip()


# The chat message's headings: a moment (`at:`) is work begun when it happens, so it is
# listed with what starts.
HEADINGS = ("start", "due", "overdue")
_HEADING = {"at": "start", "start": "start", "due": "due", "overdue": "overdue"}


def by_section(plan: Plan, items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Items by section in the plan's order (sections it does not declare after, by name);
    within a section they keep their order."""
    sections = sorted({i.task.section for i in items}, key=lambda s: (plan.section_rank(s), s))
    return [(s, [i for i in items if i.task.section == s]) for s in sections]


def by_heading(plan: Plan, day: date, first: bool) -> list[tuple[str, list[tuple[str, list[Item]]]]]:
    """A day's items under start / due / overdue, each by section: the chat message's layout.
    What is overdue is asked about on the `first` day shown only, as `lines` does."""
    items = day_items(plan, day) + (overdue(plan, day) if first else [])
    found = []
    for heading in HEADINGS:
        chosen = [i for i in items if _HEADING[i.kind] == heading]
        if chosen:
            found.append((heading, by_section(plan, chosen)))
    return found


def headline(plan: Plan, words: Words) -> list[str]:
    """The warning that makes every date of the plan uncertain (a year whose official
    holiday schedule is not published), worded as `compile` sums it up; nothing otherwise."""
    first = [w for w in plan.warnings if w.code is WarningKind.SCHEDULE_UNPUBLISHED]
    return summary(replace(plan, warnings=first), words) if first else []


def lines(plan: Plan, days: list[date], words: Words, md: bool) -> list[tuple[str, str]]:
    """The agenda as (line, style) pairs; a style is what rich draws it with on a terminal."""
    out: list[tuple[str, str]] = []
    overdue_label = words["agenda_overdue_all" if tracked(plan) else "agenda_overdue"]
    for day in days:
        items = day_items(plan, day)
        late = overdue(plan, day) if day == days[0] else []
        if not items and not late and len(days) > 1:
            continue  # a week lists only the days that have something
        title = f"{plan.title} · {words.day(day)}"
        if out:
            out.append(("", ""))
        out.append((f"### {title}" if md else title, "bold"))
        if not items and not late:
            out.append((words["agenda_nothing"], "dim"))
            continue
        for group in GROUPS:
            chosen = [i for i in (late if group == "overdue" else items) if _group(i) == group]
            if not chosen:
                continue
            label = overdue_label if group == "overdue" else words["agenda_" + group]
            out.append((f"**{label}**" if md else label, "bold red" if group == "overdue" else "bold"))
            out += [(("- " if md else "  ") + _line(i, words, md), "") for i in chosen]
    if not out:
        span = f"{words.day(days[0])} – {words.day(days[-1])}"
        out = [(f"### {plan.title} · {span}" if md else f"{plan.title} · {span}", "bold"),
               (words["agenda_nothing"], "dim")]
    return out


def render(plan: Plan, days: list[date], words: Words, md: bool) -> str:
    return "".join(line + "\n" for line, _ in lines(plan, days, words, md))


def renderable(plan: Plan, days: list[date], words: Words) -> RenderableType:
    """The agenda for rich: headings bold, what is overdue in red."""
    from rich.console import Group
    from rich.text import Text

    return Group(*(Text(line, style) for line, style in lines(plan, days, words, md=False)))

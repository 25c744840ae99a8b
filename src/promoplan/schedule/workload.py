"""Who is overloaded across a season of plans: per person (or role) and day, the tasks
active and the tasks due, and the days over a limit.

An agency runs the same playbooks for many stores in the same weeks with the same
美工 and 客服 people; each plan alone looks fine, and nobody sees that one designer has
14 deliverables due on one day across three stores. This module counts, across every
plan given, what each person has on each day. Pure: plans in, a `Load` out; the CLI
prints it, `writers/load_xlsx.py` draws it.

What counts, and why:

- **Who.** `by="person"`: the people named for a task's role in its plan's team; the
  same name in two plans is the same person (that is the point of a shared team). A
  task whose role has nobody named is left out, since it loads no one we know;
  `by="owner"` counts it under its role.
- **Due** on a day: a task (or an occurrence of a repeating task) whose due falls on
  that day. **Active** on a day: its start..due span covers the day (both ends
  included; a timed task on the days of its times).
- **Days off differ between plans** (each plan has its own `calendar:`). A span counts
  on the working days of *its own* plan's calendar, plus its first and last day whatever
  they are: nobody works a store's weekend in the middle of a nine-day 售后跟进, but a
  deadline or an opening the plan put on a Saturday is work on that Saturday (the plan
  itself already warns about deadlines on days off). A day is a column when it is a
  working day in at least one plan, or when anything is active on it.
- A repeating task counts **once** on each day one of its occurrences falls on (four
  half-hourly checks on the opening day are one task on that day, not four).
- Tasks recorded as done or cancelled (`progress:`) are no load any more: left out.
- **Over the limit** compares the tasks **due** on a day with the limit: a deadline is
  what cannot move, and is what the issue's example counts ("14 deliverables due on the
  same day"); a long span active on many days is not overload. The limit is the
  person's own `max_per_day` from a team (the smallest, if plans disagree), else
  `--max N`; roles (`by="owner"`) have only `--max`. A day is over when due > limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.words import Words
from promoplan.words.notices import task_ref

BY = ("person", "owner")


@dataclass(frozen=True, slots=True)
class Item:
    """One task of one plan, as the load lists it: its campaign tells the stores apart."""

    campaign: str
    task: PlanTask


@dataclass(slots=True)
class Cell:
    """What one person (or role) has on one day."""

    active: list[Item] = field(default_factory=list)
    due: list[Item] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Overload:
    who: str
    day: date
    limit: int
    items: tuple[Item, ...]
    """The tasks due that day, the ones that make it too many."""


@dataclass(frozen=True, slots=True)
class Load:
    by: str
    rows: list[str]
    """People (or roles) in the order they first appear across the plans."""
    days: list[date]
    cells: dict[tuple[str, date], Cell]
    limits: dict[str, int]
    """Each row's limit, where it has one."""
    over: list[Overload]

    def cell(self, who: str, day: date) -> Cell:
        return self.cells.get((who, day)) or Cell()


def _span_days(start: When, due: When, is_workday: Callable[[date], bool] | None) -> list[date]:
    first, last = sorted((start.day, due.day))
    days = [first]
    day = first + timedelta(days=1)
    while day < last:
        if is_workday is None or is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    if last != first:
        days.append(last)
    return days


def _task_days(plan: Plan, task: PlanTask) -> tuple[set[date], set[date]]:
    """The days a task is active on and the days it is due on, occurrences included."""
    is_workday = plan.calendar.is_workday if plan.calendar is not None else None
    spans = [(o.start, o.due) for o in task.occurrences] or [(task.start, task.due)]
    active: set[date] = set()
    due: set[date] = set()
    for start, end in spans:
        active.update(_span_days(start, end, is_workday))
        due.add(end.day)
    return active, due


def _who(task: PlanTask, by: str) -> list[str]:
    if by == "owner":
        return [task.owner] if task.owner else []
    return list(dict.fromkeys(p.name for p in task.people))


def compute(plans: Sequence[Plan], by: str = "person", *, first: date | None = None,
            last: date | None = None, limit: int | None = None) -> Load:
    """The load of every person (or role) on every day between first and last (inclusive;
    by default the first and last day anything is active), across all `plans`."""
    rows: dict[str, None] = {}
    limits: dict[str, int] = {}
    cells: dict[tuple[str, date], Cell] = {}
    for plan in plans:
        if by == "person":
            for people in plan.team.values():
                for person in people:
                    rows.setdefault(person.name)
                    own = getattr(person, "max_per_day", None)
                    if own is not None:
                        limits[person.name] = min(own, limits.get(person.name, own))
        for task in plan.by_section():
            if task.done:
                continue
            names = _who(task, by)
            if not names:
                continue
            active, due = _task_days(plan, task)
            item = Item(plan.campaign or plan.playbook, task)
            for name in names:
                rows.setdefault(name)
                for day in active:
                    cells.setdefault((name, day), Cell()).active.append(item)
                for day in due:
                    cells.setdefault((name, day), Cell()).due.append(item)
    if limit is not None:
        for name in rows:
            limits.setdefault(name, limit)
    loaded = sorted({day for _, day in cells})
    lo = first or (loaded[0] if loaded else None)
    hi = last or (loaded[-1] if loaded else None)
    days = [] if lo is None or hi is None else _columns(plans, lo, hi, set(loaded))
    shown = set(days)
    cells = {key: cell for key, cell in cells.items() if key[1] in shown}
    over = [Overload(name, day, limits[name], tuple(cell.due))
            for name in rows for day in days
            if name in limits and (cell := cells.get((name, day))) is not None
            and len(cell.due) > limits[name]]
    return Load(by, list(rows), days, cells, limits, over)


def _columns(plans: Iterable[Plan], first: date, last: date, loaded: set[date]) -> list[date]:
    """Days between first and last that are working days in some plan, or carry work."""
    checks = [p.calendar.is_workday for p in plans if p.calendar is not None]
    out = []
    day = first
    while day <= last:
        if day in loaded or any(check(day) for check in checks) or (not checks and day.weekday() < 5):
            out.append(day)
        day += timedelta(days=1)
    return out


def item_text(item: Item, words: Words) -> str:
    """`店A·美工第3项「主图设计」`: the task as the sheet names it, and whose store it is."""
    return words["workload.item"].format(campaign=item.campaign, task=task_ref(item.task, words))


def warning(over: Overload, words: Words) -> str:
    """One line naming the person, the day and every task due, with their campaigns."""
    tasks = words["workload.list"].join(item_text(i, words) for i in over.items)
    return words["workload.over"].format(who=over.who, day=words.day(over.day, year=True),
                                n=len(over.items), limit=over.limit, tasks=tasks)


def level(n: int, limit: int | None, peak: int) -> int:
    """0 (nothing), 1 (light), 2 (busy), 3 (at the limit), 4 (over): the heat of a count.

    With a limit, busy is more than half of it; without one, thirds of the busiest day.
    """
    if n == 0:
        return 0
    if limit is not None:
        if n > limit:
            return 4
        return 3 if n == limit else 2 if 2 * n > limit else 1
    return 1 if 3 * n <= peak else 2 if 3 * n <= 2 * peak else 3


def to_json(load: Load) -> dict[str, object]:
    """Per row and day: the counts and the tasks, in a stable order; the days over the limit."""
    def items(found: list[Item], due: set[int]) -> list[dict[str, object]]:
        return [{"campaign": i.campaign, "section": i.task.section, "seq": i.task.seq,
                 "name": i.task.name, "id": i.task.id, "owner": i.task.owner,
                 "due": id(i) in due} for i in found]

    rows = []
    for name in load.rows:
        days = []
        for day in load.days:
            cell = load.cells.get((name, day))
            if cell is None:
                continue
            due_ids = {id(i) for i in cell.due}
            listed = cell.active + [i for i in cell.due if all(i is not a for a in cell.active)]
            days.append({"day": day.isoformat(), "active": len(cell.active), "due": len(cell.due),
                         "over": name in load.limits and len(cell.due) > load.limits[name],
                         "tasks": items(listed, due_ids)})
        rows.append({"name": name, "max_per_day": load.limits.get(name), "days": days})
    return {
        "by": load.by,
        "from": load.days[0].isoformat() if load.days else None,
        "to": load.days[-1].isoformat() if load.days else None,
        "days": [d.isoformat() for d in load.days],
        "rows": rows,
        "over": [{"name": o.who, "day": o.day.isoformat(), "due": len(o.items), "limit": o.limit}
                 for o in load.over],
    }

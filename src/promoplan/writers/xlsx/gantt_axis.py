"""The Gantt's time axis: one column per day, per week or per half hour.

By day is what the team reads; a plan within three days (a 双十一 night) gets half
hours, so its shifts do not share one column; a plan of more than a year, or too
many bar cells to write, gets weeks, so the workbook stays small enough to open on
a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from promoplan.schedule.plan import Plan, PlanTask

_MAX_DAYS = 3660  # a Gantt of more than ten years is a mistake in the playbook, not a plan
_HOUR_SPAN = 3  # days: a plan (or its shifts) within this many days gets a Gantt by half hour
_WEEK_SPAN = 366  # days: a longer plan gets a Gantt by week
_WEEK_CELLS = 400_000  # bar cells: a plan whose Gantt by day needs more gets it by week
_MIN_SHIFTS = 3  # timed tasks a plan needs for a Gantt by half hour of its own


@dataclass
class Axis:
    """The Gantt's time columns: each a slot [begin, end), one unit wide."""

    unit: str
    """day, week or half-hour"""
    begins: list[datetime]
    step: timedelta

    def index(self, moment: datetime) -> int:
        """The slot holding `moment` (clamped to the axis)."""
        i = int((moment - self.begins[0]) / self.step)
        return min(max(i, 0), len(self.begins) - 1)

    def slots(self, task: PlanTask) -> range:
        start = task.start.begin
        end = task.due.end if task.due.clock is None else task.due.begin
        first = self.index(start)
        last = self.index(end - timedelta(microseconds=1)) if end > start else first
        return range(first, max(first, last) + 1)


def day_axis(first: date, last: date) -> Axis:
    count = min((last - first).days + 1, _MAX_DAYS)
    begins = [datetime.combine(first + timedelta(days=i), time(0)) for i in range(count)]
    return Axis("day", begins, timedelta(days=1))


def week_axis(first: date, last: date) -> Axis:
    monday = first - timedelta(days=first.weekday())
    count = (last - monday).days // 7 + 1
    begins = [datetime.combine(monday + timedelta(weeks=i), time(0)) for i in range(count)]
    return Axis("week", begins, timedelta(weeks=1))


def hour_axis(first: date, last: date) -> Axis:
    count = ((last - first).days + 1) * 48
    origin = datetime.combine(first, time(0))
    return Axis("half-hour", [origin + timedelta(minutes=30 * i) for i in range(count)],
                timedelta(minutes=30))


def shift_days(plan: Plan) -> tuple[date, date] | None:
    """The days of the plan's timed tasks that last a while (shifts, 0点-2点 …), when
    there are a few of them and they fall within three days: a day column would hold
    them all, so they get a Gantt by half hour of their own."""
    shifts = [t for t in plan.tasks if t.start.clock is not None and t.due.clock is not None
              and t.due.begin > t.start.begin]
    if len(shifts) < _MIN_SHIFTS:
        return None
    first = min(t.start.day for t in shifts)
    last = max(t.due.day if t.due.clock != time(0) else t.due.day - timedelta(days=1)
               for t in shifts)
    last = max(last, first)
    return (first, last) if (last - first).days < _HOUR_SPAN else None


def gantt_axis(plan: Plan, span: tuple[date, date]) -> Axis:
    """The main Gantt's axis for the plan's days."""
    first, last = span
    days = (last - first).days + 1
    if days <= _HOUR_SPAN:
        return hour_axis(first, last)
    cells = sum((t.due.day - t.start.day).days + 1 for t in plan.tasks)
    if days > _WEEK_SPAN or cells > _WEEK_CELLS:
        return week_axis(first, last)
    return day_axis(first, last)

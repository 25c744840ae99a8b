"""A repeating task's occurrences: by `dateutil.rrule` over wall-clock times, or counted on
the working calendar when the step is in working days.

A repeat names its step (`every`) and an end (`until` or `count`); more than
`MAX_OCCURRENCES` is refused, as a step or end written wrong rather than a plan.
"""

from __future__ import annotations

from datetime import datetime, time
from itertools import islice
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, HOURLY, MINUTELY, MONTHLY, WEEKLY, rrule
from dateutil.tz import datetime_exists

from promoplan.errors import Say
from promoplan.playbook.merged import TaskDef
from promoplan.schedule.offsets import Shift
from promoplan.schedule.plan import Occurrence, When
from promoplan.schedule.resolve.arithmetic import in_range, shift
from promoplan.schedule.resolve.state import Resolution
from promoplan.vocabulary import WarningKind

MAX_OCCURRENCES = 10_000

Frequency = Literal[1, 2, 3, 4, 5]
"""rrule's MONTHLY, WEEKLY, DAILY, HOURLY and MINUTELY: the steps a repeat can take."""


def occurrences(r: Resolution, task: TaskDef, start: When, due: When, step: tuple[Shift, ...],
                until: When | None) -> list[Occurrence]:
    """The task's occurrences from its first (`start`..`due`) every `step`, up to `until` or its
    count; `step` is read and checked already."""
    rep = task.spec.repeat
    assert rep is not None
    limit = rep.count if rep.count is not None else MAX_OCCURRENCES + 1
    if any(s.unit == "wd" for s in step):
        out = _workday_steps(r, start, due, step, until, limit)
    else:
        spec = task.spec
        ends = (_month_end(r, spec.at or spec.start), _month_end(r, spec.at or spec.due))
        out = r.guarded(lambda: _within_calendar(recurrence(start, due, step, until, limit, r.zone, ends)),
                        task.where("repeat"), task.at("repeat"))
    if len(out) > MAX_OCCURRENCES:
        raise r.fail(Say("playbook.about", place=task.at("repeat"),
                         what=Say("schedule.too-many", limit=f"{MAX_OCCURRENCES:,}")), task.where("repeat"),
                     Say("schedule.too-many-fix"))
    if until is not None and start.begin > until.begin:
        r.warn(WarningKind.REPEAT_UNTIL_BEFORE_START, task.id)
    return out


def _within_calendar(occurrences: list[Occurrence]) -> list[Occurrence]:
    """The occurrences, each checked to fall within the calendar (OverflowError otherwise)."""
    for item in occurrences:
        in_range(item.start)
        in_range(item.due)
    return occurrences


def _month_end(r: Resolution, text: str | None) -> bool:
    """Whether an end was written as a month's last day (当月底, @month-end): a monthly
    repeat then keeps to month ends (11-30, 12-31, 01-31) instead of the 30th."""
    off = r.offsets.get(text) if text else None
    return off is not None and off.month_edge is not None and off.month_edge.edge == "end"


def _workday_steps(r: Resolution, start: When, due: When, step: tuple[Shift, ...],
                   until: When | None, limit: int) -> list[Occurrence]:
    """Working-day steps cannot be an RRULE (holidays, 调休): counted on the calendar."""
    out = [Occurrence(start, due)]
    while len(out) < limit:
        prev = out[-1]
        nxt = Occurrence(shift(prev.start, step, r.calendar, r.zone),
                         shift(prev.due, step, r.calendar, r.zone))
        if until is not None and not _within(nxt.start, until):
            break
        out.append(nxt)
    return out


def recurrence(start: When, due: When, step: tuple[Shift, ...], until: When | None,
               limit: int, zone: ZoneInfo,
               month_ends: tuple[bool, bool] = (False, False)) -> list[Occurrence]:
    """A repeat's occurrences by `dateutil.rrule`, over wall-clock times in the plan's zone.

    The first occurrence is the task as resolved; `until` is inclusive (an all-day
    `until` includes its whole day); at most `limit` occurrences. Monthly steps keep
    the start's day of the month, clamped to shorter months (01-31, 02-29, 03-31), or
    keep to the month's last day when `month_ends` says start or due was written as one.
    Minute and hour steps follow the wall clock: on the day clocks go forward the
    times that do not exist are left out (every 30min from 01:00 in New York on
    2024-03-10: 01:00, 01:30, 03:00), and the hour repeated when they go back is
    listed once. Each due keeps its distance from its start (months: its own day).
    """
    kind, interval = _frequency(step)
    sub_day = kind in (MINUTELY, HOURLY)
    first = start.begin
    end = None
    if until is not None:
        end = until.begin if until.timed else datetime.combine(until.day, time.max)
    later = (t for t in _rule(kind, interval, first, end, month_ends[0]).xafter(first)
             if not sub_day or datetime_exists(t.replace(tzinfo=zone)))
    starts = [first, *islice(later, max(limit - 1, 0))]
    if kind == MONTHLY:
        dues = list(islice(_rule(kind, interval, due.begin, None, month_ends[1]), len(starts)))
    else:
        dues = [t + (due.begin - first) for t in starts]
    return [Occurrence(start, due)] + [
        Occurrence(_when(begin, start.timed or sub_day), _when(end_, due.timed or sub_day))
        for begin, end_ in zip(starts[1:], dues[1:], strict=True)
    ]


def _rule(kind: Frequency, interval: int, first: datetime, until: datetime | None,
          month_end: bool = False) -> rrule:
    """The rule from `first`; monthly on the 29th-31st takes the last of the days 28 to
    `first.day` each month has, so a short month gets its last day instead of none
    (RFC 5545 would skip it)."""
    if kind == MONTHLY and month_end:
        return rrule(kind, dtstart=first, interval=interval, until=until, cache=False,
                     bymonthday=-1)
    if kind == MONTHLY and first.day > 28:
        return rrule(kind, dtstart=first, interval=interval, until=until, cache=False,
                     bymonthday=tuple(range(28, first.day + 1)), bysetpos=-1)
    return rrule(kind, dtstart=first, interval=interval, until=until, cache=False)


def _frequency(step: tuple[Shift, ...]) -> tuple[Frequency, int]:
    """The rrule frequency and interval of a step: 1mo → MONTHLY 1, 90min → MINUTELY 90."""
    if all(s.unit == "mo" for s in step):
        return MONTHLY, sum(s.amount for s in step)
    minutes = sum(s.amount * _MINUTES[s.unit] for s in step)
    if minutes % (24 * 60):
        return (HOURLY, minutes // 60) if minutes % 60 == 0 else (MINUTELY, minutes)
    days = minutes // (24 * 60)
    return (WEEKLY, days // 7) if days % 7 == 0 else (DAILY, days)


_MINUTES = {"min": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}


def _when(moment: datetime, timed: bool) -> When:
    return When(moment.date(), moment.time() if timed else None)


def _within(start: When, until: When) -> bool:
    """Inclusive: a timed `until` up to its minute, an all-day one through its day."""
    return start.begin <= until.begin if until.timed else start.begin < until.end

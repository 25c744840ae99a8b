"""Moving a date by an offset on the plan's working calendar, in the plan's time zone.

Day units keep the clock and ignore the zone; hour and minute units move the instant, so
a shift across a change of clocks lands on the wall-clock time people will see. Every
result stays within `FIRST_DAY`..`LAST_DAY`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from promoplan.schedule.offsets import MonthEdge, Offset, Shift
from promoplan.schedule.plan import When
from promoplan.schedule.workdays import WorkCalendar

# A plan's days lie within these, so that every writer can look a week beyond them (the
# days off shown around a plan, an all-day event's exclusive end) without leaving the calendar.
FIRST_DAY, LAST_DAY = date(2, 1, 1), date(9998, 12, 31)


def shift(base: When, shifts: tuple[Shift, ...], calendar: WorkCalendar, zone: ZoneInfo) -> When:
    """Apply shifts in the order written; day units keep the clock, time units need one."""
    day, clock = base.day, base.clock
    for s in shifts:
        if s.unit == "d":
            day += timedelta(days=s.amount)
        elif s.unit == "w":
            day += timedelta(weeks=s.amount)
        elif s.unit == "mo":
            day = plus(day, relativedelta(months=s.amount))  # 01-31 + 1mo = 02-28/29
        elif s.unit == "wd":
            day = calendar.add_workdays(day, s.amount)
        else:
            minutes = s.amount * (60 if s.unit == "h" else 1)
            local = datetime.combine(day, clock or time(0), tzinfo=zone)
            moved = (local.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone)
            day, clock = moved.date(), time(moved.hour, moved.minute)
    return When(day, clock)


def apply(off: Offset, base: When, calendar: WorkCalendar, zone: ZoneInfo) -> When:
    """`base` moved as `off` says: its shifts, then its month edge, then its clock."""
    moved = shift(base, off.shifts, calendar, zone)
    if off.month_edge is not None:
        moved = When(month_edge(moved.day, off.month_edge), moved.clock)
    if off.clock is not None:
        moved = When(moved.day, off.clock)
    elif off.day_resolution:
        moved = When(moved.day)
    return in_range(moved)


def month_edge(day: date, edge: MonthEdge) -> date:
    """The 1st, 15th or last day of `day`'s month, or of a named month searched from `day`.

    relativedelta clamps `day=31` to the month's last day (2028-02-29, 2025-02-28).
    """
    at = _EDGE_DAY[edge.edge]
    if edge.month is None:
        return day + relativedelta(day=at)
    found = day + relativedelta(month=edge.month, day=at)
    if (found - day).days * edge.direction < 0:  # this year's is on the wrong side of `day`
        found = plus(day, relativedelta(years=edge.direction, month=edge.month, day=at))
    return found


_EDGE_DAY = {"start": 1, "mid": 15, "end": 31}


def plus(day: date, delta: relativedelta) -> date:
    """relativedelta says ValueError where date arithmetic says OverflowError: past 9999."""
    try:
        return day + delta
    except ValueError:
        raise OverflowError(f"{day} + {delta}") from None


def in_range(when: When) -> When:
    """`when`, or OverflowError when it falls outside the days a plan may have."""
    if not FIRST_DAY <= when.day <= LAST_DAY:
        raise OverflowError(when.day)
    return when

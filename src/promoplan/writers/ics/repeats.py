"""A repeating task as one VEVENT with an RRULE, when a rule reproduces it exactly.

A repeat with a plain step (minutes, hours, days or weeks) is ONE VEVENT with
an RRULE `FREQ=…;INTERVAL=…;COUNT=n`, and the rule is checked before it is
written: its expansion by `dateutil.rrule` must equal the plan's occurrences,
every occurrence must last as long as the first and get the same reminder.
Otherwise (working-day steps, which follow holidays and 调休; a sub-daily step
across a daylight-saving change, which the resolver counts in real time and an
RRULE in wall-clock time; a working-day reminder that falls differently per
occurrence) each occurrence is its own VEVENT (`<id>.<n>@…`).

Sub-daily steps are written as FREQ=MINUTELY or HOURLY on purpose: RFC 5545
defines them, khal, icalendar and dateutil expand them (the tests check khal
lists every occurrence), and the alternative (dozens of events per check) is
what the team complained about. Google and Outlook are reported to handle them
poorly on import (Outlook may refuse sub-daily rules); the repeat is also
spelled out in DESCRIPTION (每30分钟一次，共4次) so a reader of a client that
shows only the first occurrence still knows.
"""

from __future__ import annotations

from dateutil.rrule import rrulestr
from icalendar import vRecur

from promoplan.schedule.offsets import Shift
from promoplan.schedule.plan import PlanTask
from promoplan.writers.ics.timing import Timing


def rule(task: PlanTask, timing: Timing) -> vRecur | None:
    """The RRULE that reproduces the task's occurrences exactly, or None if none does."""
    step = frequency(task.every)
    if step is None:
        return None
    occurrences = task.occurrences
    first = occurrences[0]
    length = timing.span(first.start, first.due)
    trigger = timing.trigger(task, first.start)
    if any(timing.span(o.start, o.due) != length or timing.trigger(task, o.start) != trigger
           for o in occurrences[1:]):
        return None
    freq, interval = step
    found = vRecur(freq=freq, interval=interval, count=len(occurrences))
    starts = [timing.moment(o.start) for o in occurrences]
    text = found.to_ical().decode()  # type: ignore[no-untyped-call]  # untyped in icalendar
    if list(rrulestr(text, dtstart=starts[0])) != starts:
        return None
    return found


def frequency(every: tuple[Shift, ...]) -> tuple[str, int] | None:
    """FREQ and INTERVAL for a fixed step, or None when the step follows the calendar.

    Whole days and weeks step in wall-clock days (DAILY, WEEKLY); hours and
    minutes in time (HOURLY, MINUTELY); a mix counts in minutes. Working days
    (and any unit this writer does not know) have no RRULE.
    """
    if not every or any(s.amount <= 0 for s in every):
        return None
    units = {s.unit for s in every}
    if units <= {"d", "w"}:
        days = sum(s.amount * (7 if s.unit == "w" else 1) for s in every)
        return ("WEEKLY", days // 7) if days % 7 == 0 else ("DAILY", days)
    if units <= {"d", "w", "h", "min"}:
        minutes = sum(s.amount * {"d": 1440, "w": 10080, "h": 60}.get(s.unit, 1) for s in every)
        return ("HOURLY", minutes // 60) if minutes % 60 == 0 else ("MINUTELY", minutes)
    return None

"""A repeating task as one VEVENT with an RRULE, when every client shows the rule and it
reproduces the plan exactly; otherwise one VEVENT per occurrence.

Only day and week steps become an RRULE (`FREQ=DAILY` or `WEEKLY;INTERVAL=…;COUNT=n`):
those are what every calendar app maps. Sub-daily rules (FREQ=MINUTELY, HOURLY) are
valid RFC 5545, and khal, icalendar and dateutil expand them, but Outlook skips the
event ("contains a recurrence pattern that Outlook does not support", w3c/calendar#25),
and macOS Calendar, iOS and Google were reported to show nothing of an HOURLY rule
(sebbo2002/ical-generator#130): the half-hourly 开团 check, the team's most
time-critical routine, vanished from the calendars most of them use. So a step in
hours or minutes gives one event per occurrence, each with its own UID
(`<id>.<n>@…`, see `identity`) and reminder: 28 events for ju-huasuan's check, which
every client lists.

A day or week rule is checked before it is written: its expansion by `dateutil.rrule`
must equal the plan's occurrences, and every occurrence must last as long as the first
and get the same reminder. Otherwise (working-day steps, which follow holidays and 调休;
a working-day reminder that falls differently per occurrence) the occurrences are
separate events too.
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
    """FREQ and INTERVAL for a step of whole days or weeks (DAILY, WEEKLY), stepped in
    wall-clock days; None for anything else: hours and minutes (separate events, see
    above), working days, and any unit this writer does not know."""
    if not every or any(s.amount <= 0 for s in every):
        return None
    if {s.unit for s in every} <= {"d", "w"}:
        days = sum(s.amount * (7 if s.unit == "w" else 1) for s in every)
        return ("WEEKLY", days // 7) if days % 7 == 0 else ("DAILY", days)
    return None

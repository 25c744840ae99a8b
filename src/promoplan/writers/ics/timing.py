"""When an event happens and when it rings: DTSTART, DTEND or DURATION, and the VALARM trigger.

Day-resolution tasks are all-day events (DTSTART and an exclusive DTEND as
DATE values, so a 11-01..11-09 span ends 11-10); timed tasks carry TZID. A
point-in-time check (`at:`) is written DURATION:P0D, the one spelling that is
both valid RFC 5545 and read as zero length: a missing DTEND means zero to the
RFC but one hour to khal, and DTEND = DTSTART is invalid. A task with one
timed and one all-day end becomes a timed event from the start's midnight (or
time) to the due's time (or the next midnight).

Reminders (VALARM, ACTION:DISPLAY) come from `plan.reminder_for(task)`.
Triggers are relative to DTSTART (Outlook ignores absolute ones); "N days
before at HH:MM" is the matching relative duration (-PT15H for an all-day task
and 1d@09:00). Working days (`1wd`, `2wd@09:00`) are counted with the plan's
own calendar: a make-up day (调休) counts, a holiday does not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from promoplan.schedule.offsets import Reminder
from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.schedule.workdays import WorkCalendar

_WEEKDAYS = WorkCalendar(country=None)
"""Monday to Friday, for a Plan built without a working calendar."""

Moment = date | datetime


class Timing:
    """The plan's zone and working calendar, which every event's times and triggers need."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.zone = ZoneInfo(plan.timezone)
        self.calendar = plan.calendar or _WEEKDAYS

    def ends(self, start: When, due: When) -> tuple[Moment, Moment | None]:
        """DTSTART and DTEND, or DTEND None for a moment (DURATION:P0D).

        Both days: DATE values with the exclusive end. Otherwise both zoned
        times, a day start at its midnight. A task that ends before it starts
        (resolve warns about it) keeps its start: one day, or a moment.
        """
        if not start.timed and not due.timed:
            return start.day, max(start.day, due.day) + timedelta(days=1)
        begin = start.begin.replace(tzinfo=self.zone)
        end = (due.begin if due.timed else due.end).replace(tzinfo=self.zone)
        return begin, end if end > begin else None

    def span(self, start: When, due: When) -> tuple[bool, timedelta]:
        """Whether the event is timed, and how long it lasts: what every occurrence of one
        RRULE must share."""
        begin, end = self.ends(start, due)
        return isinstance(begin, datetime), (end - begin if end is not None else timedelta(0))

    def moment(self, when: When) -> datetime:
        """A When as dateutil expands it: zoned for a time, midnight (naive) for a day."""
        if when.timed:
            return when.begin.replace(tzinfo=self.zone)
        return when.begin

    def trigger(self, task: PlanTask, start: When) -> timedelta | None:
        """How long before DTSTART to remind, as a (negative) duration; None for no reminder."""
        reminder = self.plan.reminder_for(task)
        return None if reminder.off else trigger(reminder, start, self.calendar)


def trigger(reminder: Reminder, start: When, calendar: WorkCalendar) -> timedelta:
    """How long before DTSTART to remind, as a (negative or zero) duration."""
    day = start.day
    rest = timedelta()
    for shift in reminder.before:
        if shift.unit == "d":
            day -= timedelta(days=shift.amount)
        elif shift.unit == "w":
            day -= timedelta(weeks=shift.amount)
        elif shift.unit == "wd":
            day = calendar.add_workdays(day, -shift.amount)
        elif shift.unit == "h":
            rest += timedelta(hours=shift.amount)
        else:
            rest += timedelta(minutes=shift.amount)
    if reminder.clock is not None:
        # N days before, at that time of day: the wall-clock distance from DTSTART.
        return datetime.combine(day, reminder.clock) - start.begin
    return -((start.day - day) + rest)

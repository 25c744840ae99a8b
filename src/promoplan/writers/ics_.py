"""ICS calendars (RFC 5545, written with `icalendar`) that every team member can import.

What the file looks like, and why:

- One VCALENDAR named after the plan (NAME and X-WR-CALNAME), with a VTIMEZONE
  for the playbook's zone bounded to the years the plan touches, so the bytes
  do not depend on the tz database's far past or future.
- One VEVENT per task. Day-resolution tasks are all-day events (DTSTART and an
  exclusive DTEND as DATE values, so a 11-01..11-09 span ends 11-10); timed
  tasks carry TZID. A point-in-time check (`at:`) is written DURATION:P0D, the
  one spelling that is both valid RFC 5545 and read as zero length: a missing
  DTEND means zero to the RFC but one hour to khal, and DTEND = DTSTART is
  invalid (DTEND must be later) and khal, too, stretches it to an hour.
  A task with one timed and one all-day end becomes a timed event from the
  start's midnight (or time) to the due's time (or the next midnight).
- Repeating tasks become one VEVENT per occurrence (UID `id-n@…`), not an RRULE:
  the steps are minutes or hours (every 30min until open+2h), and Outlook,
  Google and the Chinese office suites do not keep sub-daily recurrences (they
  drop or refuse FREQ=MINUTELY/HOURLY); workday steps cannot be written as an
  RRULE at all (holidays, 调休). Separate events also get their own reminders.
- UIDs are `task-id[-n]@playbook.promoplan`: never derived from dates, so a
  recompile with moved dates addresses the same events.
- All events are TRANSP:TRANSPARENT: a nine-day 售后跟进 span is a task, not a
  meeting, and must not mark a person busy.
- ATTENDEE for each person of the owner role: `mailto:` when the team file
  gives an email, otherwise a `urn:promoplan:person:` address so the name still
  shows. PARTSTAT=ACCEPTED and RSVP=FALSE: the tasks are assigned, importing
  them should not ask anyone to answer an invitation. No METHOD and no
  ORGANIZER: this is published data, not an iTIP request (METHOD:PUBLISH would
  forbid ATTENDEE).
- Reminders (VALARM, ACTION:DISPLAY) come from `plan.reminder_for(task)`:
  the playbook's defaults (timed 15 minutes before, all-day at 09:00 the day
  before), a task's own `remind:`, or `--remind` (applied to the Plan before
  this writer sees it). Triggers are relative to DTSTART (Outlook ignores
  absolute ones); "N days before at HH:MM" is written as the matching relative
  duration (-PT15H for an all-day task and 1d@09:00).

SEQUENCE and DTSTAMP. Clients decide whether a re-imported event with a known
UID replaces the stored one by SEQUENCE (higher wins: Google, Outlook), then by
DTSTAMP (later wins); Apple Calendar, Thunderbird and khal replace by UID.
No function of the plan alone can be monotonic: a date moved from A to B and
back to A must get a higher SEQUENCE the second time than the first, yet the
input is the same; a hash or an ordering of the event's content goes down as
often as up, and Google would silently keep the old date. So:

- Without an earlier calendar: SEQUENCE 0 and DTSTAMP 2000-01-01T00:00:00Z,
  fixed constants; the same input gives the same bytes.
- With the bytes of the calendar written last time (`previous`), each event
  keeps its SEQUENCE when its content (everything but DTSTAMP and SEQUENCE) is
  unchanged, and gets the previous SEQUENCE + 1 when anything changed. DTSTAMP
  is 2000-01-01T00:00:00Z plus SEQUENCE minutes, so it moves forward with it.
  That is still deterministic (the old file is part of the input, and
  rewriting the same plan over its own output changes nothing) and monotonic,
  so a moved task updates in every client.

No clock is read anywhere here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from promoplan.i18n import Words
from promoplan.offsets import Reminder
from promoplan.plan import Plan, PlanTask, When
from promoplan.writers import WriterOptions

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//promoplan//promoplan//EN"
STAMP_BASE = datetime(2000, 1, 1, tzinfo=UTC)
"""DTSTAMP of SEQUENCE 0; each later SEQUENCE adds one minute."""

_LABELS = {
    "zh": {"at": "时间", "duration": "时长", "after": "接在", "sep": "：", "list": "、",
           "nth": "{note}（第{n}次）"},
    "en": {"at": "At", "duration": "Duration", "after": "After", "sep": ": ", "list": ", ",
           "nth": "{note} (no. {n})"},
}
_OFFSET_KEYS = ("at", "start", "due", "duration", "after")


def uid(plan: Plan, task: PlanTask, n: int | None = None) -> str:
    """Stable across date changes and recompiles: the plan and the task id, never a date."""
    return f"{task.id}{'' if n is None else f'-{n}'}@{plan.playbook}.promoplan"


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    # `previous` (the calendar written last time) and `calendar_name` are read
    # when the CLI's WriterOptions carries them; until then SEQUENCE stays 0.
    return build(plan, words, previous=options.previous, name=options.calendar_name)


@dataclass(frozen=True)
class _Item:
    """One VEVENT to write: a task, or one occurrence of a repeating task."""

    task: PlanTask
    start: When
    due: When
    n: int | None = None


def build(plan: Plan, words: Words, *, previous: bytes | None = None,
          name: str | None = None) -> bytes:
    """The calendar as bytes; `previous` is the calendar this one replaces, if any."""
    from icalendar import Calendar, Timezone, vText

    zone = ZoneInfo(plan.timezone)
    items: list[_Item] = []
    for task in plan.by_section():
        if task.occurrences:
            items += [_Item(task, o.start, o.due, n) for n, o in enumerate(task.occurrences, 1)]
        else:
            items.append(_Item(task, task.start, task.due))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.calendar_name = name or plan.title
    cal.add("x-wr-timezone", plan.timezone)
    if plan.warnings:  # what concerns the whole plan (e.g. an unpublished holiday schedule) too
        cal.add("x-wr-caldesc", vText("\n".join(f"⚠ {w.message}" for w in plan.warnings)))
    first, last = _years(plan, items)
    cal.add_component(Timezone.from_tzinfo(zone, tzid=plan.timezone, first_date=first,
                                           last_date=last))
    known = _previous_events(previous)
    warnings = plan.warnings_by_task()
    for item in items:
        event = _event(plan, words, item, zone, warnings.get(item.task.id, []))
        key = str(event["UID"])
        sequence = 0
        if key in known:
            old_sequence, old_content = known[key]
            sequence = old_sequence if old_content == _content(event) else old_sequence + 1
        event.add("dtstamp", STAMP_BASE + timedelta(minutes=sequence))
        event.add("sequence", sequence)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _years(plan: Plan, items: list[_Item]) -> tuple[date, date]:
    """From January 1 of the first year the plan touches to January 1 after the last."""
    days = [w.day for item in items for w in (item.start, item.due)]
    days += [a.when.day for a in plan.anchors]
    if not days:
        return date(2000, 1, 1), date(2001, 1, 1)
    return date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)


def _event(plan: Plan, words: Words, item: _Item, zone: ZoneInfo, warnings: list[str]) -> Event:
    from icalendar import Event

    task = item.task
    summary = f"[{task.section}] {task.name}" if task.section else task.name
    event = Event()
    event.add("uid", uid(plan, task, item.n))
    event.add("summary", summary)
    start, end = _span(item.start, item.due, zone)
    event.add("dtstart", start)
    if end is None:
        event.add("duration", timedelta(0))
    else:
        event.add("dtend", end)
    event.add("description", _description(task, words, item.n, warnings))
    categories = [c for c in (task.section, words[task.phase]) if c]
    if categories:
        event.add("categories", categories)
    event.add("transp", "TRANSPARENT")
    for person in task.people:
        event.add("attendee", _attendee(person.name, person.email))
    reminder = task.remind if task.remind is not None else plan.reminders.get(
        "timed" if item.start.timed else "all_day")
    trigger = _trigger(reminder, item.start) if reminder is not None else None
    if trigger is not None:
        from icalendar import Alarm

        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def _span(start: When, due: When, zone: ZoneInfo) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: dates (exclusive end) when both ends are days, else zoned times.

    No DTEND (None) means a moment: DURATION:P0D. A task that ends before it
    starts (resolve warns about it) keeps its start: one day, or a moment.
    """
    if not start.timed and not due.timed:
        return start.day, max(start.day, due.day) + timedelta(days=1)
    begin = start.begin.replace(tzinfo=zone)
    end = (due.begin if due.timed else due.end).replace(tzinfo=zone)
    return begin, end if end > begin else None


def _description(task: PlanTask, words: Words, n: int | None, warnings: list[str]) -> str:
    labels = _LABELS[words.lang]
    sep = labels["sep"]
    lines = [f"{words['role']}{sep}{task.owner}"] if task.owner else []
    if task.people:
        lines.append(f"{words['people']}{sep}{labels['list'].join(p.name for p in task.people)}")
    for key in _OFFSET_KEYS:
        if key in task.offsets:
            label = labels[key] if key in labels else words[key]
            lines.append(f"{label}{sep}{task.offsets[key]}")
    if task.occurrences:
        lines.append(labels["nth"].format(note=words.repeat_note(task), n=n))
    if task.notes:
        lines.append(f"{words['notes']}{sep}{task.notes}")
    lines += [f"⚠ {message}" for message in warnings]
    return "\n".join(lines)


def _attendee(name: str, email: str | None) -> Any:
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{email}" if email else
                          f"urn:promoplan:person:{quote(name, safe='')}")
    address.params["CN"] = name
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "ACCEPTED"
    address.params["RSVP"] = "FALSE"
    return address


def _trigger(reminder: Reminder, start: When) -> timedelta | None:
    """How long before DTSTART to remind, as a (negative) duration; None for no reminder."""
    if reminder.off:
        return None
    days = 0
    rest = timedelta()
    for shift in reminder.before:
        if shift.unit == "d":
            days += shift.amount
        elif shift.unit == "w":
            days += 7 * shift.amount
        elif shift.unit == "wd":
            days += _weekdays_back(start.day, shift.amount)
        elif shift.unit == "h":
            rest += timedelta(hours=shift.amount)
        else:
            rest += timedelta(minutes=shift.amount)
    if reminder.clock is not None:
        # N days before, at that time of day: the wall-clock distance from DTSTART.
        at = datetime.combine(start.day - timedelta(days=days), reminder.clock)
        return at - start.begin
    return -(timedelta(days=days) + rest)


def _weekdays_back(day: date, count: int) -> int:
    """Calendar days back to the count-th Monday-to-Friday before `day`.

    The Plan does not carry the playbook's holiday calendar, so reminders in
    working days skip weekends only (not statutory holidays or 调休 days).
    """
    back = 0
    while count > 0:
        back += 1
        if (day - timedelta(days=back)).weekday() < 5:
            count -= 1
    return back


# ------------------------------------------------------------ earlier calendar

def _content(event: Any) -> bytes:
    """An event as text without DTSTAMP and SEQUENCE, normalised by a parse round trip."""
    from icalendar import Event

    parsed = Event.from_ical(event.to_ical())
    for key in ("DTSTAMP", "SEQUENCE"):
        parsed.pop(key, None)
    data: bytes = parsed.to_ical()
    return data


def _previous_events(data: bytes | None) -> dict[str, tuple[int, bytes]]:
    """UID → (SEQUENCE, content) of each event in the calendar written last time."""
    if not data:
        return {}
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except ValueError:
        return {}
    out: dict[str, tuple[int, bytes]] = {}
    for event in cal.walk("VEVENT"):
        try:
            sequence = int(event.get("SEQUENCE", 0))
        except (TypeError, ValueError):
            sequence = 0
        out[str(event.get("UID", ""))] = (sequence, _content(event))
    return out


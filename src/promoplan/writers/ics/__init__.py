"""ICS calendars (RFC 5545) that every team member can import, built with `icalendar`.

The library does the format (escaping, folding at 75 octets without cutting a
character or an escape, parameter quoting, the VTIMEZONE from the zoneinfo
database); this module decides what goes in, and why:

- One VCALENDAR named after the plan (NAME and X-WR-CALNAME), X-WR-TIMEZONE,
  the plan's warnings in X-WR-CALDESC, and a VTIMEZONE for the playbook's zone
  bounded to the years the plan touches (`Timezone.from_tzinfo`), so the bytes
  do not depend on the tz database's far past or future.
- One VEVENT per task, at the times and with the reminders `timing` gives,
  under the UID `identity` gives, one RRULE for a repeat when `repeats` finds
  one, ORGANIZER and ATTENDEE only for invitations (`invitations`).
- SUMMARY `[版块] 事项`; DESCRIPTION with the owner role, the people, the
  offsets as written, the repeat, the notes, the recorded progress and the
  short tags of the warnings about this task (the full wording is in
  X-WR-CALDESC once); CATEGORIES section and phase. TRANSP:TRANSPARENT: a
  nine-day 售后跟进 span is a task, not a meeting, and must not mark anyone busy.

Progress (issue 18). RFC 5545 allows VEVENT STATUS TENTATIVE, CONFIRMED or
CANCELLED, and COMPLETED only on a VTODO. So a task recorded as cancelled
(取消) is STATUS:CANCELLED; a done task keeps its event (the dates are still the
plan) with `✓` before its SUMMARY, its status in DESCRIPTION and no reminder;
doing and blocked are shown in DESCRIPTION only. No COMPLETED property: it
would be invalid on a VEVENT.

SEQUENCE and DTSTAMP, without a clock. Clients decide whether a re-imported
event with a known UID replaces the stored one by SEQUENCE (higher wins:
Google, Outlook), then DTSTAMP. No function of the plan alone can be
monotonic (a date moved from A to B and back must get a higher SEQUENCE the
second time), so the calendar being replaced (`WriterOptions.previous`, read
with icalendar) is part of the input:

- an event absent from it gets SEQUENCE 0; an event present keeps its
  SEQUENCE when its content lines, DTSTAMP and SEQUENCE aside, are the old
  file's (as icalendar writes and unfolds them), and gets SEQUENCE + 1
  otherwise. Each line is made once (`_Lines`): the lines compared are
  the ones that then go into the file, with DTSTAMP and SEQUENCE added;
- DTSTAMP is 2000-01-01T00:00:00Z plus SEQUENCE minutes, so it moves with it;
- an event of the same campaign (same UID domain) whose task is gone is
  written again as STATUS:CANCELLED with SEQUENCE + 1 and no alarm, so a
  re-import removes it from calendars; it stays in every later file written
  over this one until `--drop-cancelled`. Events of another campaign in the
  old file are not carried over.

Anything that cannot be read as a calendar counts as no earlier calendar.
Same input (plan and previous file), same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event, Timezone, vRecur, vText
from icalendar.parser import Contentline, Contentlines, unescape_backslash

from promoplan.playbook.schema import Person
from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.words import Words, notices
from promoplan.writers import WriterOptions
from promoplan.writers.ics.identity import safe_key, uid, uid_domain
from promoplan.writers.ics.invitations import address, organizer
from promoplan.writers.ics.repeats import rule
from promoplan.writers.ics.text import clean
from promoplan.writers.ics.timing import Timing

__all__ = ["PRODID", "build", "render", "safe_key", "uid", "uid_domain", "vtimezone"]

PRODID = "-//promoplan//promoplan//EN"
STAMP_BASE = datetime(2000, 1, 1, tzinfo=UTC)
"""DTSTAMP of SEQUENCE 0; each later SEQUENCE adds one minute."""

_LABELS = {
    "zh": {"at": "时间", "duration": "时长", "after": "接在", "sep": "：", "list": "、",
           "nth": "{note}（第{n}次）", "status": "进度",
           "done": "✓ 完成", "doing": "进行中", "blocked": "受阻", "cancelled": "取消",
           "on": "{status}（{day}）"},
    "en": {"at": "At", "duration": "Duration", "after": "After", "sep": ": ", "list": ", ",
           "nth": "{note} (no. {n})", "status": "Progress",
           "done": "✓ done", "doing": "in progress", "blocked": "blocked", "cancelled": "cancelled",
           "on": "{status} ({day})"},
}
_OFFSET_KEYS = ("at", "start", "due", "duration", "after")


# ------------------------------------------------------------------ entry points

def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    return build(plan, words, previous=options.previous, name=options.calendar_name,
                 invite=options.invite, drop_cancelled=options.drop_cancelled)


def build(plan: Plan, words: Words, *, previous: bytes | None = None, name: str | None = None,
          invite: bool = False, drop_cancelled: bool = False) -> bytes:
    """The calendar as bytes; `previous` is the calendar this one replaces, if any."""
    sender = organizer(plan) if invite else None
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "REQUEST" if invite else "PUBLISH")
    if plan.warnings:  # what concerns the whole plan (e.g. an unpublished holiday schedule) too
        described = "\n".join(f"⚠ {line}" for line in notices.lines(plan, words))
        cal.add("x-wr-caldesc", vText(clean(described)))
    title = clean(name or plan.title)
    cal.add("name", title)
    cal.add("x-wr-calname", vText(title))
    cal.add("x-wr-timezone", vText(plan.timezone))
    cal.add_component(vtimezone(plan.timezone, *_years(plan)))

    # The calendar's own lines (with the VTIMEZONE) around the events'. Each
    # event's lines (but DTSTAMP and SEQUENCE) decide its SEQUENCE, and the
    # lines, made once (see `_Lines`), go into the file.
    head = cal.content_lines()
    lines = _Lines()
    lines.add(head[:-2])  # up to END:VCALENDAR and the final ""
    known = _previous_events(previous)
    domain = uid_domain(plan)
    written: set[str] = set()
    writer = _Writer(plan, words, sender)
    for event in writer.events():
        key = str(event["UID"])
        written.add(key)
        found = known.get(key)
        if found is not None:
            changed = lines.of(event, leave_out=_REVISION) != found.lines
            _stamp(event, found.sequence + changed)
        lines.add(lines.of(event))
    if not drop_cancelled:
        for key, old in known.items():
            if key not in written and key.rpartition("@")[2] == domain:
                lines.add(old.cancelled().content_lines()[:-1])
    lines.add(head[-2:])
    return lines.to_ical()


class _Lines:
    """The calendar's content lines, each distinct event line made and folded once.

    Most lines repeat across a plan's events (BEGIN:VEVENT, a start day,
    TRANSP, the categories of a section, a trigger, DTSTAMP): making a content
    line (`Component.content_line`) and folding it (`Contentline.to_ical`)
    was most of the writing time. `_value` gives equal values as one object,
    so a line is known by its property name and value object (kept here, so
    its id is not reused while known). Events are serialised unsorted:
    `_Writer` sets properties (and ATTENDEE's parameters) in the order
    icalendar sorts them to (`Event.canonical_order`, then by name), so that
    is the sorted output without sorting each event again. `of` walks a
    component as `Component.property_items(sorted=False)` does, but knows its
    BEGIN and END lines by the component's name (property_items encodes the
    name twice per component). `to_ical` joins the folded lines as
    `Contentlines.to_ical` does.
    """

    def __init__(self) -> None:
        self.folded: list[bytes] = []
        self.made: dict[tuple[str, int | str], tuple[object, Contentline]] = {}
        self.folds: dict[str, bytes] = {}

    def of(self, component: Component, leave_out: tuple[str, ...] = ()) -> list[Contentline]:
        """The component's content lines (unfolded), as `Component.content_lines` makes them:
        BEGIN, the properties in the order they were added, the subcomponents, END. The
        component's own properties named in `leave_out` are left out."""
        made = self.made
        out = [self._line(component, "BEGIN", str(component.name))]
        for name, value in component.items():
            if name in leave_out:
                continue
            for one in value if isinstance(value, list) else (value,):
                found = made.get((name, id(one)))
                if found is None:
                    # What `Component.content_line` does, without the empty Parameters it
                    # makes for a value that has none: every value here has its own.
                    line = Contentline.from_parts(name, one.params, one, sorted=False)
                    found = made[name, id(one)] = (one, line)
                out.append(found[1])
        for sub in component.subcomponents:
            out += self.of(sub)
        out.append(self._line(component, "END", str(component.name)))
        return out

    def _line(self, component: Component, name: str, value: str) -> Contentline:
        found = self.made.get((name, value))
        if found is None:
            found = self.made[name, value] = (value, component.content_line(name, value))
        return found[1]

    def add(self, lines: list[Contentline]) -> None:
        folds = self.folds
        for line in lines:
            if line:
                found = folds.get(line)
                if found is None:
                    found = folds[line] = line.to_ical()  # type: ignore[no-untyped-call]
                self.folded.append(found)

    def to_ical(self) -> bytes:
        return b"\r\n".join(self.folded) + b"\r\n"


def _stamp(event: Event, sequence: int) -> None:
    """DTSTAMP and SEQUENCE for that revision, in place (where `_Writer` put them)."""
    event["DTSTAMP"] = _value("dtstamp", STAMP_BASE + timedelta(minutes=sequence))
    event["SEQUENCE"] = _value("sequence", sequence)


def _value(name: str, value: Hashable) -> Any:
    """The property value icalendar makes of `value` for `name`, made once.

    Most values repeat across a plan's events (the same start day, TRANSP,
    the categories of a section, a trigger, DTSTAMP 2000-01-01): encoding
    each again cost a tenth of the writing time. icalendar's property
    objects are not changed by writing them, so one can serve every event;
    `Component.add` keeps a value that is already a property object as it is.
    The zone is part of the key: 15:00 in Berlin equals 22:00 in Shanghai as
    a datetime, but not as a DTSTART.
    """
    return _encoded(name, value, getattr(value, "tzinfo", None))


@lru_cache(maxsize=4096)
def _encoded(name: str, value: Hashable, zone: Hashable) -> Any:
    scratch = Event()
    scratch.add(name, list(value) if isinstance(value, tuple) else value)
    return scratch.pop(name)


# ------------------------------------------------------------------ time zone

def _years(plan: Plan) -> tuple[date, date]:
    """From January 1 of the first year the plan touches to January 1 after the last."""
    days = [w.day for t in plan.tasks for w in (t.start, t.due)]
    days += [a.when.day for a in plan.anchors]
    if not days:
        return date(2000, 1, 1), date(2001, 1, 1)
    return date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)


@lru_cache(maxsize=16)
def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """icalendar's VTIMEZONE for the zone between those days: slow to compute, so made once
    per process (a component is not changed by writing it, so calendars can share it)."""
    return Timezone.from_tzinfo(ZoneInfo(tzid), tzid, first, last)


# ------------------------------------------------------------------ events

@dataclass(frozen=True)
class _Item:
    """One VEVENT to write: a task, or one occurrence of it (n), with its ends."""

    task: PlanTask
    start: When
    due: When
    n: int | None = None
    rule: vRecur | None = None


class _Writer:
    def __init__(self, plan: Plan, words: Words, organizer: Person | None) -> None:
        self.plan = plan
        self.words = words
        self.timing = Timing(plan)
        self.organizer = organizer
        self.tags = notices.tags_by_task(plan, words)
        self.organizer_address = None if organizer is None else address(organizer, organizer=True)
        self.fixed = {name.upper(): _value(name, value) for name, value in (
            ("duration", timedelta(0)), ("dtstamp", STAMP_BASE), ("sequence", 0),
            ("status", "CANCELLED"), ("transp", "TRANSPARENT"), ("action", "DISPLAY"))}
        """The values every event shares, encoded by icalendar once."""
        self.categories: dict[tuple[str, str], Any] = {}

    def events(self) -> Iterator[Event]:
        for task in self.plan.by_section():
            for item in self._items(task):
                yield self._event(item)

    def _items(self, task: PlanTask) -> list[_Item]:
        if len(task.occurrences) < 2:  # no repeat, or a repeat that happens once
            return [_Item(task, task.start, task.due)]
        found = rule(task, self.timing)
        if found is not None:
            first = task.occurrences[0]
            return [_Item(task, first.start, first.due, rule=found)]
        return [_Item(task, o.start, o.due, n) for n, o in enumerate(task.occurrences, 1)]

    def _event(self, item: _Item) -> Event:
        plan, task = self.plan, item.task
        status = task.progress.status if task.progress is not None else None
        summary = clean(f"[{task.section}] {task.name}" if task.section else task.name)
        if status == "done":
            summary = f"✓ {summary}"
        # Properties set in the order icalendar sorts them to (see `_Lines`), each
        # already an icalendar value (`Component.add` would encode it again);
        # DTSTAMP and SEQUENCE are those of a new event until `_stamp` sets them.
        event = Event()
        title = vText(summary)
        event["SUMMARY"] = title
        begin, end = self.timing.ends(item.start, item.due)
        event["DTSTART"] = _value("dtstart", begin)
        if end is None:
            event["DURATION"] = self.fixed["DURATION"]
        else:
            event["DTEND"] = _value("dtend", end)
        event["DTSTAMP"] = self.fixed["DTSTAMP"]
        event["UID"] = vText(uid(plan, task, item.n))
        event["SEQUENCE"] = self.fixed["SEQUENCE"]
        if item.rule is not None:
            event["RRULE"] = item.rule
        if self.organizer is not None and task.people:
            event["ATTENDEE"] = [address(person) for person in task.people]
        categories = self._categories(task)
        if categories is not None:
            event["CATEGORIES"] = categories
        event["DESCRIPTION"] = vText(clean(self._description(item)))
        if self.organizer_address is not None:
            event["ORGANIZER"] = self.organizer_address
        if status == "cancelled":
            event["STATUS"] = self.fixed["STATUS"]
        event["TRANSP"] = self.fixed["TRANSP"]
        trigger = None if status in ("done", "cancelled") else self.timing.trigger(task, item.start)
        if trigger is not None:
            alarm = Alarm()
            alarm["ACTION"] = self.fixed["ACTION"]
            alarm["DESCRIPTION"] = title
            alarm["TRIGGER"] = _value("trigger", trigger)
            event.add_component(alarm)
        return event

    def _categories(self, task: PlanTask) -> Any:
        """CATEGORIES: the section and the phase, if any (one value per pair, made once)."""
        key = (task.section, task.phase)
        if key not in self.categories:
            words = self.words
            found = [c for c in (task.section, words[task.phase] if task.phase else "") if c]
            self.categories[key] = _value("categories", tuple(clean(c) for c in found)) if found else None
        return self.categories[key]

    def _description(self, item: _Item) -> str:
        task, words = item.task, self.words
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
            note = words.repeat_note(task)
            lines.append(note if item.n is None else labels["nth"].format(note=note, n=item.n))
        if task.notes:
            lines.append(f"{words['notes']}{sep}{task.notes}")
        if task.progress is not None:
            shown = labels[task.progress.status]
            if task.progress.day is not None:
                shown = labels["on"].format(status=shown, day=task.progress.day.isoformat())
            lines.append(f"{labels['status']}{sep}{shown}")
        lines += self.tags.get(task.id, [])
        return "\n".join(lines)

# ------------------------------------------------------------ earlier calendar

_REVISION = ("DTSTAMP", "SEQUENCE")


_HEAD = re.compile(r"(BEGIN|END|UID|SEQUENCE|DTSTAMP)[;:]", re.IGNORECASE)
"""The names `_previous_events` looks for, followed by the parameters or the value."""


@dataclass
class _Known:
    """An event of the calendar being replaced: its UID, SEQUENCE and content lines."""

    sequence: int
    lines: list[str]
    """Unfolded, as icalendar read them, without the event's DTSTAMP and SEQUENCE."""

    def cancelled(self) -> Event:
        """The event as a cancellation: STATUS:CANCELLED, no alarm, a higher SEQUENCE unless
        it already was one (it is then carried over as it was)."""
        found = Event.from_ical("\r\n".join(self.lines) + "\r\n")
        assert isinstance(found, Event)
        event: Event = found
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            _stamp(event, self.sequence)
            return event
        event.pop("STATUS", None)
        event.add("status", "CANCELLED")
        event.subcomponents = [c for c in event.subcomponents if c.name != "VALARM"]
        _stamp(event, self.sequence + 1)
        return event


def _previous_events(data: bytes | None) -> dict[str, _Known]:
    """UID → SEQUENCE and lines of each event written last time; {} when unreadable.

    icalendar unfolds the file into content lines; only the UID and SEQUENCE
    of each event are read, their values split off and unescaped by
    icalendar (a full parse types every value and cost twice as much as
    writing the calendar). Events are compared by their
    lines: the same writer writes the same event as the same lines, and an
    event written otherwise (another version, another program) merely counts
    as changed once. Only an event that has to be written again as cancelled
    is parsed whole, by `Event.from_ical`.
    """
    if not data:
        return {}
    try:
        lines = Contentlines.from_ical(  # type: ignore[no-untyped-call]  # untyped in icalendar
            data.decode("utf-8", "replace"))
    except ValueError:
        return {}
    out: dict[str, _Known] = {}
    block: list[str] | None = None
    depth = 0
    key: str | None = None
    sequence = 0
    for line in lines:
        head = _HEAD.match(line)
        if head is None:  # most lines: one of an event's, or outside any
            if block is not None:
                block.append(line)
            continue
        name = head[1].upper()
        if name == "BEGIN":
            if block is None and line.partition(":")[2].strip().upper() == "VEVENT":
                block, depth, key, sequence = [], 0, None, 0
            depth += 1
        if block is None:
            continue
        if depth == 1 and name in ("UID", "SEQUENCE"):
            at = line.value_separator_index()
            if at < 0:
                continue
            value = unescape_backslash(line[at + 1:]).strip()
            if name == "UID":
                key = value
            else:
                sequence = max(int(value), 0) if value.isdigit() else 0
        if depth != 1 or name not in _REVISION:
            block.append(line)
        if name == "END":
            depth -= 1
            if depth == 0:
                if key:
                    out[key] = _Known(sequence, block)
                block = None
    return out

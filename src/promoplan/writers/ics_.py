"""ICS calendars (RFC 5545) that every team member can import.

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

Why the text is written by hand. A calendar library costs more to import than
the rest of a compile of a small playbook, and its object model spends most
of a large compile building, sorting and re-parsing objects for output whose
shape never varies. The subset of RFC 5545 written here is small, so the
writer produces content lines directly: the property order is the one the
`icalendar` library (which wrote these files before) uses, so existing files
and new ones look alike, and that library remains what the tests read them
back with. Lines are folded at 75 octets of UTF-8 without splitting a
character or an escape, and repeated lines (a task's summary, a person's
ATTENDEE, a start time) are formatted once.

Reading `previous` is done by a small tolerant reader of its own for the same
reason. An event counts as unchanged when its unfolded lines, DTSTAMP and
SEQUENCE left out, are the same text as before; only when they are not is the
comparison repeated on a normalised form (names upper-cased, parameters sorted
and re-quoted, properties in one order), so a file written by the earlier
library-based writer, which folded and quoted a little differently, does not
raise every SEQUENCE on the first run after upgrading. Anything that cannot be
read as a calendar counts as no earlier calendar.

The VTIMEZONE's observances start where RFC 5545 puts them: at the local time
of the change in the offset being left (02:00 for the spring change in New
York, not the 03:00 wall-clock reading that follows it).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from promoplan import notices
from promoplan.i18n import Words
from promoplan.offsets import Reminder
from promoplan.plan import Plan, PlanTask, When
from promoplan.writers import WriterOptions

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

_EVENT_ORDER = ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "SEQUENCE")
"""Properties that lead a VEVENT, in this order; the rest follow by name (as icalendar wrote)."""

_PIECE = 74
"""Octets of a line per physical line: 75 with the space that starts a continuation."""
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters RFC 5545 allows in neither TEXT nor parameter values (tab and newline
are dealt with separately)."""
_QUOTE_WHEN = re.compile("[,:;]")


def uid(plan: Plan, task: PlanTask, n: int | None = None) -> str:
    """Stable across date changes and recompiles: the plan and the task id, never a date."""
    return f"{task.id}{'' if n is None else f'-{n}'}@{plan.playbook}.promoplan"


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    return build(plan, words, previous=options.previous, name=options.calendar_name)


# ------------------------------------------------------------------ values

def _text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _param(value: str) -> str:
    """A parameter value: RFC 6868 carets for what cannot appear, quoted when it holds , : or ;."""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    value = (value.replace("^", "^^").replace("\r\n", "^n").replace("\n", "^n")
             .replace("\r", "^n").replace('"', "^'"))
    return f'"{value}"' if _QUOTE_WHEN.search(value) else value


def _fold(line: str) -> str:
    """The line as RFC 5545 content lines of at most 75 octets, joined by CRLF and a space.

    Each piece holds at most 74 octets of the line (the first physical line is
    one short of the limit, as icalendar folded, so files it wrote and files
    written here are the same bytes). Cuts fall between UTF-8 characters,
    never inside one (a Chinese character is three octets), and never right
    after a backslash or caret, which some clients would misread as the end of
    an escape.
    """
    if len(line) <= _PIECE // 4 or (len(line) <= _PIECE and line.isascii()):
        return line
    data = line.encode()
    size = len(data)
    if size <= _PIECE:
        return line
    parts: list[bytes] = []
    begin = 0
    while size - begin > _PIECE:
        cut = begin + _PIECE
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character start
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        parts.append(data[begin:cut])
        begin = cut
    parts.append(data[begin:])
    return b"\r\n ".join(parts).decode()


def _duration(delta: timedelta) -> str:
    """A DURATION value in days and time (-P3DT15H); zero is P0D."""
    sign = ""
    if delta < timedelta(0):
        sign, delta = "-", -delta
    seconds = delta.seconds
    clock = ""
    if seconds:
        hours, minutes, rest = seconds // 3600, seconds // 60 % 60, seconds % 60
        clock = "T" + (f"{hours}H" if hours else "") + (
            f"{minutes}M" if minutes or (hours and rest) else "") + (f"{rest}S" if rest else "")
    if delta.days == 0 and clock:
        return f"{sign}P{clock}"
    return f"{sign}P{delta.days}D{clock}"


def _offset(delta: timedelta) -> str:
    """A UTC-OFFSET value: +0800, -0430, or +001730 when seconds are involved."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _local(moment: datetime) -> str:
    return (f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
            f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}")


def _percent(text: str) -> str:
    """Percent-encoding of everything but RFC 3986 unreserved characters, for a URN."""
    return "".join(chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "-._~")
                   else f"%{b:02X}" for b in text.encode())


# ------------------------------------------------------------------ time zone

def _years(plan: Plan, items: list[tuple[PlanTask, When, When, int | None]]) -> tuple[date, date]:
    """From January 1 of the first year the plan touches to January 1 after the last."""
    days = [w.day for item in items for w in (item[1], item[2])]
    days += [a.when.day for a in plan.anchors]
    if not days:
        return date(2000, 1, 1), date(2001, 1, 1)
    return date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)


@lru_cache(maxsize=16)
def _vtimezone(tzid: str, first: date, last: date) -> str:
    """The VTIMEZONE for [first, last), as folded content lines each followed by CRLF.

    zoneinfo does not expose its transitions, so they are found by sampling the
    UTC offset once a day and bisecting to the second where it changes. Each
    distinct change (from, to, name, standard or daylight) is one observance:
    its first onset is DTSTART, later ones (next year's) are RDATEs. The first
    observance is the offset in force at `first`, starting then.
    """
    zone = ZoneInfo(tzid)
    start = datetime(first.year, first.month, first.day, tzinfo=zone)
    stop = int(datetime(last.year, last.month, last.day, tzinfo=zone).timestamp())

    def offset_at(second: int) -> timedelta:
        found = datetime.fromtimestamp(second, zone).utcoffset()
        return found if found is not None else timedelta(0)

    observances: dict[tuple[timedelta | None, timedelta, str, bool], list[datetime]] = {}
    initial = start.utcoffset() or timedelta(0)
    key0 = (None, initial, start.tzname() or _offset(initial), not start.dst())
    observances[key0] = [start.replace(tzinfo=None)]
    before, current = int(start.timestamp()), initial
    while before < stop:
        probe = min(before + 86400, stop - 1)
        if probe <= before:
            break
        if offset_at(probe) == current:
            before = probe
            continue
        low, high = before, probe  # `low` has the old offset, `high` a new one
        while high - low > 1:
            middle = (low + high) // 2
            if offset_at(middle) == current:
                low = middle
            else:
                high = middle
        moment = datetime.fromtimestamp(high, zone)
        after = moment.utcoffset() or timedelta(0)
        # naive on purpose: VTIMEZONE observances start at a wall-clock time
        onset = datetime(1970, 1, 1) + timedelta(seconds=high) + current  # noqa: DTZ001
        key = (current, after, moment.tzname() or _offset(after), not moment.dst())
        observances.setdefault(key, []).append(onset)
        before, current = high, after
    lines = ["BEGIN:VTIMEZONE", f"TZID:{_text(tzid)}",
             f"COMMENT:This timezone only works from {first} to {last}."]
    for (was, now, name, standard), onsets in observances.items():
        kind = "STANDARD" if standard else "DAYLIGHT"
        lines += [f"BEGIN:{kind}", f"DTSTART:{_local(onsets[0])}"]
        if len(onsets) > 1:
            lines.append(_fold("RDATE:" + ",".join(_local(o) for o in onsets[1:])))
        lines += [f"TZNAME:{_text(name)}", f"TZOFFSETFROM:{_offset(now if was is None else was)}",
                  f"TZOFFSETTO:{_offset(now)}", f"END:{kind}"]
    lines.append("END:VTIMEZONE")
    return "".join(f"{line}\r\n" for line in lines)


# ------------------------------------------------------------------ calendar

def build(plan: Plan, words: Words, *, previous: bytes | None = None,
          name: str | None = None) -> bytes:
    """The calendar as bytes; `previous` is the calendar this one replaces, if any."""
    items: list[tuple[PlanTask, When, When, int | None]] = []
    for task in plan.by_section():
        if task.occurrences:
            items += [(task, o.start, o.due, n) for n, o in enumerate(task.occurrences, 1)]
        else:
            items.append((task, task.start, task.due, None))
    title = _text(name or plan.title)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_text(PRODID)}", "CALSCALE:GREGORIAN"]
    if plan.warnings:  # what concerns the whole plan (e.g. an unpublished holiday schedule) too
        described = "\n".join(f"⚠ {line}" for line in notices.lines(plan, words))
        out.append(_fold("X-WR-CALDESC:" + _text(described)))
    out += [_fold(f"NAME:{title}"), _fold(f"X-WR-CALNAME:{title}"),
            _fold(f"X-WR-TIMEZONE:{_text(plan.timezone)}")]
    first, last = _years(plan, items)
    head = "\r\n".join(out) + "\r\n" + _vtimezone(plan.timezone, first, last)
    body = _Events(plan, words, _previous_events(previous)).write(items)
    return b"".join([head.encode(), *body, b"END:VCALENDAR\r\n"])


class _Events:
    """The VEVENTs of one calendar, with the lines that repeat across events formatted once."""

    def __init__(self, plan: Plan, words: Words,
                 known: dict[str, tuple[int, list[str]]]) -> None:
        self.plan = plan
        self.words = words
        self.known = known
        self.tzid = _param(plan.timezone)
        self.warnings = notices.tags_by_task(plan, words)
        self.starts: dict[When, str] = {}
        self.ends: dict[tuple[When, When], str] = {}
        self.people: dict[tuple[str, str | None], str] = {}
        self.triggers: dict[tuple[Reminder, When], str | None] = {}
        self.stamps: dict[int, tuple[str, str]] = {}

    def write(self, items: list[tuple[PlanTask, When, When, int | None]]) -> list[bytes]:
        """Every event, each line folded and ended with CRLF, encoded event by event: one
        string of the whole calendar (two bytes a character once Chinese is in it), its
        copies and its encoding took three times the fresh memory."""
        plan, words, known = self.plan, self.words, self.known
        chunks: list[bytes] = []
        add = chunks.append
        last: PlanTask | None = None
        summary = task_lines = alarm_head = ""
        warnings: list[str] = []
        timed_default = plan.reminders.get("timed")
        all_day_default = plan.reminders.get("all_day")
        stamp0 = self._stamp(0)
        for task, start, due, n in items:
            if task is not last:  # what all occurrences of a task share
                last = task
                text = _text(f"[{task.section}] {task.name}" if task.section else task.name)
                summary = _fold(f"SUMMARY:{text}")
                alarm_head = "BEGIN:VALARM\r\nACTION:DISPLAY\r\n" + _fold(f"DESCRIPTION:{text}")
                task_lines = "".join(self._attendee(p.name, p.email) + "\r\n" for p in task.people)
                categories = [_text(c) for c in (task.section, words[task.phase]) if c]
                if categories:
                    task_lines += _fold("CATEGORIES:" + ",".join(categories)) + "\r\n"
                warnings = self.warnings.get(task.id, [])
            reminder = task.remind if task.remind is not None else (
                timed_default if start.timed else all_day_default)
            trigger = self._trigger(reminder, start) if reminder is not None else None
            when = self._when(start, due)
            key = _fold(f"UID:{_text(uid(plan, task, n))}")
            tail = (task_lines
                    + _fold("DESCRIPTION:" + _text(_description(task, words, n, warnings)))
                    + "\r\nTRANSP:TRANSPARENT\r\n"
                    + ("" if trigger is None else f"{alarm_head}\r\n{trigger}\r\nEND:VALARM\r\n"))
            stamp = stamp0
            if known:
                stamp = self._revision(summary, when, key, tail)
            add(f"BEGIN:VEVENT\r\n{summary}\r\n{when}\r\n{stamp[0]}\r\n{key}\r\n{stamp[1]}\r\n"
                f"{tail}END:VEVENT\r\n".encode())
        return chunks

    def _revision(self, summary: str, when: str, key: str, tail: str) -> tuple[str, str]:
        """DTSTAMP and SEQUENCE lines: the previous SEQUENCE, plus one if the event changed."""
        uid_value = key[4:].replace("\r\n ", "")
        found = self.known.get(uid_value)
        if found is None:
            return self._stamp(0)
        sequence, before = found
        now = f"{summary}\r\n{when}\r\n{key}\r\n{tail}".replace("\r\n ", "").split("\r\n")
        now.pop()  # the empty string after the last CRLF
        if now != before and _normal(now) != _normal(before):
            sequence += 1
        return self._stamp(sequence)

    def _stamp(self, sequence: int) -> tuple[str, str]:
        found = self.stamps.get(sequence)
        if found is None:
            moment = STAMP_BASE + timedelta(minutes=sequence)
            found = self.stamps[sequence] = (f"DTSTAMP:{_local(moment)}Z", f"SEQUENCE:{sequence}")
        return found

    def _when(self, start: When, due: When) -> str:
        """DTSTART and DTEND (dates, exclusive end, when both ends are days) or DURATION:P0D.

        A task that ends before it starts (resolve warns about it) keeps its
        start: one day, or a moment.
        """
        pair = (start, due)
        found = self.ends.get(pair)
        if found is not None:
            return found
        if not start.timed and not due.timed:
            end_day = max(start.day, due.day) + timedelta(days=1)
            text = f"{self._start(start)}\r\nDTEND;VALUE=DATE:{end_day:%Y%m%d}"
        else:
            begin = start.begin
            end = due.begin if due.timed else due.end
            # DTSTART and DTEND must be of one kind: a day start becomes its midnight
            first = (self._start(start) if start.timed
                     else _fold(f"DTSTART;TZID={self.tzid}:{_local(begin)}"))
            text = first + "\r\n" + (
                f"DTEND;TZID={self.tzid}:{_local(end)}" if end > begin else "DURATION:P0D")
        self.ends[pair] = text
        return text

    def _start(self, start: When) -> str:
        found = self.starts.get(start)
        if found is None:
            found = (_fold(f"DTSTART;TZID={self.tzid}:{_local(start.begin)}") if start.timed
                     else f"DTSTART;VALUE=DATE:{start.day:%Y%m%d}")
            self.starts[start] = found
        return found

    def _attendee(self, name: str, email: str | None) -> str:
        found = self.people.get((name, email))
        if found is None:
            address = f"mailto:{email}" if email else f"urn:promoplan:person:{_percent(name)}"
            found = _fold(f"ATTENDEE;CN={_param(name)};CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;"
                          f"ROLE=REQ-PARTICIPANT;RSVP=FALSE:{address}")
            self.people[(name, email)] = found
        return found

    def _trigger(self, reminder: Reminder, start: When) -> str | None:
        pair = (reminder, start)
        if pair not in self.triggers:
            before = _trigger(reminder, start)
            self.triggers[pair] = None if before is None else f"TRIGGER:{_duration(before)}"
        return self.triggers[pair]


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
    lines += warnings
    return "\n".join(lines)


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

_VEVENT = re.compile(r"^BEGIN:VEVENT[ \t]*\n(.*?)^END:VEVENT[ \t]*$", re.I | re.M | re.S)
_UID = re.compile(r"^UID(?:;[^:\n]*)?:[ \t]*(.*?)[ \t]*$", re.I | re.M)
_SEQUENCE = re.compile(r"^SEQUENCE(?:;[^:\n]*)?:[ \t]*(.*?)[ \t]*$", re.I | re.M)
_REVISION = re.compile(r"(?:DTSTAMP|SEQUENCE)[;:]", re.I)


def _previous_events(data: bytes | None) -> dict[str, tuple[int, list[str]]]:
    """UID → (SEQUENCE, unfolded lines but DTSTAMP and SEQUENCE) of each event written last time.

    Tolerant by design: CRLF or bare LF, folds with a space or a tab, any case
    of names, stray bytes that are not UTF-8, text around or between the
    events. An event without a UID is skipped; a SEQUENCE that is not a
    number counts as 0.
    """
    if not data:
        return {}
    text = (data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            .replace(b"\n ", b"").replace(b"\n\t", b"").decode("utf-8", "replace"))
    out: dict[str, tuple[int, list[str]]] = {}
    for match in _VEVENT.finditer(text):
        body = match.group(1)
        found = _UID.search(body)
        if found is None:
            continue
        number = _SEQUENCE.search(body)
        try:
            sequence = max(int(number.group(1)), 0) if number else 0
        except ValueError:
            sequence = 0
        lines = [line for line in body.split("\n") if line and not _REVISION.match(line)]
        out[found.group(1)] = (sequence, lines)
    return out


def _normal(lines: list[str]) -> list[tuple[str, int, str, str]]:
    """Event lines in a form that does not depend on how a writer spelled them.

    Names upper-case; parameters sorted, unquoted and re-quoted as this writer
    would; the leading properties in the order above and the rest by name,
    repeated ones (ATTENDEE) kept in their order; each line tagged with the
    sub-component it sits in. DTSTAMP and SEQUENCE of the event are left out.
    """
    out: list[tuple[str, int, str, str]] = []
    path: list[str] = []
    seen = 0
    for line in lines:
        name, params, value = _split(line)
        if name == "BEGIN":
            seen += 1
            path.append(f"{value.upper()}#{seen}")
            continue
        if name == "END":
            if path:
                path.pop()
            continue
        where = "/".join(path)
        if not where and name in ("DTSTAMP", "SEQUENCE"):
            continue
        rank = _EVENT_ORDER.index(name) if not where and name in _EVENT_ORDER else len(_EVENT_ORDER)
        spelled = "".join(f";{key}={_param(val)}" for key, val in sorted(params))
        out.append((where, rank, name, f"{name}{spelled}:{value.replace(chr(92) + 'N', chr(92) + 'n')}"))
    out.sort(key=lambda entry: entry[:3])
    return out


def _split(line: str) -> tuple[str, list[tuple[str, str]], str]:
    """A content line as name, parameters (unquoted, RFC 6868 carets undone) and value."""
    index, size = 0, len(line)
    while index < size and line[index] not in ";:":
        index += 1
    name = line[:index].strip().upper()
    params: list[tuple[str, str]] = []
    while index < size and line[index] == ";":
        index += 1
        equals = line.find("=", index)
        if equals < 0:
            break
        key = line[index:equals].strip().upper()
        index = equals + 1
        value: list[str] = []
        while index < size and line[index] not in ";:":
            if line[index] == '"':
                close = line.find('"', index + 1)
                close = size if close < 0 else close
                value.append(line[index + 1:close])
                index = close + 1
            else:
                value.append(line[index])
                index += 1
        params.append((key, _uncaret("".join(value))))
    return name, params, line[index + 1:] if index < size else ""


def _uncaret(value: str) -> str:
    """RFC 6868 decoding, so that ^' and a writer's other spellings of a quote compare equal."""
    if "^" not in value:
        return value
    return re.sub(r"\^([n^'])", lambda m: {"n": "\n", "^": "^", "'": '"'}[m.group(1)], value)

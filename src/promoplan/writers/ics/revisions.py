"""SEQUENCE and DTSTAMP without a clock, from the calendar being replaced.

Clients decide whether a re-imported event with a known UID replaces the
stored one by SEQUENCE (higher wins: Google, Outlook), then DTSTAMP. No
function of the plan alone can be monotonic (a date moved from A to B and
back must get a higher SEQUENCE the second time), so the calendar being
replaced (`WriterOptions.previous`, read with icalendar) is part of the input:

- an event absent from it gets SEQUENCE 0; an event present keeps its
  SEQUENCE when its properties, DTSTAMP and SEQUENCE aside, are the old
  one's as icalendar reads them (`same`), and gets SEQUENCE + 1 otherwise.
  So the old file's layout (folding, property order, line ends) is no
  change, and neither is another icalendar version's spelling of the same
  values;
- DTSTAMP is 2000-01-01T00:00:00Z plus SEQUENCE minutes, so it moves with it;
- an event of the same campaign (same UID domain) whose task is gone is
  written again as STATUS:CANCELLED with SEQUENCE + 1, no alarm and `✗`
  before its SUMMARY; it stays in every later file written over this one
  until `--drop-cancelled`. What apps then do with it differs (the README's
  Calendars paragraph): Google drops it, Apple and khal keep it crossed out
  or marked CANCELLED, Outlook shows it as if it were on, hence the mark.
  Events of another campaign in the old file are not carried over (and a
  file holding another campaign of this playbook is refused, see `identity`).

The old file is anybody's: anything icalendar cannot read (a file cut
short, 3,000 nested events) counts as no earlier calendar, an event without
a UID is ignored, and a SEQUENCE that is not an integer from 0 to 2147483647
(RFC 5545's INTEGER range; `²`, five thousand digits, `-3`) is read as 0, as
an unreadable SEQUENCE always was. Same input (plan and previous file), same
bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Component, vText

from promoplan.writers.ics.text import CANCELLED_MARK

STAMP_BASE = datetime(2000, 1, 1, tzinfo=UTC)
"""DTSTAMP of SEQUENCE 0; each later SEQUENCE adds one minute."""
SEQUENCE_MAX = 2**31 - 1
"""The largest INTEGER of RFC 5545; DTSTAMP stays in datetime's range well beyond it."""


def stamp(event: Component, sequence: int) -> None:
    """DTSTAMP and SEQUENCE for that revision, on an event that has neither."""
    event.add("dtstamp", STAMP_BASE + timedelta(minutes=sequence))
    event.add("sequence", sequence)


@dataclass
class Known:
    """An event of the calendar being replaced, without its DTSTAMP and SEQUENCE."""

    sequence: int
    event: Component

    def sequence_for(self, event: Component) -> int:
        """The SEQUENCE of `event` (not stamped yet), this event's new revision."""
        return self.sequence if same(event, self.event) else self.sequence + 1

    def cancelled(self) -> Component:
        """The event as a cancellation: STATUS:CANCELLED, no alarm, a higher SEQUENCE unless
        it already was one (it is then carried over as it was)."""
        event = self.event
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            stamp(event, self.sequence)
            return event
        event.pop("STATUS", None)
        event.add("status", "CANCELLED")
        summary = str(event.get("SUMMARY", ""))
        if not summary.startswith(CANCELLED_MARK):
            event["SUMMARY"] = vText(CANCELLED_MARK + summary)
        event.subcomponents = [c for c in event.subcomponents if c.name != "VALARM"]
        stamp(event, self.sequence + 1)
        return event


def previous_events(data: bytes | None) -> dict[str, Known]:
    """UID → each event written last time; {} when there is none or it is unreadable."""
    if not data:
        return {}
    try:
        found = Calendar.from_ical(data.decode("utf-8-sig", "replace"), multiple=True)
        events = [event for top in found for event in top.walk("VEVENT")]
    except ValueError:
        return {}
    except RecursionError:  # icalendar 6 walks components recursively: BEGIN:VEVENT × 3,000
        return {}
    out: dict[str, Known] = {}
    for event in events:
        key = event.get("UID")
        if not isinstance(key, str) or not key.strip():
            continue
        sequence = _sequence(event.pop("SEQUENCE", None))
        event.pop("DTSTAMP", None)
        out[key.strip()] = Known(sequence, event)
    return out


def same(new: Component, old: Component) -> bool:
    """Whether two components hold the same: the same properties, each value of the same
    type, equal and with equal parameters, and the same subcomponents in the same order.

    Values are compared as icalendar reads them, not written out: writing both
    sides out cost as much as writing the calendar again. Equality alone is not
    enough: icalendar compares a value without its parameters (a new CN on an
    ATTENDEE, the TZID of a DTSTART at the same instant), so those are compared too.
    """
    if new.name != old.name or new.keys() != old.keys():
        return False
    if len(new.subcomponents) != len(old.subcomponents):
        return False
    for name, value in new.items():
        if not _same_values(value, old[name]):
            return False
    return all(same(a, b) for a, b in zip(new.subcomponents, old.subcomponents, strict=True))


def _same_values(new: object, old: object) -> bool:
    """One property's values: a list when it occurs more than once, else one value (two
    ATTENDEE lines are a list, one is not, whichever way the event was made)."""
    news = new if isinstance(new, list) else [new]
    olds = old if isinstance(old, list) else [old]
    return len(news) == len(olds) and all(
        type(a) is type(b) and a == b and getattr(a, "params", None) == getattr(b, "params", None)
        for a, b in zip(news, olds, strict=True))


def _sequence(value: object) -> int:
    """The SEQUENCE icalendar read, or 0 when it is not an integer RFC 5545 allows."""
    if isinstance(value, int) and 0 <= value <= SEQUENCE_MAX:
        return int(value)
    return 0

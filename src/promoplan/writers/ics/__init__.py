"""ICS calendars (RFC 5545) that every team member can import, built with `icalendar`.

The library does the format (escaping, folding at 75 octets without cutting a
character, nor an escape since icalendar 7, parameter quoting, property order,
the VTIMEZONE from the zoneinfo database); this package decides what goes in,
and why, one concept a module:

- here, the VCALENDAR: named after the plan (NAME and X-WR-CALNAME),
  X-WR-TIMEZONE, the plan's warnings in X-WR-CALDESC, and a VTIMEZONE for the
  playbook's zone bounded to the years the plan touches
  (`Timezone.from_tzinfo`), so the bytes do not depend on the tz database's
  far past or future;
- `identity`: the UID of each event, which campaign a UID belongs to, and the
  refusal to write over a calendar of another campaign of the same playbook;
- `events`: a task as VEVENT(s), with `timing` (DTSTART, DTEND or DURATION,
  reminders), `repeats` (an RRULE for day and week steps only, separate events
  for steps in hours and minutes), `invitations` (METHOD:PUBLISH by default;
  with `--invite`, a folder of iTIP requests, one per event) and `text`;
- `revisions`: SEQUENCE and DTSTAMP from the calendar being replaced, and the
  cancelled events carried over from it;
- `season`: per-person calendars that join several campaigns.

Only icalendar's public API is used: components built with `add`, written
with `to_ical`, the previous file read with `Calendar.from_ical` and `walk`.
Same input (plan and previous file), same bytes: no clock, no randomness.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vText

from promoplan.schedule.plan import Plan
from promoplan.words import Words, notices
from promoplan.writers import WriterOptions
from promoplan.writers.ics import invitations
from promoplan.writers.ics.events import Events
from promoplan.writers.ics.identity import domain_of, refuse_other_campaign, safe_key, uid, uid_domain
from promoplan.writers.ics.revisions import previous_events, stamp
from promoplan.writers.ics.text import clean

__all__ = ["PRODID", "build", "invitation_files", "render", "safe_key", "uid", "uid_domain",
           "vtimezone"]

PRODID = "-//promoplan//promoplan//EN"


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    """The published calendar (invitations are a folder: `invitation_files`)."""
    return build(plan, words, previous=options.previous, name=options.calendar_name,
                 drop_cancelled=options.drop_cancelled, source=options.previous_path,
                 alongside=options.alongside)


def invitation_files(plan: Plan, words: Words, options: WriterOptions) -> list[tuple[str, bytes]]:
    """`--invite`: one iTIP request (or cancellation) per event, as (file name, bytes);
    `options.previous` is the folder's files as they were, one after the other."""
    cal = calendar(plan, words, previous=options.previous, invite=True,
                   drop_cancelled=options.drop_cancelled, source=options.previous_path)
    return invitations.split(cal)


def build(plan: Plan, words: Words, *, previous: bytes | None = None, name: str | None = None,
          invite: bool = False, drop_cancelled: bool = False, source: str | None = None,
          alongside: Collection[str] = ()) -> bytes:
    """The calendar as bytes; `previous` is the calendar this one replaces, if any (read
    from `source`; the campaigns `alongside` are written into the same file)."""
    out: bytes = calendar(plan, words, previous=previous, name=name, invite=invite,
                          drop_cancelled=drop_cancelled, source=source,
                          alongside=alongside).to_ical()
    return out


def calendar(plan: Plan, words: Words, *, previous: bytes | None = None, name: str | None = None,
             invite: bool = False, drop_cancelled: bool = False, source: str | None = None,
             alongside: Collection[str] = ()) -> Calendar:
    """The calendar: its events, and those carried over from `previous` (see `build`)."""
    sender = invitations.organizer(plan) if invite else None
    known = previous_events(previous)
    live = [key for key, old in known.items() if str(old.event.get("STATUS", "")).upper() != "CANCELLED"]
    refuse_other_campaign(plan, live, source, alongside)
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

    # Each old event is let go once its new one is compared (icalendar holds some 6 kB per
    # event read), so a re-run peaks no higher than a first run; what is left are the
    # events whose task is gone.
    for event in Events(plan, words, sender):
        found = known.pop(str(event["UID"]), None)
        stamp(event, 0 if found is None else found.sequence_for(event))
        cal.add_component(event)
    if not drop_cancelled:
        domain = uid_domain(plan)
        for key, old in known.items():
            if domain_of(key) == domain:
                cal.add_component(old.cancelled())
    return cal


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

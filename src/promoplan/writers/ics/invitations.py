"""Published by default; invitations, one file per event, only when asked (`--invite`).

Without `--invite` the calendar is METHOD:PUBLISH data: no ORGANIZER and no
ATTENDEE (RFC 5546 forbids ATTENDEE in PUBLISH, and Outlook and Apple treat
events with attendees as meeting requests); the people are named in
DESCRIPTION.

With `--invite -o invites/` the events become iTIP requests (RFC 5546), as a
mail client sends them, and iTIP is strict where a published calendar is not:

- one event per request. An iTIP object holds the components of ONE UID (a
  request for 153 events is read by Outlook as its first), and its METHOD is
  the whole file's, so a new or changed event (REQUEST) and a removed or
  cancelled one (CANCEL, STATUS:CANCELLED, no alarm) cannot share a file. So
  `split` writes a folder with one file per event, named by its UID
  (`ship.ics`, `half-hourly.3.ics`): the same task gets the same file after a
  date change, so the file a mail goes out with is the one that changed, and
  the folder is read back as the calendar being replaced (SEQUENCE, the
  cancelled events). One file per event is also what a script or a mail
  merge sends, each to its attendees, with the MIME method of the file;
- the ORGANIZER from the team's `organizer:` entry (RFC 5545 §3.8.4.3 requires
  it on group-scheduled components, so a team without one is refused), once:
  the organizer sends the request and is never an attendee of it too;
- an ATTENDEE only for a person with an email (mailto:, RSVP=TRUE,
  PARTSTAT=NEEDS-ACTION): Google refuses attendees without one and nobody can
  answer at a made-up address. The people without one are named in one
  warning (`no_email`) that says where to add it; an event nobody with an
  email works on gets no invitation, since a request needs an attendee.

A per-person published calendar (`--split-by person`) stays what most teams
import; invitations are for teams whose calendars live on a mail server.
"""

from __future__ import annotations

import hashlib
import re

from icalendar import Calendar, Component, vCalAddress

from promoplan.errors import COMMAND_LINE, PromoplanError, Say
from promoplan.playbook.schema import Person
from promoplan.schedule.plan import Plan, PlanTask
from promoplan.words import Words
from promoplan.writers.ics.text import clean

_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")
"""A UID's part before the `@` that is a file name as it is: what promoplan's own UIDs have."""


def organizer(plan: Plan) -> Person:
    """Who sends the invitations; an iTIP request without one is invalid."""
    found = plan.organizer
    if found is None:
        raise PromoplanError(Say("outputs.no-organizer"), COMMAND_LINE, Say("outputs.no-organizer.hint"))
    if not found.email:
        raise PromoplanError(Say("outputs.organizer-no-email", name=found.name), COMMAND_LINE,
                             Say("outputs.organizer-no-email.hint", name=found.name))
    return found


def _is(person: Person, sender: Person) -> bool:
    """The organizer, listed in the team too (by name, or by the same email)."""
    return person.name == sender.name or bool(
        person.email and sender.email and person.email.lower() == sender.email.lower())


def invitees(task: PlanTask, sender: Person) -> list[Person]:
    """Who gets the task's invitation: its people with an email, except the organizer."""
    return [p for p in task.people if p.email and not _is(p, sender)]


def no_email(plan: Plan, words: Words) -> str | None:
    """The one warning naming every person of the plan's tasks that no invitation reaches
    for want of an email (the organizer aside), in plan order; None when there is none."""
    sender = plan.organizer
    names: dict[str, None] = {}
    for task in plan.tasks:
        for person in task.people:
            if not person.email and (sender is None or not _is(person, sender)):
                names.setdefault(person.name)
    if not names:
        return None
    first = next(iter(names))
    return words["ics.no_email"].format(people=words.listing(names),
                                        example=f"{{name: {first}, email: …}}")


def address(person: Person, *, organizer: bool = False) -> vCalAddress:
    """The person's mailto: address with their name; an attendee's asks for an answer."""
    found = vCalAddress(f"mailto:{person.email}")
    found.params["CN"] = clean(person.name)
    if not organizer:
        found.params["CUTYPE"] = "INDIVIDUAL"
        found.params["PARTSTAT"] = "NEEDS-ACTION"
        found.params["ROLE"] = "REQ-PARTICIPANT"
        found.params["RSVP"] = "TRUE"
    return found


def split(cal: Calendar) -> list[tuple[str, bytes]]:
    """The calendar's events as iTIP objects, one file each: (file name, bytes), in the
    calendar's order. A cancelled event is a CANCEL, any other a REQUEST; an event
    without an attendee is no invitation and is left out."""
    heads = [(key, cal[key]) for key in ("PRODID", "VERSION", "CALSCALE") if key in cal]
    zones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    files = []
    for event in cal.walk("VEVENT"):
        if "ATTENDEE" not in event:
            continue
        one = Calendar()
        for key, value in heads:
            one.add(key, value)
        cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
        one.add("method", "CANCEL" if cancelled else "REQUEST")
        tzid = event["DTSTART"].params.get("TZID")
        if tzid in zones:
            one.add_component(zones[tzid])
        one.add_component(event)
        data: bytes = one.to_ical()
        files.append((_file_name(event), data))
    return files


def _file_name(event: Component) -> str:
    """The UID before its `@` (the task id and occurrence: `half-hourly.3.ics`); a UID read
    from an old file that is no plain name (`../x`) is named by its hash instead."""
    local = str(event["UID"]).rpartition("@")[0]
    if _NAME.fullmatch(local):
        return f"{local}.ics"
    return f"{hashlib.sha256(local.encode()).hexdigest()[:16]}.ics"

"""Published by default; invitations only when asked (`--invite`).

Without `--invite` the calendar is METHOD:PUBLISH data: no ORGANIZER and no
ATTENDEE (RFC 5546 forbids ATTENDEE in PUBLISH, and Outlook and Apple treat
events with attendees as meeting requests); the people are named in
DESCRIPTION. With `--invite` it is an iTIP METHOD:REQUEST: the ORGANIZER from
the team's `organizer:` entry (RFC 5545 §3.8.4.3 requires it on
group-scheduled components, so a team without one is refused), and one
ATTENDEE per person, ROLE=REQ-PARTICIPANT, PARTSTAT=NEEDS-ACTION, CN, and
RSVP=TRUE when the person has an email; a person without one is addressed as
`urn:promoplan:person:<name>` with RSVP=FALSE, since nobody can answer there.
"""

from __future__ import annotations

from urllib.parse import quote

from icalendar import vCalAddress

from promoplan.errors import COMMAND_LINE, PromoplanError
from promoplan.playbook.schema import Person
from promoplan.schedule.plan import Plan
from promoplan.writers.ics.text import clean


def organizer(plan: Plan) -> Person:
    """Who sends the invitations; an iTIP request without one is invalid."""
    found = plan.organizer
    if found is None:
        raise PromoplanError(
            "--invite: the team has no organizer to send the invitations",
            COMMAND_LINE, "add `organizer: {name: …, email: …}` under team, in the plan file or "
            "the --team file")
    if not found.email:
        raise PromoplanError(
            f"--invite: the organizer '{found.name}' has no email to send the invitations from",
            COMMAND_LINE, f"write `organizer: {{name: {found.name}, email: …}}` under team")
    return found


def address(person: Person, *, organizer: bool = False) -> vCalAddress:
    """mailto: when the person has an email, else a URN that still carries the name."""
    if person.email:
        found = vCalAddress(f"mailto:{person.email}")
    else:
        # Percent-encoding of everything but RFC 3986 unreserved characters, as a URN wants.
        found = vCalAddress(f"urn:promoplan:person:{quote(person.name, safe='')}")
    found.params["CN"] = clean(person.name)
    if not organizer:
        found.params["CUTYPE"] = "INDIVIDUAL"
        found.params["PARTSTAT"] = "NEEDS-ACTION"
        found.params["ROLE"] = "REQ-PARTICIPANT"
        found.params["RSVP"] = "TRUE" if person.email else "FALSE"
    return found

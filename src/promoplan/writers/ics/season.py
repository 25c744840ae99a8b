"""One calendar per person (or role) holding every campaign of a season.

`compile a.yaml b.yaml c.yaml --split-by person -o cal/` gives 刘洋 one file with his
events of all three stores. Each campaign's part is written by the ICS writer as it
writes any calendar (its UIDs carry the campaign, so the stores' events never collide,
and the file being replaced raises SEQUENCE on changed events), then the parts are
joined with icalendar: one VCALENDAR, one VTIMEZONE per zone covering every year of
every part, the events in the order of the plans given.

Each event's SUMMARY starts with its store (the plan's `brand:`, else its campaign):
`店A · [美工] 主图设计`, since the same task of three stores is otherwise three
identical lines in one calendar. The calendar being replaced is handed to the ICS
writer with those labels taken off again, so an unchanged event keeps its SEQUENCE, and
with the campaigns joined named as `alongside` each other (batch.outputs), so a store's
events there are not taken for another run of the next store's campaign; a store whose
key changed since (its first date moved, no `campaign:`) is refused as anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from icalendar import Calendar, vText

from promoplan.schedule.plan import Plan
from promoplan.words import Words
from promoplan.writers.ics import uid_domain, vtimezone


def calendar_name(who: str, n: int, words: Words) -> str:
    return words["ics.season_name"].format(who=who, n=n)


def label(plan: Plan) -> str:
    """`店A · `: what a season calendar puts before each event of this plan."""
    return f"{plan.brand or plan.campaign or plan.playbook} · "


def unlabelled(previous: bytes | None, plans: Sequence[Plan]) -> bytes | None:
    """The season calendar being replaced, as the ICS writer wrote its parts (no labels)."""
    if not previous:
        return previous
    try:
        cal = Calendar.from_ical(previous)
    except ValueError:
        return None  # unreadable: no earlier calendar, as the ICS writer treats it
    labels = {uid_domain(plan): label(plan) for plan in plans}
    for event in cal.walk("VEVENT"):
        prefix = labels.get(str(event.get("UID", "")).rpartition("@")[2], "")
        summary = str(event.get("SUMMARY", ""))
        if prefix and summary.startswith(prefix):
            event["SUMMARY"] = vText(summary[len(prefix):])
    out: bytes = cal.to_ical()
    return out


def join(parts: Sequence[tuple[Plan, bytes]], name: str) -> bytes:
    """The events of every part (a plan's calendar as the ICS writer made it) in one calendar."""
    first = Calendar.from_ical(parts[0][1])
    cal = Calendar()
    for key in ("prodid", "version", "calscale", "method"):
        if key in first:
            cal.add(key, first[key])
    cal.add("name", name)
    cal.add("x-wr-calname", vText(name))
    zones = sorted({plan.timezone for plan, _ in parts})
    if len(zones) == 1:
        cal.add("x-wr-timezone", vText(zones[0]))
    days = [w.day for plan, _ in parts for t in plan.tasks for w in (t.start, t.due)]
    lo = date(min(days).year, 1, 1) if days else date(2000, 1, 1)
    hi = date(max(days).year + 1, 1, 1) if days else date(2001, 1, 1)
    for tzid in zones:
        cal.add_component(vtimezone(tzid, lo, hi))
    for plan, data in parts:
        for event in Calendar.from_ical(data).walk("VEVENT"):
            event["SUMMARY"] = vText(label(plan) + str(event.get("SUMMARY", "")))
            cal.add_component(event)
    out: bytes = cal.to_ical()
    return out

"""One calendar per person (or role) holding every campaign of a season.

`compile a.yaml b.yaml c.yaml --split-by person -o cal/` gives 刘洋 one file with his
events of all three stores. Each campaign's part is written by the ICS writer as it
writes any calendar (its UIDs carry the campaign, so the stores' events never collide,
and the file being replaced raises SEQUENCE on changed events), then the parts are
joined with icalendar: one VCALENDAR, one VTIMEZONE per zone covering every year of
every part, the events in the order of the plans given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vText

from promoplan.i18n import Words
from promoplan.plan import Plan

_NAME = {"zh": "{who} · {n}个活动", "en": "{who} · {n} campaigns"}


def calendar_name(who: str, n: int, words: Words) -> str:
    return _NAME[words.lang].format(who=who, n=n)


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
        cal.add_component(Timezone.from_tzinfo(ZoneInfo(tzid), tzid, lo, hi))
    for _, data in parts:
        for event in Calendar.from_ical(data).walk("VEVENT"):
            cal.add_component(event)
    out: bytes = cal.to_ical()
    return out

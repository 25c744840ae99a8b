"""Dates as people type them, in files and on the command line alike."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from promoplan.errors import Say, english, wording
from promoplan.schedule.plan import When


class Unreadable(ValueError):
    """A date or a status that cannot be read: `said` is why, `hint` how to write it, both in
    the plan's words; `str()` gives the reason in English, for logs."""

    def __init__(self, said: Say, hint: Say | None = None) -> None:
        super().__init__(said)
        self.said = said
        self.hint = hint

    def __str__(self) -> str:
        return str(wording(self.said, english()))


def parse_when(text: str, zone: ZoneInfo) -> When:
    """`2024-10-14`, `2024-11-01 10:00`, `2024-11-01T10:00+08:00` (converted to `zone`)."""
    src = str(text).strip()
    norm = src.replace("/", "-")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", norm):
        y, m, d = (int(p) for p in norm.split("-"))
        return When(_date(y, m, d, src))
    try:
        moment = datetime.fromisoformat(norm)
    except ValueError as exc:
        reason = str(exc)
        if reason.startswith("Invalid isoformat"):
            raise Unreadable(Say("schedule.not-a-date", src=src)) from None
        raise Unreadable(Say("schedule.bad-date", src=src, why=_why(reason))) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return When(moment.date(), time(moment.hour, moment.minute))


def parse_day(text: str) -> date:
    src = str(text).strip()
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", src)
    if not m:
        raise Unreadable(Say("schedule.not-a-day", src=src))
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), src)


def _date(y: int, m: int, d: int, src: str) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise Unreadable(Say("schedule.bad-date", src=src, why=_why(str(exc)))) from None


def _why(reason: str) -> Say:
    """Python's reason a date does not exist, in the plan's words."""
    if "month must be" in reason:
        return Say("schedule.no-such-month")
    if "day is out of range" in reason:
        return Say("schedule.no-such-day")
    if "year" in reason:
        return Say("schedule.no-such-year")
    return Say("schedule.date-other", what=reason)

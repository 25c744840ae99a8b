"""Dates as people type them, in files and on the command line alike."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from promoplan.schedule.plan import When

_FORMS = 'write YYYY-MM-DD, "YYYY-MM-DD HH:MM" or ISO 8601'


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
            raise ValueError(f"cannot read '{src}' as a date ({_FORMS})") from None
        raise ValueError(f"cannot read '{src}' as a date: {reason}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return When(moment.date(), time(moment.hour, moment.minute))


def parse_day(text: str) -> date:
    src = str(text).strip()
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", src)
    if not m:
        raise ValueError(f"cannot read '{src}' as a day (write YYYY-MM-DD)")
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), src)


def _date(y: int, m: int, d: int, src: str) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise ValueError(f"cannot read '{src}' as a date: {exc}") from None

"""TEXT values as RFC 5545 allows them, which icalendar does not enforce on its own."""

from __future__ import annotations

import re

CANCELLED_MARK = "✗ "
"""Before the SUMMARY of a cancelled event, the mark the other outputs give 取消: Outlook shows
a cancelled event of an imported calendar as if it were on, and this is all it shows."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters RFC 5545 allows in no TEXT value (tab is allowed, line breaks are escaped)."""


def clean(value: str) -> str:
    """Line breaks as \\n (icalendar escapes them), no other control characters (icalendar
    would write them raw, and readers reject them)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value) if _CONTROL.search(value) else value

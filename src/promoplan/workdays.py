"""Which days are working days, and counting them.

Until the Chinese statutory calendar arrives this is Monday to Friday,
corrected by the playbook's own `calendar.holidays` and `calendar.workdays`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


class WorkCalendar:
    def __init__(self, holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_workdays(self, day: date, n: int) -> date:
        """Move n working days; 0 keeps the day as it is."""
        step = timedelta(days=1 if n > 0 else -1)
        left = abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

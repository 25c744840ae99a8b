"""Which days are working days, and counting them.

Days off come from the `holidays` library (China by default: statutory days
off and the make-up workdays, 调休, of each published schedule), corrected by
the playbook's `calendar.holidays` and `calendar.workdays`. The library is
imported only when a date is first asked about, and every answer is cached:
a plan asks about the same few hundred days thousands of times.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cached_property
from typing import Any

# Rolling or counting past this many days in a row without a working day means
# the calendar is broken (every day declared off), not that the date is far.
MAX_SEARCH_DAYS = 3660


class WorkCalendar:
    def __init__(self, country: str | None = "CN", holidays: Iterable[date] = (),
                 workdays: Iterable[date] = ()) -> None:
        self.country = (country or "").upper() or None
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)
        self._cache: dict[date, bool] = {}

    @cached_property
    def _official(self) -> Any:
        if self.country is None:
            return None
        import holidays as holidays_lib

        return holidays_lib.country_holidays(self.country, language=_language(self.country))

    def is_workday(self, day: date) -> bool:
        known = self._cache.get(day)
        if known is None:
            if day in self.workdays:
                known = True
            elif day in self.holidays:
                known = False
            elif self._official is None:
                known = day.weekday() < 5
            else:
                known = bool(self._official.is_working_day(day))
            self._cache[day] = known
        return known

    def name_of(self, day: date) -> str:
        """The holiday's name (国庆节), or '' for a plain weekend or working day."""
        if day in self.workdays or day in self.holidays or self._official is None:
            return ""
        return str(self._official.get(day) or "")

    def add_workdays(self, day: date, n: int) -> date:
        """Move n working days; 0 keeps the day as it is."""
        step = timedelta(days=1 if n > 0 else -1)
        left, searched = abs(n), 0
        while left:
            day += step
            searched += 1
            if self.is_workday(day):
                left, searched = left - 1, 0
            elif searched > MAX_SEARCH_DAYS:
                raise ValueError("no working day within ten years")
        return day

    def roll(self, day: date, direction: str) -> date:
        """The nearest working day backward or forward (the day itself if it is one)."""
        if direction == "none" or self.is_workday(day):
            return day
        return self.add_workdays(day, -1 if direction == "backward" else 1)

    def unpublished_years(self, years: Iterable[int]) -> list[int]:
        """Years past the last published schedule: their make-up workdays are unknown.

        Only countries that have make-up workdays at all (China) can tell; the
        search looks back ten years for the last one that had any.
        """
        if self._official is None:
            return []
        wanted = sorted(set(years))
        if not wanted:
            return []
        for year in range(wanted[0] - 10, wanted[-1] + 1):
            _ = date(year, 1, 1) in self._official  # loads that year's schedule
        published = {d.year for d in self._official.weekend_workdays}
        return [y for y in wanted if published and y > max(published)]

    def days_off(self, first: date, last: date) -> dict[date, str]:
        """Every day off between first and last, with its holiday name where it has one."""
        out: dict[date, str] = {}
        day = first
        while day <= last:
            if not self.is_workday(day):
                out[day] = self.name_of(day)
            day += timedelta(days=1)
        return out

    @property
    def source(self) -> str:
        if self._official is None:
            return "Monday to Friday"
        from importlib.metadata import version

        return f"python-holidays {version('holidays')}"


def known_countries() -> list[str]:
    import holidays as holidays_lib

    return sorted(holidays_lib.list_supported_countries())


def _language(country: str) -> str | None:
    return "zh_CN" if country == "CN" else None

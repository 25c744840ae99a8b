"""Which days are working days, and counting them.

Days off come from the `holidays` library (China by default: statutory days
off and the make-up workdays, 调休, of each published schedule), corrected by
the playbook's `calendar.holidays` and `calendar.workdays`. A team that works
weekends (`calendar.weekends: work`, as promotion teams do during a campaign)
keeps the statutory days off and the whole of a holiday break (the Sunday inside
国庆 is off like the days around it), and works every other Saturday and Sunday.

Importing the library loads every country it knows (a tenth of a second, more
than the rest of a compile), so each country-year it answers is kept in a
small JSON file in the user's cache, keyed by the library's own files: the
next run reads that instead. Every answer is also cached in memory: a plan
asks about the same few hundred days thousands of times.

The cache folder is `$PROMOPLAN_CACHE_DIR/holidays/` when that variable is set
(the tests point it at a temporary folder), else `$XDG_CACHE_HOME/promoplan/holidays/`,
else `~/.cache/promoplan/holidays/`, read from the environment on every look-up.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

# Rolling or counting past this many days in a row without a working day means
# the calendar is broken (every day declared off), not that the date is far.
MAX_SEARCH_DAYS = 3660


class OfficialYear(NamedTuple):
    """One country-year as the holidays library sees it."""

    off: dict[date, str]
    work: frozenset[date]
    """Weekend days that are working days (make-up workdays, 调休)."""
    weekend: frozenset[int]


class WorkCalendar:
    def __init__(self, country: str | None = "CN", holidays: Iterable[date] = (),
                 workdays: Iterable[date] = (), *, weekends_work: bool = False) -> None:
        self.country = (country or "").upper() or None
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)
        self.weekends_work = weekends_work
        """`calendar.weekends: work`: Saturdays and Sundays outside a holiday break are working days."""
        self._cache: dict[date, bool] = {}

    def official(self, year: int) -> OfficialYear | None:
        return official_year(self.country, year) if self.country else None

    def is_workday(self, day: date) -> bool:
        known = self._cache.get(day)
        if known is None:
            official = self.official(day.year)
            if day in self.workdays:
                known = True
            elif day in self.holidays:
                known = False
            elif official is None:
                known = day.weekday() < 5 or (self.weekends_work and not self._in_break(day))
            else:
                known = day in official.work or (day not in official.off and (
                    day.weekday() not in official.weekend
                    or (self.weekends_work and not self._in_break(day))))
            self._cache[day] = known
        return known

    def _weekend(self, day: date) -> bool:
        official = self.official(day.year)
        return day.weekday() in (official.weekend if official is not None else (5, 6))

    def _holiday(self, day: date) -> bool:
        """A day off the calendar names (a statutory holiday, its 调休 rest day, or one of
        the playbook's `holidays`), whatever its weekday."""
        if day in self.workdays:
            return False
        official = self.official(day.year)
        return day in self.holidays or (official is not None and day in official.off)

    def _in_break(self, day: date) -> bool:
        """A weekend day between two holidays (the Sunday of 国庆 between 10月3日 and 10月5日):
        part of the break, off even for a team that works weekends."""
        one = timedelta(days=1)
        before, after = day - one, day + one
        for _ in range(7):  # a weekend is at most a few days long
            if not self._weekend(before) or self._holiday(before):
                break
            before -= one
        for _ in range(7):
            if not self._weekend(after) or self._holiday(after):
                break
            after += one
        return self._holiday(before) and self._holiday(after)

    def name_of(self, day: date) -> str:
        """The holiday's name (国庆节), or '' for a plain weekend or working day."""
        official = self.official(day.year)
        if day in self.workdays or day in self.holidays or official is None:
            return ""
        return official.off.get(day, "")

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
                from promoplan.errors import Say
                from promoplan.schedule.dates import Unreadable

                raise Unreadable(Say("schedule.no-working-day"))
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
        wanted = sorted(set(years))
        if self.country is None or not wanted:
            return []
        published = [y for y in range(wanted[0] - 10, wanted[-1] + 1)
                     if (official := self.official(y)) is not None and official.work]
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
        if self.country is None:
            return "Monday to Friday"
        from importlib.metadata import version

        return f"python-holidays {version('holidays')}"


def is_country(code: str) -> bool:
    """Whether the holidays library has this country; answered from the cache once asked."""
    try:
        official_year(code, 2000)
    except NotImplementedError:
        return False
    return True


def known_countries() -> list[str]:
    """Every code the library knows, for suggestions; slow, as it loads every country."""
    import holidays as holidays_lib

    return sorted(holidays_lib.list_supported_countries())


def _language(country: str) -> str | None:
    return "zh_CN" if country in ("CN", "CHN") else None


@cache
def official_year(country: str, year: int) -> OfficialYear:
    """The library's answer for one country-year, from the disk cache when it has it."""
    path = _cache_file(country, year)
    if path is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(path.read_text(encoding="utf-8"))
            return OfficialYear({date.fromisoformat(d): n for d, n in data["off"].items()},
                                frozenset(date.fromisoformat(d) for d in data["work"]),
                                frozenset(data["weekend"]))
    import holidays as holidays_lib

    lib = holidays_lib.country_holidays(country, years=year, language=_language(country))
    found = OfficialYear({d: str(n) for d, n in lib.items() if d.year == year},
                         frozenset(d for d in lib.weekend_workdays if d.year == year),
                         frozenset(lib.weekend))
    if path is not None:
        _store(path, {"off": {d.isoformat(): n for d, n in sorted(found.off.items())},
                      "work": sorted(d.isoformat() for d in found.work),
                      "weekend": sorted(found.weekend)})
    return found


def _cache_file(country: str, year: int) -> Path | None:
    """Where this country-year is kept; the key changes whenever the library is reinstalled.

    The folder is read from the environment on every call (tests and users may point
    PROMOPLAN_CACHE_DIR elsewhere at any time); only the library's install stamp is kept.
    """
    stamp = _install_stamp()
    if stamp is None:
        return None
    root = os.environ.get("PROMOPLAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "promoplan")
    return Path(root) / "holidays" / f"{country}-{year}-{stamp}.json"


@cache
def _install_stamp() -> int | None:
    """When the holidays library was installed, found once: a plan looks up a dozen years
    (the last published schedule is searched for ten years back)."""
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent.stat().st_mtime_ns


def _store(path: Path, data: object) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    import tempfile  # only the first run of a year writes: the others skip its imports

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)

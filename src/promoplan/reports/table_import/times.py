"""What a start or due cell holds: an offset as the team wrote it, or a date.

A date comes in the ways Excel and people write them: a date cell, an Excel serial,
2024/10/14 10:00, 10月14日 15点, 10月14日晚上8点, 10.14 (text, or a number Excel kept),
and promoplan's own `10月13日 周日 休` / `Sun 13 Oct off` (休 and off mark a day off).
What is neither is said plainly: a vague time (待定, 年末, 10月下旬, 11.11当天) is no date,
and a number that may be two days (10.2: Excel drops the 0 of 10.20) is asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from promoplan.errors import Say


class CellError(ValueError):
    """A cell that is no time; the caller adds its place."""

    def __init__(self, message: Say, hint: Say | None = None) -> None:
        super().__init__(message.key)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Moment:
    """A date or date-time written in a cell; `year` is None when the team left it out (10月14日)."""

    year: int | None
    month: int
    day: int
    clock: time | None = None
    written: str = field(default="", compare=False)
    """The cell as the team wrote it, for messages."""


# Chinese characters, their punctuation and full-width forms: what a Chinese table is written in.
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")


def clean_text(value: Any) -> str:
    """A cell's text as one line: a line break Excel wrapped inside Chinese text goes away."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CJK_GAP.sub("", str(value))
    return re.sub(r"\s+", " ", text).strip()


_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MD = re.compile(r"(\d{1,2})\s*[./月-]\s*(\d{1,2})\s*日?")
_WEEKDAY = re.compile(r"\s*[（(]?\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）]?")
_EN_DAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+(\d{1,2})\s+"
                     r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{4}))?",
                     re.IGNORECASE)
"""`Tue 24 Sep`, `Tue 24 Sep 2024`: a day as promoplan's own English 进程表 writes it."""
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_OFF = re.compile(r"\s*(?:休|off)$", re.IGNORECASE)
"""The mark after a day off, as promoplan's own 进程表 writes it."""
_CELL_CLOCK = re.compile(
    r"(?:T|\s)*(\d{1,2})\s*(?:[:：]\s*(\d{2})(?::\d{2})?|[点时]\s*(?:(\d{1,2})\s*分?|(半))?)")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")

_DAY = r"(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[./月-]\s*\d{1,2}\s*日?"
_VAGUE = re.compile(
    r"待定|待确认|未定|另定|另行通知|视情况(?:而定)?|看情况|暂定|尽快|随时|长期|持续|全年|每天|每日"
    r"|(?:\d{4}\s*年\s*)?(?:年|\d{1,2}\s*月)\s*[未末底初中](?:\s*[-—~至到]\s*(?:年|\d{1,2}\s*月)?\s*[未末底初中])?"
    r"|(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?[上中下]旬"
    r"|(?:\d{4}\s*年\s*)?\d{1,2}\s*月份?"
    rf"|(?:约|大约|大概){_DAY}|{_DAY}\s*(?:当天|当日|前后|左右|之前|以前|前|之后|以后|后|附近|起)"
    r"|tbd|tba|tbc|n/a|asap|soon|later|(?:early|mid|late)[\s-]+[a-z]+|end\s+of\s+[a-z]+",
    re.IGNORECASE)
"""A time that is no date: 待定, 年末 (seed 004 writes 年未), 10月下旬, 11.11当天, 10月, TBD."""
_YEARLY = re.compile(r"年\s*[未末底初中]")


def read_time(value: Any) -> str | Moment:
    """A start or due cell: the offset text as written, or the date it holds.

    Raises CellError (a ValueError) for what is neither.
    """
    if isinstance(value, datetime):
        clock = time(value.hour, value.minute) if (value.hour, value.minute) != (0, 0) else None
        return Moment(value.year, value.month, value.day, clock)
    if isinstance(value, date):
        return Moment(value.year, value.month, value.day)
    if isinstance(value, time):
        raise CellError(Say("tables.clock-without-day", clock=f"{value:%H:%M}"),
                        Say("tables.clock-without-day-fix"))
    if isinstance(value, bool):
        raise CellError(Say("tables.not-a-time", text=str(value)), Say("tables.date-fix"))
    if isinstance(value, int | float):
        return _number(value)
    text = clean_text(value)
    if _SERIAL.fullmatch(text):
        return _number(float(text))
    if _VAGUE.fullmatch(text):
        raise CellError(Say("tables.vague", text=text),
                        Say("tables.vague-yearly-fix" if _YEARLY.search(text) else "tables.vague-fix"))
    moment = _date_text(text)
    return moment if moment is not None else text


def read_clock(value: Any) -> time:
    """A 时间 cell beside a 日期 cell: 20:00, 20点, 晚上8点, or a time Excel keeps."""
    from promoplan.schedule.daytime import OffsetError, parse_clock

    if isinstance(value, datetime):
        return time(value.hour, value.minute)
    if isinstance(value, time):
        return time(value.hour, value.minute)
    text = clean_text(value)
    try:
        return parse_clock(re.sub(r"(\d{1,2}:\d{2}):\d{2}$", r"\1", text))
    except OffsetError:
        raise CellError(Say("tables.not-a-clock", text=text), Say("tables.clock-fix")) from None


def _number(value: float) -> Moment:
    """A number in a date column: an Excel date serial, or 10.14 typed as a number.

    Excel keeps 10.20 typed in a cell as the number 10.2: one decimal may be a day of one
    digit or of two. When only one of them is a day of that month (11.5 is 11月5日, as 11月50日
    is none), that is the day; when both are (10.2), the team is asked.
    """
    if value >= 60:
        from openpyxl.utils.datetime import from_excel  # type: ignore[import-untyped]

        try:
            moment = from_excel(value)
        except (OverflowError, ValueError):
            raise CellError(Say("tables.not-a-date-number", number=f"{value:g}"),
                            Say("tables.date-fix")) from None
        assert isinstance(moment, datetime)
        return read_time(moment.replace(second=0, microsecond=0))  # type: ignore[return-value]
    month = int(value)
    hundredths = round((value - month) * 100)
    if 1 <= month <= 12 and abs(value - month - hundredths / 100) < 1e-9 and hundredths:
        days = [hundredths] if hundredths % 10 else [hundredths // 10, hundredths]
        days = [d for d in days if _is_day(month, d)]
        if len(days) == 2:
            short, long = days
            raise CellError(Say("tables.two-days", number=f"{value:g}", month=month, short=short,
                                long=long),
                            Say("tables.two-days-fix", month=month, short=short))
        if days:
            return Moment(None, month, days[0], written=f"{value:g}")
    raise CellError(Say("tables.not-a-time", text=f"{value:g}"), Say("tables.date-fix"))


def _is_day(month: int, day: int) -> bool:
    try:
        date(2000, month, day)  # 2000: 2月29日 may be right in some year
    except ValueError:
        return False
    return True


def _date_text(text: str) -> Moment | None:
    """`2024/10/14 10:00`, `10月14日 15点`, `10.14`: a written date, or None when the text is no date."""
    m = _YMD.match(text)
    year: int | None = None
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _EN_DAY.match(text):
        day, month = int(m.group(1)), _MONTHS.index(m.group(2).lower()) + 1
        year = int(m.group(3)) if m.group(3) else None
    else:
        m = _MD.match(text)
        if not m:
            return None
        month, day = int(m.group(1)), int(m.group(2))
    rest = _DAY_OFF.sub("", _WEEKDAY.sub("", text[m.end():], count=1).strip())
    clock = _clock_after(text, rest) if rest else None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise CellError(Say("tables.no-such-date", text=text), Say("tables.date-fix"))
    if not _is_day(month, day) or (year is not None and not _exists(year, month, day)):
        raise CellError(Say("tables.no-such-date", text=text), Say("tables.date-fix"))
    return Moment(year, month, day, clock, text)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _clock_after(text: str, rest: str) -> time:
    """The time after a date: 10:00, 15点, 15点30分, 16点半, or as said (晚上8点)."""
    from promoplan.schedule.daytime import OffsetError, parse_clock

    c = _CELL_CLOCK.fullmatch(rest)
    if c:
        hour = int(c.group(1))
        minute = int(c.group(2) or c.group(3) or 0) if not c.group(4) else 30
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise CellError(Say("tables.no-such-clock", clock=f"{hour}:{minute:02d}", text=text),
                            Say("tables.no-such-clock-fix"))
        return time(hour, minute)
    try:
        return parse_clock(rest)
    except OffsetError:
        raise CellError(Say("tables.after-date", text=text, rest=rest), Say("tables.date-fix")) from None

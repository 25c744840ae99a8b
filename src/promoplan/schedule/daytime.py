"""The time of day in the offset language: 18:00, 15点, 8点半, 晚上8点, 凌晨1点.

The lowest layer of the language, below offsets.py (anchors, shifts, month edges): a time
of day also stands alone (an anchor's `time:`), and the error type and the Chinese
numerals are shared by both.

A 运营 writes a clock as it is said. A period of the day (凌晨, 早上, 上午, 中午, 下午, 晚上)
tells which half of the day a 1-12 hour is in: 晚上8点 is 20:00, 下午3点 15:00, 凌晨1点
01:00 of the day it names. A 24-hour hour may carry a period too (下午15点, as seed 003
writes 晚上21點), when it lies in it. Three things are refused, each with the spelling
that says it plainly, because guessing would move a task by half a day:

- a time outside its period (上午15点: did you mean 下午3点?);
- 晚上12点 and 晚上0点: midnight, where one day ends and the next begins;
- 晚上1点 to 晚上4点: the small hours of the next day (seed 003's 晚上1點前), which the
  same offset written with 凌晨 and one day later says without doubt.

凌晨12点 is the midnight that starts the day it names, as 凌晨1点 is that day's 01:00.
"""

from __future__ import annotations

import re
from datetime import time

from promoplan.errors import Say


class OffsetError(ValueError):
    """An offset that cannot be read; the caller adds the file position."""

    def __init__(self, message: str | Say, hint: str | Say | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def unreadable(src: str, why: Say) -> Say:
    """`cannot read '开团前2夭': why`: the offset as written, and what is wrong with it."""
    return Say("schedule.cannot-read", src=src, why=why)


# Small and 大写 numerals (the forms on cheques and contracts, which some teams type).
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
              "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
              "捌": 8, "九": 9, "玖": 9}
_CN_TENS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUM = rf"(?:\d+|[{''.join(_CN_DIGITS)}{''.join(_CN_TENS)}]+)"
"""A number as a regular expression: Arabic digits or a run of Chinese numerals."""

# Each period: the hours 1..N written with it that mean N+12 (下午3点 = 15:00), and the
# first and last hour of the day it covers. They overlap as people speak: 下午6点 and
# 晚上6点 are both 18:00, 凌晨6点 and 早上6点 both 06:00.
_PERIODS: dict[str, tuple[int, int, int]] = {
    "凌晨": (0, 0, 6), "早上": (0, 5, 11), "上午": (0, 5, 11),
    "中午": (4, 11, 13), "下午": (11, 12, 18), "晚上": (11, 17, 23),
}
PERIOD_WORDS: tuple[str, ...] = tuple(_PERIODS)
CN_CLOCK = re.compile(rf"({'|'.join(_PERIODS)})?(?:({CN_NUM})[点时](?:({CN_NUM})分?|(半)|整)?"
                      rf"|(\d{{1,2}}):(\d{{2}}))")
"""A clock time: an optional period, then 15点, 16点30分, 16点半, 10点整 or 15:00."""
CLOCK_HINT = Say("schedule.clock-fix")
# Full-width forms an input method types (８：３０, ＋1d, ＠) read as their ASCII twins.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_ANY_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def cn_number(text: str) -> int:
    """Arabic digits or Chinese numerals (十五, 三十, 一百二十, 两, 拾伍) as an int."""
    if text.isdigit():
        return int(text)
    total = num = 0
    for ch in text:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
        else:
            total += (num or 1) * _CN_TENS[ch]
            num = 0
    return total + num


def ascii_width(text: str) -> str:
    """`text` with full-width ASCII as ASCII; looked for first, as nearly no text has any."""
    return text.translate(_FULL_WIDTH) if _ANY_FULL_WIDTH.search(text) else text


def has_cjk(text: str) -> bool:
    """Chinese characters mean the Chinese spelling (full-width ASCII is not among them)."""
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def make_clock(hour: int, minute: int, src: str) -> time:
    """The time, or the message for 25点 and 10:61 (the written numbers, before any period)."""
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise OffsetError(Say("schedule.no-such-time", time=f"{hour}:{minute:02d}", src=src),
                          Say("schedule.no-such-time-fix"))
    return time(hour, minute)


def cn_clock(text: str, src: str, prefix: str = "", next_day: str | None = None) -> time:
    """`text`, the clock that ends `src`, as a time of day.

    For the fixes in messages: `prefix` is what `src` says before the clock (开团前1天), and
    `next_day` the same offset one day later (开团当天), when there is such a spelling.
    """
    m = CN_CLOCK.fullmatch(text)
    if not m:
        raise OffsetError(unreadable(src, Say("schedule.unexpected", rest=text)), CLOCK_HINT)
    if m.group(5) is not None:
        hour, minute, number = int(m.group(5)), int(m.group(6)), 5
    else:
        hour = cn_number(m.group(2))
        minute = 30 if m.group(4) else (cn_number(m.group(3)) if m.group(3) else 0)
        number = 2
    clock = make_clock(hour, minute, src)
    period = m.group(1)
    if period is None:
        return clock
    said, after = text[m.start(number):], text[m.end(number):]  # 8点半, 点半
    if period == "凌晨" and hour == 12:
        return time(0, minute)
    if period == "晚上" and (hour <= 4 or hour == 12):
        if hour % 12 == 0 and minute == 0:
            raise OffsetError(
                unreadable(src, Say("schedule.midnight", said=f"{period}{said}")),
                Say("schedule.midnight-which", next=f"{next_day}0点", end=f"{prefix}23点59分")
                if next_day is not None else Say("schedule.midnight-fix", end=f"{prefix}23点59分"))
        small = f"凌晨{hour % 12}{after}"
        raise OffsetError(
            unreadable(src, Say("schedule.after-midnight", said=f"{period}{said}")),
            Say("error.did-you-mean", name=f"{next_day}{small}") if next_day is not None else
            Say("schedule.after-midnight-fix", small=small))
    plus, first, last = _PERIODS[period]
    hour24 = hour + 12 if 1 <= hour <= plus else hour
    if not first <= hour24 <= last:
        word, spoken = _spoken(hour24)
        raise OffsetError(unreadable(src, Say("schedule.outside-period", period=period,
                                              span=f"{first:02d}:00-{last:02d}:59",
                                              time=f"{hour24:02d}:{minute:02d}")),
                          Say("error.did-you-mean", name=f"{prefix}{word}{spoken}{after}"))
    return time(hour24, minute)


def _spoken(hour: int) -> tuple[str, int]:
    """How a 24-hour hour is said with its period: 凌晨1点, 上午9点, 中午12点, 下午3点, 晚上8点."""
    if hour < 6:
        return "凌晨", hour
    if hour < 12:
        return "上午", hour
    if hour == 12:
        return "中午", hour
    return ("下午" if hour < 18 else "晚上"), hour - 12


def parse_clock(text: str) -> time:
    """An anchor's time of day: `10:00` (or `10点`, `晚上8点`, `８：００`)."""
    src = str(text).strip()
    folded = ascii_width(src)
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", folded)
    if m:
        return make_clock(int(m.group(1)), int(m.group(2)), src)
    if has_cjk(folded):
        return cn_clock(folded, src)
    raise OffsetError(Say("schedule.not-a-time", src=src), Say("playbook.time-fix"))


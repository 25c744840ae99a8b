"""The offset language: when something happens relative to an anchor or a task.

Two spellings, one meaning. Compact (``open-1d@18:00``, ``task:a.due+1h30min``)
for people who like symbols, and Chinese exactly as teams write their sheets
(``开团前1天18点``, ``竞拍完后1天``, ``开团后半小时``, ``开团前1天晚上8点``, ``开团前叁天``).
Both parse to the same `Offset`, so the resolver never needs to know which one was written.
Full-width digits and signs (８：３０, ＋1d) read as their ASCII twins, 大写 numerals
(壹贰叁…拾) as any other Chinese number; the time of day (晚上8点 and its mistakes) is read
by daytime.py. A clock time after hours or minutes is refused: it would silently undo them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from typing import Literal

from promoplan.errors import Say, did_you_mean
from promoplan.playbook.merged import listed
from promoplan.schedule.daytime import (
    CN_CLOCK,
    CN_NUM,
    PERIOD_WORDS,
    ascii_width,
    cn_clock,
    has_cjk,
    make_clock,
    unreadable,
)
from promoplan.schedule.daytime import OffsetError as OffsetError
from promoplan.schedule.daytime import cn_number as cn_number
from promoplan.schedule.daytime import parse_clock as parse_clock

Unit = Literal["d", "wd", "w", "mo", "h", "min"]
DAY_UNITS: frozenset[str] = frozenset({"d", "wd", "w", "mo"})
UNITS: tuple[str, ...] = ("wd", "min", "mo", "d", "w", "h")
Edge = Literal["start", "mid", "end"]
EDGES: tuple[Edge, ...] = ("start", "mid", "end")


@dataclass(frozen=True, slots=True)
class Shift:
    """One signed term of an offset: `-3d`, `+25min`, `+2mo`."""

    amount: int
    unit: Unit


@dataclass(frozen=True, slots=True)
class Ref:
    """What an offset counts from: an anchor, or a task's start or due."""

    name: str
    task_field: Literal["start", "due"] | None = None

    @property
    def is_task(self) -> bool:
        return self.task_field is not None


@dataclass(frozen=True, slots=True)
class MonthEdge:
    """A month's first day, its 15th or its last day, taken after the shifts.

    Without `month` it is the month the shifted date falls in (`open+1mo@month-end`,
    开团次月底). With `month` (1-12) it is that month of the year, searched from the
    shifted date: the first one on or after it (`event>12-end`, 双十一后12月底) or, with
    `direction` -1, the last one on or before it (`event<10-start`, 双十一前10月初).
    """

    edge: Edge
    month: int | None = None
    direction: int = 1
    """1: the first such day on or after the date; -1: the last on or before it."""

    def compact(self) -> str:
        if self.month is None:
            return f"@month-{self.edge}"
        return f"{'>' if self.direction > 0 else '<'}{self.month}-{self.edge}"


@dataclass(frozen=True, slots=True)
class Offset:
    """A parsed offset: shifts applied in order, then the month edge, then the clock."""

    ref: Ref
    shifts: tuple[Shift, ...] = ()
    month_edge: MonthEdge | None = None
    clock: time | None = None

    @property
    def day_resolution(self) -> bool:
        """Day shifts or a month edge without a clock time name a whole day, not a moment."""
        if self.clock is not None:
            return False
        if self.month_edge is not None:
            return True
        return bool(self.shifts) and all(s.unit in DAY_UNITS for s in self.shifts)

    def compact(self) -> str:
        """The compact spelling, for messages and for showing what a Chinese form meant."""
        ref = f"task:{self.ref.name}.{self.ref.task_field}" if self.ref.is_task else self.ref.name
        text = ref
        sign = ""
        for shift in self.shifts:
            this = "-" if shift.amount < 0 else "+"
            if this != sign:
                text += this
                sign = this
            text += f"{abs(shift.amount)}{shift.unit}"
        if self.month_edge is not None:
            text += self.month_edge.compact()
        if self.clock is not None:
            text += f"@{self.clock:%H:%M}"
        return text


# ---------------------------------------------------------------- compact form

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TASK_REF = re.compile(r"task:([A-Za-z0-9_-]+?)(?:\.(start|due))?(?=$|[+@<>\s]|-\d)")
_SIGNED = re.compile(r"\s*([+-])\s*")
_TERM = re.compile(r"(\d+)(?:\.(\d+))?\s*([A-Za-z]+)")
_CLOCK = re.compile(r"\s*@\s*(\d{1,2}):(\d{2})\s*$")
_AT_WORD = re.compile(r"\s*@\s*([A-Za-z][A-Za-z-]*)")
_NAMED_MONTH = re.compile(r"\s*([<>])\s*(\d*)(?:-([A-Za-z]*))?")


def parse_duration(text: str) -> tuple[Shift, ...]:
    """`3d`, `1h30min`, `30min`, `2wd`, or `3天`, `半小时`, `2个工作日`: a positive length."""
    src = ascii_width(str(text).strip())
    if not src:
        raise OffsetError(Say("schedule.empty-duration"), Say("schedule.duration-fix"))
    if has_cjk(src):
        shifts, rest = _cn_terms(src, 1)
        if rest:
            raise OffsetError(Say("schedule.duration-unexpected", src=src, rest=rest),
                              Say("schedule.cn-duration-fix"))
    else:
        shifts, pos = _compact_terms(src, 0, 1)
        if pos != len(src):
            raise OffsetError(Say("schedule.duration-unexpected", src=src, rest=src[pos:]),
                              Say("schedule.duration-fix"))
    if not shifts:
        raise OffsetError(Say("schedule.not-duration", src=src), Say("schedule.duration-fix"))
    return tuple(shifts)


def parse_offset(text: str, vocab: Mapping[str, str]) -> Offset:
    """Parse either spelling; `vocab` maps anchor names, labels and aliases to anchor names."""
    src = str(text).strip()
    if not src:
        raise OffsetError(Say("schedule.empty-offset"), Say("schedule.empty-offset-fix"))
    folded = ascii_width(src)
    if folded != src:  # rare: fold the anchor words too, so a full-width label still matches
        vocab = {ascii_width(word): name for word, name in vocab.items()}
    if has_cjk(folded):
        return _parse_chinese(src, vocab)
    return _parse_compact(folded, vocab)


def _parse_compact(src: str, vocab: Mapping[str, str]) -> Offset:
    names = sorted({v for v in vocab.values()})
    task = _TASK_REF.match(src)
    if task is None and src.startswith("task:"):
        tid = re.match(r"task:([A-Za-z0-9_-]*)", src)
        shown = tid.group(1) if tid and tid.group(1) else "ID"
        raise OffsetError(unreadable(src, Say("schedule.task-field")),
                          Say("schedule.task-field-fix", example=f"task:{shown}.due"))
    if task:
        ref = Ref(task.group(1), "start" if task.group(2) == "start" else "due")
        pos = task.end()
    else:
        ident = _IDENT.match(src)
        if not ident:
            if src[0] in "@<>" and not _CLOCK.match(src):
                raise OffsetError(unreadable(src, Say("schedule.edge-needs-anchor")),
                                  Say("schedule.edge-needs-anchor-fix"))
            raise OffsetError(
                unreadable(src, Say("schedule.anchor-first")),
                Say("playbook.anchors", names=listed(list(names))) if names else None,
            )
        word = ident.group(0)
        if word not in vocab:
            raise OffsetError(
                Say("schedule.unknown-anchor-in", name=word, src=src),
                did_you_mean(word, names) or
                (Say("playbook.anchors", names=listed(list(names))) if names else None),
            )
        ref = Ref(vocab[word])
        pos = ident.end()
    shifts: list[Shift] = []
    while True:
        sign = _SIGNED.match(src, pos)
        if not sign:
            break
        terms, pos = _compact_terms(src, sign.end(), -1 if sign.group(1) == "-" else 1)
        if not terms:
            raise OffsetError(unreadable(src, Say("schedule.number-after", word=sign.group(1))),
                              Say("schedule.signed-fix"))
        shifts.extend(terms)
    month_edge, pos = _compact_month_edge(src, pos, src[:task.end()] if task else ref.name)
    clock = None
    tail = src[pos:]
    if tail.strip():
        m = _CLOCK.match(tail)
        if not m:
            raise OffsetError(unreadable(src, Say("schedule.unexpected", rest=tail.strip())),
                              Say("schedule.compact-form-fix"))
        clock = make_clock(int(m.group(1)), int(m.group(2)), src)
        ref_text = src[:task.end()] if task else ref.name
        _clock_after_days(shifts, src, Say("schedule.either", first=f"{ref_text}@{clock:%H:%M}",
                                           second=f"{ref_text}+1d@{clock:%H:%M}"))
    return Offset(ref, tuple(shifts), month_edge, clock)


def _clock_after_days(shifts: list[Shift], src: str, hint: Say) -> None:
    """A clock time sets the time of a day: after hours or minutes it would silently undo them."""
    if any(s.unit in ("h", "min") for s in shifts):
        raise OffsetError(unreadable(src, Say("schedule.clock-after-hours")), hint)


_EDGE_WORDS = tuple(f"@month-{e}" for e in EDGES)
_EDGE_OF: dict[str, Edge] = {e: e for e in EDGES}


def _compact_month_edge(src: str, pos: int, ref: str) -> tuple[MonthEdge | None, int]:
    """`@month-end` (the month the date is in) or `>12-end` / `<10-start` (a named month)."""
    at = _AT_WORD.match(src, pos)
    if at:
        word = "@" + at.group(1)
        if word not in _EDGE_WORDS:
            raise OffsetError(Say("schedule.unknown-edge", word=word, src=src),
                              did_you_mean(word, _EDGE_WORDS) or Say("schedule.edge-fix"))
        return MonthEdge(_EDGE_OF[word.removeprefix("@month-")]), at.end()
    named = _NAMED_MONTH.match(src, pos)
    if not named:
        return None, pos
    arrow, number, edge = named.group(1), named.group(2), named.group(3)
    example = Say("schedule.named-month-fix", ref=ref)
    if not number:
        raise OffsetError(unreadable(src, Say("schedule.month-number", arrow=arrow)), example)
    month = int(number)
    if not 1 <= month <= 12:
        raise OffsetError(Say("schedule.no-month", month=month, src=src),
                          Say("schedule.months-fix", example=example))
    if edge not in _EDGE_OF:
        found = Say("playbook.found-text", value=edge) if edge else Say("playbook.found-nothing")
        raise OffsetError(unreadable(src, Say("schedule.edge-word", after=f"{arrow}{month}-",
                                              found=found)), example)
    return MonthEdge(_EDGE_OF[edge], month, 1 if arrow == ">" else -1), named.end()


def _compact_terms(src: str, pos: int, sign: int) -> tuple[list[Shift], int]:
    terms: list[Shift] = []
    while True:
        m = _TERM.match(src, pos)
        if not m:
            return terms, pos
        whole, frac, unit = m.group(1), m.group(2), m.group(3)
        if unit not in UNITS:
            hint = did_you_mean(unit, UNITS) or Say("schedule.units")
            if unit in ("m", "M"):
                hint = Say("schedule.unit-m-fix")
            raise OffsetError(Say("schedule.unknown-unit-in", unit=unit, src=src), hint)
        if frac is not None:
            raise OffsetError(Say("schedule.whole-numbers-in", term=m.group(0), src=src),
                              Say("schedule.whole-numbers-fix"))
        terms.append(Shift(sign * int(whole), unit))  # type: ignore[arg-type]
        pos = m.end()


# ---------------------------------------------------------------- Chinese form

_CN_UNITS: list[tuple[str, Unit, int]] = [
    ("个工作日", "wd", 1), ("工作日", "wd", 1),
    ("个星期", "w", 1), ("星期", "w", 1), ("周", "w", 1),
    ("个小时", "h", 1), ("小时", "h", 1), ("个钟头", "h", 1), ("钟头", "h", 1),
    ("分钟", "min", 1), ("分", "min", 1),
    ("天", "d", 1), ("日", "d", 1),
    ("个月", "mo", 1),
]
_CN_TERM = re.compile(rf"({CN_NUM})?(个半小时|半小时|个工作日|工作日|个星期|星期|周|个小时|小时|"
                      rf"个钟头|钟头|分钟|分|天|日|个月)")
_CN_NUM_ONLY = re.compile(rf"{CN_NUM}")
_NUMERALS = "一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"
_FILLERS = ("完成", "成功", "结束", "完", "时")
_BEFORE = ("之前", "以前", "前")
_AFTER = ("之后", "以后", "后")
_SAME_DAY = ("当天", "当日")
# 开团当月底, 双十一次月初, 上个月底: the anchor's month, the next or the previous.
_RELATIVE_MONTHS = (("当月", 0), ("本月", 0), ("次月", 1), ("下个月", 1), ("下月", 1),
                    ("上个月", -1), ("上月", -1))
_CN_EDGES: dict[str, Edge] = {"初": "start", "中": "mid", "底": "end"}
_CN_NAMED_MONTH = re.compile(rf"({CN_NUM})月([初中底]?)")
# What a month's edge written without an anchor starts with (月底, 当月初, 12月底).
_CN_EDGE_ALONE = re.compile(rf"(?:当月|本月|次月|下个?月|上个?月|{CN_NUM}月|月)[初中底]")
# 开团后2个月的月底: a month's edge after shifts.
_CN_EDGE_AFTER = re.compile(r"的?月([初中底])")


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """Anchor words, longest first, so 团购开始 wins over a shorter word it starts with."""
    return tuple(sorted(words, key=len, reverse=True))


def _parse_chinese(src: str, vocab: Mapping[str, str]) -> Offset:
    text = re.sub(r"\s+", "", ascii_width(src))
    word = next((w for w in _longest_first(tuple(vocab)) if text.startswith(w)), None)
    if word is None:
        labels = [w for w in vocab if has_cjk(w)]
        if _CN_EDGE_ALONE.match(text):
            raise OffsetError(unreadable(src, Say("schedule.edge-needs-anchor")),
                              Say("schedule.cn-edge-needs-anchor-fix"))
        if CN_CLOCK.fullmatch(text):
            raise OffsetError(unreadable(src, Say("schedule.clock-needs-anchor")),
                              Say("schedule.clock-needs-anchor-fix",
                                  example=f"{labels[0] if labels else '开团'}当天{text}"))
        guess = re.split(rf"完|成功|结束|前|后|当天|当日|{'|'.join(PERIOD_WORDS)}|\d|[{_NUMERALS}半]",
                         text)[0] or text
        raise OffsetError(
            Say("schedule.unknown-anchor-in", name=guess, src=src),
            did_you_mean(guess, labels) or
            (Say("playbook.anchors", names=listed(list(labels))) if labels else None),
        )
    ref = Ref(vocab[word])
    rest = text[len(word):]

    def clock_of(tail: str, next_day: str | None = None) -> time | None:
        """The clock that ends the text, if any; the fixes in its messages repeat the start."""
        return cn_clock(tail, src, text[:len(text) - len(tail)], next_day) if tail else None

    for filler in _FILLERS:
        if rest.startswith(filler) and not rest.startswith("时间"):
            rest = rest[len(filler):]
            break
    if not rest:
        return Offset(ref)
    for same in _SAME_DAY:
        if rest.startswith(same):
            rest = rest[len(same):]
            if not rest:
                return Offset(ref, (Shift(0, "d"),))
            return Offset(ref, clock=clock_of(rest, f"{word}后1天"))
    relative = next(((w, n) for w, n in _RELATIVE_MONTHS if rest.startswith(w)), None)
    if relative is not None:
        said, months = relative
        rest = rest[len(said):]
        edge = None if rest.startswith("中午") else _CN_EDGES.get(rest[:1])
        if edge is None:
            raise OffsetError(unreadable(src, Say("schedule.edge-after", said=said)),
                              Say("schedule.edge-after-fix", said=said))
        return Offset(ref, (Shift(months, "mo"),) if months else (), MonthEdge(edge),
                      clock_of(rest[1:]))
    sign, signed = 1, False
    for words, value in ((_BEFORE, -1), (_AFTER, 1)):
        hit = next((w for w in words if rest.startswith(w)), None)
        if hit:
            sign, signed, rest = value, True, rest[len(hit):]
            break
    named = _CN_NAMED_MONTH.match(rest)
    if named:
        in_month, rest = _cn_named_month(src, word, sign, named)
        return Offset(ref, (), in_month, clock_of(rest))
    clock = CN_CLOCK.fullmatch(rest)
    # 开团18点, 开团前晚上8点: a clock with no day to be on (开团前2时 is left to the unit hint).
    if clock and (clock.group(1) or not (signed or "时" in rest)):
        day = f"{word}前1天" if sign < 0 else f"{word}当天"
        raise OffsetError(unreadable(src, Say("schedule.clock-needs-day")),
                          Say("error.did-you-mean", name=f"{day}{rest}"))
    shifts, rest = _cn_terms(rest, sign)
    if not shifts:
        raise OffsetError(unreadable(src, Say("schedule.number-after", word=word)), _CN_UNIT_HINT)
    month_edge = None
    after = _CN_EDGE_AFTER.match(rest)
    if after:
        month_edge, rest = MonthEdge(_CN_EDGES[after.group(1)]), rest[after.end():]
    elif rest[:1] in _CN_EDGES and not rest.startswith("中午"):
        said = text[:len(text) - len(rest)]
        raise OffsetError(unreadable(src, Say("schedule.unexpected", rest=rest)),
                          Say("error.did-you-mean", name=f"{said}的月{rest[0]}"))
    at = clock_of(rest, None if month_edge else _day_after(word, shifts))
    if at is not None:
        _clock_after_days(shifts, src, Say("schedule.either", first=f"{word}当天{rest}",
                                           second=f"{word}后1天{rest}"))
    return Offset(ref, tuple(shifts), month_edge, at)


def _day_after(word: str, shifts: list[Shift]) -> str | None:
    """The same offset one day later (开团前1天 → 开团当天), for a fix; None unless plain days."""
    if len(shifts) != 1 or shifts[0].unit != "d":
        return None
    days = shifts[0].amount + 1
    return f"{word}当天" if days == 0 else f"{word}{'前' if days < 0 else '后'}{abs(days)}天"


def _cn_named_month(src: str, word: str, sign: int, named: re.Match[str]) -> tuple[MonthEdge, str]:
    """双十一后12月底: the first 12-31 on or after the anchor; 双十一前10月初: the last 10-01.

    The month's edge and the text after it (a clock time, read by the caller).
    """
    number, edge = named.group(1), _CN_EDGES.get(named.group(2))
    month = cn_number(number)
    if edge is None:
        raise OffsetError(unreadable(src, Say("schedule.month-not-length", number=number)),
                          Say("schedule.named-month-not-length-fix", number=number))
    if not 1 <= month <= 12:
        raise OffsetError(Say("schedule.no-month", month=month, src=src),
                          Say("schedule.cn-months-fix", word=word))
    return MonthEdge(edge, month, sign), named.string[named.end():]


# Characters a hurried typist (or an input method) puts in place of a unit.
_LOOKALIKES = {"夭": "天", "大": "天", "曰": "日", "目": "日", "舟": "周", "份": "分", "时": "小时"}
_CN_UNIT_HINT = Say("schedule.cn-units")


def _cn_terms(text: str, sign: int) -> tuple[list[Shift], str]:
    shifts: list[Shift] = []
    while text:
        frac = re.match(rf"(\d+\.\d+)({'|'.join(w for w, _, _ in _CN_UNITS)})", text)
        if frac:
            raise OffsetError(unreadable(frac.group(0), Say("schedule.whole-numbers")),
                              Say("schedule.cn-whole-numbers-fix"))
        m = _CN_TERM.match(text)
        if not m:
            num = _CN_NUM_ONLY.match(text)
            # A clock time (18点) may follow a day shift, never stand in for the shift itself.
            if num and (not shifts or not CN_CLOCK.match(text)):
                _month_not_unit(num.group(0), text[num.end():])
                after = text[num.end():num.end() + 1]
                hint = _LOOKALIKES.get(after)
                raise OffsetError(Say("schedule.unknown-unit-after", unit=after, number=num.group(0))
                                  if after else Say("schedule.missing-unit", number=num.group(0)),
                                  Say("error.did-you-mean", name=hint) if hint else _CN_UNIT_HINT)
            break
        count = cn_number(m.group(1)) if m.group(1) else None
        unit_word = m.group(2)
        if unit_word.endswith("半小时"):
            if count:
                shifts.append(Shift(sign * count, "h"))
            shifts.append(Shift(sign * 30, "min"))
        else:
            if count is None:
                raise OffsetError(Say("schedule.missing-number", unit=unit_word), _CN_UNIT_HINT)
            unit = next(u for w, u, _ in _CN_UNITS if w == unit_word)
            shifts.append(Shift(sign * count, unit))
        text = text[m.end():]
        if shifts[-1].unit == "h" and text.startswith("半"):  # 1小时半 = 1h30min
            shifts.append(Shift(sign * 30, "min"))
            text = text[1:]
    return shifts, text


def _month_not_unit(number: str, after: str) -> None:
    """`2月` is February, not two months; `一个半月` has no whole unit."""
    if after.startswith("月"):
        raise OffsetError(Say("schedule.month-not-length", number=number),
                          Say("schedule.month-not-length-fix", number=number))
    if after.startswith("个半月"):
        raise OffsetError(unreadable(f"{number}个半月", Say("schedule.half-month")),
                          Say("schedule.half-month-fix", number=number))


@dataclass(frozen=True, slots=True)
class Reminder:
    """When a calendar should remind someone of a task, counted back from its start."""

    before: tuple[Shift, ...] = ()
    clock: time | None = None
    """With whole days: that many days before, at this time (1d@09:00 = the morning before)."""
    off: bool = False


def parse_remind(text: str) -> Reminder:
    """`15min`, `1h`, `1d@09:00`, `提前1天` style durations, or `none` for no reminder."""
    src = ascii_width(str(text).strip())
    if src.lower() in ("none", "off", "no", "false") or src in ("无", "不提醒"):
        return Reminder(off=True)
    length, at, clock_text = src.partition("@")
    length = length.removeprefix("提前")
    shifts = parse_duration(length) if length.strip() not in ("0", "0min") else ()
    if any(s.unit == "mo" for s in shifts):
        raise OffsetError(unreadable(src, Say("schedule.remind-months")), Say("schedule.remind-fix"))
    clock = None
    if at:
        if not shifts or any(s.unit not in DAY_UNITS for s in shifts):
            raise OffsetError(unreadable(src, Say("schedule.remind-clock")),
                              Say("schedule.remind-clock-fix"))
        clock = parse_clock(clock_text)
    return Reminder(shifts, clock)

"""Every time expression of the Juhuasuan table (seed 004) and the design's forms."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import time

import pytest

from promoplan.schedule.offsets import (
    MonthEdge,
    Offset,
    OffsetError,
    Ref,
    Shift,
    cn_number,
    parse_duration,
    parse_offset,
    parse_remind,
)

VOCAB = {
    "event": "event", "双十一": "event",
    "signup": "signup", "报名": "signup",
    "auction": "auction", "竞拍": "auction",
    "schedule": "schedule", "排期": "schedule",
    "open": "open", "开团": "open", "团购开始": "open",
}

SEED_FORMS = [
    ("报名前20天", "signup-20d"),
    ("报名前1天", "signup-1d"),
    ("竞拍前3天", "auction-3d"),
    ("竞拍后2天", "auction+2d"),
    ("竞拍完后1天", "auction+1d"),
    ("竞拍完后10天", "auction+10d"),
    ("竞拍完后10 天", "auction+10d"),  # the extraction's stray space
    ("竞拍成功当天", "auction+0d"),
    ("排期前20天", "schedule-20d"),
    ("排期前3天", "schedule-3d"),
    ("开团前18天", "open-18d"),
    ("开团前1天", "open-1d"),
    ("开团前1小时", "open-1h"),
    ("开团前一小时", "open-1h"),
    ("开团前半小时", "open-30min"),
    ("开团前三十分钟", "open-30min"),
    ("开团前3分钟", "open-3min"),
    ("开团前1分钟", "open-1min"),
    ("开团5分钟", "open+5min"),
    ("开团25分钟", "open+25min"),
    ("开团120分钟", "open+120min"),
    ("开团后25分钟", "open+25min"),
    ("开团后50分钟", "open+50min"),
    ("开团后半小时", "open+30min"),
    ("开团后1小时", "open+1h"),
    ("开团后1天", "open+1d"),
    ("开团后8天", "open+8d"),
    ("开团当天", "open+0d"),
    ("开团当天15点", "open@15:00"),
    ("开团当天16点30分", "open@16:30"),
    ("开团当天16点半", "open@16:30"),
    ("报名前5个工作日", "signup-5wd"),
    ("开团前四十五分钟", "open-45min"),
    ("开团后1个半小时", "open+1h30min"),
    ("开团前1天18点", "open-1d@18:00"),
    ("团购开始后十五分钟", "open+15min"),
    ("报名当天", "signup+0d"),
]


@pytest.mark.parametrize(("text", "compact"), SEED_FORMS)
def test_chinese_forms_mean_their_compact_twin(text: str, compact: str) -> None:
    assert parse_offset(text, VOCAB).compact() == compact
    assert parse_offset(compact, VOCAB) == parse_offset(text, VOCAB)


MONTH_FORMS = [
    ("双十一后2个月", "event+2mo"),
    ("开团前1个月", "open-1mo"),
    ("开团后两个月", "open+2mo"),
    ("开团后十二个月", "open+12mo"),
    ("开团后1个月2天", "open+1mo2d"),
    ("开团后2个月18点", "open+2mo@18:00"),
    ("开团当月底", "open@month-end"),
    ("开团当月初", "open@month-start"),
    ("开团当月中", "open@month-mid"),
    ("开团本月底", "open@month-end"),
    ("开团当月底18点", "open@month-end@18:00"),
    ("双十一次月底", "event+1mo@month-end"),
    ("双十一下月底", "event+1mo@month-end"),
    ("双十一下个月底", "event+1mo@month-end"),
    ("开团次月初", "open+1mo@month-start"),
    ("开团下月初", "open+1mo@month-start"),
    ("开团上月底", "open-1mo@month-end"),
    ("开团上个月底", "open-1mo@month-end"),
    ("开团上月初", "open-1mo@month-start"),
    ("开团后2个月的月底", "open+2mo@month-end"),
    ("开团后2个月月初", "open+2mo@month-start"),
    ("开团前3个月的月初9点", "open-3mo@month-start@09:00"),
    ("开团后3天的月底", "open+3d@month-end"),
    ("双十一后12月底", "event>12-end"),
    ("双十一后十二月底", "event>12-end"),
    ("双十一12月底", "event>12-end"),  # no 前/后 means after, as with days
    ("双十一后2月底", "event>2-end"),
    ("双十一后3月中", "event>3-mid"),
    ("双十一前10月初", "event<10-start"),
    ("双十一前10月底", "event<10-end"),
    ("双十一前十月初", "event<10-start"),
    ("双十一后12月底18点", "event>12-end@18:00"),
]


@pytest.mark.parametrize(("text", "compact"), MONTH_FORMS)
def test_month_forms_mean_their_compact_twin(text: str, compact: str) -> None:
    assert parse_offset(text, VOCAB).compact() == compact
    assert parse_offset(compact, VOCAB) == parse_offset(text, VOCAB)


def test_month_forms_are_read_into_their_parts() -> None:
    assert parse_offset("双十一后12月底", VOCAB) == Offset(Ref("event"), (),
                                                           MonthEdge("end", 12, 1))
    assert parse_offset("event<10-start", VOCAB) == Offset(Ref("event"), (),
                                                           MonthEdge("start", 10, -1))
    assert parse_offset("开团次月底", VOCAB) == Offset(Ref("open"), (Shift(1, "mo"),),
                                                      MonthEdge("end"))
    assert parse_offset("open - 1mo @ month-start @ 9:00", VOCAB) == Offset(
        Ref("open"), (Shift(-1, "mo"),), MonthEdge("start"), time(9, 0))
    assert parse_offset("task:a.due>12-end", VOCAB).compact() == "task:a.due>12-end"
    assert parse_offset("task:a@month-end", VOCAB).compact() == "task:a.due@month-end"


@pytest.mark.parametrize(
    ("text", "day_resolution"),
    [("报名前20天", True), ("开团当天", True), ("开团前1小时", False), ("开团当天15点", False),
     ("open", False), ("open-1d@18:00", False), ("signup-5wd", True), ("open+1h30min", False),
     ("open+2mo", True), ("双十一后2个月", True), ("open+1mo2h", False), ("open@month-end", True),
     ("开团当月底18点", False), ("event>12-end", True), ("双十一后12月底18点", False)],
)
def test_day_shifts_without_a_clock_name_a_whole_day(text: str, day_resolution: bool) -> None:
    assert parse_offset(text, VOCAB).day_resolution is day_resolution


def test_compact_forms() -> None:
    assert parse_offset("task:price-change.due+1d", VOCAB).compact() == "task:price-change.due+1d"
    assert parse_offset("task:a.start", VOCAB).compact() == "task:a.start"
    assert parse_offset("task:a-b", VOCAB).compact() == "task:a-b.due"
    assert parse_offset("open - 1d", VOCAB).compact() == "open-1d"
    assert parse_offset("open-1d+2h", VOCAB).compact() == "open-1d+2h"


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("三十", 30), ("四十五", 45),
     ("一百二十", 120), ("一百零五", 105), ("120", 120)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_number(text) == value


def test_durations() -> None:
    assert [(s.amount, s.unit) for s in parse_duration("1h30min")] == [(1, "h"), (30, "min")]
    assert [(s.amount, s.unit) for s in parse_duration("半小时")] == [(30, "min")]
    assert [(s.amount, s.unit) for s in parse_duration("3天")] == [(3, "d")]
    assert [(s.amount, s.unit) for s in parse_duration("2个工作日")] == [(2, "wd")]
    assert [(s.amount, s.unit) for s in parse_duration("1mo")] == [(1, "mo")]
    assert [(s.amount, s.unit) for s in parse_duration("两个月")] == [(2, "mo")]


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("opne-2d", "unknown anchor 'opne' in 'opne-2d'", "did you mean 'open'?"),
        ("开团前2夭", "unknown unit '夭' after '2'", "did you mean '天'?"),
        ("开图前1天", "unknown anchor '开图' in '开图前1天'", "did you mean '开团'?"),
        ("open-2x", "unknown unit 'x' in 'open-2x'", "units: d, wd, w, mo, h, min"),
        ("open+1.5h", "cannot read '1.5h' in 'open+1.5h': whole numbers only",
         "write 1h30min rather than 1.5h"),
        ("open@25:00", "no such time of day 25:00 in 'open@25:00'", "hours 0-23, minutes 0-59"),
        ("开团当天25点", "no such time of day 25:00 in '开团当天25点'", "hours 0-23, minutes 0-59"),
        ("open-", "cannot read 'open-': expected a number and unit after '-'",
         "write e.g. -3d, +1h30min"),
        ("", "empty offset", "write e.g. open-3d or 开团前3天"),
        ("open+3m", "unknown unit 'm' in 'open+3m'", "write min for minutes, mo for months"),
        ("open+2month", "unknown unit 'month' in 'open+2month'", "did you mean 'mo'?"),
        ("event>13-end", "no month 13 in 'event>13-end'",
         "months are 1-12; e.g. event>12-end for the first 12-31 on or after event, "
         "event<10-start for the last 10-01 on or before it"),
        ("event>0-start", "no month 0 in 'event>0-start'",
         "months are 1-12; e.g. event>12-end for the first 12-31 on or after event, "
         "event<10-start for the last 10-01 on or before it"),
        ("event>12", "cannot read 'event>12': expected start, mid or end after '>12-', "
         "found nothing", "e.g. event>12-end for the first 12-31 on or after event, "
         "event<10-start for the last 10-01 on or before it"),
        ("task:a.due<", "cannot read 'task:a.due<': expected a month number after '<'",
         "e.g. task:a.due>12-end for the first 12-31 on or after task:a.due, "
         "task:a.due<10-start for the last 10-01 on or before it"),
        ("open@month-ned", "unknown month edge '@month-ned' in 'open@month-ned'",
         "did you mean '@month-end'?"),
        ("open@eom", "unknown month edge '@eom' in 'open@eom'",
         "write @month-start, @month-mid (the 15th) or @month-end"),
        ("@month-end", "cannot read '@month-end': a month's start or end counts from an anchor",
         "put the anchor first, e.g. open@month-end or event>12-end"),
        ("双十一后13月底", "no month 13 in '双十一后13月底'", "months are 1-12, e.g. 双十一后12月底"),
        ("月底", "cannot read '月底': a month's start or end counts from an anchor",
         "put the anchor first, e.g. 双十一当月底, 开团次月初, 双十一后12月底"),
        ("次月初", "cannot read '次月初': a month's start or end counts from an anchor",
         "put the anchor first, e.g. 双十一当月底, 开团次月初, 双十一后12月底"),
        ("12月底", "cannot read '12月底': a month's start or end counts from an anchor",
         "put the anchor first, e.g. 双十一当月底, 开团次月初, 双十一后12月底"),
        ("双十一后2月", "cannot read '双十一后2月': '2月' names a month, not a length",
         "write 2月底, 2月初 or 2月中 for that month's last day, 1st or 15th, or 2个月 for a "
         "number of months"),
        ("开团后1天2月底", "'2月' names a month, not a length",
         "write 2个月 for a number of months; a month's start or end is written 当月底, 次月初, "
         "上月底, 后2个月的月底, 后12月底 or 前10月初 after the anchor"),
        ("开团当月", "cannot read '开团当月': expected 初, 中 or 底 after '当月'",
         "write 当月初, 当月中 or 当月底 for the 1st, the 15th or the last day"),
        ("开团后2个月底", "cannot read '开团后2个月底': unexpected '底'",
         "did you mean '开团后2个月的月底'?"),
        ("开团后一个半月", "cannot read '一个半月': half a month is not a whole unit",
         "write 一个月15天"),
        ("开团当月底25点", "no such time of day 25:00 in '开团当月底25点'", "hours 0-23, minutes 0-59"),
    ],
)
def test_errors_say_what_and_how_to_fix(text: str, message: str, hint: str) -> None:
    with pytest.raises(OffsetError) as info:
        parse_offset(text, VOCAB)
    assert (info.value.message, info.value.hint) == (message, hint)


def test_a_reminder_is_not_counted_in_months() -> None:
    with pytest.raises(OffsetError) as info:
        parse_remind("1个月")
    assert (info.value.message, info.value.hint) == (
        "cannot read '1个月': a reminder is counted in days, hours or minutes",
        "e.g. 15min, 1h or 1d@09:00")


def test_offset_parts_are_frozen_dataclasses() -> None:
    off = parse_offset("open+1mo@month-end", VOCAB)
    with pytest.raises(FrozenInstanceError):
        off.clock = time(9, 0)  # type: ignore[misc]
    assert hash(off) == hash(parse_offset("开团次月底", VOCAB))

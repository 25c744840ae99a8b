"""Every time expression of the Juhuasuan table (seed 004) and the design's forms."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError
from datetime import time
from pathlib import Path

import pytest

from promoplan.schedule.offsets import (
    MonthEdge,
    Offset,
    OffsetError,
    Ref,
    Shift,
    cn_number,
    parse_clock,
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


# Times of day as a 运营 writes them (issue 25), each with the compact twin worked out by hand.
CLOCK_FORMS = [
    ("开团前1天晚上8点", "open-1d@20:00"),
    ("开团前1天下午3点", "open-1d@15:00"),
    ("开团当天上午9点", "open@09:00"),
    ("开团当天早上9点", "open@09:00"),
    ("开团当天中午12点", "open@12:00"),
    ("开团当天中午1点", "open@13:00"),  # 中午1点 is the hour after noon
    ("开团当天中午11点半", "open@11:30"),
    ("开团当天凌晨1点", "open@01:00"),  # the same day, not the night after it
    ("开团当天凌晨12点", "open@00:00"),  # the midnight that starts the day, like 凌晨1点
    ("开团当天凌晨0点", "open@00:00"),
    ("开团当天8点半", "open@08:30"),
    ("开团当天8:30", "open@08:30"),
    ("开团当天８:３０", "open@08:30"),
    ("开团当天8：30", "open@08:30"),
    ("开团当天８：３０", "open@08:30"),
    ("开团当天10点整", "open@10:00"),
    ("开团当天晚上8点整", "open@20:00"),
    ("开团当天下午3点半", "open@15:30"),
    ("开团当天下午3:30", "open@15:30"),
    ("开团当天下午12点半", "open@12:30"),  # 12 is already past noon
    ("开团当天下午13点", "open@13:00"),  # a 24-hour hour inside its period
    ("开团后1天晚上21点", "open+1d@21:00"),  # seed 003 writes 晚上21點
    ("开团当天晚上5点", "open@17:00"),
    ("开团当天晚上十一点半", "open@23:30"),
    ("开团当天下午两点", "open@14:00"),
    ("开团当天晚上捌点", "open@20:00"),
    ("开团当天晚上拾壹点伍拾玖分", "open@23:59"),
    ("开团前叁天", "open-3d"),
    ("报名前拾伍天", "signup-15d"),
    ("报名前贰拾天", "signup-20d"),
    ("开团前壹佰贰拾分钟", "open-120min"),
    ("开团后两天下午3点", "open+2d@15:00"),
    ("开团后〇天", "open+0d"),
    ("团购开始前1天晚上8点", "open-1d@20:00"),
    ("开团当月底晚上8点", "open@month-end@20:00"),
    ("开团后1天中午12点", "open+1d@12:00"),
    ("双十一后12月底下午3点", "event>12-end@15:00"),
]


@pytest.mark.parametrize(("text", "compact"), CLOCK_FORMS)
def test_times_of_day_mean_their_compact_twin(text: str, compact: str) -> None:
    assert parse_offset(text, VOCAB).compact() == compact
    assert parse_offset(compact, VOCAB) == parse_offset(text, VOCAB)


def test_full_width_compact_forms_read_as_ascii() -> None:
    assert parse_offset("open－1d＠18：00", VOCAB) == parse_offset("open-1d@18:00", VOCAB)
    assert parse_offset("ｏｐｅｎ＋２５ｍｉｎ", VOCAB).compact() == "open+25min"
    assert [(s.amount, s.unit) for s in parse_duration("１ｈ３０ｍｉｎ")] == [(1, "h"), (30, "min")]
    assert parse_remind("1d＠09：00") == parse_remind("1d@09:00")
    # A full-width label still names its anchor when the offset is typed the same way.
    assert parse_offset("Ａ计划前1天", {"Ａ计划": "a"}).compact() == "a-1d"


@pytest.mark.parametrize(
    ("text", "clock"),
    [("10:00", time(10, 0)), ("10点", time(10, 0)), ("晚上8点", time(20, 0)),
     ("８：００", time(8, 0)), ("下午3点半", time(15, 30)), ("凌晨1点", time(1, 0))],
)
def test_an_anchors_time_may_be_written_as_said(text: str, clock: time) -> None:
    assert parse_clock(text) == clock


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
     ("开团当月底18点", False), ("event>12-end", True), ("双十一后12月底18点", False),
     ("开团前1天晚上8点", False), ("开团前叁天", True), ("开团当天凌晨1点", False)],
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
     ("一百二十", 120), ("一百零五", 105), ("120", 120), ("壹", 1), ("贰", 2), ("叁", 3),
     ("肆", 4), ("伍", 5), ("陆", 6), ("柒", 7), ("捌", 8), ("玖", 9), ("拾", 10), ("拾伍", 15),
     ("叁拾", 30), ("壹佰零伍", 105), ("壹仟", 1000), ("〇", 0), ("零", 0)],
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
        ("opne-2d", "unknown anchor 'opne' in 'opne-2d'",
         "did you mean 'open'?"),
        ("开团前2夭", "unknown unit '夭' after '2'",
         "did you mean '天'?"),
        ("开图前1天", "unknown anchor '开图' in '开图前1天'",
         "did you mean '开团'?"),
        ("open-2x", "unknown unit 'x' in 'open-2x'",
         "units: d, wd, w, mo, h, min"),
        ("open+1.5h", "cannot read '1.5h' in 'open+1.5h': whole numbers only",
         "write 1h30min rather than 1.5h"),
        ("open@25:00", "no such time of day 25:00 in 'open@25:00'",
         "hours 0-23, minutes 0-59"),
        ("开团当天25点", "no such time of day 25:00 in '开团当天25点'",
         "hours 0-23, minutes 0-59"),
        ("open-", "cannot read 'open-': expected a number and unit after '-'",
         "write e.g. -3d, +1h30min"),
        ("", "empty offset",
         "write e.g. 'open-3d' or '开团前3天'"),
        ("open+3m", "unknown unit 'm' in 'open+3m'",
         "write min for minutes, mo for months"),
        ("open+2month", "unknown unit 'month' in 'open+2month'",
         "did you mean 'mo'?"),
        ("event>13-end", "no month 13 in 'event>13-end'",
         "months are 1-12; e.g. event>12-end for the first 12-31 on or "
         "after event, event<10-start for the last 10-01 on or before "
         "it"),
        ("event>0-start", "no month 0 in 'event>0-start'",
         "months are 1-12; e.g. event>12-end for the first 12-31 on or "
         "after event, event<10-start for the last 10-01 on or before "
         "it"),
        ("event>12", "cannot read 'event>12': expected start, mid or end after '>12-', "
         "found nothing",
         "e.g. event>12-end for the first 12-31 on or after event, event<10-start "
         "for the last 10-01 on or before it"),
        ("task:a.due<", "cannot read 'task:a.due<': expected a month number after '<'",
         "e.g. task:a.due>12-end for the first 12-31 on or after task:a.due, "
         "task:a.due<10-start for the last 10-01 on or before it"),
        ("open@month-ned", "unknown month edge '@month-ned' in 'open@month-ned'",
         "did you mean '@month-end'?"),
        ("open@eom", "unknown month edge '@eom' in 'open@eom'",
         "write @month-start, @month-mid (the 15th) or @month-end"),
        ("@month-end", "cannot read '@month-end': a month's start or end counts from "
         "an anchor",
         "put the anchor first, e.g. open@month-end or event>12-end"),
        ("双十一后13月底", "no month 13 in '双十一后13月底'",
         "months are 1-12, e.g. '双十一后12月底'"),
        ("月底", "cannot read '月底': a month's start or end counts from an anchor",
         "put the anchor first, e.g. '双十一当月底', '开团次月初', '双十一后12月底'"),
        ("次月初", "cannot read '次月初': a month's start or end counts from an anchor",
         "put the anchor first, e.g. '双十一当月底', '开团次月初', '双十一后12月底'"),
        ("12月底", "cannot read '12月底': a month's start or end counts from an anchor",
         "put the anchor first, e.g. '双十一当月底', '开团次月初', '双十一后12月底'"),
        ("双十一后2月", "cannot read '双十一后2月': '2月' names a month, not a length",
         "write '2月底', '2月初' or '2月中' for that month's last day, 1st or "
         "15th, or '2个月' for a number of months"),
        ("开团后1天2月底", "'2月' names a month, not a length",
         "write '2个月' for a number of months; a month's start or end is "
         "written '当月底', '次月初', '上月底', '后2个月的月底', '后12月底' or '前10月初' after "
         "the anchor"),
        ("开团当月", "cannot read '开团当月': expected '初', '中' or '底' after '当月'",
         "write '当月初', '当月中' or '当月底' for the 1st, the 15th or the last "
         "day"),
        ("开团后2个月底", "cannot read '开团后2个月底': unexpected '底'",
         "did you mean '开团后2个月的月底'?"),
        ("开团后一个半月", "cannot read '一个半月': half a month is not a whole unit",
         "write '一个月15天'"),
        ("开团当月底25点", "no such time of day 25:00 in '开团当月底25点'",
         "hours 0-23, minutes 0-59"),
        ("开团当天上午15点", "cannot read '开团当天上午15点': '上午' is 05:00-11:59, not 15:00",
         "did you mean '开团当天下午3点'?"),
        ("开团前1天上午15点半", "cannot read '开团前1天上午15点半': '上午' is 05:00-11:59, not 15:30",
         "did you mean '开团前1天下午3点半'?"),
        ("开团当天上午12点", "cannot read '开团当天上午12点': '上午' is 05:00-11:59, not 12:00",
         "did you mean '开团当天中午12点'?"),
        ("开团当天上午2点", "cannot read '开团当天上午2点': '上午' is 05:00-11:59, not 02:00",
         "did you mean '开团当天凌晨2点'?"),
        ("开团当天下午8点", "cannot read '开团当天下午8点': '下午' is 12:00-18:59, not 20:00",
         "did you mean '开团当天晚上8点'?"),
        ("开团当天中午2点", "cannot read '开团当天中午2点': '中午' is 11:00-13:59, not 14:00",
         "did you mean '开团当天下午2点'?"),
        ("开团当天凌晨8点", "cannot read '开团当天凌晨8点': '凌晨' is 00:00-06:59, not 08:00",
         "did you mean '开团当天上午8点'?"),
        ("开团当天晚上15:00", "cannot read '开团当天晚上15:00': '晚上' is 17:00-23:59, not 15:00",
         "did you mean '开团当天下午3:00'?"),
        ("开团前1天晚上12点", "cannot read '开团前1天晚上12点': '晚上12点' is midnight, where one day "
         "ends and the next begins",
         "did you mean '开团当天0点' for the start of the next day, or '开团前1天23点59分' "
         "for the end of this day?"),
        ("开团当天晚上12点", "cannot read '开团当天晚上12点': '晚上12点' is midnight, where one day "
         "ends and the next begins",
         "did you mean '开团后1天0点' for the start of the next day, or '开团当天23点59分' "
         "for the end of this day?"),
        ("开团前3天晚上0点", "cannot read '开团前3天晚上0点': '晚上0点' is midnight, where one day ends "
         "and the next begins",
         "did you mean '开团前2天0点' for the start of the next day, or '开团前3天23点59分' "
         "for the end of this day?"),
        ("开团前1天晚上1点", "cannot read '开团前1天晚上1点': '晚上1点' is after midnight, on the next "
         "day",
         "did you mean '开团当天凌晨1点'?"),
        ("开团后2天晚上1点半", "cannot read '开团后2天晚上1点半': '晚上1点半' is after midnight, on the "
         "next day",
         "did you mean '开团后3天凌晨1点半'?"),
        ("开团当天晚上12点半", "cannot read '开团当天晚上12点半': '晚上12点半' is after midnight, on the "
         "next day",
         "did you mean '开团后1天凌晨0点半'?"),
        ("开团后2个月的月底晚上1点", "cannot read '开团后2个月的月底晚上1点': '晚上1点' is after midnight, on the "
         "next day",
         "write `凌晨1点` on the next day (`凌晨` is the early morning of the "
         "day it names)"),
        ("开团后30分钟晚上8点", "cannot read '开团后30分钟晚上8点': a clock time follows whole days, "
         "not hours or minutes",
         "e.g. '开团当天晚上8点' or '开团后1天晚上8点'"),
        ("开团后1天2小时18点", "cannot read '开团后1天2小时18点': a clock time follows whole days, "
         "not hours or minutes",
         "e.g. '开团当天18点' or '开团后1天18点'"),
        ("open+30min@20:00", "cannot read 'open+30min@20:00': a clock time follows whole days, "
         "not hours or minutes",
         "e.g. 'open@20:00' or 'open+1d@20:00'"),
        ("task:a.due+1h@09:00", "cannot read 'task:a.due+1h@09:00': a clock time follows whole "
         "days, not hours or minutes",
         "e.g. 'task:a.due@09:00' or 'task:a.due+1d@09:00'"),
        ("开团18点", "cannot read '开团18点': a clock time needs a day before it",
         "did you mean '开团当天18点'?"),
        ("开团晚上8点", "cannot read '开团晚上8点': a clock time needs a day before it",
         "did you mean '开团当天晚上8点'?"),
        ("开团前晚上8点", "cannot read '开团前晚上8点': a clock time needs a day before it",
         "did you mean '开团前1天晚上8点'?"),
        ("晚上8点", "cannot read '晚上8点': a clock time counts from an anchor",
         "put the anchor first, e.g. 双十一当天晚上8点"),
        ("开团当天晚上", "cannot read '开团当天晚上': unexpected '晚上'",
         "a clock time is written '15点', '下午3点', '16点半', '16点30分' or '15:00'"),
        ("开团当天晚上25点", "no such time of day 25:00 in '开团当天晚上25点'",
         "hours 0-23, minutes 0-59"),
        ("开团前叁夭", "unknown unit '夭' after '叁'",
         "did you mean '天'?"),
    ],
)
def test_errors_say_what_and_how_to_fix(text: str, message: str, hint: str) -> None:
    with pytest.raises(OffsetError) as info:
        parse_offset(text, VOCAB)
    assert (str(info.value.message), str(info.value.hint)) == (message, hint)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("上午15点", "cannot read '上午15点': '上午' is 05:00-11:59, not 15:00",
         "did you mean '下午3点'?"),
        ("晚上12点", "cannot read '晚上12点': '晚上12点' is midnight, where one day ends "
         "and the next begins",
         "write `0点` on the next day for its start, or '23点59分' for the "
         "end of this day"),
    ],
)
def test_an_anchors_time_outside_its_period_is_refused(text: str, message: str, hint: str) -> None:
    with pytest.raises(OffsetError) as info:
        parse_clock(text)
    assert (str(info.value.message), str(info.value.hint)) == (message, hint)


def test_a_reminder_is_not_counted_in_months() -> None:
    with pytest.raises(OffsetError) as info:
        parse_remind("1个月")
    assert (str(info.value.message), str(info.value.hint)) == (
        "cannot read '1个月': a reminder is counted in days, hours or minutes",
        "e.g. 15min, 1h or 1d@09:00")


def test_offset_parts_are_frozen_dataclasses() -> None:
    off = parse_offset("open+1mo@month-end", VOCAB)
    with pytest.raises(FrozenInstanceError):
        off.clock = time(9, 0)  # type: ignore[misc]
    assert hash(off) == hash(parse_offset("开团次月底", VOCAB))


def test_every_chinese_form_in_the_readme_offsets_table_is_its_compact_twin() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Offsets\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| `")]
    pairs = [(compact.strip("| `"), chinese) for compact, cells, _ in rows
             for chinese in re.findall(r"`([^`]+)`", cells)]
    assert len(rows) == 34
    assert ("open-1d@20:00", "开团前1天晚上8点") in pairs
    for compact, chinese in pairs:
        assert parse_offset(chinese, VOCAB) == parse_offset(compact, VOCAB), chinese

"""Every time expression of the Juhuasuan table (seed 004) and the design's forms."""

from __future__ import annotations

import pytest

from promoplan.offsets import OffsetError, cn_number, parse_duration, parse_offset

VOCAB = {
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


@pytest.mark.parametrize(
    ("text", "day_resolution"),
    [("报名前20天", True), ("开团当天", True), ("开团前1小时", False), ("开团当天15点", False),
     ("open", False), ("open-1d@18:00", False), ("signup-5wd", True), ("open+1h30min", False)],
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
    ],
)
def test_errors_say_what_and_how_to_fix(text: str, message: str, hint: str) -> None:
    with pytest.raises(OffsetError) as info:
        parse_offset(text, VOCAB)
    assert (info.value.message, info.value.hint) == (message, hint)

"""Properties that must hold for any date: the two spellings agree, and moving an
anchor moves everything that hangs on it by the same amount."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from promoplan.playbook.assemble import assemble, load
from promoplan.playbook.layers import validate_layer
from promoplan.playbook.merged import Playbook
from promoplan.playbook.yaml_reader import parse_yaml
from promoplan.schedule.resolve import resolve

from .conftest import PLAYBOOKS, examples

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1..999 in Chinese numerals, as people write them (十五, 三十, 一百零五)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += DIGITS[ones]
    return out


UNITS = {"d": "天", "h": "小时", "min": "分钟", "wd": "个工作日"}
ANCHORS = {"signup": "报名", "open": "开团"}


def playbook_from(text: str) -> Playbook:
    doc = parse_yaml(text, "generated.yaml")
    return assemble([validate_layer(doc)])


@st.composite
def twin_offsets(draw: st.DrawFn) -> tuple[str, str]:
    anchor = draw(st.sampled_from(sorted(ANCHORS)))
    unit = draw(st.sampled_from(sorted(UNITS)))
    amount = draw(st.integers(min_value=1, max_value=400))
    before = draw(st.booleans())
    number = to_chinese(amount) if draw(st.booleans()) else str(amount)
    word = "前" if before else draw(st.sampled_from(["后", "完后", ""]))
    chinese = f"{ANCHORS[anchor]}{word}{number}{UNITS[unit]}"
    compact = f"{anchor}{'-' if before else '+'}{amount}{unit}"
    if draw(st.booleans()) and unit in ("d", "wd"):
        hour, minute = draw(st.integers(0, 23)), draw(st.sampled_from([0, 5, 30, 59]))
        chinese += f"{hour}点{minute}分" if minute else f"{hour}点"
        compact += f"@{hour:02d}:{minute:02d}"
    return chinese, compact


@settings(max_examples=examples(300), deadline=None)
@given(
    pair=twin_offsets(),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    hour=st.integers(0, 23),
)
def test_chinese_and_compact_twins_resolve_to_the_same_moment(
    pair: tuple[str, str], day: date, hour: int
) -> None:
    chinese, compact = pair
    pb = playbook_from(
        "name: twins\nanchors:\n  signup: {label: 报名}\n  open: {label: 开团}\n"
        f"tasks:\n  - {{id: cn, name: a, at: '{chinese}'}}\n  - {{id: en, name: b, at: '{compact}'}}\n"
    )
    plan = resolve(pb, {"signup": day.isoformat(), "open": f"{day.isoformat()} {hour:02d}:00"})
    cn, en = plan.tasks
    assert (cn.start, cn.due) == (en.start, en.due)


def test_chinese_numerals_helper_matches_the_seed_spelling() -> None:
    assert [to_chinese(n) for n in (1, 10, 15, 30, 45, 105, 120)] == [
        "一", "十", "十五", "三十", "四十五", "一百零五", "一百二十"]


PROMO = load(str(PLAYBOOKS / "promo.yaml"))
WORKDAY_TASKS = {"wd-task"}


@settings(max_examples=examples(150), deadline=None)
@given(
    day=st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)),
    shift=st.integers(min_value=-400, max_value=400),
)
def test_moving_an_anchor_moves_every_task_by_the_same_days(day: date, shift: int) -> None:
    before = resolve(PROMO, {"signup": day.isoformat()})
    after = resolve(PROMO, {"signup": (day + timedelta(days=shift)).isoformat()})
    moved = timedelta(days=shift)
    for old, new in zip(before.tasks, after.tasks, strict=True):
        if old.id in WORKDAY_TASKS:
            continue  # working days follow the holiday calendar, not the day count
        assert new.start.day - old.start.day == moved, old.id
        assert new.due.day - old.due.day == moved, old.id
        assert (new.start.clock, new.due.clock) == (old.start.clock, old.due.clock)


_CN_EDGE = {"start": "初", "mid": "中", "end": "底"}
_CN_MONTH_AWAY = {0: "当月", 1: "次月", -1: "上月"}


@st.composite
def month_twins(draw: st.DrawFn) -> tuple[str, str]:
    """The same month offset in both spellings: ±N months, a month's edge, a named month."""
    edge = draw(st.sampled_from(sorted(_CN_EDGE)))
    form = draw(st.sampled_from(["months", "this-next-last", "months-then-edge", "named"]))
    number = draw(st.integers(min_value=1, max_value=120))
    said = to_chinese(number) if draw(st.booleans()) else str(number)
    before = draw(st.booleans())
    if form == "months":
        chinese = f"开团{'前' if before else '后'}{said}个月"
        compact = f"open{'-' if before else '+'}{number}mo"
    elif form == "this-next-last":
        away = draw(st.sampled_from(sorted(_CN_MONTH_AWAY)))
        chinese = f"开团{_CN_MONTH_AWAY[away]}{_CN_EDGE[edge]}"
        compact = f"open{'' if away == 0 else '+1mo' if away > 0 else '-1mo'}@month-{edge}"
    elif form == "months-then-edge":
        chinese = f"开团{'前' if before else '后'}{said}个月的月{_CN_EDGE[edge]}"
        compact = f"open{'-' if before else '+'}{number}mo@month-{edge}"
    else:
        month = draw(st.integers(min_value=1, max_value=12))
        shown = to_chinese(month) if draw(st.booleans()) else str(month)
        chinese = f"开团{'前' if before else '后'}{shown}月{_CN_EDGE[edge]}"
        compact = f"open{'<' if before else '>'}{month}-{edge}"
    if draw(st.booleans()):
        hour = draw(st.integers(0, 23))
        chinese += f"{hour}点"
        compact += f"@{hour:02d}:00"
    return chinese, compact


@settings(max_examples=examples(200), deadline=None)
@given(
    pair=month_twins(),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
)
def test_month_offsets_in_both_spellings_give_the_same_date(
    pair: tuple[str, str], day: date
) -> None:
    chinese, compact = pair
    pb = playbook_from(
        "name: twins\nanchors:\n  open: {label: 开团, time: '10:00'}\n"
        f"tasks:\n  - {{id: cn, name: a, at: '{chinese}'}}\n  - {{id: en, name: b, at: '{compact}'}}\n"
    )
    cn, en = resolve(pb, {"open": day.isoformat()}).tasks
    assert (cn.start, cn.due) == (en.start, en.due)


@settings(max_examples=examples(200), deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    month=st.integers(1, 12),
    edge=st.sampled_from(["start", "mid", "end"]),
    after=st.booleans(),
)
def test_a_named_month_is_the_nearest_one_on_its_side_of_the_anchor(
    day: date, month: int, edge: str, after: bool
) -> None:
    pb = playbook_from("name: named\nanchors:\n  open: {label: 开团}\n"
                       f"tasks:\n  - {{id: t, name: t, at: 'open{'>' if after else '<'}"
                       f"{month}-{edge}'}}\n")
    found = resolve(pb, {"open": day.isoformat()}).tasks[0].start.day

    def edge_in(year: int) -> date:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, {"start": 1, "mid": 15, "end": last}[edge])

    assert found == edge_in(found.year)
    assert found >= day if after else found <= day
    # The nearest: the same edge a year closer to the anchor is on the other side of it.
    assert edge_in(found.year - 1) < day if after else edge_in(found.year + 1) > day

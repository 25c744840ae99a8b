"""Fuzzing: whatever a user types, the answer is a result or our own error with a place.

Over 10,000 examples in all under the `ci` hypothesis profile (see the settings of
each test), a tenth of that under `dev`, the default. A failure here is a crash that a
user would have met as a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import assemble
from promoplan.playbook.layers import validate_layer
from promoplan.playbook.yaml_reader import parse_yaml
from promoplan.schedule.offsets import Offset, OffsetError, parse_duration, parse_offset, parse_remind
from promoplan.schedule.resolve import resolve

from .conftest import examples

VOCAB = {"signup": "signup", "报名": "signup", "open": "open", "开团": "open", "团购开始": "open"}
PIECES = ["报名", "开团", "团购开始", "signup", "open", "task:a", "task:b.start", "task:zz.due",
          "前", "后", "完", "成功", "当天", "当日", "之前", "以后", "-", "+", "@", ":", ".", " ",
          "1", "2", "25", "99999999999", "0", "一", "十五", "两", "半", "百", "千", "零",
          "天", "日", "个工作日", "工作日", "周", "小时", "个小时", "分钟", "分", "点", "时", "半小时",
          "d", "wd", "w", "h", "min", "m", "x", "15:00", "25:61", "：", "\t", "\n", "夭", "🙂",
          # times of day as said (issue 25): periods, 大写 numerals, full-width forms
          "上午", "下午", "晚上", "凌晨", "中午", "早上", "整", "12", "4", "壹", "贰", "叁", "拾", "佰",
          "〇", "８", "３０", "１２", "＋", "－", "＠", "ｄ", "　"]


def quiet(full: int) -> settings:
    """`full` examples under the ci profile, fewer under dev."""
    return settings(max_examples=examples(full), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def test_ci_runs_the_full_counts_and_dev_a_tenth() -> None:
    assert [examples(n, settings.get_profile("ci")) for n in (4000, 2000, 3000, 1500)] == [4000, 2000, 3000, 1500]
    assert [examples(n, settings.get_profile("dev")) for n in (4000, 2000, 3000, 1500)] == [400, 200, 300, 150]


def outcome(call: Callable[[], Any], expected: type[Exception]) -> tuple[Any, Exception | None]:
    """Run `call`; our own error comes back as a value, anything else propagates (a crash)."""
    try:
        return call(), None
    except expected as exc:
        return None, exc


def _pieces(n: int = 8) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES), max_size=n).map("".join)


@quiet(4000)
@given(text=st.one_of(_pieces(), st.text(max_size=30)))
def test_offset_parser_never_crashes(text: str) -> None:
    result, error = outcome(lambda: parse_offset(text, VOCAB), OffsetError)
    if error is not None:
        assert str(error)
        return
    assert isinstance(result, Offset)
    assert parse_offset(result.compact(), VOCAB) == result  # what it read, it can write back


@quiet(2000)
@given(text=st.one_of(_pieces(5), st.text(max_size=15)))
def test_durations_and_reminders_never_crash(text: str) -> None:
    for parse in (parse_duration, parse_remind):
        _, error = outcome(lambda p=parse: p(text), OffsetError)  # type: ignore[misc]
        assert error is None or str(error)


# The spans the offset language gives each period of the day (docs/playbook-authoring.md).
PERIOD_SPANS = {"凌晨": (0, 6), "早上": (5, 11), "上午": (5, 11), "中午": (11, 13), "下午": (12, 18),
                "晚上": (17, 23)}
SMALL, BIG = "零一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖"


def _written(hour: int, style: str) -> str:
    """An hour as a team may type it: 8, ８, 八, 捌; 21 as 二十一 or 贰拾壹."""
    if style == "arabic":
        return str(hour)
    if style == "full-width":
        return str(hour).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    digits, ten = (SMALL, "十") if style == "small" else (BIG, "拾")
    tens, ones = divmod(hour, 10)
    if not tens:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")


@quiet(3000)
@given(day=st.sampled_from(["开团当天", "开团前1天", "开团后2天", "报名前叁天", "团购开始后拾天", "开团当月底"]),
       period=st.sampled_from(["", *PERIOD_SPANS]), hour=st.integers(0, 25),
       style=st.sampled_from(["arabic", "full-width", "small", "big"]),
       minute=st.sampled_from([("点", 0), ("点整", 0), ("点半", 30), ("点15分", 15), ("时5分", 5),
                               (":30", 30), ("：05", 5)]))
def test_a_time_of_day_is_read_in_its_period_or_refused_with_a_fix_that_reads(
        day: str, period: str, hour: int, style: str, minute: tuple[str, int]) -> None:
    after, minutes = minute
    if after[0] in ":：" and style in ("small", "big"):
        style = "arabic"  # 15:30 is written in digits
    text = f"{day}{period}{_written(hour, style)}{after}"
    result, error = outcome(lambda: parse_offset(text, VOCAB), OffsetError)
    if result is not None:
        assert result.clock is not None
        assert parse_offset(result.compact(), VOCAB) == result
        assert (result.clock.hour % 12, result.clock.minute) == (hour % 12, minutes), text
        if period:
            first, last = PERIOD_SPANS[period]
            assert first <= result.clock.hour <= last, text
        else:
            assert result.clock.hour == hour, text
        return
    assert isinstance(error, OffsetError)
    assert hour > 23 or period, text  # a plain 0-23 clock is always read
    for fix in re.findall(r"'([^']+)'", str(error.hint or "")):
        parse_offset(fix, VOCAB)  # every fix offered is itself an offset that reads


OFFSETS = st.one_of(_pieces(6), st.sampled_from(
    ["open-1d", "开团前3天", "开团当天15点", "task:a.due+1d", "task:b", "signup+2wd", "opne", "open@9:00"]))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=8), OFFSETS)
TASK_KEYS = ["id", "name", "section", "owner", "start", "due", "at", "duration", "after", "repeat",
             "phase", "notes", "roll", "remind", "dew", "stat"]


@st.composite
def playbooks(draw: st.DrawFn) -> dict[str, Any]:
    def value_for(key: str) -> Any:
        if key == "repeat":
            return draw(st.one_of(SCALARS, st.fixed_dictionaries(
                {"every": st.sampled_from(["30min", "0min", "1d", "x"])},
                optional={"until": OFFSETS, "count": st.integers(-1, 20000)})))
        if key in ("start", "due", "at"):
            return draw(OFFSETS)
        if key in ("id", "after"):
            return draw(st.sampled_from(["a", "b", "c", "a b", "中文", ""]))
        return draw(SCALARS)

    tasks = [{key: value_for(key) for key in draw(st.lists(st.sampled_from(TASK_KEYS), max_size=6))}
             for _ in range(draw(st.integers(0, 4)))]
    doc: dict[str, Any] = {
        "name": draw(st.sampled_from(["fuzz", "Fuzz!", 12, None])),
        "anchors": draw(st.one_of(
            st.just({"signup": {"label": "报名"}, "open": {"label": "开团", "time": "10:00",
                                                          "default": "signup+7d"}}),
            st.dictionaries(st.sampled_from(["open", "signup", "开团", "x y"]),
                            st.one_of(st.none(), st.fixed_dictionaries(
                                {}, optional={"label": SCALARS, "default": OFFSETS, "time": SCALARS,
                                              "date": SCALARS})), max_size=3))),
        "tasks": tasks if draw(st.booleans()) else draw(SCALARS),
    }
    for key in draw(st.lists(st.sampled_from(
            ["event", "calendar", "roll", "timezone", "sections", "roles", "team", "bogus"]), max_size=3)):
        doc[key] = draw(st.one_of(SCALARS, st.just({"start": "open", "end": "open+1d"}),
                                  st.just({"country": "CN", "holidays": ["2024-10-10", "x"]})))
    return doc


@quiet(3000)
@given(doc=playbooks(), signup=st.sampled_from(["2024-10-14", "2024-13-40", "9999-12-31", "x"]))
def test_random_playbooks_end_in_a_plan_or_located_errors(doc: dict[str, Any], signup: str) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)

    def compile_() -> Any:
        parsed = parse_yaml(text, "fuzz.yaml")
        pb = assemble([validate_layer(parsed)])
        return resolve(pb, {"signup": signup} if "signup" in pb.anchors else {})

    plan, error = outcome(compile_, PromoplanError)
    if plan is not None:
        json.dumps([t.start.iso() for t in plan.tasks])
        return
    assert isinstance(error, PromoplanError)
    for err in error.errors:
        assert err.loc is not None, err
        assert err.loc.file in ("fuzz.yaml", "command line"), err
        assert err.loc.file == "command line" or err.loc.line >= 1, err


@quiet(1500)
@given(text=st.text(alphabet=st.sampled_from([*"ab:- \n\t{}[],'\"&*!|>#%@`0129名天", "\ufeff"]),
                    max_size=60))
def test_any_yaml_text_reads_or_fails_with_a_place(text: str) -> None:
    _, error = outcome(lambda: parse_yaml(text, "x.yaml"), PromoplanError)
    if error is not None:
        assert isinstance(error, PromoplanError)
        assert error.loc is not None
        assert error.loc.line >= 1

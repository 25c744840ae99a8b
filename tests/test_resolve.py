"""Dates computed by hand from tests/playbooks/promo.yaml.

With --signup 2024-10-14 (a Monday) the anchors derive to auction 10-21,
schedule 10-25, open 11-01 10:00 (anchor time) and end 11-01 23:59.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import load
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve
from promoplan.words import Words, notices

from .conftest import PLAYBOOKS


def compile_(given: dict[str, str], path: str = "promo.yaml") -> Plan:
    return resolve(load(str(PLAYBOOKS / path)), given)


def said(plan: Plan, lang: str = "zh") -> list[tuple[str, tuple[str, ...], str]]:
    """Each warning as the team reads it."""
    return [(w.code, w.tasks, notices.text(plan, w, Words(lang))) for w in plan.warnings]


def spans(plan: Plan) -> dict[str, tuple[str, str]]:
    return {t.id: (t.start.iso(), t.due.iso()) for t in plan.tasks}


def test_anchors_derive_from_signup() -> None:
    plan = compile_({"signup": "2024-10-14"})
    assert {a.name: a.when.iso() for a in plan.anchors} == {
        "signup": "2024-10-14",
        "auction": "2024-10-21",
        "schedule": "2024-10-25",
        "open": "2024-11-01T10:00",
        "end": "2024-11-01T23:59",
    }
    assert [a.source for a in plan.anchors] == ["given", "default", "default", "default", "default"]


def test_every_task_against_hand_computed_dates() -> None:
    plan = compile_({"signup": "2024-10-14"})
    assert spans(plan) == {
        "plan": ("2024-09-24", "2024-10-13"),  # 10-14 - 20 days crosses into September
        "deposit": ("2024-10-22", "2024-10-22"),
        "detail": ("2024-10-05", "2024-10-22"),
        "price-stock": ("2024-10-29", "2024-10-30"),
        "follow-up": ("2024-10-30", "2024-11-02"),  # starts at price-stock's due, lasts 3 days
        "preview": ("2024-11-01T09:00", "2024-11-01T09:00"),
        "half": ("2024-11-01T09:30", "2024-11-01T09:30"),
        "last-min": ("2024-11-01T09:59", "2024-11-01T09:59"),
        "check25": ("2024-11-01T10:25", "2024-11-01T10:25"),
        "check120": ("2024-11-01T12:00", "2024-11-01T12:00"),
        "ship": ("2024-11-01T15:00", "2024-11-01T15:00"),
        "restock": ("2024-11-01T16:30", "2024-11-01T16:30"),
        "review": ("2024-11-02", "2024-11-02"),
        "cs-week": ("2024-11-01", "2024-11-09"),
        # China's calendar: Sat 12 is a make-up workday (调休), so back from Mon 14:
        # Sat 12, Fri 11, Thu 10, Wed 9, Tue 8 — the 1st to 7th are National Day.
        "wd-task": ("2024-10-08", "2024-10-08"),
        "evening": ("2024-10-31T18:00", "2024-10-31T18:00"),
        "chained": ("2024-10-31", "2024-11-02"),
        "half-hourly": ("2024-11-01T10:25", "2024-11-01T11:55"),
    }
    # 2024-10-13 is a Sunday, 2024-11-02 a Saturday (after the event, so not 活动中).
    # Sat 10-12 is a make-up workday (调休): the day to bring 10-13's deadline forward to.
    assert said(plan) == [
        ("deadline-on-day-off", ("plan",),
         "10月13日 周日（周末）有1项截止，请确认是否提前到10月12日 周六：运营第1项「活动策划」"),
        ("deadline-on-day-off", ("follow-up", "review", "chained"),
         "11月2日 周六（周末）有3项截止，请确认是否提前到11月1日 周五：运营第4项「后续跟进」、"
         "运营第7项「活动后的评估」、运营第9项「复核价格」"),
    ]


def test_repeat_lists_every_occurrence_until_inclusive() -> None:
    plan = compile_({"signup": "2024-10-14"})
    task = next(t for t in plan.tasks if t.id == "half-hourly")
    assert [o.start.iso() for o in task.occurrences] == [
        "2024-11-01T10:25", "2024-11-01T10:55", "2024-11-01T11:25", "2024-11-01T11:55",
    ]


def test_phases_follow_the_event_window() -> None:
    plan = compile_({"signup": "2024-10-14"})
    phases = {t.id: t.phase for t in plan.tasks}
    assert phases["plan"] == "before"
    assert phases["last-min"] == "before"  # 09:59, one minute before opening
    assert phases["check25"] == "during"
    assert phases["cs-week"] == "during"  # an all-day start on the opening day
    assert phases["ship"] == "during"
    assert phases["review"] == "after"  # the next day, after 23:59


def test_command_line_date_without_time_gets_the_anchor_time() -> None:
    plan = compile_({"signup": "2024-10-14", "open": "2024-12-30"})
    got = spans(plan)
    assert got["ship"] == ("2024-12-30T15:00", "2024-12-30T15:00")
    assert got["cs-week"] == ("2024-12-30", "2025-01-07")  # across the year end
    assert got["review"] == ("2024-12-31", "2024-12-31")
    assert got["price-stock"] == ("2024-12-27", "2024-12-28")


def test_command_line_time_beats_the_anchor_time() -> None:
    plan = compile_({"signup": "2024-10-14", "open": "2024-11-01 20:00"})
    got = spans(plan)
    assert got["preview"] == ("2024-11-01T19:00", "2024-11-01T19:00")
    assert got["check120"] == ("2024-11-01T22:00", "2024-11-01T22:00")
    assert got["last-min"] == ("2024-11-01T19:59", "2024-11-01T19:59")


def test_iso_date_with_offset_is_converted_to_the_playbook_zone() -> None:
    plan = compile_({"signup": "2024-10-14", "open": "2024-11-01T02:00:00+00:00"})
    assert plan.anchors[3].when.iso() == "2024-11-01T10:00"


def test_plan_file_dates_team_overrides_and_removal() -> None:
    plan = compile_({}, "plan/plan.yaml")
    assert plan.playbook == "test-promo"
    anchors = {a.name: a.when.iso() for a in plan.anchors}
    assert anchors["open"] == "2024-11-05T10:00"  # plan file date, anchor time
    assert anchors["schedule"] == "2024-10-25"  # still derived from signup
    got = {t.id: t for t in plan.tasks}
    assert "half-hourly" not in got
    assert got["price-stock"].notes == "以ERP库存为准"
    assert (got["price-stock"].start.iso(), got["price-stock"].due.iso()) == ("2024-11-02", "2024-11-03")
    assert got["extra"].start.iso() == "2024-11-05T12:00"
    assert [p.name for p in got["ship"].people] == ["张伟"]
    assert [(p.name, p.email) for p in got["cs-week"].people] == [("李娜", "lina@example.com")]
    assert got["preview"].people == []


def test_command_line_beats_plan_file() -> None:
    plan = compile_({"open": "2024-11-08"}, "plan/plan.yaml")
    assert {a.name: a.when.iso() for a in plan.anchors}["open"] == "2024-11-08T10:00"
    assert next(t for t in plan.tasks if t.id == "ship").start.iso() == "2024-11-08T15:00"


def test_warnings_for_a_task_ending_before_it_starts_and_a_wrong_phase(tmp_path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "name: w\nevent: {start: open, end: open+1d}\n"
        "anchors: {open: {label: 开团, time: '10:00'}}\n"
        "tasks:\n"
        "  - {id: back, name: 倒置, start: 开团前1天, due: 开团前3天}\n"
        "  - {id: late, name: 准备, phase: 活动前, at: 开团后5天}\n",
        encoding="utf-8",
    )
    plan = resolve(load(str(path)), {"open": "2024-11-07"})  # a Thursday: no weekend deadlines
    assert said(plan) == [
        ("ends-before-start", ("back",),
         "1项的完成时间早于开始时间，请检查：第1项「倒置」（11月6日 周三 → 11月4日 周一）"),
        ("phase-mismatch", ("late",), "1项标注的阶段与日期不符：第2项「准备」"),
    ]


def test_missing_anchor_date_is_an_error() -> None:
    with pytest.raises(PromoplanError) as info:
        compile_({})
    message = str(info.value)
    assert message.endswith(
        ":8:3: anchor 'signup' ('报名') has no date "
        "(pass --signup YYYY-MM-DD, or set anchors.signup.date in a plan file)"
    )


def test_workdays_honour_the_playbook_calendar(tmp_path) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(
        "name: cal\ncalendar: {country: none, holidays: [2024-10-10], workdays: [2024-10-12]}\n"
        "anchors: {signup: {label: 报名}}\n"
        "tasks:\n  - {id: a, name: a, due: 报名前5个工作日}\n  - {id: b, name: b, due: signup+2wd}\n",
        encoding="utf-8",
    )
    plan = resolve(load(str(path)), {"signup": "2024-10-14"})
    # Back from Mon 10-14: Sat 12 (make-up day), Fri 11, Wed 9 (10th off), Tue 8, Mon 7.
    assert spans(plan)["a"] == ("2024-10-07", "2024-10-07")
    assert spans(plan)["b"] == ("2024-10-16", "2024-10-16")
    assert date(2024, 10, 7).weekday() == 0


# ------------------------------------------------------------------ months

def month_plan(tmp_path: Path, given: dict[str, str], tasks: str, *,
               timezone: str = "Asia/Shanghai", country: str = "none") -> Plan:
    """A small playbook: 双十一 (event) at 20:00, tasks given as YAML lines."""
    path = tmp_path / "months.yaml"
    path.write_text(
        f"name: months\ntimezone: {timezone}\ncalendar: {{country: {country}}}\n"
        "anchors:\n  event: {label: 双十一, time: '20:00'}\n"
        f"tasks:\n{tasks}", encoding="utf-8")
    return resolve(load(str(path)), given)


def at_each(tmp_path: Path, day: str, offsets: list[str]) -> dict[str, str]:
    """Each offset as the `at` of its own task, resolved for 双十一 on `day`."""
    tasks = "".join(f"  - {{id: t{n}, name: t{n}, at: '{text}'}}\n"
                    for n, text in enumerate(offsets))
    plan = month_plan(tmp_path, {"event": day}, tasks)
    return {text: task.start.iso() for text, task in zip(offsets, plan.tasks, strict=True)}


@pytest.mark.parametrize(
    ("day", "offsets", "expected"),
    [
        # The day is clamped to the month's end: January 31st plus a month is February's last.
        ("2024-01-31", ["event+1mo", "双十一后1个月"], "2024-02-29"),
        ("2023-01-31", ["event+1mo", "双十一后一个月"], "2023-02-28"),
        ("2024-01-31", ["event+2mo"], "2024-03-31"),
        ("2024-01-31", ["event+1mo2d", "双十一后1个月2天"], "2024-03-02"),
        ("2024-05-31", ["event+1mo"], "2024-06-30"),
        ("2024-03-31", ["event-1mo", "双十一前1个月"], "2024-02-29"),
        ("2023-03-31", ["event-1mo"], "2023-02-28"),
        ("2024-02-29", ["event+12mo", "双十一后12个月"], "2025-02-28"),
        ("2024-02-29", ["event+48mo"], "2028-02-29"),
        ("2024-02-29", ["event-12mo"], "2023-02-28"),
    ],
)
def test_months_clamp_the_day_to_the_end_of_shorter_months(
        tmp_path: Path, day: str, offsets: list[str], expected: str) -> None:
    assert at_each(tmp_path, day, offsets) == dict.fromkeys(offsets, expected)


def test_month_shifts_are_all_day_unless_a_clock_is_given(tmp_path: Path) -> None:
    assert at_each(tmp_path, "2024-11-11", [
        "event+2mo", "双十一后2个月18点", "event+2mo@18:00", "event+1mo2h", "event-1mo30min",
    ]) == {
        "event+2mo": "2025-01-11",
        "双十一后2个月18点": "2025-01-11T18:00",
        "event+2mo@18:00": "2025-01-11T18:00",
        "event+1mo2h": "2024-12-11T22:00",  # hours keep the anchor's 20:00
        "event-1mo30min": "2024-10-11T19:30",
    }


# Every month-edge form in both spellings, for 双十一 on 2024-11-11 (a Monday).
MONTH_EDGES_2024 = [
    (["event@month-end", "双十一当月底", "双十一本月底"], "2024-11-30"),
    (["event@month-start", "双十一当月初"], "2024-11-01"),
    (["event@month-mid", "双十一当月中"], "2024-11-15"),
    (["event+1mo@month-end", "双十一次月底", "双十一下月底", "双十一下个月底"], "2024-12-31"),
    (["event+1mo@month-start", "双十一次月初", "双十一下月初"], "2024-12-01"),
    (["event-1mo@month-end", "双十一上月底", "双十一上个月底"], "2024-10-31"),
    (["event-1mo@month-start", "双十一上月初"], "2024-10-01"),
    (["event+3mo@month-end", "双十一后3个月的月底"], "2025-02-28"),
    (["event@month-end@18:00", "双十一当月底18点"], "2024-11-30T18:00"),
    (["event+1mo@month-start@9:30", "双十一次月初9点半"], "2024-12-01T09:30"),
    (["event>12-end", "双十一后12月底"], "2024-12-31"),
    (["event>2-end", "双十一后2月底"], "2025-02-28"),  # 2025 is not a leap year
    (["event>2-mid", "双十一后2月中"], "2025-02-15"),
    (["event<10-start", "双十一前10月初"], "2024-10-01"),
    (["event<10-end", "双十一前10月底"], "2024-10-31"),
    (["event>11-start", "双十一后11月初"], "2025-11-01"),  # this year's is before the 11th
    (["event>11-end", "双十一后11月底"], "2024-11-30"),
    (["event<11-end", "双十一前11月底"], "2023-11-30"),
    (["event<11-start", "双十一前11月初"], "2024-11-01"),
    (["event>12-end@18:00", "双十一后12月底18点"], "2024-12-31T18:00"),
]


@pytest.mark.parametrize(("offsets", "expected"), MONTH_EDGES_2024)
def test_month_start_and_end_forms_for_2024(tmp_path: Path, offsets: list[str],
                                            expected: str) -> None:
    assert at_each(tmp_path, "2024-11-11", offsets) == dict.fromkeys(offsets, expected)


def test_month_forms_for_2027_cross_into_a_leap_february(tmp_path: Path) -> None:
    assert at_each(tmp_path, "2027-11-11", [
        "event>12-end", "双十一后12月底", "event>2-end", "双十一后2月底", "event<10-start",
        "双十一次月底", "双十一后3个月的月底", "event+3mo",
    ]) == {
        "event>12-end": "2027-12-31", "双十一后12月底": "2027-12-31",
        "event>2-end": "2028-02-29", "双十一后2月底": "2028-02-29",
        "event<10-start": "2027-10-01",
        "双十一次月底": "2027-12-31", "双十一后3个月的月底": "2028-02-29",
        "event+3mo": "2028-02-11",
    }


def test_a_named_month_on_the_anchors_own_day_is_that_day(tmp_path: Path) -> None:
    """On or after, on or before: the anchor's own day counts."""
    assert at_each(tmp_path, "2024-12-31", [
        "event>12-end", "event<12-end", "event>12-start", "event<12-start", "event@month-end",
        "event+2mo@month-end",
    ]) == {
        "event>12-end": "2024-12-31", "event<12-end": "2024-12-31",
        "event>12-start": "2025-12-01", "event<12-start": "2024-12-01",
        "event@month-end": "2024-12-31", "event+2mo@month-end": "2025-02-28",
    }


def test_month_forms_from_a_month_end_clamp_before_taking_the_edge(tmp_path: Path) -> None:
    # 01-31 + 1 month = 02-29 first, then that month's end (the same day).
    assert at_each(tmp_path, "2024-01-31", ["双十一次月底", "双十一次月初", "event+1mo"]) == {
        "双十一次月底": "2024-02-29", "双十一次月初": "2024-02-01", "event+1mo": "2024-02-29"}
    assert at_each(tmp_path, "2024-03-31", ["双十一上月底", "event-1mo@month-start"]) == {
        "双十一上月底": "2024-02-29", "event-1mo@month-start": "2024-02-01"}


def test_the_clearance_span_of_the_seed_for_2027_and_2024(tmp_path: Path) -> None:
    """tmall-store-prep's 清仓 (seed: 12月底 to 2月): 双十一后12月底 to 双十一后2月底."""
    tasks = ("  - {id: clear, name: 清仓, start: 双十一后12月底, due: 双十一后2月底}\n"
             "  - {id: plan, name: 规划, start: 双十一前10月初, due: 双十一前10月底}\n"
             "  - {id: month, name: 月报, start: 双十一当月初, duration: 1mo}\n")
    for day, clear, plan_, month in [
        ("2027-11-11", ("2027-12-31", "2028-02-29"), ("2027-10-01", "2027-10-31"),
         ("2027-11-01", "2027-12-01")),
        ("2024-11-11", ("2024-12-31", "2025-02-28"), ("2024-10-01", "2024-10-31"),
         ("2024-11-01", "2024-12-01")),
    ]:
        got = spans(month_plan(tmp_path, {"event": day}, tasks))
        assert got == {"clear": clear, "plan": plan_, "month": month}, day


def test_an_anchor_may_default_to_a_month_form(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "name: a\ncalendar: {country: none}\n"
        "anchors:\n  event: {label: 双十一}\n  clearance: {label: 清仓, default: 双十一后12月底}\n"
        "  report: {label: 复盘, default: clearance+1mo}\n"
        "tasks:\n  - {id: t, name: t, at: 复盘}\n", encoding="utf-8")
    plan = resolve(load(str(path)), {"event": "2027-11-11"})
    assert [(a.name, a.when.iso(), a.source, a.expr) for a in plan.anchors] == [
        ("event", "2027-11-11", "given", None),
        ("clearance", "2027-12-31", "default", "event>12-end"),
        ("report", "2028-01-31", "default", "clearance+1mo"),
    ]


def test_a_duration_in_months_clamps_like_an_offset(tmp_path: Path) -> None:
    plan = month_plan(tmp_path, {"event": "2024-01-31"},
                      "  - {id: a, name: a, start: event+0d, duration: 1mo}\n"
                      "  - {id: b, name: b, start: event, duration: 两个月}\n")
    assert spans(plan) == {"a": ("2024-01-31", "2024-02-29"),
                           "b": ("2024-01-31T20:00", "2024-03-31T20:00")}


# ------------------------------------------------------------------ repeat (dateutil.rrule)

def occurrences(plan: Plan, tid: str) -> list[tuple[str, str]]:
    task = next(t for t in plan.tasks if t.id == tid)
    return [(o.start.iso(), o.due.iso()) for o in task.occurrences]


def test_repeat_by_days_and_weeks_with_until_and_count(tmp_path: Path) -> None:
    plan = month_plan(tmp_path, {"event": "2024-11-01"}, (
        "  - {id: daily, name: a, at: 双十一当天9点, repeat: {every: 1d, count: 3}}\n"
        "  - {id: weekly, name: b, start: event+0d, due: event+1d,"
        " repeat: {every: 1w, until: event+14d}}\n"
        "  - {id: timed-until, name: c, at: event, repeat: {every: 2d, until: event+4d@20:00}}\n"
        "  - {id: long, name: d, at: event, repeat: {every: 1h30min, count: 3}}\n"))
    assert occurrences(plan, "daily") == [
        ("2024-11-01T09:00", "2024-11-01T09:00"), ("2024-11-02T09:00", "2024-11-02T09:00"),
        ("2024-11-03T09:00", "2024-11-03T09:00")]
    # An all-day `until` includes its day: 11-15 is the third start.
    assert occurrences(plan, "weekly") == [
        ("2024-11-01", "2024-11-02"), ("2024-11-08", "2024-11-09"), ("2024-11-15", "2024-11-16")]
    # A timed `until` includes its minute.
    assert occurrences(plan, "timed-until") == [
        ("2024-11-01T20:00", "2024-11-01T20:00"), ("2024-11-03T20:00", "2024-11-03T20:00"),
        ("2024-11-05T20:00", "2024-11-05T20:00")]
    assert occurrences(plan, "long") == [
        ("2024-11-01T20:00", "2024-11-01T20:00"), ("2024-11-01T21:30", "2024-11-01T21:30"),
        ("2024-11-01T23:00", "2024-11-01T23:00")]
    # A repeating task is due when its last occurrence is: Sun 11-03 and Sat 11-16.
    assert said(plan) == [
        ("deadline-on-day-off", ("daily",),
         "11月3日 周日（周末）有1项截止，请确认是否提前到11月1日 周五：第1项「a」"),
        ("deadline-on-day-off", ("weekly",),
         "11月16日 周六（周末）有1项截止，请确认是否提前到11月15日 周五：第2项「b」"),
    ]


def test_monthly_repeat_on_the_31st_clamps_each_month(tmp_path: Path) -> None:
    plan = month_plan(tmp_path, {"event": "2024-01-31"}, (
        "  - {id: m, name: a, start: event+0d, due: event+2d,"
        " repeat: {every: 1mo, until: 双十一后5个月}}\n"
        "  - {id: two, name: b, at: event, repeat: {every: 2mo, count: 3}}\n"))
    # Each start keeps the 31st where the month has one (RFC 5545 alone would skip
    # February, April and June); each due keeps its own day, the 2nd.
    assert occurrences(plan, "m") == [
        ("2024-01-31", "2024-02-02"), ("2024-02-29", "2024-03-02"), ("2024-03-31", "2024-04-02"),
        ("2024-04-30", "2024-05-02"), ("2024-05-31", "2024-06-02"), ("2024-06-30", "2024-07-02")]
    assert occurrences(plan, "two") == [
        ("2024-01-31T20:00", "2024-01-31T20:00"), ("2024-03-31T20:00", "2024-03-31T20:00"),
        ("2024-05-31T20:00", "2024-05-31T20:00")]


def test_monthly_repeat_of_a_month_end_keeps_to_month_ends(tmp_path: Path) -> None:
    plan = month_plan(tmp_path, {"event": "2024-11-11"}, (
        "  - {id: end, name: a, at: 双十一当月底, repeat: {every: 1mo, count: 4}}\n"
        "  - {id: thirtieth, name: b, at: event+19d, repeat: {every: 1mo, count: 4}}\n"))
    assert [s for s, _ in occurrences(plan, "end")] == [
        "2024-11-30", "2024-12-31", "2025-01-31", "2025-02-28"]
    # The same first day written as a day count is the 30th of each month.
    assert [s for s, _ in occurrences(plan, "thirtieth")] == [
        "2024-11-30", "2024-12-30", "2025-01-30", "2025-02-28"]


def test_minute_and_hour_steps_follow_the_wall_clock_across_dst(tmp_path: Path) -> None:
    """New York: clocks jump 02:00 → 03:00 on 2024-03-10 and 02:00 → 01:00 on 2024-11-03."""
    tasks = ("  - {id: half, name: a, at: event, repeat: {every: 30min, until: event@04:00}}\n"
             "  - {id: hourly, name: b, at: event-30min, repeat: {every: 1h, count: 4}}\n")
    spring = month_plan(tmp_path, {"event": "2024-03-10 01:00"}, tasks,
                        timezone="America/New_York")
    # 02:00 and 02:30 do not exist that night: left out, not moved onto 03:00.
    assert [s for s, _ in occurrences(spring, "half")] == [
        "2024-03-10T01:00", "2024-03-10T01:30", "2024-03-10T03:00", "2024-03-10T03:30",
        "2024-03-10T04:00"]
    assert [s for s, _ in occurrences(spring, "hourly")] == [
        "2024-03-10T00:30", "2024-03-10T01:30", "2024-03-10T03:30", "2024-03-10T04:30"]
    autumn = month_plan(tmp_path, {"event": "2024-11-03 01:00"}, tasks,
                        timezone="America/New_York")
    # The hour from 01:00 to 02:00 happens twice: each wall-clock time is listed once.
    assert [s for s, _ in occurrences(autumn, "half")] == [
        "2024-11-03T01:00", "2024-11-03T01:30", "2024-11-03T02:00", "2024-11-03T02:30",
        "2024-11-03T03:00", "2024-11-03T03:30", "2024-11-03T04:00"]
    assert [s for s, _ in occurrences(autumn, "hourly")] == [
        "2024-11-03T00:30", "2024-11-03T01:30", "2024-11-03T02:30", "2024-11-03T03:30"]


def test_working_day_steps_are_counted_on_the_calendar(tmp_path: Path) -> None:
    """China 2024: National Day is 10-01 to 10-07; Sun 09-29 is a make-up workday (调休)."""
    plan = month_plan(tmp_path, {"event": "2024-09-27"},
                      "  - {id: wd, name: a, at: event+0d, repeat: {every: 1wd, count: 4}}\n",
                      country="CN")
    assert [s for s, _ in occurrences(plan, "wd")] == [
        "2024-09-27", "2024-09-29", "2024-09-30", "2024-10-08"]


def test_repeat_every_step_shows_months_in_both_languages(tmp_path: Path) -> None:
    plan = month_plan(tmp_path, {"event": "2024-11-11"},
                      "  - {id: m, name: a, at: 双十一当月底, repeat: {every: 1mo, count: 3}}\n")
    task = plan.tasks[0]
    assert (Words("zh").repeat_note(task), Words("en").repeat_note(task)) == (
        "每1个月一次，共3次", "every 1mo, 3 times")


# ------------------------------------------------------------------ times of day (issue 25)

def test_times_of_day_as_a_yunying_writes_them(tmp_path: Path) -> None:
    """报名 2024-10-14 (Monday) gives 开团 2024-11-01 10:00 (signup+18d at the anchor's time)."""
    phrases = ["开团前1天晚上8点", "开团前1天下午3点", "开团当天上午9点", "开团当天中午12点",
               "开团当天凌晨1点", "开团当天8点半", "开团当天8:30", "开团当天８:３０", "开团当天8：30",
               "开团前叁天", "报名前拾伍天", "开团后两天下午3点半", "开团当天晚上11点59分",
               "开团前贰天晚上捌点", "open-1d@20:00"]
    path = tmp_path / "said.yaml"
    path.write_text(
        "name: said\ncalendar: {country: none}\n"
        "anchors:\n  signup: {label: 报名}\n"
        "  open: {label: 开团, time: '10:00', default: signup+18d}\n"
        "tasks:\n" + "".join(f"  - {{id: t{n}, name: t{n}, at: '{text}'}}\n"
                             for n, text in enumerate(phrases)), encoding="utf-8")
    plan = resolve(load(str(path)), {"signup": "2024-10-14"})
    assert {text: task.start.iso() for text, task in zip(phrases, plan.tasks, strict=True)} == {
        "开团前1天晚上8点": "2024-10-31T20:00",
        "开团前1天下午3点": "2024-10-31T15:00",
        "开团当天上午9点": "2024-11-01T09:00",
        "开团当天中午12点": "2024-11-01T12:00",
        "开团当天凌晨1点": "2024-11-01T01:00",  # the small hours of 开团's own day
        "开团当天8点半": "2024-11-01T08:30",
        "开团当天8:30": "2024-11-01T08:30",
        "开团当天８:３０": "2024-11-01T08:30",
        "开团当天8：30": "2024-11-01T08:30",
        "开团前叁天": "2024-10-29",  # all day, as 开团前3天
        "报名前拾伍天": "2024-09-29",  # 10-14 back 15 days crosses into September
        "开团后两天下午3点半": "2024-11-03T15:30",
        "开团当天晚上11点59分": "2024-11-01T23:59",
        "开团前贰天晚上捌点": "2024-10-30T20:00",
        "open-1d@20:00": "2024-10-31T20:00",  # the compact twin of the first
    }

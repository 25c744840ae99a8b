"""Dates computed by hand from tests/playbooks/promo.yaml.

With --signup 2024-10-14 (a Monday) the anchors derive to auction 10-21,
schedule 10-25, open 11-01 10:00 (anchor time) and end 11-01 23:59.
"""

from __future__ import annotations

from datetime import date

import pytest

from promoplan import notices
from promoplan.errors import PromoplanError
from promoplan.i18n import Words
from promoplan.plan import Plan
from promoplan.playbook import load
from promoplan.resolve import resolve

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
        ":8:3: anchor 'signup' (报名) has no date "
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

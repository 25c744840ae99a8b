"""The working calendar, with dates worked out by hand from the State Council schedules.

2024 National Day: 10-01..10-07 off, make-up workdays Sun 09-29 and Sat 10-12.
2025 Spring Festival: 01-28..02-04 off, make-up workdays Sun 01-26 and Sat 02-08.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import load
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve
from promoplan.schedule.workdays import WorkCalendar

from .test_resolve import said

CN = WorkCalendar("CN")


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 10, 14), -5, date(2024, 10, 8)),  # Sat 12 counts; 1st-7th are off
        (date(2024, 9, 27), 1, date(2024, 9, 29)),  # the Sunday make-up day
        (date(2024, 9, 27), 2, date(2024, 9, 30)),
        (date(2024, 9, 27), 3, date(2024, 10, 8)),  # straight over the holiday week
        (date(2024, 10, 8), -1, date(2024, 9, 30)),
        (date(2025, 1, 24), 1, date(2025, 1, 26)),  # Sunday make-up before 春节
        (date(2025, 1, 24), 2, date(2025, 1, 27)),
        (date(2025, 1, 24), 3, date(2025, 2, 5)),  # 除夕 to 02-04 are off
        (date(2025, 2, 10), -1, date(2025, 2, 8)),  # Saturday make-up after 春节
        (date(2025, 2, 10), -2, date(2025, 2, 7)),
        (date(2024, 10, 3), 0, date(2024, 10, 3)),
    ],
)
def test_workdays_follow_the_chinese_schedule(start: date, n: int, expected: date) -> None:
    assert CN.add_workdays(start, n) == expected


def test_roll_moves_to_the_nearest_working_day() -> None:
    assert CN.roll(date(2024, 10, 3), "backward") == date(2024, 9, 30)
    assert CN.roll(date(2024, 10, 3), "forward") == date(2024, 10, 8)
    assert CN.roll(date(2024, 10, 3), "none") == date(2024, 10, 3)
    assert CN.roll(date(2024, 10, 12), "forward") == date(2024, 10, 12)  # a make-up workday


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


BASE = """\
name: cal
event: {start: open, end: open@23:59}
anchors:
  signup: {label: 报名}
  open: {label: 开团, time: "10:00", default: signup+30d}
"""


def compiled(tmp_path: Path, extra: str, given: dict[str, str]) -> Plan:
    return resolve(load(write(tmp_path, BASE + extra)), given)


def due(plan: Plan) -> dict[str, str]:
    return {t.id: t.due.iso() for t in plan.tasks}


def test_workday_offsets_in_both_spellings(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "tasks:\n"
                    "  - {id: a, name: a, due: 报名前5个工作日}\n"
                    "  - {id: b, name: b, due: signup-5wd}\n"
                    "  - {id: c, name: c, due: 报名后3个工作日}\n",
                    {"signup": "2025-01-24", "open": "2025-03-03"})
    # Back from Fri 01-24: 23, 22, 21, 20, 17. Forward: Sun 26, Mon 27, then Wed 02-05.
    assert due(plan) == {"a": "2025-01-17", "b": "2025-01-17", "c": "2025-02-05"}


def test_playbook_calendar_corrects_the_official_one(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "calendar: {holidays: [2024-10-08], workdays: [2024-10-05]}\n"
                    "tasks:\n  - {id: a, name: a, due: 报名前5个工作日}\n",
                    {"signup": "2024-10-14", "open": "2024-11-01"})
    # 12, 11, 10, 9, then 8 is declared off, 7 and 6 are National Day, 5 is declared a workday.
    assert due(plan) == {"a": "2024-10-05"}


def test_plan_file_adds_days_to_the_playbook_calendar(tmp_path: Path) -> None:
    write(tmp_path, BASE + "tasks:\n  - {id: a, name: a, due: signup+1wd}\n")
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text("extends: p.yaml\ncalendar: {holidays: [2024-10-15]}\n"
                         "anchors: {signup: {date: 2024-10-14}}\n", encoding="utf-8")
    assert due(resolve(load(str(plan_file)))) == {"a": "2024-10-16"}


def test_each_roll_rule(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "roll: forward\n"
                    "tasks:\n"
                    "  - {id: fwd, name: a, due: 报名前11天}\n"
                    "  - {id: back, name: b, due: 报名前11天, roll: backward}\n"
                    "  - {id: keep, name: c, due: 报名前11天, roll: none}\n"
                    "  - {id: timed, name: d, at: 'signup-11d@10:00'}\n"
                    "  - {id: workday, name: e, due: 报名前2天}\n",
                    {"signup": "2024-10-14", "open": "2024-11-05"})
    # 报名前11天 is 10-03, in the National Day week.
    assert due(plan) == {"fwd": "2024-10-08", "back": "2024-09-30", "keep": "2024-10-03",
                         "timed": "2024-10-03T10:00", "workday": "2024-10-12"}
    assert said(plan) == [
        ("deadline-on-day-off", ("keep", "timed"),
         "10月3日 周四（国庆节）有2项截止，请确认是否提前到9月30日 周一：第3项「c」、第4项「d」"),
    ]


def test_rolled_dates_feed_the_tasks_that_follow(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "tasks:\n"
                    "  - {id: a, name: a, due: 报名前11天, roll: backward}\n"
                    "  - {id: b, name: b, after: a, duration: 1d}\n",
                    {"signup": "2024-10-14", "open": "2024-11-05"})
    assert due(plan) == {"a": "2024-09-30", "b": "2024-10-01"}


def test_night_work_outside_the_event_is_flagged(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "tasks:\n"
                    "  - {id: late, name: a, at: 'open-1d@23:00'}\n"
                    "  - {id: event-night, name: b, at: 'open@22:30'}\n"
                    "  - {id: morning, name: c, at: 'open-1d@07:00'}\n",
                    {"signup": "2024-10-14", "open": "2024-11-05"})
    assert said(plan) == [("at-night", ("late",), "1项安排在夜间（22点至次日7点）：第1项「a」（23:00）")]
    assert said(plan, "en") == [("at-night", ("late",), "1 task at night (22:00 to 07:00): #1 “a” (23:00)")]


def test_a_year_without_a_published_schedule_is_flagged(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "tasks:\n  - {id: a, name: a, at: open+1h}\n",
                    {"signup": "2030-10-14", "open": "2030-11-05"})
    assert said(plan) == [
        ("schedule-unpublished", (),
         "2030年的法定节假日安排尚未公布：休息日按法定规则推算，调休上班日未知，公布后请重新生成本计划。"),
    ]
    assert said(plan, "en")[0][2] == (
        "The official holiday schedule for 2030 is not published yet: days off follow the statutory "
        "rules and make-up workdays are unknown; compile the plan again once it is out.")


def test_other_countries_and_weekends_only(tmp_path: Path) -> None:
    us = compiled(tmp_path, "calendar: {country: US}\ntasks:\n  - {id: a, name: a, due: signup+1wd}\n",
                  {"signup": "2024-11-27", "open": "2024-12-27"})
    assert due(us) == {"a": "2024-11-29"}  # Thanksgiving, Thu 11-28, is off
    plain = compiled(tmp_path, "calendar: {country: none}\ntasks:\n"
                     "  - {id: a, name: a, due: signup+1wd}\n",
                     {"signup": "2024-09-30", "open": "2024-12-27"})
    assert due(plain) == {"a": "2024-10-01"}  # National Day is a plain Tuesday here


def test_unknown_country_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PromoplanError) as info:
        compiled(tmp_path, "calendar: {country: China}\ntasks:\n  - {id: a, name: a, at: open}\n",
                 {"signup": "2024-10-14"})
    message = str(info.value)
    assert message.endswith(":6:21: calendar › country: unknown country 'China' (did you mean 'CHN'?)")


def test_days_off_are_listed_for_the_writers(tmp_path: Path) -> None:
    plan = compiled(tmp_path, "tasks:\n  - {id: a, name: a, at: open}\n",
                    {"signup": "2024-10-14", "open": "2024-10-15"})
    off = {d.isoformat(): name for d, name in plan.days_off.items()}
    assert off["2024-10-07"] == "休息日（由 2024-10-12 调休）"
    assert off["2024-10-13"] == ""  # a plain Sunday
    assert "2024-10-12" not in off  # the make-up Saturday is a working day


def test_time_zones_with_daylight_saving(tmp_path: Path) -> None:
    path = write(tmp_path, "name: ny\ntimezone: America/New_York\ncalendar: {country: US}\n"
                 "anchors: {open: {time: '01:30'}}\n"
                 "tasks:\n  - {id: a, name: a, at: open+1h}\n  - {id: b, name: b, at: open+1d+1h}\n")
    plan = resolve(load(path), {"open": "2024-03-10"})
    # 01:30 EST plus an hour is 03:30 EDT: 02:30 does not exist that night.
    assert due(plan) == {"a": "2024-03-10T03:30", "b": "2024-03-11T02:30"}


def test_the_table_marks_days_off(tmp_path: Path) -> None:
    from promoplan.words import Words
    from promoplan.writers import table

    plan = compiled(tmp_path, "tasks:\n  - {id: a, name: 国庆前准备, start: 报名前13天, due: 报名前9天}\n",
                    {"signup": "2024-10-14", "open": "2024-10-15"})
    text = table.render(plan, Words("zh")).decode()
    row = next(line for line in text.splitlines() if "国庆前准备" in line)
    assert row.split()[-6:] == ["10月1日", "周二", "休", "10月5日", "周六", "休"]

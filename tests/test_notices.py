"""How warnings name the days off: as a team says them, not as the calendar library does."""

from __future__ import annotations

from promoplan.words import Words, notices

from .test_resolve import said
from .test_workdays import compiled


def test_a_day_off_moved_by_tiaoxiu_is_named_as_the_team_says_it() -> None:
    # The holidays library names Tue 2025-10-07 '休息日（由 2025-09-28 调休）': the day off
    # that the make-up workday of Sunday 09-28 paid for.
    assert notices.holiday_name("休息日（由 2025-09-28 调休）", Words("zh")) == "调休，9月28日补班"
    assert notices.holiday_name("国庆节", Words("zh")) == "国庆节"
    assert notices.holiday_name(None, Words("zh")) == ""


def test_the_warning_for_a_deadline_on_such_a_day(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = compiled(tmp_path, "tasks:\n  - {id: a, name: 入口图设计, due: 报名前6天}\n",
                    {"signup": "2025-10-13", "open": "2025-11-05"})
    # 报名前6天 = Tue 10-07; the working day before it is Tue 09-30 (10-01..10-08 are off).
    assert said(plan) == [("deadline-on-day-off", ("a",),
                           "10月7日 周二（调休，9月28日补班）有1项截止，请确认是否提前到9月30日 周二：第1项「入口图设计」")]

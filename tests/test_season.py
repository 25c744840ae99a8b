"""The load across a season of plans (promoplan.schedule.workload), counted by hand.

tests/playbooks/season: three stores run shop.yaml (weekends off, no public holidays)
with one team (team.yaml: 张伟 运营, 刘洋 美工 with max_per_day 2, 李娜 客服); 店C also
takes Thursday 2024-10-17 off. Signups: A 10-14 (Mon), B 10-16 (Wed), C 10-08 (Tue);
开团 = 报名+10天 at 10:00. So, by hand:

- 刘洋 (美工): 主图设计 报名后1..3天, 详情页设计 报名后2..3天, 活动海报 开团前1天:
  A 10-15..17, 10-16..17, 10-23; B 10-17..19, 10-18..19, 10-25; C 10-09..11, 10-10..11, 10-17.
  On Thursday 10-17: due A主图, A详情页, C海报 (3, over his 2); active those and B主图 (4).
- 李娜 (客服): 客服话术 开团前2天..开团当天, 跟进咨询 four times on the opening day:
  C 10-16..18 (10-17 is C's day off, in the middle: not counted), A 10-22..24, B 10-24..26.
- 张伟 (运营): 活动策划 报名前5天..报名前1天: A 10-09..13 (Sun), B 10-11..15, C 10-03..07.
  Saturday 10-12 is inside A's and B's spans but off in every plan: no column.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from promoplan.playbook.assemble import load
from promoplan.playbook.team import add_team, load_team
from promoplan.schedule import workload as season
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve
from promoplan.words import words_for

from .conftest import PLAYBOOKS

SEASON = PLAYBOOKS / "season"


def _plans(*stems: str) -> list[Plan]:
    team = load_team(SEASON / "team.yaml", "team.yaml")
    out = []
    for stem in stems:
        pb = load(str(SEASON / f"{stem}.yaml"))
        add_team(pb, *team)
        out.append(resolve(pb))
    return out


@pytest.fixture(scope="module")
def three() -> list[Plan]:
    return _plans("a", "b", "c")


def _ids(items: list[season.Item] | tuple[season.Item, ...]) -> list[tuple[str, str]]:
    return [(i.campaign, i.task.id) for i in items]


def test_a_designer_over_his_limit_on_one_thursday(three: list[Plan]) -> None:
    load_ = season.compute(three)
    assert load_.rows == ["张伟", "刘洋", "李娜"]
    assert load_.limits == {"刘洋": 2}
    cell = load_.cell("刘洋", date(2024, 10, 17))
    assert _ids(cell.due) == [("shop-a", "main-pic"), ("shop-a", "detail-page"), ("shop-c", "banner")]
    assert _ids(cell.active) == [("shop-a", "main-pic"), ("shop-a", "detail-page"),
                                 ("shop-b", "main-pic"), ("shop-c", "banner")]
    assert [(o.who, o.day, o.limit, _ids(o.items)) for o in load_.over] == [
        ("刘洋", date(2024, 10, 17), 2, _ids(cell.due))]


def test_days_off_count_only_in_the_plan_that_has_them(three: list[Plan]) -> None:
    load_ = season.compute(three)
    # C's day off in the middle of its 客服话术: 李娜 has nothing that Thursday
    assert load_.cell("李娜", date(2024, 10, 17)).active == []
    # the first day of the span counts, and the opening day has the script and the checks
    assert _ids(load_.cell("李娜", date(2024, 10, 16)).active) == [("shop-c", "script")]
    assert _ids(load_.cell("李娜", date(2024, 10, 18)).due) == [("shop-c", "script"), ("shop-c", "watch")]
    # A's 活动策划 ends on Sunday 10-13: that day is shown; Saturday 10-12 is not
    assert date(2024, 10, 13) in load_.days
    assert date(2024, 10, 12) not in load_.days
    assert load_.days[0] == date(2024, 10, 3)
    assert load_.days[-1] == date(2024, 10, 26)
    assert _ids(load_.cell("张伟", date(2024, 10, 14)).active) == [("shop-b", "plan")]


def test_the_opening_day_of_two_stores(three: list[Plan]) -> None:
    cell = season.compute(three).cell("李娜", date(2024, 10, 24))
    assert (len(cell.active), len(cell.due)) == (3, 2)
    assert _ids(cell.due) == [("shop-a", "script"), ("shop-a", "watch")]


def test_a_limit_for_everyone_and_roles(three: list[Plan]) -> None:
    by_person = season.compute(three, limit=1)
    assert by_person.limits == {"张伟": 1, "刘洋": 2, "李娜": 1}  # his own limit wins
    assert [(o.who, o.day.isoformat(), len(o.items)) for o in by_person.over] == [
        ("刘洋", "2024-10-17", 3), ("李娜", "2024-10-18", 2), ("李娜", "2024-10-24", 2),
        ("李娜", "2024-10-26", 2)]
    by_role = season.compute(three, "owner", limit=2)
    assert by_role.rows == ["运营主管", "美工主管", "客服主管"]
    assert [(o.who, o.day.isoformat()) for o in by_role.over] == [("美工主管", "2024-10-17")]


def test_two_stores_stay_under_the_limits() -> None:
    load_ = season.compute(_plans("a", "b"), limit=2)
    assert load_.over == []
    assert len(load_.cell("刘洋", date(2024, 10, 17)).due) == 2


def test_the_days_chosen(three: list[Plan]) -> None:
    load_ = season.compute(three, first=date(2024, 10, 14), last=date(2024, 10, 20))
    assert [d.day for d in load_.days] == [14, 15, 16, 17, 18, 19]
    assert {day for _, day in load_.cells} <= set(load_.days)


def test_the_warning_names_person_day_and_tasks(three: list[Plan]) -> None:
    (over,) = season.compute(three).over
    assert season.warning(over, words_for("zh-CN", None)) == (
        "刘洋在2024年10月17日 周四有3项截止，超过每天2项的上限：shop-a·美工第1项「主图设计」、"
        "shop-a·美工第2项「详情页设计」、shop-c·美工第3项「活动海报」")
    assert season.warning(over, words_for("zh-CN", "en")) == (
        "刘洋 has 3 tasks due on Thu 17 Oct 2024, over the limit of 2 a day: "
        "shop-a: 美工 #1 “主图设计”; shop-a: 美工 #2 “详情页设计”; shop-c: 美工 #3 “活动海报”")


def test_done_tasks_are_no_load(tmp_path: Path) -> None:
    plan = tmp_path / "a.yaml"
    plan.write_text((SEASON / "a.yaml").read_text(encoding="utf-8").replace(
        "extends: shop.yaml", f"extends: {SEASON / 'shop.yaml'}") + "progress: {main-pic: 完成}\n",
        encoding="utf-8")
    pb = load(str(plan))
    add_team(pb, *load_team(SEASON / "team.yaml", "team.yaml"))
    cell = season.compute([resolve(pb)]).cell("刘洋", date(2024, 10, 17))
    assert _ids(cell.due) == [("shop-a", "detail-page")]


def test_heat_levels() -> None:
    assert [season.level(n, 2, 9) for n in (0, 1, 2, 3)] == [0, 1, 3, 4]
    assert [season.level(n, 4, 9) for n in (1, 2, 3, 4, 5)] == [1, 1, 2, 3, 4]
    assert [season.level(n, None, 9) for n in (0, 3, 4, 6, 7, 9)] == [0, 1, 2, 2, 3, 3]

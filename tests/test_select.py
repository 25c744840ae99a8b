"""--owner, --person, --split-by and --remind: the plan narrowed or adjusted before any writer.

Uses tests/playbooks/plan/plan.yaml: 运营主管 is 张伟, 客服主管 is 李娜 (with an email),
推广主管 has nobody; the group opens 2024-11-05 10:00.
"""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import load
from promoplan.schedule import filters as select
from promoplan.schedule.offsets import Reminder, Shift
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve

from .conftest import PLAYBOOKS, Cli

PLAN = str(PLAYBOOKS / "plan" / "plan.yaml")
PROMO = str(PLAYBOOKS / "promo.yaml")
OPS = ["plan", "deposit", "price-stock", "follow-up", "ship", "restock", "review", "wd-task",
       "chained"]
PROMOTION = ["detail", "preview", "half", "last-min", "check25", "check120"]


def plan_file() -> Plan:
    return resolve(load(PLAN), {})


def ids(plan: Plan) -> list[str]:
    return [t.id for t in plan.tasks]


def test_roles_and_people_in_plan_order() -> None:
    plan = plan_file()
    assert select.roles(plan) == ["运营主管", "推广主管", "客服主管"]
    assert select.people(plan) == ["张伟", "李娜"]  # section order: 运营 before 客服


def test_roles_of_a_playbook_that_declares_none_come_from_its_tasks(tmp_path: Path) -> None:
    path = tmp_path / "no-roles.yaml"
    path.write_text("name: no-roles\nanchors: {open: {label: 开团, time: '10:00'}}\ntasks:\n"
                    "  - {id: pack, name: 打包, owner: 仓库, at: 开团后1天}\n"
                    "  - {id: ads, name: 投放, owner: 推广, at: 开团前1天}\n"
                    "  - {id: ship, name: 发货, owner: 仓库, at: 开团后2天}\n",
                    encoding="utf-8")
    plan = resolve(load(str(path)), {"open": "2024-11-01"})
    assert select.roles(plan) == ["仓库", "推广"]  # sorted: nothing declares an order
    assert ids(select.only_owner(plan, "仓库")) == ["pack", "ship"]
    assert [key for key, _ in select.split(plan, "owner")] == ["仓库", "推广"]


def test_only_owner_keeps_that_roles_tasks_in_plan_order() -> None:
    plan = plan_file()
    assert ids(select.only_owner(plan, "客服主管")) == ["cs-week", "evening", "extra"]
    assert ids(select.only_owner(plan, "推广主管")) == PROMOTION
    assert len(plan.tasks) == 18  # the original plan is left alone


def test_only_person_keeps_the_tasks_of_their_roles() -> None:
    plan = plan_file()
    assert ids(select.only_person(plan, "张伟")) == OPS
    narrowed = select.only_person(plan, "李娜")
    assert ids(narrowed) == ["cs-week", "evening", "extra"]
    assert (narrowed.team, narrowed.anchors) == (plan.team, plan.anchors)


def test_unknown_owner_names_the_closest_role() -> None:
    with pytest.raises(PromoplanError) as info:
        select.only_owner(plan_file(), "运营")
    assert str(info.value) == "command line: --owner 运营: no such role (did you mean '运营主管'?)"


def test_unknown_owner_lists_roles_when_nothing_is_close() -> None:
    with pytest.raises(PromoplanError) as info:
        select.only_owner(plan_file(), "财务")
    assert str(info.value) == ("command line: --owner 财务: no such role "
                               "(roles: '运营主管', '推广主管', '客服主管')")


def test_unknown_person_names_the_closest_person() -> None:
    with pytest.raises(PromoplanError) as info:
        select.only_person(plan_file(), "张")
    assert str(info.value) == ("command line: --person 张: nobody of that name owns a task "
                               "(did you mean '张伟'?)")


def test_person_without_a_team_says_where_people_come_from() -> None:
    plan = resolve(load(PROMO), {"signup": "2024-10-14"})
    with pytest.raises(PromoplanError) as info:
        select.only_person(plan, "张伟")
    assert str(info.value) == (
        "command line: --person 张伟: nobody of that name owns a task "
        "(add a team: role → people in the plan file or --team)")


def test_split_by_owner_skips_roles_without_tasks(tmp_path: Path) -> None:
    path = tmp_path / "idle-role.yaml"
    path.write_text(f"extends: {PLAN}\nroles: [运营主管, 推广主管, 客服主管, 美工主管]\n",
                    encoding="utf-8")
    parts = select.split(resolve(load(str(path)), {}), "owner")
    assert [(key, ids(part)) for key, part in parts] == [
        ("运营主管", OPS), ("推广主管", PROMOTION), ("客服主管", ["cs-week", "evening", "extra"])]


def test_split_by_person() -> None:
    parts = select.split(plan_file(), "person")
    assert [(key, ids(part)) for key, part in parts] == [
        ("张伟", OPS), ("李娜", ["cs-week", "evening", "extra"])]


def test_remind_all_overrides_defaults_and_tasks() -> None:
    plan = plan_file()
    assert plan.reminders == {"timed": Reminder((Shift(15, "min"),)),
                              "all_day": Reminder((Shift(1, "d"),), clock=time(9, 0))}
    off = Reminder(off=True)
    changed = select.remind_all(plan, off)
    assert changed.reminders == {"timed": off, "all_day": off}
    assert {changed.reminder_for(t) for t in changed.tasks} == {off}
    assert plan.tasks[0].remind is None  # the original plan is left alone


# ------------------------------------------------------------------ through the command line

def compile_json(cli: Cli, *args: str) -> list[dict[str, Any]]:
    result = cli("compile", PLAN, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    tasks: list[dict[str, Any]] = json.loads(result.stdout)["tasks"]
    return tasks


def test_filters_apply_to_any_output(cli: Cli) -> None:
    assert [t["id"] for t in compile_json(cli, "--owner", "客服主管")] == ["cs-week", "evening",
                                                                          "extra"]
    assert [t["id"] for t in compile_json(cli, "--person", "张伟")] == OPS
    both = compile_json(cli, "--owner", "运营主管", "--person", "张伟")
    assert [t["id"] for t in both] == OPS
    assert {tuple(t["people"]) for t in both} == {("张伟",)}


def test_person_from_a_team_file(cli: Cli, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("team:\n  推广主管: [王芳, {name: 赵磊, email: zhaolei@example.com}]\n",
                    encoding="utf-8")
    got = compile_json(cli, "--team", str(team), "--person", "赵磊")
    assert [t["id"] for t in got] == PROMOTION
    assert {tuple(t["people"]) for t in got} == {("王芳", "赵磊")}


@pytest.mark.parametrize(("args", "message"), [
    (("--owner", "客服"), "命令行：--owner 客服：没有这个角色（是不是「客服主管」？）\n"),
    (("--person", "李"), "命令行：--person 李：没有叫这个名字的负责人（是不是「李娜」？）\n"),
    (("--split-by", "owner"), "命令行：--split-by 需要用 -o 给一个文件夹（例如 -o cal/）\n"),
    (("--split-by", "role", "-o", "x/"),
     "Usage: promoplan compile [OPTIONS] {PLAYBOOK}\nTry 'promoplan compile -h' for help.\n\n"
     "Error: Invalid value for '--split-by': 'role' is not one of 'owner', 'person'.\n"),
])
def test_filter_mistakes_are_one_message_and_exit_2(cli: Cli, tmp_path: Path, args: tuple[str, ...],
                                                    message: str) -> None:
    result = cli("compile", PLAN, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


def test_split_reports_every_file(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "by-person"
    result = cli("compile", PLAN, "--split-by", "person", "-o", f"{folder}/")
    assert result.exit_code == 0, result.stderr
    # the plan's warnings follow the files: 活动策划 is due Sun 10-13, one more task Sun 11-03
    assert result.stderr == (f"已写入 {folder / '张伟.ics'}\n已写入 {folder / '李娜.ics'}\n"
                             "注意：2项截止日在休息日（10月13日 周日：1项、11月3日 周日：1项），"
                             "请确认是否提前到前一个工作日；这些行标有“⚠ 休息日截止”。\n")

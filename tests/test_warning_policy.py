"""The warning policy (issue 24, README "Warnings"): a warning only where the team chose the
day, the anchor's own warning when it falls on a day off, weekends the team works, filtered
outputs that carry only their own warnings, and the unpublished holiday schedule first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from promoplan.schedule.workdays import WorkCalendar

from .conftest import compile_json, run_here

ON_GUOQING = {  # ju-huasuan signing up 2026-10-12: the rows due on 国庆 2026
    "2026-10-02": ["category-signup-analysis", "season-product-selection", "style-test",
                   "entry-image-test", "color-test", "promo-assets-test", "detail-logic"],
    "2026-10-06": ["entry-image-design", "detail-done"],
}


def flagged(plan: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    ids = {t["id"]: t for t in plan["tasks"]}
    out: dict[str, list[str]] = {}
    for w in plan["warnings"]:
        if w["code"] == "deadline-on-day-off":
            for tid in w["tasks"]:
                out.setdefault(ids[tid]["due"][:10], []).append(tid)
    return out


def test_a_team_that_works_weekends_is_warned_only_about_holidays(tmp_path: Path) -> None:
    # Before: 32 rows over 13 days, most of them Saturdays and Sundays. The playbook says
    # the team works weekends: 9 rows remain, all on 国庆, each one its lead can bring forward.
    out = tmp_path / "x.json"
    ran = run_here("compile", "ju-huasuan", "--signup", "2026-10-12", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert flagged(plan) == ON_GUOQING
    assert [w["code"] for w in plan["warnings"]] == ["deadline-on-day-off"] * 2
    assert ran.stderr.splitlines()[1] == (
        "注意：9项截止日在休息日（10月2日 周五（国庆节）：7项、10月6日 周二（调休，9月20日补班）：2项），"
        "请确认是否提前到前一个工作日；这些行标有“⚠ 休息日截止”。")


def test_weekends_off_in_the_plan_file_warns_about_weekends_again(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text("extends: ju-huasuan\ncalendar: {weekends: off}\n", encoding="utf-8")
    plan = compile_json(str(plan_file), "--signup", "2026-10-12")
    days = flagged(plan)
    assert sum(len(v) for v in days.values()) == 32
    assert len(days) == 13
    assert days["2026-09-27"] == ["retouch"]  # a Sunday


def test_open_on_new_years_day_is_one_warning_and_no_day_of_task(tmp_path: Path) -> None:
    # signup 12-14 → 开团 2027-01-01 10:00 (元旦), 结束 the same day at 23:59.
    plan = compile_json("ju-huasuan", "--signup", "2026-12-14")
    assert [(w["code"], w["tasks"]) for w in plan["warnings"]] == [
        ("schedule-unpublished", []), ("anchor-on-day-off", [])]
    assert plan["warnings"][1]["message"] == (
        "开团在1月1日 周五（元旦）：当天的事项随开团而定、不能挪动，请提前安排这一天值班的人。")
    assert flagged(plan) == {}
    # Even for a team that takes weekends off, no task of the day itself (早班客服准时上线,
    # 商品展示 8:00-9:59) is asked to move to 12月31日: only the team's own deadlines are.
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text("extends: ju-huasuan\ncalendar: {weekends: off}\n", encoding="utf-8")
    off = compile_json(str(plan_file), "--signup", "2026-12-14")
    assert "2027-01-01" not in flagged(off)
    assert sum(w["code"] == "anchor-on-day-off" for w in off["warnings"]) == 1
    english = compile_json("ju-huasuan", "--signup", "2026-12-14", "--lang", "en")
    assert english["warnings"][1]["message"] == (
        "开团 falls on Fri 1 Jan (元旦), a day off: the tasks of that day cannot move, so plan who works it.")


TEAM = """extends: ju-huasuan
calendar: {weekends: off}
team:
  运营主管: 张伟
  推广主管: 王芳
  美工主管: 刘洋
  文案: 陈静
  客服主管: 李娜
  物流主管: 赵强
"""


def test_filtered_outputs_carry_only_their_own_warnings(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(TEAM, encoding="utf-8")
    for option in (["--person", "李娜"], ["--owner", "客服主管"], ["--person", "陈静"]):
        ran = run_here("compile", "plan.yaml", "--signup", "2026-12-14", *option,
                       "-o", "mine.json", "-o", "mine.xlsx", cwd=tmp_path)
        assert ran.returncode == 0, ran.stderr
        plan = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
        mine = {t["id"] for t in plan["tasks"]}
        for warning in plan["warnings"]:
            assert set(warning["tasks"]) <= mine
            assert "0项" not in warning["message"]
        book = load_workbook(tmp_path / "mine.xlsx")
        cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                         for c in row if isinstance(c.value, str))
        assert "0项" not in cells, option
        assert "0项" not in ran.stderr, option
    # 李娜 (客服) works 开团 day: its warning is hers; 陈静 (文案) has one deadline on a weekend.
    run_here("compile", "plan.yaml", "--signup", "2026-12-14", "--person", "李娜", "-o", "l.json",
             cwd=tmp_path)
    lina = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert [w["code"] for w in lina["warnings"]] == ["schedule-unpublished", "anchor-on-day-off"]
    ran = run_here("compile", "plan.yaml", "--signup", "2026-12-14", "--person", "陈静",
                   "-o", "c.json", cwd=tmp_path)
    chen = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert [(w["code"], w["tasks"]) for w in chen["warnings"]] == [
        ("schedule-unpublished", []), ("deadline-on-day-off", ["next-event-copy"])]
    assert ran.stderr.splitlines()[2] == (
        "注意：1项截止日在休息日（12月27日 周日：1项），请确认是否提前到前一个工作日；该行标有“⚠ 休息日截止”。")


HEADLINE = "重要：2027年的法定节假日安排尚未公布：休息日按法定规则推算，调休上班日未知，公布后请重新生成本计划。"


def test_the_unpublished_schedule_comes_first_everywhere(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text("extends: ju-huasuan\nanchors: {signup: {date: 2026-12-14}}\n",
                                       encoding="utf-8")
    (tmp_path / "new.yaml").write_text("extends: ju-huasuan\nanchors: {signup: {date: 2026-12-15}}\n",
                                       encoding="utf-8")
    runs = {
        "table": ["compile", "new.yaml"],
        "md": ["compile", "new.yaml", "--format", "md"],
        "anchors": ["anchors", "new.yaml"],
        "agenda": ["agenda", "new.yaml", "--on", "2027-01-01"],
        "diff": ["diff", "old.yaml", "new.yaml"],
        "load": ["load", "new.yaml", "--by", "owner"],
    }
    for what, args in runs.items():
        out = run_here(*args, cwd=tmp_path).stdout.splitlines()
        # (the terminal table wraps it at the console's width)
        assert HEADLINE in "".join(line.strip("*") for line in out[:4]), (what, out[:4])
        assert "".join(out).count("2027年的法定节假日安排尚未公布") == 1, what  # not again at the end


def test_weekends_work_in_the_calendar() -> None:
    work, off = WorkCalendar("CN", weekends_work=True), WorkCalendar("CN")
    assert work.is_workday(date(2026, 11, 28))
    assert not off.is_workday(date(2026, 11, 28))
    # The Sunday inside 国庆 (between 10月3日 and 10月5日) stays off; statutory days stay off;
    # a 调休 make-up Saturday is worked either way.
    assert not work.is_workday(date(2026, 10, 4))
    assert not work.is_workday(date(2026, 10, 1))
    assert work.is_workday(date(2026, 10, 10))
    assert off.is_workday(date(2026, 10, 10))
    # Working-day offsets count Saturdays and Sundays: Fri + 1 working day is Saturday.
    assert work.add_workdays(date(2026, 11, 27), 1) == date(2026, 11, 28)
    assert off.add_workdays(date(2026, 11, 27), 1) == date(2026, 11, 30)
    # Without a country: weekends only, and a team that works them has no day off at all.
    assert WorkCalendar(None, weekends_work=True).is_workday(date(2026, 11, 29))

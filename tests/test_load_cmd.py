"""`promoplan load` and `compile` with several plans, as users type them.

The plans and the counts by hand: see tests/test_season.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from .conftest import PLAYBOOKS, Cli

SEASON = PLAYBOOKS / "season"
TEAM = str(SEASON / "team.yaml")
THREE = [str(SEASON / f"{s}.yaml") for s in "abc"]
OVER = ("刘洋在2024年10月17日 周四有3项截止，超过每天2项的上限：shop-a·美工第1项「主图设计」、"
        "shop-a·美工第2项「详情页设计」、shop-c·美工第3项「活动海报」\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The season folder copied: three plans, their playbook and the team file."""
    target = tmp_path / "plans"
    shutil.copytree(SEASON, target)
    return target


def test_the_heat_table_counts_active_and_due(cli: Cli) -> None:
    result = cli("load", *THREE, "--team", TEAM, "--from", "2024-10-14", "--to", "2024-10-20")
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2024年10月14日 周一 至 10月19日 周六"
    header = lines[2].split()
    assert header == ["10/14", "10/15", "10/16", "10/17", "10/18", "10/19"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[5:8]}
    # 刘洋: limit 2, then active/due per day; on 10-17 four active, three due
    assert rows["刘洋"] == ["2", "·", "1/0", "2/0", "4/3", "2/0", "2/2"]
    assert rows["李娜"] == ["·", "·", "1/0", "·", "2/2", "·"]
    assert result.stderr == OVER


def test_json_for_one_person_and_day(cli: Cli) -> None:
    result = cli("load", *THREE, "--team", TEAM, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["by"] == "person"
    assert (data["from"], data["to"]) == ("2024-10-03", "2024-10-26")
    liu = next(r for r in data["rows"] if r["name"] == "刘洋")
    assert liu["max_per_day"] == 2
    day = next(d for d in liu["days"] if d["day"] == "2024-10-17")
    assert day == {"day": "2024-10-17", "active": 4, "due": 3, "over": True, "tasks": [
        {"campaign": "shop-a", "section": "美工", "seq": 1, "name": "主图设计", "id": "main-pic",
         "owner": "美工主管", "due": True},
        {"campaign": "shop-a", "section": "美工", "seq": 2, "name": "详情页设计", "id": "detail-page",
         "owner": "美工主管", "due": True},
        {"campaign": "shop-b", "section": "美工", "seq": 1, "name": "主图设计", "id": "main-pic",
         "owner": "美工主管", "due": False},
        {"campaign": "shop-c", "section": "美工", "seq": 3, "name": "活动海报", "id": "banner",
         "owner": "美工主管", "due": True}]}
    assert data["over"] == [{"name": "刘洋", "day": "2024-10-17", "due": 3, "limit": 2}]


def test_exit_one_over_max_and_zero_under(cli: Cli) -> None:
    two = THREE[:2]
    under = cli("load", *two, "--team", TEAM, "--max", "2", "--format", "json")
    assert (under.exit_code, under.stderr) == (0, "")
    over = cli("load", *two, "--team", TEAM, "--max", "1", "--format", "json")
    assert over.exit_code == 1
    assert over.stderr == (
        "李娜在2024年10月24日 周四有2项截止，超过每天1项的上限：shop-a·客服第1项「客服话术」、"
        "shop-a·客服第2项「开团后跟进咨询」\n"
        "李娜在2024年10月26日 周六有2项截止，超过每天1项的上限：shop-b·客服第1项「客服话术」、"
        "shop-b·客服第2项「开团后跟进咨询」\n")


def test_a_folder_is_its_plan_files(cli: Cli, folder: Path) -> None:
    """team.yaml is no plan, and shop.yaml is the playbook the plans extend."""
    by_files = cli("load", *THREE, "--team", TEAM, "--format", "json", "--by", "owner")
    by_folder = cli("load", str(folder), "--team", str(folder / "team.yaml"), "--format", "json",
                    "--by", "owner")
    assert by_folder.exit_code == by_files.exit_code == 0
    assert by_folder.stdout == by_files.stdout


def test_the_load_workbook(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "load.xlsx"
    result = cli("load", *THREE, "--team", TEAM, "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"已写入 {out}\n" + OVER
    book = load_workbook(out)
    assert book.sheetnames == ["截止", "进行中", "明细"]
    due, active = book["截止"], book["进行中"]
    header = [c.value for c in due[1]]
    col = header.index("10/17 周四") + 1
    assert [due.cell(r, 1).value for r in (2, 3, 4)] == ["张伟", "刘洋", "李娜"]
    assert (due.cell(3, 2).value, due.cell(3, col).value, active.cell(3, col).value) == (2, 3, 4)
    assert due.cell(3, col).font.b
    (rules,) = due.conditional_formatting
    assert rules.rules[0].type == "colorScale"
    detail = [[c.value for c in row] for row in book["明细"].iter_rows(min_row=2)]
    assert [r[2:] for r in detail if r[0] == "刘洋" and r[1].date().isoformat() == "2024-10-17"] == [
        ["shop-a", "美工", 1, "主图设计"], ["shop-a", "美工", 2, "详情页设计"], ["shop-c", "美工", 3, "活动海报"]]
    again = tmp_path / "again.xlsx"
    cli("load", *THREE, "--team", TEAM, "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_compile_several_plans_with_templates(cli: Cli, tmp_path: Path) -> None:
    result = cli("compile", *THREE, "--team", TEAM, "-o", str(tmp_path / "{campaign}.json"),
                 "-o", str(tmp_path / "{stem}-{name}.csv"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a-season-shop.csv", "b-season-shop.csv", "c-season-shop.csv",
        "shop-a.json", "shop-b.json", "shop-c.json"]
    assert json.loads((tmp_path / "shop-b.json").read_text(encoding="utf-8"))["anchors"]["signup"] == "2024-10-16"
    # the overload is said after the files and the plans' own warnings
    assert result.stderr.endswith(OVER)
    assert f"已写入 {tmp_path / 'shop-a.json'}\n" in result.stderr


def test_templates_must_tell_plans_apart(cli: Cli, tmp_path: Path) -> None:
    plain = cli("compile", *THREE, "--team", TEAM, "-o", str(tmp_path / "plan.json"))
    assert (plain.exit_code, plain.stderr) == (2, (
        f"命令行：-o {tmp_path / 'plan.json'}：几个计划会写进同一个文件（在其中加上 {{campaign}}、{{name}} "
        "或 {stem}，例如 -o 'out/{campaign}.json'）\n"))
    english = cli("compile", *THREE, "--team", TEAM, "-o", str(tmp_path / "plan.json"), "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        f"command line: -o {tmp_path / 'plan.json'}: several plans would all be written to this one "
        "file (put {campaign}, {name} or {stem} in it, e.g. -o 'out/{campaign}.json')\n"))
    same = cli("compile", *THREE, "--team", TEAM, "-o", str(tmp_path / "{name}.json"))
    assert (same.exit_code, same.stderr) == (2, "".join(
        f"命令行：-o {tmp_path / '{name}.json'}：「{THREE[0]}」和「{other}」会写到同一个文件 "
        f"{tmp_path / 'season-shop.json'}（换一个各计划不同的占位符，例如 {{stem}}）\n"
        for other in THREE[1:]))
    typo = cli("compile", THREE[0], "-o", str(tmp_path / "{campain}.json"), "--lang", "en")
    assert (typo.exit_code, typo.stderr) == (2, (
        f"command line: -o {tmp_path / '{campain}.json'}: unknown placeholder '{{campain}}' "
        "(did you mean '{campaign}'?)\n"))
    assert list(tmp_path.iterdir()) == []


def test_one_plan_with_a_template(cli: Cli, tmp_path: Path) -> None:
    result = cli("compile", THREE[2], "-o", str(tmp_path / "{name}-{campaign}.json"))
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["season-shop-shop-c.json"]


def test_one_invalid_plan_writes_nothing(cli: Cli, folder: Path, tmp_path: Path) -> None:
    (folder / "b.yaml").write_text(
        "extends: shop.yaml\ncampaign: shop-b\nanchors:\n  signup: {date: 2024-10-16}\n"
        "tasks:\n  - {id: banner, at: 开团前1夭}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    plans = [str(folder / f"{s}.yaml") for s in "abc"]
    args = ("compile", *plans, "--team", str(folder / "team.yaml"), "-o", str(out / "{stem}.json"),
            "-o", str(out / "{stem}.ics"))
    result = cli(*args)
    # the offset's own wording is the schedule stage's (tests/test_offsets.py)
    message = result.stderr
    assert (result.exit_code, result.stdout) == (2, "")
    assert message.startswith(f"{plans[1]}:6:22: ")
    assert message.count("\n") == 1
    assert list(out.iterdir()) == []
    kept = cli(*args, "--keep-going")
    assert kept.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["a.ics", "a.json", "c.ics", "c.json"]
    assert kept.stderr.startswith(f"已写入 {out / 'a.json'}\n已写入 {out / 'a.ics'}\n"
                                  f"已写入 {out / 'c.json'}\n已写入 {out / 'c.ics'}\n")
    assert kept.stderr.endswith(message)


def _events(path: Path) -> list[tuple[str, str]]:
    cal = Calendar.from_ical(path.read_bytes())
    return [(str(e["UID"]), str(e["SUMMARY"])) for e in cal.walk("VEVENT")]


def test_one_season_calendar_per_person(cli: Cli, tmp_path: Path) -> None:
    cal = tmp_path / "cal"
    result = cli("compile", *THREE, "--team", TEAM, "-o", f"{cal}/", "--split-by", "person")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in cal.iterdir()) == ["刘洋.ics", "张伟.ics", "李娜.ics"]
    assert _events(cal / "刘洋.ics") == [
        (f"{task}@shop-{shop}.promoplan", f"店{shop.upper()} · [美工] {name}")
        for shop in "abc"
        for task, name in (("main-pic", "主图设计"), ("detail-page", "详情页设计"), ("banner", "活动海报"))]
    li = Calendar.from_ical((cal / "李娜.ics").read_bytes())
    assert str(li["X-WR-CALNAME"]) == "李娜 · 3个活动"
    assert [str(e["UID"]) for e in li.walk("VEVENT")] == [  # watch: every 30min, 4 times, an event each
        f"{task}@{shop}.promoplan" for shop in ("shop-a", "shop-b", "shop-c")
        for task in ("script", "watch.1", "watch.2", "watch.3", "watch.4")]
    assert [str(z["TZID"]) for z in li.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    # compiled again over itself: the same bytes (SEQUENCE kept)
    before = (cal / "李娜.ics").read_bytes()
    assert cli("compile", *THREE, "--team", TEAM, "-o", f"{cal}/", "--split-by", "person").exit_code == 0
    assert (cal / "李娜.ics").read_bytes() == before


def test_split_per_plan_with_a_placeholder_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("compile", *THREE, "--team", TEAM, "-o", str(tmp_path / "{campaign}"), "--split-by", "owner")
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.ics"))[:3] == [
        "shop-a/客服主管.ics", "shop-a/美工主管.ics", "shop-a/运营主管.ics"]


def test_load_by_person_needs_a_team(cli: Cli) -> None:
    result = cli("load", THREE[0])
    assert (result.exit_code, result.stderr) == (2, (
        "命令行：load --by person：没有一个计划写了团队（在计划文件或 --team 文件中写上团队（岗位 → 人员），"
        "或用 --by owner 按岗位统计）\n"))
    english = cli("load", THREE[0], "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        "command line: load --by person: no plan has a team (add a team (role → people) to the plan "
        "files or --team, or count by role with --by owner)\n"))


def test_a_moved_store_updates_only_its_events(cli: Cli, folder: Path, tmp_path: Path) -> None:
    cal = tmp_path / "cal"
    args = ("compile", str(folder), "--team", str(folder / "team.yaml"), "-o", f"{cal}/",
            "--split-by", "person")
    assert cli(*args).exit_code == 0
    plan_b = folder / "b.yaml"
    plan_b.write_text(plan_b.read_text(encoding="utf-8").replace("2024-10-16", "2024-10-17"),
                      encoding="utf-8")
    assert cli(*args).exit_code == 0
    events = Calendar.from_ical((cal / "刘洋.ics").read_bytes()).walk("VEVENT")
    assert [(str(e["UID"]).split("@")[1], int(e["SEQUENCE"])) for e in events] == [
        ("shop-a.promoplan", 0)] * 3 + [("shop-b.promoplan", 1)] * 3 + [("shop-c.promoplan", 0)] * 3


@pytest.mark.parametrize("args", [
    ("load", *THREE, "--team", TEAM, "--format", "json"),
    ("compile", *THREE, "--team", TEAM, "-o", "{tmp}/{stem}.json"),
])
def test_json_needs_no_heavy_library(args: tuple[str, ...], tmp_path: Path) -> None:
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('loaded', sorted(m for m in ('rich', 'openpyxl', 'icalendar') "
            "if m in sys.modules), file=sys.stderr))\n"
            "from promoplan.cli import main\n"
            "main()\n")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert out.stderr.splitlines()[-1] == "loaded []"


def test_roles_without_a_team(cli: Cli) -> None:
    result = cli("load", THREE[0], "--by", "owner", "--format", "json", "--from", "2024-10-17",
                 "--to", "2024-10-17")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [r["name"] for r in data["rows"]] == ["运营主管", "美工主管", "客服主管"]
    art = data["rows"][1]["days"]
    assert [(d["day"], d["active"], d["due"]) for d in art] == [("2024-10-17", 2, 2)]


def test_one_person_across_plans(cli: Cli, tmp_path: Path) -> None:
    result = cli("compile", *THREE, "--team", TEAM, "--person", "李娜", "-o", str(tmp_path / "{stem}.json"))
    assert result.exit_code == 0, result.stderr
    for stem in "abc":
        tasks = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))["tasks"]
        assert [t["id"] for t in tasks] == ["script", "watch"]
    nobody = cli("compile", *THREE, "--team", TEAM, "--person", "李明", "-o", str(tmp_path / "x-{stem}.json"))
    assert nobody.exit_code == 2
    # the filter's own wording is the schedule stage's (tests/test_select.py)
    assert nobody.stderr.startswith("命令行：--person 李明")
    assert nobody.stderr.count("\n") == 1

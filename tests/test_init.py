"""`promoplan init`: the plan file a team keeps in git, or with --full the whole playbook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from promoplan.playbook import library

from .conftest import Cli

ANCHOR_DATES = {  # a first date for each built-in playbook
    "ju-huasuan": "2025-10-13",
    "double-11": "2025-11-11",
    "double-11-day": "2025-11-11",
    "tmall-store-prep": "2025-11-11",
    "campaign-workflow": "2025-10-01",
}


def fill_first_date(path: Path, day: str) -> None:
    """What the user does: type the date after the first, empty `date:`."""
    text = path.read_text(encoding="utf-8")
    assert text.count("\n    date:\n") == 1
    path.write_text(text.replace("\n    date:\n", f"\n    date: {day}\n"), encoding="utf-8")


def test_every_built_in_playbook_has_a_date_here() -> None:
    assert sorted(ANCHOR_DATES) == library.names()


@pytest.mark.parametrize("name", sorted(ANCHOR_DATES))
def test_plan_file_compiles_once_the_first_date_is_filled_in(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    made = cli("init", name)
    assert made.exit_code == 0, made.stderr
    plan = tmp_path / f"{name}.yaml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    # extends the built-in; one anchor to date; an empty team and empty overrides
    full = yaml.safe_load(library.find(name).read_text(encoding="utf-8"))  # type: ignore[union-attr]
    first = next(iter(full["anchors"]))
    assert data == {
        "extends": name,
        "campaign": name,  # the file's name: ./NAME.yaml by default
        "anchors": {first: {"date": None}},
        "team": {role: [] for role in full["roles"]},
        "tasks": [],
        "remove": [],
        "progress": {},
    }
    before = cli("compile", plan.name, "--format", "json")
    assert before.exit_code == 2
    label = full["anchors"][first].get("label", first)
    assert before.stderr == f"{plan.name}:13:10: {label}（--{first}）没有日期（请用 --{first} 2024-10-14 指定，或在计划文件里填写它的日期）\n"

    fill_first_date(plan, ANCHOR_DATES[name])
    after = cli("compile", plan.name, "--format", "json")
    assert after.exit_code == 0, after.stderr
    compiled = json.loads(after.stdout)
    assert compiled["anchors"][first].startswith(ANCHOR_DATES[name])
    assert [t["id"] for t in compiled["tasks"]] == [t["id"] for t in full["tasks"]]


def test_ju_huasuan_plan_file_reads_as_the_team_fills_it(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init", "ju-huasuan", "plan.yaml").exit_code == 0
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[4:7] == [
        "extends: ju-huasuan",
        "# 本次活动的编号：日历靠它认出同一次活动，改日期时不要改它；下一次活动请换一个新编号",
        "campaign: plan",
    ]
    # the first anchor is required, the others are derived and commented, with their labels
    assert "  # 报名（必填）：日期，如 2025-10-13\n  signup:\n    date:\n" in text
    assert "  # 竞拍：默认 signup+7d；日期，如 2025-10-13\n  # auction: {date: }\n" in text
    assert ('  # 开团：默认 schedule+7d；日期和时间（默认10:00），如 "2025-10-31 10:00"\n'
            "  # open: {date: }\n") in text
    # The team fills in the date, a person, uncomments the 开团 date and removes a task.
    text = (text.replace("    date:\n", "    date: 2025-10-13\n", 1)
                .replace("  运营主管: []", "  运营主管: [张伟]")
                .replace('  # open: {date: }', '  open: {date: "2025-10-31 10:05"}')
                .replace("remove: []", "remove: [annual-roi]"))
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = cli("compile", "plan.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    compiled = json.loads(result.stdout)
    # 竞拍 = 报名+7天, 排期 = 竞拍+4天 (defaults); 开团 as typed; 结束 = 开团当天23:59
    assert compiled["anchors"] == {"signup": "2025-10-13", "auction": "2025-10-20", "schedule": "2025-10-24",
                                   "open": "2025-10-31T10:05", "end": "2025-10-31T23:59"}
    tasks = {t["id"]: t for t in compiled["tasks"]}
    assert "annual-roi" not in tasks
    assert tasks["signup-price"]["people"] == ["张伟"]
    assert tasks["price-stock"]["due"] == "2025-10-31T10:04"  # 开团前1分钟
    assert compiled["campaign"] == "plan"


@pytest.mark.parametrize(("dest", "line"), [
    ("1214团.yaml", "campaign: 1214团"),
    ("2025.yaml", 'campaign: "2025"'),  # a plain 2025 would be read as a number
    ("双十一: 旗舰店.yml", 'campaign: "双十一: 旗舰店"'),
])
def test_the_campaign_is_the_files_name(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        dest: str, line: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init", "ju-huasuan", dest).exit_code == 0
    lines = (tmp_path / dest).read_text(encoding="utf-8").splitlines()
    assert lines[6] == line
    assert yaml.safe_load("\n".join(lines))["campaign"] == Path(dest).stem


def test_a_plan_file_from_init_keeps_its_calendar_when_the_date_moves(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The explicit key: 报名 moved from 10-12 to 10-13 over the same calendar updates every
    event (same UIDs, SEQUENCE 1) instead of adding a second campaign."""
    monkeypatch.chdir(tmp_path)
    assert cli("init", "ju-huasuan", "1012团.yaml").exit_code == 0
    fill_first_date(tmp_path / "1012团.yaml", "2026-10-12")
    assert cli("compile", "1012团.yaml", "-o", "ju.ics").exit_code == 0
    first = (tmp_path / "ju.ics").read_text(encoding="utf-8")
    moved = cli("compile", "1012团.yaml", "--signup", "2026-10-13", "-o", "ju.ics")
    assert moved.exit_code == 0, moved.stderr
    second = (tmp_path / "ju.ics").read_text(encoding="utf-8")
    uids = [re.findall(r"^UID:(.*)$", text, re.M) for text in (first, second)]
    assert uids[0] == uids[1]
    assert len(uids[0]) == 152 + 28
    assert uids[0][0].endswith("@1012-1bd235b92c.promoplan")
    assert second.count("SEQUENCE:1\n") == len(uids[0])


def test_full_copies_the_shipped_playbook(cli: Cli, tmp_path: Path) -> None:
    for name in library.names():
        target = tmp_path / f"{name}.yaml"
        result = cli("init", name, str(tmp_path), "--full")
        assert result.exit_code == 0, result.stderr
        assert target.read_bytes() == library.find(name).read_bytes()  # type: ignore[union-attr]


def test_existing_file_needs_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("ours", encoding="utf-8")
    refused = cli("init", "double-11", str(target))
    assert refused.exit_code == 2
    assert refused.stderr == f"命令行：{target} 已存在（加上 --force 覆盖它）\n"
    assert target.read_text(encoding="utf-8") == "ours"
    forced = cli("init", "double-11", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert forced.stderr == f"已写入 {target}：填上双十一日期后，运行 promoplan compile {target}\n"
    english = cli("init", "double-11", str(target), "--force", "--lang", "en")
    assert english.stderr == f"wrote {target}: fill in the date of 双十一, then run: promoplan compile {target}\n"
    full = cli("init", "double-11", str(target), "--force", "--full")
    assert full.stderr == (f"已写入 {target}：按需修改后，运行 promoplan compile {target} "
                           "--event YYYY-MM-DD\n")
    forced = cli("init", "double-11", str(target), "--force")
    assert target.read_text(encoding="utf-8").splitlines()[4] == "extends: double-11"


def test_unknown_name(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "ju-huasaun", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == "command line: no built-in playbook named 'ju-huasaun' (did you mean 'ju-huasuan'?)\n"
    assert list(tmp_path.iterdir()) == []

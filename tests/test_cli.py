"""The command line as users type it: options, outputs, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from .conftest import PLAYBOOKS, Cli

PROMO = str(PLAYBOOKS / "promo.yaml")


def test_json_follows_the_contract(cli: Cli) -> None:
    result = cli("compile", PROMO, "--signup", "2024-10-14", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["playbook", "campaign", "title", "timezone", "anchors", "event", "tasks",
                          "warnings"]
    assert data["campaign"] == "test-promo-2024-10-14"
    assert data["playbook"] == "test-promo"
    assert data["timezone"] == "Asia/Shanghai"
    assert data["anchors"]["open"] == "2024-11-01T10:00"
    assert data["event"] == {"start": "2024-11-01T10:00", "end": "2024-11-01T23:59"}
    first = data["tasks"][0]
    assert first == {
        "id": "plan", "name": "活动策划", "section": "运营", "owner": "运营主管", "people": [],
        "phase": "活动前", "start": "2024-09-24", "due": "2024-10-13", "notes": "",
        "all_day": True, "offsets": {"start": "报名前20天", "due": "报名前1天"},
    }
    repeat = next(t for t in data["tasks"] if t["id"] == "half-hourly")
    assert [o["start"] for o in repeat["occurrences"]] == [
        "2024-11-01T10:25", "2024-11-01T10:55", "2024-11-01T11:25", "2024-11-01T11:55"]
    assert [w["code"] for w in data["warnings"]] == ["deadline-on-day-off"] * 2


def test_anchor_options_in_any_position_and_as_pairs(cli: Cli) -> None:
    runs = [
        ("compile", "--signup", "2024-10-14", PROMO, "--format", "json"),
        ("compile", PROMO, "--signup=2024-10-14", "--format", "json"),
        ("compile", PROMO, "--anchor", "signup=2024-10-14", "--format", "json"),
    ]
    outputs = []
    for args in runs:
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        outputs.append(json.loads(result.stdout)["anchors"])
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["auction"] == "2024-10-21"


def test_several_outputs_are_written_and_reported(cli: Cli, tmp_path: Path) -> None:
    out_json, out_csv, out_md = tmp_path / "p.json", tmp_path / "p.csv", tmp_path / "p.md"
    result = cli("compile", PROMO, "--signup", "2024-10-14",
                 "-o", str(out_json), "-o", str(out_csv), "-o", str(out_md))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (f"已写入 {out_json}\n已写入 {out_csv}\n已写入 {out_md}\n"
                             "注意：4项截止日在休息日（10月13日 周日：1项、11月2日 周六：3项），"
                             "请确认是否提前到前一个工作日；这些行标有“⚠ 休息日截止”。\n")
    assert json.loads(out_json.read_text(encoding="utf-8"))["tasks"][3]["due"] == "2024-10-30"
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "版块", "事项", "负责岗位", "责任人", "开始时间", "预计完成时间",
                       "阶段", "备注", "id"]
    assert rows[1] == ["1", "运营", "活动策划", "运营主管", "", "2024-09-24", "2024-10-13",
                       "活动前", "⚠ 休息日截止", "plan"]
    ship = next(r for r in rows if r[-1] == "ship")
    assert ship[5:8] == ["2024-11-01 15:00", "2024-11-01 15:00", "活动中"]
    md = out_md.read_text(encoding="utf-8")
    assert md.startswith("# 测试进程表\n")
    assert "| 序号 | 版块 | 事项 | 负责 | 开始 | 完成 |" in md
    # 序号 as on the sheet: 跟进流量成交率 is the fifth 推广 task
    assert "| 5 | 推广 | 跟进流量成交率 | 推广主管 | 11月1日 周五 10:25 |  |" in md


def test_outputs_are_byte_identical_across_runs(cli: Cli, tmp_path: Path) -> None:
    for name in ("a", "b"):
        for ext in ("json", "csv", "md"):
            result = cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(tmp_path / f"{name}.{ext}"))
            assert result.exit_code == 0, result.stderr
    for ext in ("json", "csv", "md"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()


def test_owner_filter_and_english_labels(cli: Cli) -> None:
    result = cli("compile", PROMO, "--signup", "2024-10-14", "--owner", "客服主管",
                 "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    assert [t["id"] for t in tasks] == ["cs-week", "evening"]
    assert [t["phase"] for t in tasks] == ["During", "Before"]


def test_relative_column_only_when_the_plan_is_current(cli: Cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1729900800")  # 2024-10-26 08:00 in Shanghai
    current = cli("compile", PROMO, "--signup", "2024-10-14").stdout
    assert "距今" in current
    plan_line = next(line for line in current.splitlines() if "活动策划" in line)
    assert plan_line.rstrip().endswith("32天前")  # 09-24 is 32 days before 10-26
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030
    assert "距今" not in cli("compile", PROMO, "--signup", "2024-10-14").stdout


def test_validate_checks_every_file(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nanchors: {open: {}}\ntasks:\n  - {name: x, at: opne+1d}\n", encoding="utf-8")
    result = cli("validate", PROMO, str(bad))
    assert result.exit_code == 2
    assert result.stdout == f"{PROMO}：无误（18项事项，5个时间节点）\n"
    # the offset's own message is the schedule stage's (tests/test_offsets.py)
    assert result.stderr.startswith(f"{bad}:4:19: ")
    assert result.stderr.count("\n") == 1
    english = cli("validate", PROMO, "--lang", "en")
    assert english.stdout == f"{PROMO}: ok (18 tasks, 5 anchors)\n"


def test_list_and_init(cli: Cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    listing = cli("list")
    assert listing.exit_code == 0
    names = [line.split()[0] for line in listing.stdout.splitlines()]
    assert "ju-huasuan" in names
    monkeypatch.chdir(tmp_path)
    first = cli("init", "ju-huasuan", "--full")
    assert first.exit_code == 0, first.stderr
    assert (tmp_path / "ju-huasuan.yaml").read_text(encoding="utf-8").count("id:") > 100
    again = cli("init", "ju-huasuan")
    assert again.exit_code == 2
    assert again.stderr == "命令行：ju-huasuan.yaml 已存在（加上 --force 覆盖它）\n"
    compiled = cli("compile", "ju-huasuan.yaml", "--signup", "2024-10-14", "--format", "json")
    assert compiled.exit_code == 0, compiled.stderr


def test_failed_compile_leaves_previous_output_untouched(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("previous", encoding="utf-8")
    result = cli("compile", PROMO, "--signup", "2024-13-40", "-o", str(target))
    assert result.exit_code == 2
    # the date's own message is the schedule stage's (tests/bad/ holds its wording)
    assert result.stderr.startswith("命令行：--signup")
    assert result.stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_heavy_modules_load_only_when_needed() -> None:
    code = ("import sys; from promoplan import cli; "
            "print(sorted(m for m in ('rich', 'openpyxl', 'icalendar', 'holidays', 'pydantic', 'yaml')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_module_entry_point_and_debug(tmp_path: Path) -> None:
    bad = tmp_path / "b.yaml"
    bad.write_text("name: b\nanchors: {open: {}}\ntasks: [{name: x, at: opne}]\n", encoding="utf-8")
    plain = subprocess.run([sys.executable, "-m", "promoplan", "compile", str(bad)],
                           capture_output=True, text=True)
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr
    debug = subprocess.run([sys.executable, "-m", "promoplan", "--debug", "compile", str(bad)],
                           capture_output=True, text=True)
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr
    assert "promoplan.errors.ErrorGroup: " in debug.stderr


def test_the_process_leaves_with_its_output_flushed_and_its_exit_code(tmp_path: Path) -> None:
    """main() ends with os._exit (no freeing at exit): nothing written may be lost."""
    done = subprocess.run([sys.executable, "-m", "promoplan", "compile", "ju-huasuan",
                           "--signup", "2024-10-14", "--format", "json"], capture_output=True)
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["tasks"]) == 153
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("extends: ju-huasuan\n", encoding="utf-8")
    new.write_text("extends: ju-huasuan\ntasks: [{id: price-stock, due: 开团前1天}]\n", encoding="utf-8")
    moved = subprocess.run([sys.executable, "-m", "promoplan", "diff", str(old), str(new),
                            "--signup", "2024-10-14"], capture_output=True, text=True)
    assert moved.returncode == 1  # diff found differences
    assert "  ~ 变更 推广第16项「改价格、改库存数量」\n" in moved.stdout

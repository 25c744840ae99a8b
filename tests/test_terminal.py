"""What a person reads on the terminal: the rich table, warnings after -o, CLI conventions.

Outputs are asserted whole, as printed into a pipe (no terminal: rich writes no escape
codes) at a fixed width, in zh and en. Dates of tests/playbooks/promo.yaml with signup
Mon 2024-10-14: auction 10-21, schedule 10-25, open Fri 11-01 10:00 (see test_resolve.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from promoplan.playbook.assemble import load
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve
from promoplan.words import Words

from .conftest import PLAYBOOKS, Cli, promoplan

PROMO = str(PLAYBOOKS / "promo.yaml")

TABLE_ZH = """\
测试进程表
报名 2024年10月14日 周一       竞拍 2024年10月21日 周一       排期 2024年10月25日 周五
开团 2024年11月1日 周五 10:00  结束 2024年11月1日 周五 23:59

序号  版块  事项                                   负责      开始                 完成
────────────────────────────────────────────────────────────────────────────────────────────────────
            活动前（11）
   1  运营  活动策划 ⚠ 休息日截止                  运营主管  9月24日 周二         10月13日 周日 休
   1  推广  详情页制作                             推广主管  10月5日 周六 休      10月22日 周二
   8  运营  提交报名资料                           运营主管  10月8日 周二
   2  运营  交竞拍费                               运营主管  10月22日 周二
   3  运营  改价格、改库存数量                     运营主管  10月29日 周二        10月30日 周三
   4  运营  后续跟进 ⚠ 休息日截止                  运营主管  10月30日 周三        11月2日 周六 休
   9  运营  复核价格 ⚠ 休息日截止                  运营主管  10月31日 周四        11月2日 周六 休
   2  客服  前一晚检查                             客服主管  10月31日 周四 18:00
   2  推广  开团前流量检查                         推广主管  11月1日 周五 09:00
   3  推广  开团前半小时检查                       推广主管  11月1日 周五 09:30
   4  推广  撤下预热页面                           推广主管  11月1日 周五 09:59
────────────────────────────────────────────────────────────────────────────────────────────────────
            活动中（6）
   1  客服  售后跟进                               客服主管  11月1日 周五         11月9日 周六 休
   5  推广  跟进流量成交率                         推广主管  11月1日 周五 10:25
   7  推广  开团后每半个小时跟进流量（每30分钟一   推广主管  11月1日 周五 10:25   11月1日 周五 11:55
            次，共4次）
   6  推广  两小时复盘                             推广主管  11月1日 周五 12:00
   5  运营  跟进物流打单及打包情况                 运营主管  11月1日 周五 15:00
   6  运营  补单给生产部                           运营主管  11月1日 周五 16:30
────────────────────────────────────────────────────────────────────────────────────────────────────
            活动后（1）
   7  运营  活动后的评估 ⚠ 休息日截止              运营主管  11月2日 周六 休

注意
- 10月13日 周日（周末）有1项截止，请确认是否提前到10月12日 周六：运营第1项「活动策划」
- 11月2日 周六（周末）有3项截止，请确认是否提前到11月1日
周五：运营第4项「后续跟进」、运营第7项「活动后的评估」、运营第9项「复核价格」
"""

TABLE_EN = """\
测试进程表
报名 Mon 14 Oct 2024       竞拍 Mon 21 Oct 2024  排期 Fri 25 Oct 2024  开团 Fri 1 Nov 2024 10:00
结束 Fri 1 Nov 2024 23:59

No.  Section  Task                                       Owner     Start             Due
────────────────────────────────────────────────────────────────────────────────────────────────────
              Before (11)
  1  运营     活动策划 ⚠ due on a day off                运营主管  Tue 24 Sep        Sun 13 Oct off
  1  推广     详情页制作                                 推广主管  Sat 5 Oct off     Tue 22 Oct
  8  运营     提交报名资料                               运营主管  Tue 8 Oct
  2  运营     交竞拍费                                   运营主管  Tue 22 Oct
  3  运营     改价格、改库存数量                         运营主管  Tue 29 Oct        Wed 30 Oct
  4  运营     后续跟进 ⚠ due on a day off                运营主管  Wed 30 Oct        Sat 2 Nov off
  9  运营     复核价格 ⚠ due on a day off                运营主管  Thu 31 Oct        Sat 2 Nov off
  2  客服     前一晚检查                                 客服主管  Thu 31 Oct 18:00
  2  推广     开团前流量检查                             推广主管  Fri 1 Nov 09:00
  3  推广     开团前半小时检查                           推广主管  Fri 1 Nov 09:30
  4  推广     撤下预热页面                               推广主管  Fri 1 Nov 09:59
────────────────────────────────────────────────────────────────────────────────────────────────────
              During (6)
  1  客服     售后跟进                                   客服主管  Fri 1 Nov         Sat 9 Nov off
  5  推广     跟进流量成交率                             推广主管  Fri 1 Nov 10:25
  7  推广     开团后每半个小时跟进流量 (every 30min, 4   推广主管  Fri 1 Nov 10:25   Fri 1 Nov 11:55
              times)
  6  推广     两小时复盘                                 推广主管  Fri 1 Nov 12:00
  5  运营     跟进物流打单及打包情况                     运营主管  Fri 1 Nov 15:00
  6  运营     补单给生产部                               运营主管  Fri 1 Nov 16:30
────────────────────────────────────────────────────────────────────────────────────────────────────
              After (1)
  7  运营     活动后的评估 ⚠ due on a day off            运营主管  Sat 2 Nov off

Warnings
- 1 task due on Sun 13 Oct (weekend), a day off: bring it forward to Sat 12 Oct? 运营 #1 “活动策划”
- 3 tasks due on Sat 2 Nov (weekend), a day off: bring them forward to Fri 1 Nov? 运营 #4
“后续跟进”, 运营 #7 “活动后的评估”, 运营 #9 “复核价格”
"""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed width and no colour; 2030, so the plan is not current (no 距今 column)."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "promoplan", *args], capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "PYTHONUTF8": "1", **(env or {})})


# ------------------------------------------------------------------ the plan table

@pytest.mark.usefixtures("terminal")
def test_the_table_in_chinese(cli: Cli) -> None:
    result = cli("compile", PROMO, "--signup", "2024-10-14")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == TABLE_ZH


@pytest.mark.usefixtures("terminal")
def test_the_table_in_english(cli: Cli) -> None:
    result = cli("compile", PROMO, "--signup", "2024-10-14", "--lang", "en")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == TABLE_EN


PROGRESS = """\
name: tracked
title: 小测试
anchors: {open: {label: 开团, time: "10:00"}}
sections: [运营, 客服]
tasks:
  - {id: price, name: 改价格, section: 运营, owner: 运营主管, at: 开团前2天}
  - {id: stock, name: 改库存, section: 运营, owner: 运营主管, at: 开团前1天}
  - {id: check, name: 开团检查, section: 客服, owner: 客服主管, at: 开团后25分钟}
  - {id: gift, name: 赠品, section: 客服, owner: 客服主管, at: 开团后1天}
progress: {price: 完成 2024-10-29, stock: 进行中, check: 受阻, gift: 取消}
"""


@pytest.mark.usefixtures("terminal")
def test_status_marks_in_the_table_and_the_markdown(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "tracked.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    # open Wed 2024-11-06 10:00: 11-04 Mon, 11-05 Tue, 11-06 10:25, 11-07 Thu
    table = cli("compile", str(path), "--open", "2024-11-06")
    assert table.stdout == """\
小测试
开团 2024年11月6日 周三 10:00

序号  版块  事项          负责      开始                完成  状态
──────────────────────────────────────────────────────────────────────
   1  运营  改价格        运营主管  11月4日 周一              ✓ 完成
   2  运营  改库存        运营主管  11月5日 周二              ▶ 进行中
   1  客服  开团检查      客服主管  11月6日 周三 10:25        ⚠ 受阻
   2  客服  赠品          客服主管  11月7日 周四              ✗ 取消
"""
    md = cli("compile", str(path), "--open", "2024-11-06", "--format", "md", "--lang", "en")
    assert md.stdout == """\
# 小测试

开团 Wed 6 Nov 2024 10:00

| No. | Section | Task | Owner | Start | Due | Status |
|---|---|---|---|---|---|---|
| 1 | 运营 | 改价格 | 运营主管 | Mon 4 Nov |  | ✓ done |
| 2 | 运营 | 改库存 | 运营主管 | Tue 5 Nov |  | ▶ doing |
| 1 | 客服 | 开团检查 | 客服主管 | Wed 6 Nov 10:25 |  | ⚠ blocked |
| 2 | 客服 | 赠品 | 客服主管 | Thu 7 Nov |  | ✗ cancelled |
"""


def test_a_pipe_gets_no_escape_codes_and_no_color_is_honoured() -> None:
    args = ("compile", PROMO, "--signup", "2024-10-14")
    piped = run(*args)
    assert piped.returncode == 0
    assert "\x1b" not in piped.stdout
    # FORCE_COLOR makes rich treat the pipe as a terminal: 休 is red, the times bold ...
    forced = run(*args, env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert "\x1b[31m 休\x1b[0m" in forced.stdout
    assert "\x1b[1m 18:00\x1b[0m" in forced.stdout
    # ... and NO_COLOR takes the colours away, leaving bold, as no-color.org asks
    plain = run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"})
    assert "\x1b[31m" not in plain.stdout
    assert " 休" in plain.stdout
    assert "\x1b[1m 18:00\x1b[0m" in plain.stdout


@pytest.mark.usefixtures("terminal")
def test_the_anchors_table_is_aligned_by_display_width(cli: Cli) -> None:
    result = cli("anchors", PROMO, "--signup", "2024-10-14", "--open", "2024-11-05")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == """\
选项        时间节点  日期                   来源
--signup    报名      2024-10-14 周一        命令行
--auction   竞拍      2024-10-21 周一        由报名后7天推算
--schedule  排期      2024-10-25 周五        由竞拍后4天推算
--open      开团      2024-11-05 周二 10:00  命令行
--end       结束      2024-11-05 周二 23:59  由开团当天23:59推算
"""
    missing = cli("anchors", PROMO, "--lang", "en")
    assert missing.stdout == """\
Option      Key date  Date            From
--signup    报名      needs --signup  not given
--auction   竞拍      —               7 days after 报名
--schedule  排期      —               4 days after 竞拍
--open      开团      —               7 days after 排期
--end       结束      —               the day of 开团, 23:59
"""


# ------------------------------------------------------------------ warnings after -o

def test_warnings_are_summed_up_after_the_files_written(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out))
    assert result.exit_code == 0
    # 活动策划 is due Sun 10-13; 后续跟进, 活动后的评估, 复核价格 on Sat 11-02
    assert result.stderr == (
        f"已写入 {out}\n"
        "注意：4项截止日在休息日（10月13日 周日：1项、11月2日 周六：3项），请确认是否提前到前一个工作日；"
        "这些行标有“⚠ 休息日截止”。\n")
    english = cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out), "--lang", "en")
    assert english.stderr == (
        f"wrote {out}\n"
        "Note: 4 tasks are due on days off (Sun 13 Oct: 1; Sat 2 Nov: 3): bring them forward to the "
        "working day before? They are marked “⚠ due on a day off”.\n")
    quiet = cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out), "--quiet")
    assert quiet.stderr == f"已写入 {out}\n"


def test_an_unpublished_holiday_schedule_comes_first(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run("compile", "ju-huasuan", "--signup", "2027-10-11", "-o", str(out))
    assert result.returncode == 0
    warnings = json.loads(out.read_text(encoding="utf-8"))["warnings"]
    day_off = [w for w in warnings if w["code"] == "deadline-on-day-off"]
    # the summary counts what the file lists in full: 9 tasks over 2 days (the team works
    # weekends, so only 国庆 is a day off to warn about)
    assert (len(day_off), sum(len(w["tasks"]) for w in day_off)) == (2, 9)
    assert [len(w["tasks"]) for w in day_off] == [7, 2]
    assert result.stderr.splitlines() == [
        f"已写入 {out}",
        "重要：2027年的法定节假日安排尚未公布：休息日按法定规则推算，调休上班日未知，公布后请重新生成本计划。",
        "注意：9项截止日在休息日（10月1日 周五（国庆节）：7项、10月5日 周二（国庆节（补假））：2项），"
        "请确认是否提前到前一个工作日；这些行标有“⚠ 休息日截止”。",
    ]
    english = run("compile", "ju-huasuan", "--signup", "2027-10-11", "-o", str(out), "--lang", "en")
    assert english.stderr.splitlines()[0] == f"wrote {out}"
    assert english.stderr.splitlines()[1] == (
        "Important: The official holiday schedule for 2027 is not published yet: days off follow the "
        "statutory rules and make-up workdays are unknown; compile the plan again once it is out.")
    assert english.stderr.splitlines()[2].startswith("Note: 9 tasks are due on days off (Fri 1 Oct (国庆节): 7; ")


def test_anchors_out_of_order_are_said_on_stderr(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cli("compile", PROMO, "--signup", "2024-10-14", "--auction", "2024-10-10", "-o", str(out),
                 "--lang", "en")
    assert result.stderr.splitlines()[1] == (
        "Note: 竞拍 (Thu 10 Oct) comes before 报名 (Mon 14 Oct); the playbook has 竞拍 after 报名: "
        "check the dates.")


# ------------------------------------------------------------------ validate

BACKWARDS = """\
name: w
event: {start: open, end: open+1d}
anchors:
  signup: {label: 报名}
  auction: {label: 竞拍, default: signup+7d}
  open: {label: 开团, time: '10:00', default: auction+7d}
tasks:
  - {id: back, name: 倒置, start: 开团前1天, due: 开团前3天}
"""


def test_validate_prints_the_warnings_that_hold_whatever_the_dates(cli: Cli, tmp_path: Path) -> None:
    playbook = tmp_path / "w.yaml"
    playbook.write_text(BACKWARDS, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("extends: w.yaml\nanchors:\n  signup: {date: 2024-10-14}\n  auction: {date: 2024-10-10}\n",
                    encoding="utf-8")
    result = cli("validate", str(playbook), str(plan))
    assert (result.exit_code, result.stderr) == (0, "")
    # No dates in w.yaml: its placeholder dates are not shown. plan.yaml dates the auction
    # before signup; open = auction+7d = 10-17, so 倒置 runs 10-16 → 10-14.
    assert result.stdout == (
        f"{playbook}：无误（1项事项，3个时间节点），1条注意事项\n"
        f"{playbook}：1项的完成时间早于开始时间，请检查：第1项「倒置」\n"
        f"{plan}：无误（1项事项，3个时间节点），2条注意事项\n"
        f"{plan}：竞拍（10月10日 周四）早于报名（10月14日 周一），按计划竞拍应在报名之后，请核对日期。\n"
        f"{plan}：1项的完成时间早于开始时间，请检查：第1项「倒置」（10月16日 周三 → 10月14日 周一）\n")
    english = cli("validate", str(playbook), "--lang", "en")
    assert english.stdout == (f"{playbook}: ok (1 task, 3 anchors), 1 warning\n"
                              f"{playbook}: 1 task ends before it starts: #1 “倒置”\n")


def test_validate_reports_errors_and_warnings_of_every_file(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "w.yaml"
    good.write_text(BACKWARDS, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nanchors: {open: {}}\ntasks:\n  - {name: x, at: opne+1d}\n"
                   "  - {name: y, at: open+1天天}\n", encoding="utf-8")
    result = cli("validate", str(bad), str(good))
    assert result.exit_code == 2
    assert result.stdout == (f"{good}：无误（1项事项，3个时间节点），1条注意事项\n"
                             f"{good}：1项的完成时间早于开始时间，请检查：第1项「倒置」\n")
    assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()] == [f"{bad}:4:19", f"{bad}:5:19"]


# ------------------------------------------------------------------ conventions

HEAVY = ("rich", "openpyxl", "icalendar")


@pytest.mark.parametrize("args", [
    ("--help",), ("--version",), ("list",), ("validate", PROMO),
    ("compile", PROMO, "--signup", "2024-10-14", "-o", "{tmp}/x.json"),
])
def test_commands_that_print_no_table_import_no_heavy_library(args: tuple[str, ...], tmp_path: Path) -> None:
    code = ("import atexit, sys\n"
            f"atexit.register(lambda: print('loaded', sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
            "from promoplan.cli import main\n"
            "main()\n")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "loaded []"


def test_dash_h_is_help(cli: Cli) -> None:
    for args in ((), ("compile",), ("diff",)):
        short, long = cli(*args, "-h"), cli(*args, "--help")
        assert short.exit_code == long.exit_code == 0
        assert short.stdout == long.stdout
        assert "-h, --help" in short.stdout


def test_shell_completion_can_be_installed(cli: Cli) -> None:
    assert "--install-completion" in cli("--help").stdout
    script = run("--show-completion", "bash")
    assert script.returncode == 0
    assert "_PROMOPLAN_COMPLETE=complete_bash" in script.stdout  # the script's name, even with -m
    assert script.stdout.endswith("complete -o default -F _promoplan_completion promoplan\n")


def test_debug_is_accepted_anywhere(tmp_path: Path) -> None:
    bad = tmp_path / "b.yaml"
    bad.write_text("name: b\nanchors: {open: {time: '10:00'}}\ntasks: [{name: x, at: opne}]\n",
                   encoding="utf-8")
    for args in (("--debug", "compile", str(bad), "--open", "2024-11-01"),
                 ("compile", str(bad), "--debug", "--open", "2024-11-01"),
                 ("validate", "--debug", str(bad)), ("validate", str(bad), "--debug")):
        out = run(*args)
        assert out.returncode == 1, args
        assert out.stderr.startswith("Traceback")
        # compile raises the one error, validate the group of a file's errors
        assert out.stderr.splitlines()[-1] in (
            f"promoplan.errors.{kind}: {bad}:3:23: task 'x' (#1) › at: unknown anchor 'opne' in 'opne' "
            "(did you mean 'open'?)" for kind in ("PromoplanError", "ErrorGroup"))
    # after --, it is an argument like any other
    kept = run("validate", "--", "--debug")
    assert kept.returncode == 2
    assert "Traceback" not in kept.stderr


def test_help_is_whole_at_80_columns() -> None:
    env = {"COLUMNS": "80"}
    top = run("--help", env=env).stdout
    assert "..." not in top.replace("COMMAND [ARGS]...", "")
    assert "  anchors   Show a playbook's anchors and their dates.\n" in top
    assert "  agenda    What starts or is due on a day or in a week.\n" in top
    compile_help = run("compile", "--help", env=env).stdout
    assert "..." not in compile_help
    assert max(len(line) for line in compile_help.splitlines()) <= 80
    assert ("  Every anchor the playbook declares is also an option: --signup 2024-10-14,\n"
            "  --open \"2024-11-01 10:00\" (see: promoplan anchors PLAYBOOK).") in compile_help
    for command in ("anchors", "diff", "agenda"):
        text = " ".join(run(command, "--help", env=env).stdout.split())
        assert "is also an option" in text, command


def test_split_by_wants_a_folder(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "cal.ics"
    result = cli("compile", str(PLAYBOOKS / "plan" / "plan.yaml"), "--split-by", "person", "-o", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"命令行：--split-by person 为每个人写一个日历到文件夹里，而 -o {target} 是一个文件"
                             f"（请给一个文件夹，例如 -o {tmp_path / 'cal'}/）\n")
    english = cli("compile", str(PLAYBOOKS / "plan" / "plan.yaml"), "--split-by", "person", "-o", str(target),
                  "--lang", "en")
    assert english.stderr == (f"command line: --split-by person writes one calendar per person into a folder, "
                              f"and -o {target} is a file (give a folder, e.g. -o {tmp_path / 'cal'}/)\n")
    assert list(tmp_path.iterdir()) == []


def test_the_script_and_the_module_both_run() -> None:
    script = Path(sys.executable).parent / "promoplan"
    assert subprocess.run([str(script), "--version"], capture_output=True, text=True).stdout == "promoplan 0.1.0\n"
    assert promoplan("--version").stdout == "promoplan 0.1.0\n"


def test_counts_agree_with_their_number() -> None:
    from promoplan.words import Words

    en, zh = Words("en"), Words("zh-CN")
    assert [en.count("diff.n_anchors", n) for n in (1, 2)] == ["1 anchor", "2 anchors"]
    assert [en.count("diff.n_changed", n) for n in (1, 3)] == ["1 task changed", "3 tasks changed"]
    assert [zh.count("diff.n_changed", n) for n in (1, 3)] == ["1项变更", "3项变更"]


# ------------------------------------------------------------------ a narrower terminal

JU_AT_100 = """\
序号  版块  事项                            负责      开始                完成                距今
────────────────────────────────────────────────────────────────────────────────────────────────────
            活动前（102）
   1  运营  年度聚划算品类规划              运营主管  9月14日 周六        9月24日 周二        36天前
   2  运营  年度聚划算的投入产出比          运营主管  9月14日 周六        9月24日 周二        36天前
   3  运营  年度聚划算的商品企划            运营主管  9月14日 周六        9月24日 周二        36天前
   4  运营  年度聚划算的供应链各项目跟进表  运营主管  9月14日 周六        9月24日 周二        36天前
   1  美工  聚划算活动拍摄主题策划          美工主管  9月19日 周四        9月24日 周二        31天前
   1  文案  与商品开发部沟通,各商品的风格   文案      9月22日 周日 休     9月24日 周二        28天前
            、系列、性能等商品特征
"""

JU_AT_72 = """\
序号  版块  事项           负责      开始          完成           距今
────────────────────────────────────────────────────────────────────────
            活动前（102）
   1  运营  年度聚划算品   运营主管  9月14日 周六  9月24日 周二   36天前
            类规划
   2  运营  年度聚划算的   运营主管  9月14日 周六  9月24日 周二   36天前
            投入产出比
   3  运营  年度聚划算的   运营主管  9月14日 周六  9月24日 周二   36天前
            商品企划
   4  运营  年度聚划算的   运营主管  9月14日 周六  9月24日 周二   36天前
            供应链各项目
            跟进表
   1  美工  聚划算活动拍   美工主管  9月19日 周四  9月24日 周二   31天前
            摄主题策划
   1  文案  与商品开发部   文案      9月22日 周日  9月24日 周二   28天前
            沟通,各商品的            休
            风格、系列、
            性能等商品特
            征
"""


@pytest.fixture(scope="module")
def ju_huasuan() -> Plan:
    """ju-huasuan signing up Mon 2024-10-14: 153 tasks, names with their tags up to 130 cells,
    for a team that takes its weekends off (so that days off and their tags are many)."""
    pb = load("ju-huasuan")
    pb.weekends = "off"
    return resolve(pb, {"signup": "2024-10-14"})


def table_lines(plan: Plan, width: int) -> list[str]:
    """The table as printed `width` cells wide, in Chinese, on 2024-10-20 (so with a 距今 column)."""
    from promoplan.writers import table

    return table.render(plan, Words("zh-CN"), width=width, today=date(2024, 10, 20)).decode().splitlines()


def test_a_narrower_terminal_wraps_the_names_and_then_the_dates(ju_huasuan: Plan) -> None:
    """The table's first rows: at 100 columns only the names wrap, at 72 the dates too (休)."""
    for width, expected in ((100, JU_AT_100), (72, JU_AT_72)):
        lines = table_lines(ju_huasuan, width)
        head = next(n for n, line in enumerate(lines) if line.startswith("序号"))
        assert "".join(line + "\n" for line in lines[head:head + expected.count("\n")]) == expected, width


def test_the_names_give_way_first_and_never_below_twelve_cells(ju_huasuan: Plan) -> None:
    """rich shares out a terminal too narrow for the table: it narrows the widest column that
    may wrap, the names, until they are as narrow as the dates (18 cells, at 88 columns); only
    then do the owner and the dates wrap too. The names never go under 12 cells."""
    from promoplan.writers import table

    words = Words("zh-CN")
    one_line = {t.owner for t in ju_huasuan.tasks} | {
        table.when_text(when, words, ju_huasuan.days_off).plain for t in ju_huasuan.tasks for when in (t.start, t.due)}
    names: dict[int, int] = {}
    rest: dict[int, str] = {}
    wide = [*range(88, 122, 2), 160, 200]
    for width in [*range(42, 88, 2), *wide]:
        lines = table_lines(ju_huasuan, width)
        assert all(any(text in line for line in lines) for text in one_line) == (width >= 88), width
        header = next(line for line in lines if line.startswith("序号  版块  事项"))
        owner = header.index("负责")
        # the name column: from after 序号 and 版块 to the owner, less the two cells between columns
        names[width] = cell_len(header[:owner]) - cell_len("序号  版块  ") - 2
        rest[width] = header[owner:]
    assert {width: names[width] for width in wide} == {width: width - 70 for width in wide}
    assert {rest[width] for width in wide} == {"负责      开始                完成                距今"}
    assert {names[width] for width in range(42, 72, 2)} == {12}

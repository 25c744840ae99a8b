"""`promoplan progress WORKBOOK --into PLAN`: the 状态 column back into the plan file.

The workbooks are built here as the XLSX writer's contract says: a 进程表 sheet whose
header row has 状态 and a hidden `id` column, and a hidden sheet `promoplan` with the
campaign key in B1 and the playbook in B2. 序号 below are counted by hand from
playbooks/ju-huasuan.yaml: ship-check is the 22nd 运营 task, jhs-signup the 8th and
price-stock the 16th 推广 task.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from promoplan.playbook.assemble import load
from promoplan.schedule.resolve import resolve

from .conftest import Cli, need_client
from .tables import write_xlsx

PLAN = """\
# 聚划算 for Double 11 2024: the team's plan, kept in git.
extends: ju-huasuan
anchors:
  signup: {date: 2024-10-14}   # from the platform's notice
team:
  运营主管: [张伟]
  推广主管: [王芳]

# What we do differently this time.
tasks:
  - {id: price-stock, notes: 以ERP库存为准}
"""
CAMPAIGN = "ju-huasuan-2024-10-14"
HEADER = ["序号", "版块", "事项", "负责岗位", "开始", "完成", "状态", "id"]


def workbook(path: Path, plan_file: Path, status: dict[str, str], campaign: str = CAMPAIGN) -> Path:
    """The 进程表 of `plan_file` as the writer lays it out, with `status` typed into 状态."""
    plan = resolve(load(str(plan_file)))
    rows: list[list[Any]] = [["聚划算单品团进程表"], HEADER]
    section = None
    for task in plan.by_section():
        if task.section != section:
            rows.append([None, task.section])  # a section heading row: no id
            section = task.section
        rows.append([task.seq, task.section, task.name, task.owner, task.start.iso(), task.due.iso(),
                     status.get(task.id), task.id])
    meta = [["campaign", campaign], ["playbook", plan.playbook]]
    return write_xlsx(path, [
        {"title": "进程表", "rows": rows, "hidden_columns": ["H"]},
        {"title": "时间节点", "rows": [["报名", "2024-10-14"]]},
        {"title": "promoplan", "rows": meta, "hidden": True},
    ])


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def _progress(plan: str = "plan.yaml") -> dict[str, tuple[str, str | None]]:
    return {t.id: (t.progress.status, t.progress.day.isoformat() if t.progress.day else None)
            for t in resolve(load(plan)).tasks if t.progress is not None}


def test_three_rows_set_are_recorded_and_comments_stay(cli: Cli, team: Path) -> None:
    workbook(team / "plan.xlsx", team / "plan.yaml",
             {"price-stock": "完成", "ship-check": "进行中", "jhs-signup": " 受阻 "})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "运营第22项「跟进物流打单及打包情况,是否按计划执行」：未记录 → 进行中\n"
        "推广第8项「聚划算活动报名」：未记录 → 受阻\n"
        "推广第16项「改价格、改库存数量」：未记录 → 完成\n"
        "已写入 plan.yaml\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + (
        "progress:\n"
        "  ship-check: 进行中\n"
        "  jhs-signup: 受阻\n"
        "  price-stock: 完成\n")
    assert _progress() == {"ship-check": ("doing", None), "jhs-signup": ("blocked", None),
                           "price-stock": ("done", None)}
    done = {t.id: t.done for t in resolve(load("plan.yaml")).tasks}
    assert (done["price-stock"], done["ship-check"], done["jhs-signup"]) == (True, False, False)

    # Next morning: signup unblocked and the cell emptied; shipping checked, with its day.
    workbook(team / "plan.xlsx", team / "plan.yaml",
             {"price-stock": "完成", "ship-check": "done 2024-11-01"})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "运营第22项「跟进物流打单及打包情况,是否按计划执行」：进行中 → 完成 2024-11-01\n"
        "推广第8项「聚划算活动报名」：受阻 → 未记录\n"
        "已写入 plan.yaml\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + (
        "progress:\n"
        "  ship-check: 完成 2024-11-01\n"
        "  price-stock: 完成\n")
    assert _progress() == {"ship-check": ("done", "2024-11-01"), "price-stock": ("done", None)}

    # The same workbook again: nothing to do, the file is not touched.
    before = (team / "plan.yaml").stat().st_mtime_ns
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "plan.yaml: 状态没有变化\n"
    assert (team / "plan.yaml").stat().st_mtime_ns == before


def test_an_existing_block_keeps_its_words_and_comments(cli: Cli, team: Path) -> None:
    text = PLAN + (
        "progress:\n"
        "  # Checked at the Monday meeting.\n"
        "  price-stock: done   # 王芳\n"
        "  jhs-signup: 进行中\n"
        "  ship-check: 完成 2024-11-01\n")
    (team / "plan.yaml").write_text(text, encoding="utf-8")
    # The same status in other words, or without the file's date, changes nothing.
    workbook(team / "plan.xlsx", team / "plan.yaml",
             {"price-stock": "完成", "jhs-signup": "完成", "ship-check": "完成"})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "推广第8项「聚划算活动报名」：进行中 → 完成\n已写入 plan.yaml\n"
    assert (team / "plan.yaml").read_text(encoding="utf-8") == text.replace(
        "jhs-signup: 进行中", "jhs-signup: 完成")


def test_the_built_in_example_plan_keeps_its_layout(cli: Cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/ju-huasuan-2024.yaml indents its task list; only the new block is added."""
    monkeypatch.chdir(tmp_path)
    example = Path(__file__).parent.parent / "examples" / "ju-huasuan-2024.yaml"
    text = example.read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    workbook(tmp_path / "plan.xlsx", tmp_path / "plan.yaml", {"price-stock": "取消"})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == text + \
        "progress:\n  price-stock: 取消\n"


def test_a_workbook_of_another_campaign_is_refused(cli: Cli, team: Path) -> None:
    workbook(team / "old.xlsx", team / "plan.yaml", {"price-stock": "完成"},
             campaign="ju-huasuan-2024-05-06")
    result = cli("progress", "old.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 2
    # Both campaigns, as the sheet's 活动编号 names them; the file, not its hidden sheet.
    assert result.stderr == (
        "old.xlsx: 这个工作簿是活动编号「ju-huasuan-2024-05-06」的进程表，而 plan.yaml 的活动编号"
        "是「ju-huasuan-2024-10-14」（请填写由 plan.yaml 编译出的工作簿，或用 --into 给出活动编号"
        "「ju-huasuan-2024-05-06」的计划文件）\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN


@pytest.mark.client
def test_libreoffice_round_trip(cli: Cli, team: Path) -> None:
    """Statuses typed into the workbook, saved again by LibreOffice, read back."""
    soffice = need_client("soffice", "libreoffice", package="libreoffice-calc")
    workbook(team / "plan.xlsx", team / "plan.yaml",
             {"price-stock": "完成", "ship-check": "进行中", "jhs-signup": "受阻"})
    (team / "lo").mkdir()
    profile = (team / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(team / "lo"), str(team / "plan.xlsx")],
                   check=True, capture_output=True, timeout=180)
    saved = team / "lo" / "plan.xlsx"
    assert saved.read_bytes() != (team / "plan.xlsx").read_bytes()
    shutil.copyfile(saved, team / "resaved.xlsx")
    result = cli("progress", "resaved.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert _progress() == {"ship-check": ("doing", None), "jhs-signup": ("blocked", None),
                           "price-stock": ("done", None)}
    assert (team / "plan.yaml").read_text(encoding="utf-8").startswith(PLAN)


def test_a_status_in_an_owner_sheet_counts_and_windows_line_ends_stay(cli: Cli, team: Path) -> None:
    """A teammate may fill in the per-owner sheet instead of the 进程表; a plan saved on
    Windows (BOM, CRLF) keeps its BOM and line ends."""
    windows = "\ufeff" + PLAN.replace("\n", "\r\n")
    (team / "plan.yaml").write_bytes(windows.encode("utf-8"))
    workbook(team / "plan.xlsx", team / "plan.yaml", {})
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(team / "plan.xlsx")
    mine = book.create_sheet("推广主管", 1)
    mine.append(HEADER)
    mine.append([16, "推广", "改价格、改库存数量", "推广主管", "2024-10-30", "2024-10-30", "完成",
                 "price-stock"])
    book.save(team / "plan.xlsx")
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "推广第16项「改价格、改库存数量」：未记录 → 完成\n已写入 plan.yaml\n"
    assert (team / "plan.yaml").read_bytes().decode("utf-8") == windows + \
        "progress:\r\n  price-stock: 完成\r\n"

"""What teams type in the 状态 column, read back by `promoplan progress`: √, 完成 12/1,
进行中 50%; a cell it cannot read named by its task while the rest is recorded; --strict.

The workbook is the one `promoplan compile` writes from tests/test_tracking.py's plan (聚划算,
报名 2024-10-14), edited as a teammate would, by openpyxl or by LibreOffice. 序号 counted by
hand from playbooks/ju-huasuan.yaml: ship-check is the 22nd 运营 task (due 2024-11-01),
jhs-signup the 8th and price-stock the 16th 推广 task.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from promoplan.playbook.assemble import load
from promoplan.reports.progress import read_cell
from promoplan.schedule.dates import Unreadable
from promoplan.schedule.plan import Progress
from promoplan.schedule.resolve import resolve
from promoplan.schedule.resolve.progress import parse_progress, read_status
from promoplan.words import Words

from .conftest import Cli, need_client
from .test_tracking import PLAN

SHIP = "运营第22项「跟进物流打单及打包情况,是否按计划执行」"
SIGNUP = "推广第8项「聚划算活动报名」"
PRICE = "推广第16项「改价格、改库存数量」"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = cli("compile", "plan.yaml", "-o", "plan.xlsx")
    assert result.exit_code == 0, result.stderr
    return tmp_path


def typed(path: Path, cells: dict[str, object]) -> None:
    """`cells` (task id → what a teammate typed) into the 状态 column, saved by openpyxl."""
    book = load_workbook(path)
    ws = book["进程表"]
    header = [c.value for c in ws[2]]
    status, ident = header.index("状态") + 1, header.index("id") + 1
    for row in range(3, ws.max_row + 1):
        tid = ws.cell(row, ident).value
        if tid in cells:
            ws.cell(row, status).value = cells[tid]
    book.save(path)


def status_cell(path: Path, tid: str) -> str:
    """Where the task's 状态 is, as the messages name it (进程表!C12)."""
    ws = load_workbook(path)["进程表"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 11).value == tid)
    return f"进程表!C{row}"


# ---------------------------------------------------------------- the words


@pytest.mark.parametrize(("text", "status", "percent", "rest"), [
    ("√", "done", None, ""), ("✓", "done", None, ""), ("已完成", "done", None, ""),
    ("Done", "done", None, ""), ("DONE 12/1", "done", None, "12/1"), ("完成12月1日", "done", None, "12月1日"),
    ("完成，12/1", "done", None, "12/1"), ("完成(2024-10-20)", "done", None, "2024-10-20"),
    ("进行中 50%", "doing", 50, ""), ("进行中50％", "doing", 50, ""), ("Doing 0%", "doing", 0, ""),
    ("in progress", "doing", None, ""), ("50%", "doing", 50, ""), ("受阻 30% 11/2", "blocked", 30, "11/2"),
    ("已取消", "cancelled", None, ""), ("Canceled", "cancelled", None, ""),
])
def test_a_status_as_teams_type_it(text: str, status: str, percent: int | None, rest: str) -> None:
    written = read_status(text)
    assert (written.status, written.percent, written.rest) == (status, percent, rest)


@pytest.mark.parametrize(("text", "key", "value"), [
    ("ok", "progress.not-a-status", {"text": "ok"}),
    ("doneness", "progress.not-a-status", {"text": "doneness"}),
    ("进行中 120%", "progress.bad-percent", {"text": "120%"}),
    ("进行中 33.5%", "progress.bad-percent", {"text": "33.5%"}),
    ("完成 80%", "progress.no-percent", {"word": "完成"}),
])
def test_what_is_no_status_says_why(text: str, key: str, value: dict[str, str]) -> None:
    with pytest.raises(Unreadable) as caught:
        read_status(text)
    assert (caught.value.said.key, caught.value.said.values) == (key, value)


def test_a_day_is_read_as_import_reads_it_in_the_year_nearest_the_task() -> None:
    plan = resolve(load(str(Path(__file__).parent / "playbooks" / "promo.yaml")), {"signup": "2024-10-14"})
    task = next(t for t in plan.tasks if t.id == "deposit")
    assert read_cell("完成 12/1", task) == Progress("done", date(2024, 12, 1))
    assert read_cell("完成 12月1日", task) == Progress("done", date(2024, 12, 1))
    assert read_cell("完成 2023-10-20", task) == Progress("done", date(2023, 10, 20))
    assert read_cell("进行中 50% 10.20", task) == Progress("doing", date(2024, 10, 20), 50)
    # 1月5日 is nearer October 2024 in 2025 than in 2024.
    assert read_cell("完成 1/5", task) == Progress("done", date(2025, 1, 5))
    for bad, shown in (("完成 13/45", "13/45"), ("完成 昨天", "昨天")):
        with pytest.raises(Unreadable) as caught:
            read_cell(bad, task)
        assert caught.value.said.values == {"text": shown}
        assert caught.value.hint.text(Words("zh")) == "日期写成 12/1、12月1日 或 2024-12-01"
    with pytest.raises(Unreadable) as caught:
        read_cell(date(2024, 12, 1), task)  # a date alone: Excel made one of `12/1`
    assert caught.value.said.text(Words("zh")) == "「2024-12-01」不是状态"


def test_the_plan_file_keeps_a_percentage() -> None:
    assert parse_progress("进行中 50%") == Progress("doing", None, 50)
    assert parse_progress("受阻 30% 2024-11-02") == Progress("blocked", date(2024, 11, 2), 30)
    assert parse_progress("√") == Progress("done")
    with pytest.raises(Unreadable) as caught:
        parse_progress("完成 12/1")  # in the plan file, the day promoplan writes
    assert caught.value.hint.text(Words("zh")) == "计划文件里日期写成 2024-12-01：完成 2024-12-01"


# ---------------------------------------------------------------- round trips

BLOCK = ("progress:\n"
         "  ship-check: 完成 2024-12-01\n"
         "  jhs-signup: 完成\n"
         "  price-stock: 进行中 50%\n")
LINES = (f"{SHIP}：未记录 → 完成 2024-12-01\n"
         f"{SIGNUP}：未记录 → 完成\n"
         f"{PRICE}：未记录 → 进行中 50%\n"
         "已写入 plan.yaml\n")
CELLS = {"jhs-signup": "√", "ship-check": "完成 12/1", "price-stock": "进行中 50%"}


def _recorded() -> dict[str, Progress | None]:
    return {t.id: t.progress for t in resolve(load("plan.yaml")).tasks if t.progress is not None}


def test_round_trip_saved_by_openpyxl(cli: Cli, team: Path) -> None:
    typed(team / "plan.xlsx", CELLS)
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (0, LINES)
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + BLOCK
    assert _recorded() == {"ship-check": Progress("done", date(2024, 12, 1)),
                           "jhs-signup": Progress("done"), "price-stock": Progress("doing", None, 50)}
    # Compiled again, the cells say the bare word: what a cell leaves out, the file keeps.
    assert cli("compile", "plan.yaml", "-o", "plan.xlsx").exit_code == 0
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (0, "plan.yaml: 状态没有变化\n")
    typed(team / "plan.xlsx", {"price-stock": "进行中 80%"})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (0, f"{PRICE}：进行中 50% → 进行中 80%\n已写入 plan.yaml\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + BLOCK.replace("50%", "80%")


@pytest.mark.client
def test_round_trip_saved_by_libreoffice(cli: Cli, team: Path) -> None:
    soffice = need_client("soffice", "libreoffice", package="libreoffice-calc")
    typed(team / "plan.xlsx", CELLS)
    (team / "lo").mkdir()
    subprocess.run([soffice, f"-env:UserInstallation={(team / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(team / "lo"),
                    str(team / "plan.xlsx")], check=True, capture_output=True, timeout=240)
    assert (team / "lo" / "plan.xlsx").read_bytes() != (team / "plan.xlsx").read_bytes()
    shutil.copyfile(team / "lo" / "plan.xlsx", team / "plan.xlsx")
    # LibreOffice keeps the list's "information" style: what is not on it stays allowed.
    [check] = load_workbook(team / "plan.xlsx")["进程表"].data_validations.dataValidation
    assert check.errorStyle == "information"
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (0, LINES)
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + BLOCK


# ---------------------------------------------------------------- unreadable cells


def test_a_cell_it_cannot_read_is_named_and_the_rest_recorded(cli: Cli, team: Path) -> None:
    typed(team / "plan.xlsx", {**CELLS, "jhs-signup": "搞定了"})
    where = status_cell(team / "plan.xlsx", "jhs-signup")
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0
    assert result.stderr == (
        f"plan.xlsx:{where}: {SIGNUP}：「搞定了」不是状态（写 完成、进行中、受阻 或 取消，后面可加日期或"
        "进度：完成 12/1、进行中 50%）\n"
        f"{SHIP}：未记录 → 完成 2024-12-01\n"
        f"{PRICE}：未记录 → 进行中 50%\n"
        "已写入 plan.yaml\n"
        "另有1格状态没读懂，这些任务的状态未改动\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + (
        "progress:\n"
        "  ship-check: 完成 2024-12-01\n"
        "  price-stock: 进行中 50%\n")


def test_an_unreadable_cell_leaves_the_files_entry_as_it_was(cli: Cli, team: Path) -> None:
    (team / "plan.yaml").write_text(PLAN + "progress:\n  jhs-signup: 受阻\n", encoding="utf-8")
    typed(team / "plan.xlsx", {"jhs-signup": "完成 13/45", "price-stock": "√"})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].endswith(
        f"{SIGNUP}：「13/45」不是日期（日期写成 12/1、12月1日 或 2024-12-01）")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN + (
        "progress:\n  jhs-signup: 受阻\n  price-stock: 完成\n")


def test_strict_records_nothing(cli: Cli, team: Path) -> None:
    typed(team / "plan.xlsx", {**CELLS, "price-stock": "进行中 150%"})
    where = status_cell(team / "plan.xlsx", "price-stock")
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml", "--strict")
    assert result.exit_code == 2
    assert result.stderr == (f"plan.xlsx:{where}: {PRICE}：进度「150%」应是 0 到 100 的整数"
                             "（进度写在 进行中 或 受阻 后面：进行中 50%）\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN


def test_nothing_readable_is_exit_2(cli: Cli, team: Path) -> None:
    """Nothing recorded and a cell not read: the message is an error, not a warning."""
    typed(team / "plan.xlsx", {"price-stock": "完成 50%"})
    where = status_cell(team / "plan.xlsx", "price-stock")
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (
        2, f"plan.xlsx:{where}: {PRICE}：「完成」后面不写进度（进度写在 进行中 或 受阻 后面：进行中 50%）\n")
    assert (team / "plan.yaml").read_text(encoding="utf-8") == PLAN


# ---------------------------------------------------------------- an English plan


def test_an_english_plan_in_english(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`done` on the list, the messages and the block in English; another campaign refused
    naming both."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the plan's language wins over the environment
    (tmp_path / "plan.yaml").write_text(PLAN.replace("extends: ju-huasuan", "extends: ju-huasuan\nlocale: en"),
                                        encoding="utf-8")
    assert cli("compile", "plan.yaml", "-o", "plan.xlsx").exit_code == 0
    book = load_workbook(tmp_path / "plan.xlsx")
    ws = book["Schedule"]
    [check] = ws.data_validations.dataValidation
    assert (check.formula1, check.errorStyle) == ('"done,doing,blocked,cancelled"', "information")
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 11).value == "price-stock")
    ws.cell(row, 3).value = "Doing 40%"
    book.save(tmp_path / "plan.xlsx")
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(": not recorded → doing 40%\nwrote plan.yaml\n")
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8").endswith("progress:\n  price-stock: doing 40%\n")

    book["promoplan"]["B1"] = "ju-huasuan-2024-05-06"
    book.save(tmp_path / "old.xlsx")
    result = cli("progress", "old.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (2, (
        "old.xlsx: this workbook is for campaign 'ju-huasuan-2024-05-06', but plan.yaml is campaign "
        "'ju-huasuan-2024-10-14' (fill in the workbook compiled from plan.yaml, or give the plan file "
        "of 'ju-huasuan-2024-05-06' to --into)\n"))

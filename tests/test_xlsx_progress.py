"""The 进程表's loop back: the 状态 column a teammate fills in, in the workbook the XLSX
writer made, read by `promoplan progress`'s reader (tracking.read_workbook).

Built from tests/playbooks/promo.yaml with --signup 2024-10-14: campaign
test-promo-2024-10-14, header on row 2 (under the title line), 状态 in column C
beside the name, the hidden ids in column K; the 运营 band on row 3, 活动策划 (id
plan) on row 4, 交竞拍费 (deposit) on row 5, 售后跟进 (cs-week) on row 22.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import load
from promoplan.reports.progress import read_workbook
from promoplan.schedule.plan import Plan, Progress
from promoplan.schedule.resolve import resolve
from promoplan.words import Words
from promoplan.writers import WriterOptions, xlsx

from .conftest import PLAYBOOKS, need_client

IDS = ["plan", "deposit", "price-stock", "follow-up", "ship", "restock", "review", "wd-task", "chained",
       "detail", "preview", "half", "last-min", "check25", "check120", "half-hourly", "cs-week", "evening"]


def promo() -> Plan:
    return resolve(load(str(PLAYBOOKS / "promo.yaml")), {"signup": "2024-10-14"})


def workbook(lang: str = "zh", **progress: str) -> bytes:
    plan = promo()
    marks = {tid: Progress(status) for tid, status in progress.items()}
    plan = replace(plan, tasks=[replace(t, progress=marks.get(t.id)) for t in plan.tasks])
    return xlsx.render(plan, Words(lang), WriterOptions())


def found(data: bytes, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """The campaign and {task id: status, '' when empty} as `progress` reads them."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    book = read_workbook(path, "plan.xlsx", promo(), "promo.yaml")
    return book.campaign, {m.task_id: m.status.status if m.status else "" for m in book.marks}


def edited(data: bytes, change: Any) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_reads_the_campaign_and_every_task_status(tmp_path: Path) -> None:
    campaign, got = found(workbook(deposit="done", detail="blocked"), tmp_path)
    assert campaign == "test-promo-2024-10-14"
    assert list(got) == IDS  # every task, in the sheet's order
    assert {k: v for k, v in got.items() if v} == {"deposit": "done", "detail": "blocked"}


def test_reads_what_a_teammate_picked(tmp_path: Path) -> None:
    def pick(wb: Any) -> None:
        ws = wb["进程表"]
        ws["C4"] = "进行中"
        ws["C5"] = " 完成 "
        ws["C22"] = "取消"

    _, got = found(edited(workbook(deposit="doing"), pick), tmp_path)
    assert {k: v for k, v in got.items() if v} == {"plan": "doing", "deposit": "done", "cs-week": "cancelled"}


def test_finds_the_columns_by_their_headers_wherever_they_moved(tmp_path: Path) -> None:
    def move(wb: Any) -> None:
        ws = wb["Schedule"]
        ws.insert_cols(1, 2)  # Status now in E, ids in M
        ws["E5"] = "blocked"

    _, got = found(edited(workbook(lang="en"), move), tmp_path)
    assert {k: v for k, v in got.items() if v} == {"deposit": "blocked"}


def _no_meta(wb: Any) -> None:
    wb.remove(wb["promoplan"])


def _no_key(wb: Any) -> None:
    wb["promoplan"]["B1"] = None


def _no_id_header(wb: Any) -> None:
    wb["进程表"]["K2"] = "编号"


@pytest.mark.parametrize(("change", "message"), [
    (_no_meta, "plan.xlsx: no campaign key: the hidden sheet 'promoplan' is missing (fill in the 状态 "
               "column of the workbook that promoplan compile -o plan.xlsx wrote)"),
    (_no_key, "plan.xlsx:promoplan!B1: no campaign key: expected 'campaign' in A1 and the key in B1 "
              "(fill in the 状态 column of the workbook that promoplan compile -o plan.xlsx wrote)"),
    (_no_id_header, "plan.xlsx: no sheet with a 状态 or Status column and an id column (compile the "
                    "plan to .xlsx again: it writes both)"),
])
def test_a_workbook_without_what_progress_needs_is_refused(change: Any, message: str,
                                                          tmp_path: Path) -> None:
    with pytest.raises(PromoplanError) as caught:
        found(edited(workbook(), change), tmp_path)
    assert str(caught.value) == message


def test_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(PromoplanError) as caught:
        found(b"name,status\n", tmp_path)
    assert str(caught.value) == ("plan.xlsx: not an XLSX workbook: not a zip archive "
                                 "(give the .xlsx that promoplan compile wrote)")


def _libreoffice_resave(data: bytes, tmp_path: Path) -> bytes:
    """The workbook opened and saved again as .xlsx by LibreOffice, as a teammate would."""
    soffice = need_client("soffice", "libreoffice", package="libreoffice-calc-nogui")
    src = tmp_path / "in" / "plan.xlsx"
    src.parent.mkdir()
    src.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=240)
    return (out / "plan.xlsx").read_bytes()


@pytest.mark.client
def test_reads_a_workbook_re_saved_by_libreoffice(tmp_path: Path) -> None:
    def pick(wb: Any) -> None:
        ws = wb["进程表"]
        ws["C4"] = "完成"
        ws["C5"] = "进行中"
        ws["C22"] = "受阻"

    data = _libreoffice_resave(edited(workbook(), pick), tmp_path)
    campaign, got = found(data, tmp_path)
    assert campaign == "test-promo-2024-10-14"
    assert list(got) == IDS
    assert {k: v for k, v in got.items() if v} == {"plan": "done", "deposit": "doing", "cs-week": "blocked"}
    # LibreOffice keeps what hides the machinery from the team.
    wb = load_workbook(io.BytesIO(data))
    assert wb["promoplan"].sheet_state == "hidden"
    assert wb["进程表"].column_dimensions["K"].hidden is True
    assert wb["进程表"].data_validations.dataValidation[0].formula1 == '"完成,进行中,受阻,取消"'

"""The 进程表's loop back: the 状态 column a teammate fills in, read by `read_progress`.

Built from tests/playbooks/promo.yaml with --signup 2024-10-14: campaign
test-promo-2024-10-14, header on row 8 (title block, 注意 block, a blank row),
状态 in column H, the hidden ids in column K; 活动策划 (id plan) on row 10,
交竞拍费 (deposit) on row 11, 售后跟进 (cs-week) on row 28.
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
from promoplan.i18n import Words
from promoplan.plan import Progress
from promoplan.playbook import load
from promoplan.resolve import resolve
from promoplan.writers import WriterOptions, xlsx_

from .conftest import PLAYBOOKS, need_client

IDS = ["plan", "deposit", "price-stock", "follow-up", "ship", "restock", "review", "wd-task", "chained",
       "detail", "preview", "half", "last-min", "check25", "check120", "half-hourly", "cs-week", "evening"]


def workbook(lang: str = "zh", **progress: str) -> bytes:
    plan = resolve(load(str(PLAYBOOKS / "promo.yaml")), {"signup": "2024-10-14"})
    marks = {tid: Progress(status) for tid, status in progress.items()}
    plan = replace(plan, tasks=[replace(t, progress=marks.get(t.id)) for t in plan.tasks])
    return xlsx_.render(plan, Words(lang), WriterOptions())


def edited(data: bytes, change: Any) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_reads_the_campaign_and_every_task_status() -> None:
    campaign, found = xlsx_.read_progress(workbook(deposit="done", detail="blocked"), "plan.xlsx")
    assert campaign == "test-promo-2024-10-14"
    assert list(found) == IDS  # every task, in the sheet's order
    assert {k: v for k, v in found.items() if v} == {"deposit": "完成", "detail": "受阻"}


def test_reads_what_a_teammate_picked() -> None:
    def pick(wb: Any) -> None:
        ws = wb["进程表"]
        ws["H10"] = "进行中"
        ws["H11"] = " 完成 "
        ws["H28"] = "取消"

    _, found = xlsx_.read_progress(edited(workbook(deposit="doing"), pick), "plan.xlsx")
    assert {k: v for k, v in found.items() if v} == {"plan": "进行中", "deposit": "完成", "cs-week": "取消"}


def test_finds_the_columns_by_their_headers_wherever_they_moved() -> None:
    def move(wb: Any) -> None:
        ws = wb["Schedule"]
        ws.insert_cols(1, 2)  # Status now in J, ids in M
        ws["J11"] = "blocked"

    _, found = xlsx_.read_progress(edited(workbook(lang="en"), move), "plan.xlsx")
    assert {k: v for k, v in found.items() if v} == {"deposit": "blocked"}


def test_a_workbook_without_the_promoplan_sheet_is_refused() -> None:
    data = edited(workbook(), lambda wb: wb.remove(wb["promoplan"]))
    with pytest.raises(PromoplanError) as caught:
        xlsx_.read_progress(data, "plan.xlsx")
    assert str(caught.value) == ("plan.xlsx: no sheet 'promoplan': not a workbook promoplan wrote (compile "
                                 "the plan to .xlsx with promoplan and fill in that file)")


def test_a_workbook_without_a_campaign_key_names_the_cell() -> None:
    def clear(wb: Any) -> None:
        wb["promoplan"]["B1"] = None

    with pytest.raises(PromoplanError) as caught:
        xlsx_.read_progress(edited(workbook(), clear), "plan.xlsx")
    assert str(caught.value) == ("plan.xlsx:promoplan!B1: no campaign key (A1 should read 'campaign' and B1 "
                                 "the campaign key)")


def test_a_workbook_without_the_status_or_id_header_names_the_sheet() -> None:
    def drop(wb: Any) -> None:
        for name in ("进程表",):
            wb[name]["K8"] = "编号"

    with pytest.raises(PromoplanError) as caught:
        xlsx_.read_progress(edited(workbook(), drop), "plan.xlsx")
    assert str(caught.value) == ("plan.xlsx:进程表!A1: no header row with '状态' (or 'Status') and 'id' in "
                                 "the first 40 rows of any sheet (the 进程表 needs its 状态 column and its "
                                 "hidden id column)")


def test_not_a_workbook() -> None:
    with pytest.raises(PromoplanError) as caught:
        xlsx_.read_progress(b"name,status\n", "plan.xlsx")
    assert str(caught.value) == "plan.xlsx: not an XLSX file (not a zip archive)"


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
        ws["H10"] = "完成"
        ws["H11"] = "进行中"
        ws["H28"] = "受阻"

    data = _libreoffice_resave(edited(workbook(), pick), tmp_path)
    campaign, found = xlsx_.read_progress(data, "plan.xlsx")
    assert campaign == "test-promo-2024-10-14"
    assert list(found) == IDS
    assert {k: v for k, v in found.items() if v} == {"plan": "完成", "deposit": "进行中", "cs-week": "受阻"}
    # LibreOffice keeps what hides the machinery from the team.
    wb = load_workbook(io.BytesIO(data))
    assert wb["promoplan"].sheet_state == "hidden"
    assert wb["进程表"].column_dimensions["K"].hidden is True
    assert wb["进程表"].data_validations.dataValidation[0].formula1 == '"完成,进行中,受阻,取消"'

"""The XLSX writer, read back with openpyxl: values, dates, styles and print settings.

Dates are computed by hand. tests/playbooks/promo.yaml with --signup 2024-10-14
(a Monday): auction 10-21, schedule 10-25, open 11-01 10:00, end 11-01 23:59, the
tasks as listed in tests/test_resolve.py. The built-in ju-huasuan with the same
signup: auction 2024-10-21, schedule 2024-10-25, open 2024-11-01 10:00.
China's 2024 calendar: 10-01…10-07 National Day (10-04 and 10-07 swapped by 调休),
Sat 10-12 and Sun 09-29 are make-up workdays.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import load
from promoplan.schedule.plan import Plan, Progress, When
from promoplan.schedule.resolve import resolve
from promoplan.vocabulary import GroupBy
from promoplan.words import Words
from promoplan.writers import WriterOptions, xlsx

from .conftest import PLAYBOOKS, need_client

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
PROMO = str(PLAYBOOKS / "promo.yaml")
SIGNUP = {"signup": "2024-10-14"}



def d(*parts: int) -> datetime:
    """A naive datetime: how openpyxl reads an Excel date (Excel has no time zones)."""
    return datetime(*parts)  # noqa: DTZ001


def compile_(ref: str = PROMO, given: dict[str, str] | None = None) -> Plan:
    return resolve(load(ref), SIGNUP if given is None else given)


def render(plan: Plan, lang: str = "zh", **options: Any) -> bytes:
    return xlsx.render(plan, Words(lang), WriterOptions(**options))


def book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def rows(ws: Any, first: int = 1) -> list[tuple[Any, ...]]:
    """Values from row `first` on, trailing empty cells dropped."""
    out = []
    for row in ws.iter_rows(min_row=first, values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        out.append(tuple(values))
    return out


def rgb(cell: Any) -> str:
    return str(cell.fill.start_color.rgb)[-6:] if cell.fill.fill_type else ""


@pytest.fixture(scope="module")
def promo() -> Any:
    return book(render(compile_()))


@pytest.fixture(scope="module")
def ju() -> tuple[Plan, Any]:
    # For a team that takes weekends off (the playbook's team works them): days off and
    # warnings enough to fill the sheet's marks and its 注意 block.
    pb = load("ju-huasuan")
    pb.weekends = "off"
    plan = resolve(pb, SIGNUP)
    return plan, book(render(plan))


# ---------------------------------------------------------------- 进程表

# promo.yaml's two warnings: the deadline on Sun 10-13 and the three on Sat 11-02.
WARN_1013 = "10月13日 周日（周末）有1项截止，请确认是否提前到10月12日 周六：运营第1项「活动策划」"
WARN_1102 = ("11月2日 周六（周末）有3项截止，请确认是否提前到11月1日 周五：运营第4项「后续跟进」、"
             "运营第7项「活动后的评估」、运营第9项「复核价格」")
HEAD = 2  # the 进程表's header row, under the one title line
# Rows 3-23: bands 运营 (3), 推广 (13), 客服 (21) and their tasks; 24 blank; 25-26 what the plan
# was made from; 27 blank; 28-30 the 注意 block.
LAST = 23


def test_sheets_in_order(promo: Any) -> None:
    assert promo.sheetnames == ["进程表", "甘特图", "时间节点", "promoplan"]
    assert promo.active.title == "进程表"
    assert [ws.sheet_state for ws in promo.worksheets] == ["visible", "visible", "visible", "hidden"]


def test_schedule_one_title_line_and_what_the_plan_was_made_from_under_the_tasks(promo: Any) -> None:
    ws = promo["进程表"]
    # Row 1, frozen with the header: the title, and in the first column right of the frozen
    # ones, where the 注意 block is.
    assert rows(ws, 1)[0] == ("测试进程表", None, "⚠ 注意事项2条，见本表末尾")
    assert ws.row_dimensions[1].height == 20
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 12)
    assert rows(ws, LAST + 1)[:3] == [
        (),
        ("报名 10月14日 周一　竞拍 10月21日 周一　排期 10月25日 周五　开团 11月1日 周五 10:00　"
         "结束 11月1日 周五 23:59",),
        ("活动编号 test-promo-2024-10-14 · 按 报名 2024-10-14 生成；其余日期由此推算 · "
         "活动期 11月1日 周五 10:00 至 11月1日 周五 23:59 · 计划期 2024-09-24 至 2024-11-09，共18项",),
    ]
    assert {"A25:J25", "A26:J26"} <= {str(r) for r in ws.merged_cells.ranges}


def test_schedule_warnings_once_under_the_tasks_and_tags_in_the_rows(promo: Any) -> None:
    ws = promo["进程表"]
    assert rows(ws, 27) == [(), ("注意",), (WARN_1013,), (WARN_1102,)]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A25:J25", "A26:J26", "A29:J29", "A30:J30"}
    assert ws["A29"].alignment.wrap_text is True
    assert rgb(ws["A28"]) == "FFEB9C"
    # Outside the filtered range: Excel sorts no range holding merged rows.
    assert ws.auto_filter.ref == f"A2:J{LAST}"
    notes = [r[7] for r in rows(ws, HEAD + 1)[:LAST - HEAD] if len(r) > 7 and r[7]]
    assert notes == ["⚠ 休息日截止"] * 4 + ["每30分钟一次，共4次"]


def test_schedule_rows_by_section_numbered_within_each(promo: Any) -> None:
    ws = promo["进程表"]
    tag = "⚠ 休息日截止"
    assert rows(ws, HEAD)[:LAST - HEAD + 1] == [
        ("序号", "详细项目内容", "状态", "开始时间", "预计完成时间", "负责岗位", "责任人", "备注", "版块/\n部门",
         "阶段", "id"),
        (None, "运营（9项）", None, None, None, None, None, None, "运营"),
        (1, "活动策划", None, "9月24日 周二", "10月13日 周日 休", "运营主管", None, tag, "运营", "活动前", "plan"),
        (2, "交竞拍费", None, "10月22日 周二", "10月22日 周二", "运营主管", None, None, "运营", "活动前",
         "deposit"),
        (3, "改价格、改库存数量", None, "10月29日 周二", "10月30日 周三", "运营主管", None, None, "运营", "活动前",
         "price-stock"),
        (4, "后续跟进", None, "10月30日 周三", "11月2日 周六 休", "运营主管", None, tag, "运营", "活动前",
         "follow-up"),
        (5, "跟进物流打单及打包情况", None, "11月1日 周五 15:00", "11月1日 周五 15:00", "运营主管", None, None,
         "运营", "活动中", "ship"),
        (6, "补单给生产部", None, "11月1日 周五 16:30", "11月1日 周五 16:30", "运营主管", None, None, "运营",
         "活动中", "restock"),
        (7, "活动后的评估", None, "11月2日 周六 休", "11月2日 周六 休", "运营主管", None, tag, "运营", "活动后",
         "review"),
        (8, "提交报名资料", None, "10月8日 周二", "10月8日 周二", "运营主管", None, None, "运营", "活动前",
         "wd-task"),
        (9, "复核价格", None, "10月31日 周四", "11月2日 周六 休", "运营主管", None, tag, "运营", "活动前",
         "chained"),
        (None, "推广（7项）", None, None, None, None, None, None, "推广"),
        (1, "详情页制作", None, "10月5日 周六 休", "10月22日 周二", "推广主管", None, None, "推广", "活动前",
         "detail"),
        (2, "开团前流量检查", None, "11月1日 周五 09:00", "11月1日 周五 09:00", "推广主管", None, None, "推广",
         "活动前", "preview"),
        (3, "开团前半小时检查", None, "11月1日 周五 09:30", "11月1日 周五 09:30", "推广主管", None, None, "推广",
         "活动前", "half"),
        (4, "撤下预热页面", None, "11月1日 周五 09:59", "11月1日 周五 09:59", "推广主管", None, None, "推广",
         "活动前", "last-min"),
        (5, "跟进流量成交率", None, "11月1日 周五 10:25", "11月1日 周五 10:25", "推广主管", None, None, "推广",
         "活动中", "check25"),
        (6, "两小时复盘", None, "11月1日 周五 12:00", "11月1日 周五 12:00", "推广主管", None, None, "推广",
         "活动中", "check120"),
        (7, "开团后每半个小时跟进流量", None, "11月1日 周五 10:25", "11月1日 周五 11:55", "推广主管", None,
         "每30分钟一次，共4次", "推广", "活动中", "half-hourly"),
        (None, "客服（2项）", None, None, None, None, None, None, "客服"),
        (1, "售后跟进", None, "11月1日 周五", "11月9日 周六 休", "客服主管", None, None, "客服", "活动中",
         "cs-week"),
        (2, "前一晚检查", None, "10月31日 周四 18:00", "10月31日 周四 18:00", "客服主管", None, None, "客服",
         "活动前", "evening"),
    ]


def test_schedule_days_as_every_reader_shows_them(promo: Any) -> None:
    """Days are text (`周aaa` is what SheetJS shows of a weekday format): 活动策划 starts Tue
    09-24 and is due Sun 10-13, a day off, in red; 详情页制作 starts Sat 10-05 (National Day)."""
    ws = promo["进程表"]
    assert (ws["D4"].value, ws["E4"].value, ws["D14"].value) == ("9月24日 周二", "10月13日 周日 休",
                                                                 "10月5日 周六 休")
    assert ws["E4"].font.color.rgb[-6:] == "C00000"
    assert ws["D4"].font.color is None
    # Every number format left in the workbook is one SheetJS, LibreOffice and Excel show alike.
    formats = {c.number_format for s in promo.worksheets for r in s.iter_rows() for c in r}
    assert formats == {"General", "hh:mm", "d"}


def test_schedule_freeze_filter_colours_widths(promo: Any) -> None:
    ws = promo["进程表"]
    # Frozen: the title line and the header; 序号 and the name, with 状态 right beside them.
    assert ws.freeze_panes == "C3"
    assert (ws["A2"].value, ws["B2"].value, ws["C2"].value) == ("序号", "详细项目内容", "状态")
    assert ws.auto_filter.ref == "A2:J23"
    assert [rgb(ws.cell(HEAD, c)) for c in (1, 10)] == ["1F4E79", "1F4E79"]
    assert ws["A2"].font.color.rgb[-6:] == "FFFFFF"
    # Section bands in the section's colour, its rows tinted, 序号 in the bar colour.
    assert [rgb(ws[f"A{r}"]) for r in (3, 13, 21)] == ["8EB4E3", "F4B183", "A9D18E"]
    assert [rgb(ws[f"B{r}"]) for r in (4, 14, 22)] == ["DEEAF6", "FBE5D6", "E2F0D9"]
    assert rgb(ws["A4"]) == "8EB4E3"
    assert rgb(ws["H4"]) == "FFEB9C"  # a tagged row's notes
    assert (ws["B3"].font.b, ws["I3"].font.b) == (True, True)
    # Widths fit Chinese text (two units a character); long text wraps.
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJ"}
    assert widths["A"] == 4.5
    assert widths["B"] == 22  # 开团后每半个小时跟进流量 needs 24 + 2: capped at 22, it wraps
    assert widths["C"] == 8  # 状态
    assert widths["D"] == widths["E"] == 21  # 10月31日 周四 18:00: 19 units, and 2
    assert widths["F"] == 10  # 运营主管
    assert widths["I"] == 7  # 运营: 4 units, at least 7
    assert ws["B4"].alignment.wrap_text is True
    assert ws["H4"].alignment.wrap_text is True
    assert ws["A4"].font.name == "等线"


def test_cell_formats_and_no_named_style(promo: Any) -> None:
    """Nothing lands in the style gallery of whoever opens the file: the only cell style is
    Excel's own Normal; every cell of a kind shares one format."""
    assert list(promo.named_styles) == ["Normal"]
    with zipfile.ZipFile(io.BytesIO(render(compile_()))) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"' in styles
    ws = promo["进程表"]
    assert len({ws.cell(r, 2).style_id for r in range(4, 13)}) == 1  # 运营's names
    assert len({ws.cell(r, 2).style_id for r in (4, 14, 22)}) == 3  # one per section's tint


def test_schedule_prints_a4_landscape_one_page_wide_with_the_header_on_every_page(promo: Any) -> None:
    for name in ("进程表", "时间节点", "甘特图"):
        ws = promo[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9
    for name in ("进程表", "时间节点"):
        ws = promo[name]
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert promo["进程表"].print_title_rows == "$2:$2"
    assert promo["时间节点"].print_title_rows == "$2:$2"
    assert promo["进程表"].oddFooter.left.text == "测试进程表"
    assert promo["进程表"].oddFooter.right.text == "第 &P 页，共 &N 页"


def test_status_column_the_hidden_ids_and_the_campaign_sheet(promo: Any) -> None:
    ws = promo["进程表"]
    assert (ws["C2"].value, ws["K2"].value) == ("状态", "id")
    assert ws.column_dimensions["K"].hidden is True
    # Task rows only: the bands of 运营 (row 3), 推广 (13) and 客服 (21) are left out.
    [check] = ws.data_validations.dataValidation
    assert (str(check.sqref), check.type, check.formula1) == (
        "C4:C12 C14:C20 C22:C23", "list", '"完成,进行中,受阻,取消"')
    # Not on the list is taken after a word on how to write it: 完成 12/1, 进行中 50%.
    assert (check.errorStyle, check.showErrorMessage) == ("information", True)
    assert check.error == "列表外的写法也可以：状态后可加日期或进度，如 完成 12/1、进行中 50%；点「确定」保留"

    def first(*words: str) -> str:
        return "OR(" + ",".join(f'LEFT(TRIM(C4),{len(w)})="{w}"' for w in words) + ")"

    rules = {str(r.sqref): [(x.type, x.formula, x.dxf.fill.fgColor.rgb[-6:], x.dxf.font.color.rgb[-6:])
                            for x in r.rules] for r in ws.conditional_formatting}
    assert rules == {"C4:C12 C14:C20 C22:C23": [
        ("expression", [first("完成", "completed", "complete", "finished", "done", "已完成", "✓", "√", "✔")],
         "C6EFCE", "006100"),
        ("expression", [first("进行中", "in progress", "doing", "处理中")], "FFEB9C", "9C5700"),
        ("expression", [first("受阻", "blocked", "阻塞")], "FFC7CE", "9C0006"),
        ("expression", [first("取消", "cancelled", "canceled", "已取消")], "D9D9D9", "595959")]}
    # A rule's font says only what it turns on (受阻 bold, 取消 struck): ExcelJS reads
    # <strike val="0"/> as struck through.
    with zipfile.ZipFile(io.BytesIO(render(compile_()))) as archive:
        styles = archive.read("xl/styles.xml").decode()
    fonts = re.findall(r"<dxf><font>(.*?)</font>", styles)
    assert fonts == ['<color rgb="00006100"/>', '<color rgb="009C5700"/>',
                     '<b val="1"/><color rgb="009C0006"/>', '<strike val="1"/><color rgb="00595959"/>']
    meta = promo["promoplan"]
    assert rows(meta) == [("campaign", "test-promo-2024-10-14"), ("playbook", "test-promo")]


def test_status_from_the_plan_file_and_progress_per_section() -> None:
    plan = compile_()
    marks = {"plan": Progress("done"), "deposit": Progress("doing"), "detail": Progress("blocked"),
             "evening": Progress("cancelled", date(2024, 10, 30))}
    plan = replace(plan, tasks=[replace(t, progress=marks.get(t.id)) for t in plan.tasks])
    wb = book(render(plan))
    ws = wb["进程表"]
    assert {r[10]: r[2] for r in rows(ws, HEAD + 1) if len(r) > 10 and r[2]} == {
        "plan": "完成", "deposit": "进行中", "detail": "受阻", "evening": "取消"}
    nodes = rows(wb["时间节点"], 20)
    assert nodes[:5] == [
        ("进度", "完成", "进行中", "受阻", "取消", "未开始", "合计"),
        ("运营", 1, 1, 0, 0, 7, 9),
        ("推广", 0, 0, 1, 0, 6, 7),
        ("客服", 0, 0, 0, 1, 1, 2),
        ("合计", 1, 1, 1, 1, 14, 18),
    ]
    # By section whatever the 进程表 is grouped by.
    assert rows(book(render(plan, group_by=GroupBy.PHASE))["时间节点"], 20)[:5] == nodes[:5]
    en = book(render(plan, lang="en"))["Schedule"]
    assert en["C2"].value == "Status"
    assert en["C4"].value == "done"
    assert en.data_validations.dataValidation[0].formula1 == '"done,doing,blocked,cancelled"'


def test_people_from_the_team_and_brand_under_the_tasks(tmp_path: Path) -> None:
    plan_file = tmp_path / "shop.yaml"
    plan_file.write_text(f"extends: {PLAYBOOKS / 'plan' / 'plan.yaml'}\nbrand: 小熊旗舰店\n",
                         encoding="utf-8")
    wb = book(render(resolve(load(str(plan_file)), {})))
    ws = wb["进程表"]
    lines = [r[0] for r in rows(ws, 3) if len(r) == 1]
    assert lines[0].startswith("品牌：小熊旗舰店 · 报名 10月14日 周一　")
    people = {r[1]: r[6] for r in rows(ws, 3) if len(r) > 6}
    assert people["跟进物流打单及打包情况"] == "张伟"
    assert people["售后跟进"] == "李娜"
    assert people["开团前流量检查"] is None


def test_group_by_phase_bands_in_time_order(promo: Any) -> None:
    ws = book(render(compile_(), group_by=GroupBy.PHASE))["进程表"]
    got = [(r[0], r[1], r[9]) for r in rows(ws, HEAD + 1)[:LAST - HEAD]]
    assert got == [
        (None, "活动前（11项）", "活动前"),
        (1, "活动策划", "活动前"), (2, "详情页制作", "活动前"), (3, "提交报名资料", "活动前"),
        (4, "交竞拍费", "活动前"), (5, "改价格、改库存数量", "活动前"), (6, "后续跟进", "活动前"),
        (7, "复核价格", "活动前"), (8, "前一晚检查", "活动前"), (9, "开团前流量检查", "活动前"),
        (10, "开团前半小时检查", "活动前"), (11, "撤下预热页面", "活动前"),
        (None, "活动中（6项）", "活动中"),
        (1, "售后跟进", "活动中"), (2, "跟进流量成交率", "活动中"), (3, "开团后每半个小时跟进流量", "活动中"),
        (4, "两小时复盘", "活动中"), (5, "跟进物流打单及打包情况", "活动中"), (6, "补单给生产部", "活动中"),
        (None, "活动后（1项）", "活动后"),
        (1, "活动后的评估", "活动后"),
    ]
    assert [rgb(ws[f"A{r}"]) for r in (3, 15, 22)] == ["BDD7EE", "F8CBAD", "C6E0B4"]
    assert rgb(ws["A4"]) == "8EB4E3"  # 序号 keeps the section's colour


def test_english_labels_and_dates() -> None:
    wb = book(render(compile_(), lang="en"))
    assert wb.sheetnames == ["Schedule", "Gantt", "Key dates", "promoplan"]
    ws = wb["Schedule"]
    assert rows(ws, 1)[:2] == [
        ("测试进程表", None, "⚠ 2 warnings: at the end of this sheet"),
        ("No.", "Task", "Status", "Start", "Due", "Owner role", "People", "Notes", "Section", "Phase", "id")]
    assert ws["A25"].value.startswith("报名 Mon 14 Oct　竞拍 Mon 21 Oct")
    assert ws["A28"].value == "Warnings"
    assert (ws["D4"].value, ws["E4"].value, ws["D8"].value) == ("Tue 24 Sep", "Sun 13 Oct off",
                                                                "Fri 1 Nov 15:00")
    assert ws["H4"].value == "⚠ due on a day off"


# ---------------------------------------------------------------- 甘特图


def test_gantt_days_months_and_anchors(promo: Any) -> None:
    ws = promo["甘特图"]
    days = [ws.cell(3, c).value for c in range(3, ws.max_column + 1)]
    assert days[0] == d(2024, 9, 24)
    assert days[-1] == d(2024, 11, 9)
    assert len(days) == 47  # one column per day from the first date to the last
    assert ws.cell(3, 3).number_format == "d"
    col = {d.date(): c for c, d in enumerate(days, 3)}
    assert [ws.cell(4, col[date(2024, 9, 24 + i)]).value for i in range(7)] == list("二三四五六日一")
    # Month headers at each month's first day, and again at the second page's first day (Mon
    # 10-28). Not merged (a page may start at any column): the text runs on over empty cells.
    months = {c: ws.cell(2, c).value for c in range(3, ws.max_column + 1) if ws.cell(2, c).value}
    assert months == {3: "2024年9月", col[date(2024, 10, 1)]: "10月", col[date(2024, 10, 28)]: "10月",
                      col[date(2024, 11, 1)]: "11月"}
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:B1", "A5:B5"}
    # Anchor days: red day header, the label in row 5 written top to bottom; holidays named.
    labels = {d: ws.cell(5, c).value for d, c in col.items() if ws.cell(5, c).value}
    assert labels == {date(2024, 10, 1): "国庆节", date(2024, 10, 14): "报名", date(2024, 10, 21): "竞拍",
                      date(2024, 10, 25): "排期", date(2024, 11, 1): "开团/结束"}
    assert ws.cell(5, col[date(2024, 10, 14)]).alignment.textRotation == 255
    assert rgb(ws.cell(3, col[date(2024, 10, 14)])) == "C00000"
    assert rgb(ws.cell(3, col[date(2024, 10, 19)])) == "E7E6E6"  # Saturday
    assert rgb(ws.cell(3, col[date(2024, 10, 12)])) == "FFFFFF"  # Saturday, but a make-up workday
    assert ws.freeze_panes == "C6"


def print_areas(data: bytes, sheet: str) -> list[str]:
    """A sheet's print areas in the order they print (openpyxl's `print_area` sorts them)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    index = book(data).sheetnames.index(sheet)
    found = re.search(rf'<definedName name="_xlnm.Print_Area" localSheetId="{index}">([^<]*)<', workbook)
    return [part.split("!")[1].replace("$", "") for part in found.group(1).split(",")] if found else []


def test_gantt_prints_only_the_pages_with_bars_with_titles_on_every_page(promo: Any) -> None:
    ws = promo["甘特图"]
    assert ws.page_setup.pageOrder == "overThenDown"
    assert ws.page_setup.scale == 65
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$5"
    assert ws.print_title_cols == "$A:$B"
    assert ws.print_options.gridLines is True
    # A page is 1,045 px at 96 dpi, 1,608 at 65 %; less the name columns (276 px as LibreOffice
    # prints them) and 8, 1,323 px for days: a day is 29 px, a day with a time 44. 运营 and 推广
    # (rows 6-23) have bars from 09-24 to 11-02: 38 days and 2 with times (10-31, 11-01),
    # 1,190 px, one page. 客服 (rows 24-26) runs to 11-09: its page starts on the Monday before
    # its first bar (10-31), AK = 10-28, and ends at its last bar, AW = 11-09. Nothing else prints.
    assert print_areas(render(compile_()), "甘特图") == ["C6:AP23", "AK24:AW26"]
    assert (ws["AP3"].value, ws["AK3"].value, ws["AW3"].value) == (d(2024, 11, 2), d(2024, 10, 28),
                                                                  d(2024, 11, 9))
    assert (ws.col_breaks.brk, ws.row_breaks.brk) == ([], [])
    # The title sits in the name columns, so every page prints it.
    assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].value == "甘特图 · 测试进程表"
    # Each page's top-left cell has text (a space if nothing else), or LibreOffice drops the page.
    assert (ws["C6"].value, ws["AK24"].value) == (" ", " ")
    # The legend is in the name columns, printed on every page with them.
    assert ws["A5"].value == "灰色：休息日（周末、节假日）　条纹：任务跨休息日　红色：时间节点"
    assert "A5:B5" in {str(r) for r in ws.merged_cells.ranges}
    assert rgb(ws["AK24"]) == "E2F0D9"  # 客服's band keeps its tint


def test_pages_are_cut_for_the_fewest_pages() -> None:
    """100 day columns of 3 units (29 px printed) beside name columns of 34.5 (276 px): a page
    at 65 % holds 1,323 px of days, 45 columns. Two groups: A (days 0-9) and B (60-69), then
    C (0-5). One block of all five rows prints A from day 0 to 9 and B from the Monday
    (every 7th day here) before it, 56, to 69: two pages. Cut before C's band, it would take
    three."""
    from promoplan.writers.xlsx.gantt_pages import Page, Room, plan_pages

    room = Room([3.0] * 100, 34.5, set(range(0, 100, 7)))
    heights = [20.0] * 5
    spans = [None, (0, 9), (60, 69), None, (0, 5)]
    assert plan_pages(heights, spans, {0, 3}, 150.0, room) == [Page((0, 4), (0, 9)), Page((0, 4), (56, 69))]
    # A bar longer than a page runs on over the next one, which starts where it left off.
    assert plan_pages([20.0, 20.0], [None, (10, 99)], {0}, 150.0, room) == [
        Page((0, 1), (7, 51)), Page((0, 1), (52, 96)), Page((0, 1), (97, 99))]
    # Too many pages to print (more than 200): none.
    assert plan_pages([20.0] * 7000, [(0, 1)] * 7000, set(), 150.0, room) is None


def test_every_bar_prints_and_every_page_has_one(ju: tuple[Plan, Any]) -> None:
    """ju-huasuan's Gantt: each task's bar lies within the pages that print its row, and every
    page holds a bar; each page starts where row 2 names the month."""
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    plan, wb = ju
    ws = wb["甘特图"]
    areas = [range_boundaries(a) for a in print_areas(render(plan), "甘特图")]
    assert 8 <= len(areas) <= 12
    bar_cells = {(r, c) for r in range(6, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)
                 for c in range(3, ws.max_column + 1) if ws.cell(r, c).fill.fill_type}
    printed = {(r, c) for c1, r1, c2, r2 in areas for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    assert bar_cells <= printed
    for c1, r1, c2, r2 in areas:
        assert any(r1 <= r <= r2 and c1 <= c <= c2 for r, c in bar_cells)
        assert ws.cell(2, c1).value in ("2024年9月", "9月", "10月", "11月", "12月")
    assert {r for _, r1, _, r2 in areas for r in range(r1, r2 + 1)} == set(range(6, ws.max_row + 1))


def test_gantt_bars_in_section_colours_with_times(promo: Any) -> None:
    ws = promo["甘特图"]
    col = {ws.cell(3, c).value.date(): c for c in range(3, ws.max_column + 1)}
    names = {ws.cell(r, 2).value: r for r in range(6, ws.max_row + 1)}
    assert [ws.cell(r, 2).value for r in (6, 16, 24)] == ["运营（9项）", "推广（7项）", "客服（2项）"]

    def bar(name: str) -> str:
        r = names[name]
        marks = []
        for c in col.values():
            cell = ws.cell(r, c)
            if cell.fill.fill_type == "solid" and rgb(cell) == rgb(ws.cell(r, 1)):
                marks.append("█")
            elif cell.fill.fill_type == "lightUp" and str(cell.fill.end_color.rgb)[-6:] == rgb(ws.cell(r, 1)):
                marks.append("▒")
            else:
                marks.append("·")
        return "".join(marks)

    # 09-24 … 10-13: off on Sat 09-28, 10-01 … 10-07 and Sun 10-13; Sun 09-29 is a workday.
    assert bar("活动策划") == "████▒██▒▒▒▒▒▒▒█████▒" + "·" * 27
    assert rgb(ws.cell(names["活动策划"], 1)) == "8EB4E3"
    assert rgb(ws.cell(names["详情页制作"], 1)) == "F4B183"
    assert bar("售后跟进") == "·" * 38 + "█▒▒█████▒"
    # Timed tasks show their time in the day's cell.
    ship = ws.cell(names["跟进物流打单及打包情况"], col[date(2024, 11, 1)])
    assert (ship.value, ship.number_format) == (time(15, 0), "hh:mm")
    evening = ws.cell(names["前一晚检查"], col[date(2024, 10, 31)])
    assert evening.value == time(18, 0)
    assert ws.cell(names["活动策划"], col[date(2024, 9, 25)]).value is None
    # Outside the bars, days off and anchor days take their column's colour.
    letter = ws.cell(1, col[date(2024, 10, 19)]).column_letter
    assert str(ws.column_dimensions[letter].fill.start_color.rgb)[-6:] == "E7E6E6"
    assert ws.cell(names["交竞拍费"], col[date(2024, 10, 19)]).has_style is False
    letter = ws.cell(1, col[date(2024, 10, 14)]).column_letter
    assert str(ws.column_dimensions[letter].fill.start_color.rgb)[-6:] == "FADBD8"


def test_double_11_day_shifts_get_a_gantt_by_half_hour() -> None:
    plan = compile_("double-11-day", {"event": "2024-11-11"})
    wb = book(render(plan))
    assert wb.sheetnames == ["进程表", "甘特图", "甘特图（小时）", "时间节点", "promoplan"]
    ws = wb["甘特图（小时）"]
    # 11-11 every half hour: each hour a date at its first half, shown as the hour.
    assert ws.max_column == 2 + 48
    hours = [ws.cell(3, c).value for c in range(3, ws.max_column + 1)]
    assert hours[0::2] == [d(2024, 11, 11, h) for h in range(24)]
    assert hours[1::2] == [None] * 24
    assert ws.cell(3, 3).number_format == "h"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:B1", "A5:B5"}
    assert ws["C2"].value == "11月11日 周一"
    assert ws["C5"].value == "双十一"
    names = {ws.cell(r, 2).value: r for r in range(6, ws.max_row + 1)}
    # 0点-2点 covers the four half hours from 00:00; 2点-8点30 the thirteen from 02:00.
    first = names["0点-2点：双十一当天最高峰的时间段，客服全员到岗，负责该时段的接待工作"]
    second = names["2点-8点30：疯抢高峰期过了，进入平缓期，客服开始轮班吃宵夜和轮班休息，养足精神迎接下一个高峰期的到来"]
    filled = [[c - 3 for c in range(3, 51) if rgb(ws.cell(r, c)) == rgb(ws.cell(r, 1))]
              for r in (first, second)]
    assert filled == [[0, 1, 2, 3], list(range(4, 17))]
    assert ws.page_setup.pageOrder == "overThenDown"
    # The plan runs from September: its own Gantt stays by day.
    assert wb["甘特图"].cell(3, 3).value == d(2024, 9, 1)


def test_a_merged_range_is_written_as_its_first_cell_only() -> None:
    """The cells a merge covers are left out of the sheet, as openpyxl's merge_cells
    leaves them: no value and no style of their own that an app could show through.
    double-11-day has every kind: the lines under the 进程表's tasks, the 注意 rows, the
    Gantt's title (month and hour headers are not merged: a page may start anywhere)."""
    from lxml import etree  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    data = render(compile_("double-11-day", {"event": "2027-11-11"}))  # 2027: one warning
    wb = book(data)
    merged: dict[str, set[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for i, ws in enumerate(wb.worksheets, 1):
            root = etree.fromstring(archive.read(f"xl/worksheets/sheet{i}.xml"))
            written = {c.get("r") for c in root.iter("{*}c")}
            for cells in ws.merged_cells.ranges:
                first, *covered = [f"{get_column_letter(c)}{r}" for r, c in cells.cells]
                assert first in written
                assert not written & set(covered), f"{ws.title}!{cells}"
                merged.setdefault(ws.title, set()).add(str(cells))
    # 53 tasks in 5 sections under the header (rows 3-58), a blank row, what the plan was made
    # from (60, 61) and, after a blank row and the 注意 heading (63), its one warning (64: the
    # 2027 holiday schedule, not published), each merged over A:J (K is the ids).
    assert merged["进程表"] == {"A60:J60", "A61:J61", "A64:J64"}
    assert merged["甘特图"] == {"A1:B1", "A5:B5"}
    assert merged["甘特图（小时）"] == {"A1:B1", "A5:B5"}
    assert merged["时间节点"] == {"A19:G19"}


def test_a_plan_within_three_days_has_its_gantt_by_half_hour() -> None:
    plan = compile_()
    on_open = [t for t in plan.tasks if t.start.day >= date(2024, 10, 31)
               and t.due.day <= date(2024, 11, 1)]
    plan = replace(plan, tasks=on_open, anchors=[a for a in plan.anchors
                                                 if a.when.day >= date(2024, 10, 31)])
    wb = book(render(plan))
    assert wb.sheetnames == ["进程表", "甘特图", "时间节点", "promoplan"]
    ws = wb["甘特图"]
    assert ws.max_column == 2 + 96  # 10-31 and 11-01 by half hour
    assert ws.cell(3, 3).value == d(2024, 10, 31)
    assert ws.cell(3, 3 + 94).value == d(2024, 11, 1, 23)


def test_a_plan_over_a_year_has_its_gantt_by_week() -> None:
    plan = compile_()
    late = replace(plan.tasks[0], due=When(date(2025, 12, 31)))
    wb = book(render(replace(plan, tasks=[late, *plan.tasks[1:]])))
    ws = wb["甘特图"]
    weeks = [ws.cell(3, c).value for c in range(3, ws.max_column + 1)]
    assert (weeks[0], weeks[1], weeks[-1]) == (d(2024, 9, 23), d(2024, 9, 30), d(2025, 12, 29))
    assert len(weeks) == 67
    assert ws.cell(3, 3).number_format == 'm"/"d'
    row = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value == "活动策划")
    assert all(rgb(ws.cell(row, c)) == "8EB4E3" for c in range(3, ws.max_column + 1))


# ---------------------------------------------------------------- 时间节点


def test_time_nodes_anchors_and_milestones(promo: Any) -> None:
    ws = promo["时间节点"]
    assert ws["A1"].value == "时间节点 · 测试进程表"
    assert rows(ws, 2) == [
        ("日期", "时间", "节点", "事项", "版块/\n部门", "负责岗位", "责任人"),
        ("10月8日 周二", None, None, "提交报名资料", "运营", "运营主管"),
        ("10月14日 周一", None, "报名"),
        ("10月21日 周一", None, "竞拍"),
        ("10月22日 周二", None, None, "交竞拍费", "运营", "运营主管"),
        ("10月25日 周五", None, "排期"),
        ("10月31日 周四", time(18, 0), None, "前一晚检查", "客服", "客服主管"),
        ("11月1日 周五", time(9, 0), None, "开团前流量检查", "推广", "推广主管"),
        ("11月1日 周五", time(9, 30), None, "开团前半小时检查", "推广", "推广主管"),
        ("11月1日 周五", time(9, 59), None, "撤下预热页面", "推广", "推广主管"),
        ("11月1日 周五", time(10, 0), "开团", "当天：开团后每半个小时跟进流量；开始：售后跟进"),
        ("11月1日 周五", time(10, 25), None, "跟进流量成交率", "推广", "推广主管"),
        ("11月1日 周五", time(12, 0), None, "两小时复盘", "推广", "推广主管"),
        ("11月1日 周五", time(15, 0), None, "跟进物流打单及打包情况", "运营", "运营主管"),
        ("11月1日 周五", time(16, 30), None, "补单给生产部", "运营", "运营主管"),
        ("11月1日 周五", time(23, 59), "结束"),
        ("11月2日 周六 休", None, None, "活动后的评估", "运营", "运营主管"),
        (),
        ("进度", "完成", "进行中", "受阻", "取消", "未开始", "合计"),
        ("运营", 0, 0, 0, 0, 9, 9),
        ("推广", 0, 0, 0, 0, 7, 7),
        ("客服", 0, 0, 0, 0, 2, 2),
        ("合计", 0, 0, 0, 0, 18, 18),
        (),
        ("注意",),
        (WARN_1013,),
        (WARN_1102,),
    ]
    assert ws["A3"].number_format == "General"
    assert ws["B9"].number_format == "hh:mm"
    assert rgb(ws["C4"]) == "C00000"
    assert ws["A18"].font.color.rgb[-6:] == "C00000"  # Sat 11-02 is a day off
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:G18"


def test_the_unpublished_holiday_schedule_comes_first() -> None:
    plan = compile_(given={"signup": "2027-10-11"})
    codes = [w.code for w in plan.warnings]
    assert "schedule-unpublished" in codes
    ws = book(render(plan))["进程表"]
    notices = [r[0] for r in rows(ws, 3) if len(r) == 1]
    heading = notices.index("注意")
    assert notices[heading + 1] == ("2027年的法定节假日安排尚未公布：休息日按法定规则推算，调休上班日未知，"
                                    "公布后请重新生成本计划。")


# ---------------------------------------------------------------- per owner


def test_owner_sheets_keep_the_main_numbers() -> None:
    plan = compile_(str(PLAYBOOKS / "plan" / "plan.yaml"), {})
    wb = book(render(plan, by_owner=True))
    assert wb.sheetnames == ["进程表", "甘特图", "时间节点", "运营主管", "推广主管", "客服主管", "promoplan"]
    ws = wb["客服主管"]
    # The title line names the role's people; under the tasks, the anchors, and no 注意 block.
    assert rows(ws, 1)[0] == ("测试进程表 · 客服主管", None, "责任人：李娜 · 客服主管（3项）")
    assert [(r[0], r[1], r[5], r[6]) if len(r) > 6 else r for r in rows(ws, 3)] == [
        (None, "客服（3项）", None, None),
        (1, "售后跟进", "客服主管", "李娜"),
        (2, "前一晚检查", "客服主管", "李娜"),
        (3, "加一项", "客服主管", "李娜"),
        (),
        ("报名 10月14日 周一　竞拍 10月21日 周一　排期 10月25日 周五　开团 11月5日 周二 10:00　"
         "结束 11月5日 周二 23:59",),
    ]
    assert wb["推广主管"]["C1"].value == "责任人：（未指定） · 推广主管（6项）"
    owner = wb["运营主管"]
    assert owner.freeze_panes == "C3"
    assert owner.print_title_rows == "$2:$2"
    assert owner.page_setup.fitToWidth == 1


# ---------------------------------------------------------------- the built-in ju-huasuan


def test_ju_huasuan_title_block_and_every_task(ju: tuple[Plan, Any]) -> None:
    plan, wb = ju
    ws = wb["进程表"]
    assert rows(ws, 1)[0] == ("聚划算单品团进程表", None, "⚠ 注意事项12条，见本表末尾")
    assert ws["K2"].value == "id"
    table = rows(ws, HEAD + 1)
    body = [r for r in table if len(r) > 1 and r[0] is not None]
    bands = [r[8] for r in table if len(r) > 1 and r[0] is None]
    assert len(body) == len(plan.tasks)
    assert sorted(r[1] for r in body) == sorted(t.name for t in plan.tasks)
    assert sorted(r[10] for r in body) == sorted(t.id for t in plan.tasks)
    assert bands == ["运营", "推广", "美工", "文案", "客服", "物流"]
    last = HEAD + len(body) + len(bands)
    assert ws.auto_filter.ref == f"A{HEAD}:J{last}"
    by_name = {r[1]: r for r in body}
    # 报名前1天 → 报名当天 (Sun 10-13 is a day off); 开团当天15点 → 16点.
    assert by_name["聚划算活动报名"][3:5] == ("10月13日 周日 休", "10月14日 周一")
    assert by_name["跟进物流打单及打包情况,是否按计划执行"][3:5] == ("11月1日 周五 15:00", "11月1日 周五 16:00")
    # Under the tasks: the anchors, the campaign line, then 12 warnings: the first three,
    # and where to find the other nine.
    after = [r[0] for r in rows(ws, last + 1) if r]
    assert after[0] == ("报名 10月14日 周一　竞拍 10月21日 周一　排期 10月25日 周五　"
                        "开团 11月1日 周五 10:00　结束 11月1日 周五 23:59")
    assert after[1].startswith("活动编号 ju-huasuan-2024-10-14 · ")
    assert len(plan.warnings) == 12
    assert after[2] == "注意"
    assert after[3].startswith("10月2日 周三（国庆节）有5项截止，请确认是否提前到9月30日 周一：")
    assert after[3].endswith("等5项")
    assert after[6:] == ["另有9条注意事项，见「时间节点」表。"]


def test_ju_huasuan_gantt_marks_the_anchor_days(ju: tuple[Plan, Any]) -> None:
    _, wb = ju
    ws = wb["甘特图"]
    col = {ws.cell(3, c).value.date(): c for c in range(3, ws.max_column + 1)}
    assert min(col) == date(2024, 9, 14)
    assert max(col) == date(2024, 12, 1)
    assert [ws.cell(5, col[d]).value for d in (date(2024, 10, 14), date(2024, 10, 21), date(2024, 10, 25),
                                               date(2024, 11, 1))] == ["报名", "竞拍", "排期", "开团/结束"]
    nodes = rows(wb["时间节点"], 3)
    nodes = nodes[:nodes.index(())]  # the key dates, before the progress table
    anchors = [(r[0], r[1], r[2]) for r in nodes if len(r) > 2 and r[2]]
    assert anchors == [
        ("10月14日 周一", None, "报名"), ("10月21日 周一", None, "竞拍"),
        ("10月25日 周五", None, "排期"), ("11月1日 周五", time(10, 0), "开团"),
        ("11月1日 周五", time(23, 59), "结束"),
    ]


# ---------------------------------------------------------------- same bytes, safe text


def test_same_plan_same_bytes() -> None:
    plan = compile_()
    first = render(plan, by_owner=True)
    assert render(plan, by_owner=True) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        workbook = archive.read("xl/workbook.xml")
        names = archive.namelist()
    assert infos[0].filename == "[Content_Types].xml"
    assert infos[1].filename == "_rels/.rels"
    assert names[2:] == sorted(names[2:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    props = book(first).properties
    assert (props.creator, props.created, props.modified) == ("promoplan", d(2024, 9, 24),
                                                              d(2024, 9, 24))
    assert b"fullCalcOnLoad" not in workbook
    assert "xl/sharedStrings.xml" in names
    assert render(plan, group_by=GroupBy.PHASE) != render(plan)


def test_strings_are_shared_not_inline() -> None:
    with zipfile.ZipFile(io.BytesIO(render(compile_()))) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        shared = archive.read("xl/sharedStrings.xml").decode()
    assert sheets
    assert all(b"inlineStr" not in s for s in sheets)
    assert "<t>详细项目内容</t>" in shared
    assert shared.count("<t>运营主管</t>") == 1  # each text once, however many cells show it


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"plan-{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "promoplan", "compile", PROMO, "--signup", "2024-10-14",
                        "--xlsx-by-owner", "-o", str(out)], check=True, capture_output=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_long_title_with_ampersands_survives_in_the_footer() -> None:
    title = ("双11 & 618 大促 R&D 联合进程表 " * 6)[:120]
    assert (len(title), title.count("&")) == (120, 11)
    wb = book(render(replace(compile_(), title=title)))
    for ws in (wb["进程表"], wb["甘特图"], wb["时间节点"]):
        # openpyxl hands back the footer's text as written: every & doubled, as Excel reads it.
        assert ws.oddFooter.left.text.replace("&&", "&") in (title, f"甘特图 · {title}"[:len(
            ws.oddFooter.left.text.replace("&&", "&"))], f"时间节点 · {title}"[:len(
                ws.oddFooter.left.text.replace("&&", "&"))])
    assert wb["进程表"].oddFooter.left.text == title.replace("&", "&&")
    assert wb["进程表"].oddFooter.right.text == "第 &P 页，共 &N 页"
    with zipfile.ZipFile(io.BytesIO(render(replace(compile_(), title=title)))) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    footer = sheet.split("<oddFooter>")[1].split("</oddFooter>")[0]
    assert footer == "&amp;L" + title.replace("&", "&amp;&amp;") + "&amp;R第 &amp;P 页，共 &amp;N 页"
    assert len(title.replace("&", "&&")) + len("&L&R第 &P 页，共 &N 页") <= 255


def test_footer_is_cut_to_excels_limit_without_splitting_an_ampersand() -> None:
    title = "&" * 200
    ws = book(render(replace(compile_(), title=title)))["进程表"]
    left = ws.oddFooter.left.text
    assert left == "&" * len(left)
    assert len(left) % 2 == 0
    assert len("&L" + left + "&R第 &P 页，共 &N 页") <= 255


def _formula_plan(tmp_path: Path) -> Plan:
    path = tmp_path / "f.yaml"
    path.write_text(
        "name: f\ntitle: '=HYPERLINK(\"http://x\")'\nsections: ['=A1']\nroles: ['@运营']\n"
        "anchors: {open: {label: '+开团'}}\n"
        "tasks:\n"
        "  - {id: a, name: '=SUM(A1:A3)', section: '=A1', owner: '@运营', at: open, notes: '-1+1'}\n"
        "  - {id: b, name: '+86 138', section: '=A1', owner: '@运营', at: open+1d, notes: '@all 注意'}\n",
        encoding="utf-8")
    return resolve(load(str(path)), {"open": "2024-10-31"})  # Thursday: no day-off warnings


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    wb = book(render(_formula_plan(tmp_path), by_owner=True))
    assert wb.sheetnames == ["进程表", "甘特图", "时间节点", "@运营", "promoplan"]
    ws = wb["进程表"]
    cells = [ws["A1"], ws["B4"], ws["H4"], ws["B5"], ws["H5"], ws["I4"], ws["F4"]]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x")', "=SUM(A1:A3)", "-1+1", "+86 138",
                                        "@all 注意", "=A1", "@运营"]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)
    assert wb["时间节点"]["C3"].value == "+开团"
    raw = zipfile.ZipFile(io.BytesIO(render(_formula_plan(tmp_path)))).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in raw


def test_control_characters_are_replaced() -> None:
    plan = compile_()
    first = replace(plan.tasks[0], name="活动\x07策划\x00", notes="第一行\r\n第二行\x0b\ud800")
    plan = replace(plan, title="测试\x1b进程表", tasks=[first, *plan.tasks[1:]])
    ws = book(render(plan, by_owner=True))["进程表"]
    assert ws["A1"].value == "测试\ufffd进程表"
    assert ws["B4"].value == "活动\ufffd策划\ufffd"
    assert ws["H4"].value == "第一行\n第二行\ufffd\ufffd\n⚠ 休息日截止"


def test_xlsx_cleaning_helpers() -> None:
    assert xlsx.clean("a\tb\nc\rd\x1fe\ufffff") == "a\tb\nc\nd\ufffde\ufffdf"
    assert xlsx.text_width("开团 10:00") == 10
    assert len(xlsx.clean("字" * 40000)) == 32767
    # Each kind of character to fix on its own, and unprintable ones that are fine.
    assert xlsx.clean("a\ud800b") == "a\ufffdb"
    assert xlsx.clean("a\ufffeb\r") == "a\ufffdb\n"
    fine = "开团\u3000前\xa0一天\n\t\u200b"
    assert xlsx.clean(fine) is fine


# ---------------------------------------------------------------- textconv


def test_textconv_matches_the_golden_text() -> None:
    """Regenerate with: PROMOPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_writer_xlsx.py"""
    text = xlsx.textconv(render(compile_(), by_owner=True), "plan.xlsx")
    golden = GOLDEN / "promo.xlsx.txt"
    if os.environ.get("PROMOPLAN_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_textconv_shows_what_changed() -> None:
    before = xlsx.textconv(render(compile_()), "plan.xlsx").splitlines()
    after = xlsx.textconv(render(compile_(given={"signup": "2024-10-15"})), "plan.xlsx").splitlines()
    # A day later the plan warns about other days (开团 on a Saturday), so the 注意 block
    # has another length: the moved row is found among the lines that changed.
    gone, new = set(before) - set(after), set(after) - set(before)
    assert "   5 | 2 | 交竞拍费 |  | 10月22日 周二 | 10月22日 周二 | 运营主管 |  |  | 运营 | 活动前 | deposit" in gone
    assert "   5 | 2 | 交竞拍费 |  | 10月23日 周三 | 10月23日 周三 | 运营主管 |  |  | 运营 | 活动前 | deposit" in new


def test_textconv_names_no_file() -> None:
    """git hands textconv a temporary copy of the old side: its path must not show in diffs."""
    data = render(compile_())
    assert xlsx.textconv(data, "/tmp/Ab12_plan.xlsx") == xlsx.textconv(data, "plan.xlsx")
    assert "plan.xlsx" not in xlsx.textconv(data, "plan.xlsx")


@pytest.mark.parametrize(("data", "why"), [
    (b"", "not a zip archive"),
    (b"PK\x03\x04 this is not really a zip", "not a zip archive"),
    ("zip-without-workbook", "no workbook inside the archive"),
    ("truncated", "not a zip archive"),
])
def test_textconv_refuses_what_is_not_xlsx(data: bytes | str, why: str) -> None:
    if data == "zip-without-workbook":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as archive:
            archive.writestr("hello.txt", "hi")
        data = buf.getvalue()
    elif data == "truncated":
        whole = render(compile_())
        data = whole[: len(whole) // 2]
    assert isinstance(data, bytes)
    with pytest.raises(PromoplanError) as caught:
        xlsx.textconv(data, "plan.xlsx")
    assert str(caught.value) == f"plan.xlsx: not an XLSX workbook: {why}"


def test_cli_writes_xlsx_and_textconv_prints_it(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = cli("compile", PROMO, "--signup", "2024-10-14", "--group-by", "phase", "--xlsx-by-owner",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render(compile_(), group_by=GroupBy.PHASE, by_owner=True)
    shown = cli("textconv", str(out))
    assert shown.exit_code == 0
    assert shown.stdout == xlsx.textconv(out.read_bytes(), str(out))
    bad = tmp_path / "bad.xlsx"
    bad.write_text("name,date\n", encoding="utf-8")
    refused = cli("textconv", str(bad))
    assert refused.exit_code == 2
    assert refused.stderr == f"{bad}: not an XLSX workbook: not a zip archive\n"


# ---------------------------------------------------------------- a real client


def _libreoffice_csv(data: bytes, tmp_path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice shows it (formatted text), read back as CSV."""
    soffice = need_client("soffice", "libreoffice", package="libreoffice-calc-nogui")
    src = tmp_path / "plan.xlsx"
    src.write_bytes(data)
    # CSV filter options: comma, double quote, UTF-8, from line 1, default cell format,
    # language, quoted as text, detect numbers, save cell contents *as shown*, no formulas,
    # keep spaces, -1 = every sheet to its own file plan-<sheet>.csv.
    options = "44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}",
                    "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=240)
    sheets = {}
    for path in sorted(tmp_path.glob("plan-*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[path.stem.removeprefix("plan-")] = list(csv.reader(fh))
    return sheets


@pytest.mark.client
def test_libreoffice_reads_the_tasks_and_dates(tmp_path: Path) -> None:
    pb = load("ju-huasuan")
    pb.weekends = "off"  # as `ju`: days off and warnings enough
    plan = resolve(pb, SIGNUP)
    sheets = _libreoffice_csv(render(plan), tmp_path)
    # The open day's timed tasks (开团 10:00 to 23:59) get their own Gantt by half hour.
    assert set(sheets) == {"进程表", "甘特图", "甘特图（小时）", "时间节点", "promoplan"}
    table = sheets["进程表"]
    assert table[0][:3] == ["聚划算单品团进程表", "", "⚠ 注意事项12条，见本表末尾"]
    assert table[1] == ["序号", "详细项目内容", "状态", "开始时间", "预计完成时间", "负责岗位", "责任人", "备注",
                        "版块/\n部门", "阶段", "id"]
    body = [r for r in table[2:] if len(r) > 10 and r[10]]
    assert sorted(r[1] for r in body) == sorted(t.name for t in plan.tasks)
    assert "注意" in [r[0] for r in table[2 + len(body):]]
    by_name = {r[1]: r for r in body}
    assert by_name["聚划算活动报名"][:6] == ["8", "聚划算活动报名", "", "10月13日 周日 休", "10月14日 周一",
                                              "推广主管"]
    assert by_name["跟进物流打单及打包情况,是否按计划执行"][3:5] == ["11月1日 周五 15:00", "11月1日 周五 16:00"]
    gantt = sheets["甘特图"]
    assert gantt[2][2:5] == ["14", "15", "16"]
    assert [c for c in gantt[4] if c] == ["灰色：休息日（周末、节假日）　条纹：任务跨休息日　红色：时间节点",
                                          "中秋节", "国庆节", "报名", "竞拍", "排期", "开团/结束"]
    assert "10:25" in {c for r in gantt for c in r}
    nodes = sheets["时间节点"]
    assert ["11月1日 周五", "10:00", "开团"] in [r[:3] for r in nodes]


@pytest.mark.client
def test_libreoffice_keeps_formula_text_as_text(tmp_path: Path) -> None:
    sheets = _libreoffice_csv(render(_formula_plan(tmp_path)), tmp_path)
    row = sheets["进程表"][3]
    assert row[:2] == ["1", "=SUM(A1:A3)"]
    assert (row[7], row[8]) == ("-1+1", "=A1")


"""The load as a workbook (openpyxl): who has how much on which day, as a heat map.

Three sheets, in the plan's language: the tasks **due** per person and day (what the
limit is about), the tasks **active**, each with a three-colour scale (white, yellow,
red; openpyxl's `ColorScaleRule`, so Excel and LibreOffice colour the counts themselves
and keep colouring them if someone edits a number), days over the limit in bold red
on the due sheet, and a detail sheet listing every task behind the due counts with its
campaign, section, 序号 and name, filterable.

Same load, same bytes: the document properties are pinned (created on the first day
shown, never "now") and the zip is packed again with fixed timestamps, as openpyxl
stamps the time of saving on both (the XLSX writer's package.py does the packing).
"""

from __future__ import annotations

from datetime import datetime, time

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.formatting.rule import ColorScaleRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from promoplan.schedule.workload import Load
from promoplan.words import Words
from promoplan.writers.xlsx.package import fixed_zip, written_parts

# This workbook's zip entries have always carried this date and owner-only permissions
# (the schedule's: 1980 and 0o644): kept, so load files already committed do not change.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
ZIP_MODE = 0o600
SCALE = ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                       mid_type="percentile", mid_value=50, mid_color="FFE699",
                       end_type="max", end_color="F8696B")


def render(load: Load, words: Words) -> bytes:
    labels = words.group("workload")
    book = Workbook()
    due_sheet = book.active
    assert due_sheet is not None
    due_sheet.title = labels["due"]
    _heat(due_sheet, load, words, labels, due=True)
    _heat(book.create_sheet(labels["active"]), load, words, labels, due=False)
    _detail(book.create_sheet(labels["detail"]), load, labels)
    first = datetime.combine(load.days[0], time(0)) if load.days else datetime(2000, 1, 1)  # noqa: DTZ001
    book.properties.creator = "promoplan"
    book.properties.created = first
    book.properties.modified = first
    return _pinned(book)


def _heat(sheet: Worksheet, load: Load, words: Words, labels: dict[str, str], *, due: bool) -> None:
    sheet.append([labels[f"who.{load.by}"], labels["limit"],
                  *(f"{d.month}/{d.day} {words.weekday(d)}" for d in load.days)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row, who in enumerate(load.rows, 2):
        counts = []
        for day in load.days:
            found = load.cells.get((who, day))
            counts.append(0 if found is None else len(found.due if due else found.active))
        sheet.append([who, load.limits.get(who), *counts])
        limit = load.limits.get(who)
        if due and limit is not None:
            for col, n in enumerate(counts, 3):
                if n > limit:
                    sheet.cell(row, col).font = Font(bold=True, color="9C0006")
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 12
    for col in range(3, len(load.days) + 3):
        sheet.column_dimensions[get_column_letter(col)].width = 8
    if load.days and load.rows:
        last = f"{get_column_letter(len(load.days) + 2)}{len(load.rows) + 1}"
        sheet.conditional_formatting.add(f"C2:{last}", SCALE)


def _detail(sheet: Worksheet, load: Load, labels: dict[str, str]) -> None:
    """One row per task due, per person and day: what the counts of the due sheet are made of.
    (The active spans are left out: a nine-day span would be nine rows per person.)"""
    sheet.append([labels[f"who.{load.by}"], labels["day"], labels["campaign"],
                  labels["section"], labels["seq"], labels["name"]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    row = 1
    for who in load.rows:
        for day in load.days:
            found = load.cells.get((who, day))
            for item in found.due if found is not None else ():
                row += 1
                sheet.append([who, day, item.campaign, item.task.section, item.task.seq,
                              item.task.name])
                sheet.cell(row, 2).number_format = "yyyy-mm-dd"
    sheet.auto_filter.ref = f"A1:F{row}"
    sheet.freeze_panes = "A2"
    for col, width in zip("ABCDEF", (12, 12, 20, 8, 6, 40), strict=True):
        sheet.column_dimensions[col].width = width


def _pinned(book: Workbook) -> bytes:
    """The workbook's bytes with every zip entry dated ZIP_TIME, in openpyxl's order."""
    return fixed_zip(written_parts(book), ZIP_TIME, ZIP_MODE)

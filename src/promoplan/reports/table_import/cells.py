"""A team's table as rows of cell values, each with the place Excel would name it.

This is the I/O edge of `promoplan import`: an XLSX sheet (openpyxl, merged cells
filled with their top-left value, as the eye reads them) or a CSV file in whatever
encoding Excel wrote it (UTF-8 with or without BOM; GB18030 on Chinese Windows;
UTF-16 for "Unicode text"). Everything after this works on plain `Grid` data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from promoplan.errors import COMMAND_LINE, Loc, PromoplanError, Say, did_you_mean

HEADER_SEARCH_ROWS = 20
"""The header row must be among the first this many rows (titles and notes may sit above it)."""


def column_letter(col: int) -> str:
    """1 → A, 27 → AA: how Excel names a column (openpyxl's helper, without importing it for CSV)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Grid:
    """One sheet: `rows[r][c]` is the value of row r+1, column c+1 (None when empty)."""

    shown: str
    """The file as the user typed it, for messages."""
    sheet: str | None
    """The sheet's name; None for a CSV file, which has one unnamed sheet."""
    rows: list[list[Any]] = field(default_factory=list)

    def loc(self, row: int, col: int) -> Loc:
        """Row and column from 1, as `table.xlsx:Sheet1!D12` (or `table.csv:D12`)."""
        ref = f"{column_letter(col)}{row}"
        if self.sheet is not None:
            ref = f"{_quoted(self.sheet)}!{ref}"
        return Loc(self.shown, row, col, ref)

    def value(self, row: int, col: int) -> Any:
        """The value at row and column from 1; None beyond the written area."""
        if row - 1 < len(self.rows) and col - 1 < len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return None


def _quoted(sheet: str) -> str:
    """Excel quotes sheet names that are not one plain word ('My Sheet'!A1)."""
    if sheet.replace("_", "").isalnum():
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def read_grid(path: Path, shown: str, sheet: str | None, pick: Any = None) -> Grid:
    """The table in `path`: a CSV file, or an XLSX sheet (`sheet`, else the first `pick` accepts)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise PromoplanError(f"--sheet {sheet}: a CSV file has no sheets", COMMAND_LINE)
        return _csv_grid(_read(path, shown), shown)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_grid(path, shown, sheet, pick)
    if suffix == ".xls":
        raise PromoplanError("the old .xls format cannot be read", Loc(shown),
                             "open it in Excel or WPS and save it as .xlsx or .csv")
    raise PromoplanError("not a table promoplan can read", Loc(shown),
                         "give an .xlsx or .csv file")


def _read(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PromoplanError(f"cannot read {shown}: {exc.strerror}", COMMAND_LINE) from None


def decode_csv(raw: bytes, shown: str) -> str:
    """CSV bytes as text: UTF-16 by its BOM, UTF-8 (BOM or not), else GB18030, as Excel saves them."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise PromoplanError(
            f"neither UTF-8 nor GB18030 text (byte 0x{raw[exc.start]:02x} "
            f"at offset {exc.start})", Loc(shown), "save the table as CSV UTF-8 from Excel") from None


def _csv_grid(raw: bytes, shown: str) -> Grid:
    text = decode_csv(raw, shown)
    first = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    sample = "\n".join(first)
    # Excel's "Unicode text" is tab-separated; its CSV uses commas (semicolons in some locales).
    delimiter = max(",\t;", key=sample.count) if sample.strip() else ","
    rows: list[list[Any]] = [[cell if cell.strip() else None for cell in row]
                             for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Grid(shown, None, rows)


def open_workbook(path: Path, shown: str, hint: str | Say) -> Any:
    """An .xlsx read with openpyxl once it is known to be no bomb (`promoplan.workbooks`);
    a missing, unreadable or oversized file is one clear message."""
    from promoplan import workbooks

    # data_only: a formula cell counts with the value Excel last computed for it.
    return workbooks.open_workbook(workbooks.read_bounded(path, shown), shown, hint, data_only=True)


def _xlsx_grid(path: Path, shown: str, sheet: str | None, pick: Any) -> Grid:
    book = open_workbook(path, shown, "open it in Excel or WPS and save it as .xlsx")
    names = list(book.sheetnames)
    if sheet is not None:
        if sheet not in names:
            raise PromoplanError(f"--sheet {sheet}: {shown} has no such sheet", COMMAND_LINE,
                                 did_you_mean(sheet, names) or f"sheets: {', '.join(names)}")
        grids = [_sheet_grid(book[sheet], shown)]
    else:
        visible = [book[n] for n in names if book[n].sheet_state == "visible"] or [book[names[0]]]
        grids = [_sheet_grid(ws, shown) for ws in visible]
    if pick is not None:
        for grid in grids:
            if pick(grid):
                return grid
    return grids[0]


def _sheet_grid(ws: Any, shown: str) -> Grid:
    rows: list[list[Any]] = [list(row) for row in ws.iter_rows(values_only=True)]
    # A cell merged down over rows (a 版块 written once for its block, one 开始时间 shared by
    # several rows) holds its value on each row. Merged across columns, it stays in its
    # first column: a heading across the table is one cell, not the same text in each column.
    for merged in ws.merged_cells.ranges:
        if merged.min_row > len(rows):
            continue
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row + 1, min(merged.max_row, len(rows)) + 1):
            row = rows[r - 1]
            row.extend([None] * (merged.min_col - len(row)))
            row[merged.min_col - 1] = top
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, str) and not value.strip():
                row[i] = None
    return Grid(shown, ws.title, rows)

"""What every sheet does the same way: cells, merges, print set-up, the 注意 block."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import Cell  # type: ignore[import-untyped]

from promoplan.words import notices
from promoplan.writers.xlsx.layout import MIN_ROW, Context, row_height
from promoplan.writers.xlsx.styles import LEFT, WARN_FILL, WRAP, FontSpec, Look
from promoplan.writers.xlsx.text import clean, footer_text, line_count

TOP_NOTICES = 3  # warnings at the top of the 进程表; the 时间节点 sheet lists them all
_TOP_NAMED = 3  # tasks a warning at the top names; the 时间节点 sheet names them all
_FORMULA_STARTS = ("=", "+", "-", "@")  # what Excel, WPS or LibreOffice would read as a formula


def put(ws: Any, row: int, col: int, value: object, look: Look) -> Any:
    """The cell at (row, col) with its value and its look: for the few cells written where
    they stand (a row of them goes faster with `new_cell` and `Worksheet.append`)."""
    cell = ws.cell(row=row, column=col)
    look.apply(cell)
    _set(cell, value)
    return cell


def new_cell(ws: Any, value: object, look: Look) -> Any:
    """A cell for `ws.append`, with its value and its look's formats all at once."""
    cell = Cell(ws, style_array=look.array)
    _set(cell, value)
    return cell


def _set(cell: Any, value: object) -> None:
    """Text stays text even when it looks like a formula (=, +, -, @), shown as typed
    thanks to the quote prefix, never evaluated: a task named "-20% 预热" must not
    become a formula error."""
    if isinstance(value, str):
        value = clean(value)
        cell.value = value
        if value[:1] in _FORMULA_STARTS:
            cell.data_type = "s"
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value


def merge(ws: Any, row: int, first: int, last: int) -> None:
    """Merge columns first..last of `row`, whose first cell is written and the others not:
    the covered cells stay out of the file (no merged range here has a border that
    openpyxl would copy onto them)."""
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def print_setup(ws: Any, title: str, ctx: Context, *, fit_width: bool = True) -> None:
    """A4 landscape, centred; the footer names the plan on the left and counts pages on
    the right. One page wide (as many pages down as it takes) unless the sheet sets
    its own page breaks (the Gantt)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    right = ctx.labels["footer"]
    ws.oddFooter.left.text = footer_text(title, right)
    ws.oddFooter.right.text = right


def notice_block(ws: Any, ctx: Context, row: int, last_col: int, width: float,
                 short: bool) -> int:
    """The 注意 block from `row` on: the heading, then one merged, wrapped row per
    warning, the unpublished holiday schedule first. Returns the last row used.

    `short` (under the 进程表's tasks): at most three warnings, naming at most three
    tasks each, then a line that says how many more the 时间节点 sheet lists; the rows
    they name carry a short tag in their 备注 already."""
    st = ctx.styles
    put(ws, row, 1, ctx.labels["warnings"],
        st.get("warnings", font=FontSpec(bold=True), fill=WARN_FILL, align=LEFT))
    ws.row_dimensions[row].height = MIN_ROW
    text = st.get("warning", align=WRAP)
    messages = notices.lines(ctx.plan, ctx.words, _TOP_NAMED if short else None)
    if short and len(messages) > TOP_NOTICES:
        more = ctx.labels["more_notices"].format(n=len(messages) - TOP_NOTICES)
        messages = [*messages[:TOP_NOTICES], more]
    for message in messages:
        row += 1
        put(ws, row, 1, message, text)
        merge(ws, row, 1, last_col)
        ws.row_dimensions[row].height = row_height(line_count(clean(message), width))
    return row

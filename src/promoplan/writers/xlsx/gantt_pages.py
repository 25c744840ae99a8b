"""How the Gantt prints: page breaks chosen by the writer, the same in Excel and LibreOffice.

A Gantt is wider than a page, so it prints over then down at a fixed scale with the
title, the month rows and the task names on every page. Excel and LibreOffice would
break the pages at different columns (they measure columns differently), so the
writer sets the breaks itself: as many columns as fit in the narrower of the two
reckonings, ending on a Monday (a full hour, a month's first week) when one is
near, and evened out so the last page is not a sliver. Rows break before a group's
band when one is near the foot of the page.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.pagebreak import Break  # type: ignore[import-untyped]

from promoplan.writers.xlsx.layout import Context
from promoplan.writers.xlsx.sheet import print_setup, put
from promoplan.writers.xlsx.styles import ANCHOR_TINT, DAY_OFF_FILL

SCALE = 75  # per cent: a day column is still legible, and a page holds six weeks
_PAGE_PIXELS = 1045  # A4 landscape less 0.4" margins, in pixels at 96 dpi (10.89")
_PAGE_POINTS = 498  # A4 landscape less the top and bottom margins, in points (6.92")
_DIGIT_PIXELS = 7  # Excel's column unit: the width of a digit of the default font, in pixels
_CELL_PADDING = 5  # pixels Excel adds to every column's digits
_LIBREOFFICE_WIDER = 1.12  # LibreOffice prints the same column about a tenth wider
_EDGE_PIXELS = 8  # pixels left free at each page's right edge, a margin for rounding
_FOOT_ROOM = 0.95  # the share of a page's height the rows may fill, a margin for rounding
_EVEN_ROOM = 1.08  # evened-out pages may be this much fuller than the average page


def pixels(width: float) -> int:
    """A column's printed width in pixels at 96 dpi: 7-pixel digits plus padding in
    Excel's reckoning; LibreOffice prints the same columns about a tenth wider, and a
    page break must fall where both see the page end."""
    return int((width * _DIGIT_PIXELS + _CELL_PADDING) * _LIBREOFFICE_WIDER)


def column_pages(widths: list[float], titles_width: float, good: set[int]) -> list[int]:
    """The first time column (0-based) of each printed page across: the page holds the
    title columns (`titles_width` wide, printed on every page) and as many time
    columns as fit; `good` are the columns a page would best start at."""
    room = _PAGE_PIXELS * 100 / SCALE - pixels(titles_width) - _EDGE_PIXELS
    return breaks([pixels(w) for w in widths], room, good)


def breaks(sizes: list[float], room: float, good: set[int]) -> list[int]:
    """Where printed pages begin along a row of `sizes`: as many as fit in `room`, the page
    ending before a `good` index (a Monday, a full hour, a group's band) when one is in
    the page's last quarter; pages are then evened out, so the last is not a sliver."""

    def fill(limit: float) -> list[int]:
        starts, used = [0], 0.0
        for i, size in enumerate(sizes):
            if used + size > limit and i > starts[-1]:
                # A good break in the page's last quarter ends the page early.
                earliest = starts[-1] + (i - starts[-1]) * 3 // 4
                back = next((j for j in range(i, earliest, -1) if j in good), i)
                starts.append(back)
                used = sum(sizes[back:i])
            used += size
        return starts

    greedy = fill(room)
    if len(greedy) == 1:
        return greedy
    even = fill(min(room, sum(sizes) / len(greedy) * _EVEN_ROOM))
    return even if len(even) == len(greedy) else greedy


def paginate(ws: Any, ctx: Context, title: str, first_row: int, first_col: int,
             starts: list[int], heights: list[float], bands: set[int],
             written: dict[int, range], anchors: dict[int, list[str]], off: set[int]) -> None:
    """Print the Gantt: the column breaks at `starts`, row breaks from the rows'
    `heights` (a page starting at a group's band, the `bands`, when one is near), the
    head rows and name columns on every page, and every page marked so it prints."""
    print_setup(ws, title, ctx, fit_width=False)
    ws.page_setup.scale = SCALE
    # Over then down: the two halves of the same rows are printed one after the other.
    ws.page_setup.pageOrder = "overThenDown"
    ws.print_options.gridLines = True
    ws.print_title_rows = f"1:{first_row - 1}"
    ws.print_title_cols = "A:B"
    for start in starts[1:]:
        ws.col_breaks.append(Break(id=first_col + start - 1))
    head = sum(ws.row_dimensions[r].height for r in range(1, first_row))
    downs = breaks(heights, (_PAGE_POINTS * 100 / SCALE - head) * _FOOT_ROOM, bands)
    for start in downs[1:]:
        ws.row_breaks.append(Break(id=first_row - 1 + start))
    _mark_pages(ws, ctx, first_col, [first_row + d for d in downs], starts, written, anchors, off)


def _mark_pages(ws: Any, ctx: Context, first_col: int, rows: list[int], starts: list[int],
                written: dict[int, range], anchors: dict[int, list[str]], off: set[int]) -> None:
    """A space in the top-left cell of every printed page that has no text of its own:
    LibreOffice leaves out pages without text, so a page of bars (or of days off) would
    vanish from the printout and the pages after it would not line up."""
    st = ctx.styles
    last = ws.max_row
    for row in rows:
        if row > last:
            continue
        for start in starts:
            col = first_col + start
            if start in written.get(row, range(0)):
                cell = ws.cell(row=row, column=col)
                if cell.value is None:
                    cell.value = " "
                continue
            # An empty cell here takes its column's colour: keep it.
            fill = ANCHOR_TINT if start in anchors else DAY_OFF_FILL if start in off else None
            put(ws, row, col, " ", st.get(f"gantt blank {fill or 'plain'}", fill=fill))

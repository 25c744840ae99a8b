"""How the Gantt prints: only the pages that hold bars, as few of them as fit the bars.

A plan's Gantt is wider and longer than a page, and most of it is empty: each block of
rows has its bars in a few weeks of the plan. Printed over then down, ju-huasuan took
33 pages, 11 of them without a bar. So the writer cuts the chart into pages itself,
each one print area (Excel and LibreOffice print each area on pages of its own, with
the title rows and the name columns repeated):

- rows go in blocks that fit a page's height, a block ending before a group's band
  when one is near;
- each block prints only the days (weeks, half hours) that hold its bars, as many
  as fit a page across, and the days between two pages' bars are left out;
- the blocks are chosen (a shortest path over the rows) for the fewest pages.

Sizes are reckoned in the wider of Excel's and LibreOffice's measures, so each area
fits one page in both and neither adds breaks of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from openpyxl.utils import get_column_letter, quote_sheetname  # type: ignore[import-untyped]
from openpyxl.workbook.defined_name import DefinedName  # type: ignore[import-untyped]

from promoplan.writers.xlsx.layout import Context
from promoplan.writers.xlsx.sheet import print_setup
from promoplan.writers.xlsx.styles import Look

SCALE = 65  # per cent: 11 pt names print at 7 pt, a page holds seven weeks of days
_PAGE_PIXELS = 1045  # A4 landscape less 0.4" margins, in pixels at 96 dpi (10.89")
_PAGE_POINTS = 498  # A4 landscape less the top and bottom margins, in points (6.92")
_DIGIT_PIXELS = 7  # Excel's column unit: the width of a digit of the default font, in pixels
_CELL_PADDING = 5  # pixels Excel adds to every column's digits
_LIBREOFFICE_WIDER = 1.12  # LibreOffice prints the same column about a tenth wider
_EDGE_PIXELS = 8  # pixels left free at each page's right edge, a margin for rounding
_FOOT_ROOM = 0.95  # the share of a page's height the rows may fill, a margin for rounding
MAX_PAGES = 200
"""A larger Gantt (thousands of tasks) is not cut into pages: nobody prints it."""
_FORMULA_MAX = 8192  # characters: Excel reads no longer formula, and a print area is one


def pixels(width: float) -> int:
    """A column's printed width in pixels at 96 dpi: 7-pixel digits plus padding in
    Excel's reckoning, and LibreOffice prints the same columns about a tenth wider."""
    return int((width * _DIGIT_PIXELS + _CELL_PADDING) * _LIBREOFFICE_WIDER)


@dataclass(frozen=True)
class Page:
    """One printed page: body rows `rows` (first, last) and time slots `slots` (first, last),
    both 0-based and inclusive."""

    rows: tuple[int, int]
    slots: tuple[int, int]


class Room:
    """What fits on a page across: the time columns' widths, and the room left beside
    the name columns (printed on every page)."""

    def __init__(self, widths: list[float], titles_width: float, good: set[int]) -> None:
        self.edges = [0, *accumulate(pixels(w) for w in widths)]
        self.room = _PAGE_PIXELS * 100 / SCALE - pixels(titles_width) - _EDGE_PIXELS
        self.good = good

    def across(self, used: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The pages across for a block whose bars cover the slot ranges `used` (sorted,
        disjoint): each page starts at the labelled column (`good`: a Monday, a month's
        first day, a full hour) at or before the next slot with a bar, takes as many slots
        as fit, and ends at its last bar."""
        pages: list[tuple[int, int]] = []
        ranges = list(used)
        k = 0
        while k < len(ranges):
            floor = pages[-1][1] if pages else -1
            start = next((i for i in range(ranges[k][0], floor, -1) if i in self.good),
                         ranges[k][0])
            # The last slot that still fits on a page starting at `start`.
            end = max(ranges[k][0], bisect_right(self.edges, self.edges[start] + self.room) - 2)
            while k < len(ranges) and ranges[k][1] <= end:
                k += 1
            if k < len(ranges) and ranges[k][0] <= end:  # a bar runs on over the page's edge
                ranges[k] = (end + 1, ranges[k][1])
                last = end
            else:
                last = ranges[k - 1][1]
            pages.append((start, last))
        return pages


def _union(used: list[tuple[int, int]], new: tuple[int, int]) -> list[tuple[int, int]]:
    """Sorted disjoint ranges with `new` added."""
    out: list[tuple[int, int]] = []
    a, b = new
    placed = False
    for lo, hi in used:
        if hi < a - 1:
            out.append((lo, hi))
        elif lo > b + 1:
            if not placed:
                out.append((a, b))
                placed = True
            out.append((lo, hi))
        else:
            a, b = min(a, lo), max(b, hi)
    if not placed:
        out.append((a, b))
    return sorted(out)


def plan_pages(heights: list[float], spans: list[tuple[int, int] | None], bands: set[int],
               head: float, room: Room) -> list[Page] | None:
    """The pages of the Gantt's body rows (`spans`: each row's first and last slot with a
    bar, None for a band), fewest first, then with the fewest blocks that do not start
    at a band. None when there would be more than MAX_PAGES."""
    tall = (_PAGE_POINTS * 100 / SCALE - head) * _FOOT_ROOM
    n = len(heights)
    if n == 0 or sum(heights) / tall > MAX_PAGES:
        return None
    # best[j]: (pages, blocks not starting at a band) for rows 0..j-1, and where its last
    # block starts; a block takes rows i..j-1.
    best: list[tuple[int, int]] = [(0, 0)] + [(n * len(room.edges), n)] * n
    start = [0] * (n + 1)
    for j in range(1, n + 1):
        if j - 1 in bands and j < n:
            continue  # a band stays with its first task
        height = 0.0
        used: list[tuple[int, int]] = []
        for i in range(j - 1, -1, -1):
            height += heights[i]
            if height > tall and i < j - 1:
                break
            span = spans[i]
            if span is not None:
                used = _union(used, span)
            pages = len(room.across(used)) if used else 0
            cost = (best[i][0] + pages, best[i][1] + (i not in bands and i > 0))
            if cost < best[j]:
                best[j], start[j] = cost, i
    out: list[Page] = []
    j = n
    while j > 0:
        i = start[j]
        used = []
        for span in spans[i:j]:
            if span is not None:
                used = _union(used, span)
        out[:0] = [Page((i, j - 1), slots) for slots in room.across(used)]
        j = i
    return out


def paginate(ws: Any, ctx: Context, title: str, first_row: int, first_col: int,
             pages: list[Page] | None, column_looks: dict[int, Look]) -> None:
    """Print the Gantt: each page its own print area, the head rows and name columns on
    every page, at a fixed scale. `column_looks`: the slots whose column has a colour
    of its own (days off, anchors), and its look."""
    print_setup(ws, title, ctx, fit_width=False)
    ws.page_setup.scale = SCALE
    # Over then down, should a reader break an area after all: the halves of the same rows
    # one after the other.
    ws.page_setup.pageOrder = "overThenDown"
    ws.print_options.gridLines = True
    ws.print_title_rows = f"1:{first_row - 1}"
    ws.print_title_cols = "A:B"
    if pages:
        # The sheet's own name for its print area, in the pages' order: `ws.print_area` would
        # sort the ranges by column, and the pages would print in that order.
        sheet = quote_sheetname(ws.title)
        ranges = (f"{sheet}!${get_column_letter(first_col + p.slots[0])}${first_row + p.rows[0]}"
                  f":${get_column_letter(first_col + p.slots[1])}${first_row + p.rows[1]}"
                  for p in pages)
        text = ",".join(ranges)
        if len(text) > _FORMULA_MAX:
            return
        ws.defined_names.add(DefinedName("Print_Area", attr_text=text))
        for page in pages:
            _mark(ws, first_row + page.rows[0], first_col + page.slots[0],
                  column_looks.get(page.slots[0]))


def _mark(ws: Any, row: int, col: int, look: Look | None) -> None:
    """A space in a page's top-left cell when it holds nothing: LibreOffice leaves out a
    page without text, and a page of bars (or of days off) would vanish from the printout.
    An empty cell keeps its column's colour."""
    cell = ws.cell(row=row, column=col)
    if cell.value is None:
        if not cell.has_style and look is not None:
            look.apply(cell)
        cell.value = " "

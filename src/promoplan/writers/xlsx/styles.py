"""How the sheets look: colours, alignments, and the workbook's named styles.

Every cell of a kind carries one NamedStyle ("promoplan header", "promoplan text
DEEAF6"…), registered once with `Workbook.add_named_style` and applied by name: the
workbook stays small (one format per kind, not per cell), and a teammate who restyles
a kind in Excel's style gallery restyles every cell of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]

from promoplan.vocabulary import Phase, Status
from promoplan.words import Words
from promoplan.writers.xlsx.labels import CLOCK_FORMAT, DAY_FORMAT, DAY_FORMAT_YEAR

FONT_NAME = {"zh": "等线", "en": "Calibri"}
# Section colours, in the playbook's section order: (bar, tint). Medium tones so black
# text stays legible on the bars; the tint colours the section's rows.
SECTION_COLOURS: list[tuple[str, str]] = [
    ("8EB4E3", "DEEAF6"),  # blue
    ("F4B183", "FBE5D6"),  # orange
    ("A9D18E", "E2F0D9"),  # green
    ("FFD966", "FFF2CC"),  # gold
    ("B4A7D6", "E8E3F3"),  # purple
    ("92CDDC", "DDF0F5"),  # teal
    ("F2A7C3", "FBE4EE"),  # pink
    ("BFBFBF", "EDEDED"),  # grey
]
PHASE_COLOURS: dict[str, str] = {Phase.BEFORE: "BDD7EE", Phase.DURING: "F8CBAD", Phase.AFTER: "C6E0B4",
                                  Phase.NONE: "D9D9D9"}
PHASE_TINTS: dict[str, str] = {Phase.BEFORE: "EEF4FB", Phase.DURING: "FDF0E8", Phase.AFTER: "EFF6EA",
                                Phase.NONE: "F2F2F2"}
HEADER_FILL = "1F4E79"
HEADER_TEXT = "FFFFFF"
ANCHOR_FILL = "C00000"
ANCHOR_TINT = "FADBD8"
DAY_OFF_FILL = "E7E6E6"
DAY_OFF_TEXT = "C00000"
WARN_FILL = "FFEB9C"
MUTED_TEXT = "595959"
BORDER_COLOUR = "BFBFBF"
# 状态: (fill, text), Excel's own good / neutral / bad cell colours.
STATUS_COLOURS = {Status.DONE: ("C6EFCE", "006100"), Status.DOING: ("FFEB9C", "9C5700"),
                  Status.BLOCKED: ("FFC7CE", "9C0006"), Status.CANCELLED: ("D9D9D9", "595959")}

WRAP = Alignment(vertical="center", wrap_text=True)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
VERTICAL = Alignment(horizontal="center", vertical="top", textRotation=255)
"""Stacked characters, one label per column: 报名 and 截止 a day apart never run together."""
TURNED = Alignment(horizontal="center", vertical="bottom", textRotation=90)
"""English labels read bottom to top; stacked Latin letters are hard to read."""


def solid(rgb: str) -> PatternFill:
    return PatternFill("solid", start_color=rgb, end_color=rgb)


@dataclass(frozen=True)
class FontSpec:
    """A style's font in the sheet's typeface: described by the styles asked for on every
    cell, and made into an openpyxl Font (slow to build) only when its style is new."""

    size: float = 11
    bold: bool = False
    color: str | None = None


class Styles:
    """The workbook's NamedStyles, each made once from its parts the first time a cell
    asks for it; Excel lists them by what they are for. The order they are made in is
    the order of the workbook's style list, so it is part of the file's bytes."""

    def __init__(self, book: Workbook, words: Words, multi_year: bool) -> None:
        self.book = book
        self.font_name = FONT_NAME[words.lang]
        self.day_format = (DAY_FORMAT_YEAR if multi_year else DAY_FORMAT)[words.lang]
        self.when_format = self.day_format + " " + CLOCK_FORMAT
        self.off_suffix = f' "{words["day_off"]}"'
        side = Side(style="thin", color=BORDER_COLOUR)
        self.grid = Border(left=side, right=side, top=side, bottom=side)
        self.made: set[str] = set()

    def get(self, name: str, *, font: FontSpec | None = None,
            fill: str | PatternFill | None = None, align: Alignment | None = None,
            grid: bool = False, fmt: str = "General") -> str:
        """The name of the style `name`, made from these parts the first time it is asked
        for (later calls only name it: the parts are the same by construction)."""
        full = f"promoplan {name}"
        if full not in self.made:
            spec = font or FontSpec()
            made = Font(name=self.font_name, size=spec.size, bold=spec.bold, color=spec.color)
            style = NamedStyle(name=full, font=made, alignment=align or Alignment(),
                               number_format=fmt)
            if fill is not None:
                style.fill = solid(fill) if isinstance(fill, str) else fill
            if grid:
                style.border = self.grid
            self.book.add_named_style(style)
            self.made.add(full)
        return full

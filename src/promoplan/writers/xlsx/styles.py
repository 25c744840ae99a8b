"""How the sheets look: colours, alignments, and each kind of cell's formats.

Every cell of a kind gets the same openpyxl Font, PatternFill, Border and Alignment
objects, made once per workbook (a `Look`): the workbook lists each distinct format
once, as Excel does for formats set by hand. No named styles: those would land in the
style gallery of everyone who opens the file (90 to 145 of them per workbook), and
openpyxl looks a named style up by scanning its list for every cell that takes one.

Setting a cell's font, fill, border and alignment one by one costs more still: openpyxl
hashes every field of each object (twice) to find it in the workbook's list, about
20 µs a cell. So a look also carries its `array`, the indexes of its formats in those
lists, worked out once by binding the look's parts to the workbook as a NamedStyle
that is never added to it (nothing of it reaches the file but the formats). A row of
new cells made with that array (`openpyxl.cell.Cell(..., style_array=)`) and added with
`Worksheet.append` costs about 2 µs a cell: the 进程表 is written that way. The Gantt's
cells are few and scattered (a bar is only its fill), so they are set one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import (  # type: ignore[import-untyped]
    Alignment,
    Border,
    Font,
    NamedStyle,
    PatternFill,
    Side,
)
from openpyxl.styles.borders import DEFAULT_BORDER  # type: ignore[import-untyped]
from openpyxl.styles.fills import DEFAULT_EMPTY_FILL  # type: ignore[import-untyped]

from promoplan.vocabulary import Phase, Status

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
    """A font in the sheet's typeface: described by the looks asked for on every cell, and
    made into an openpyxl Font (slow to build) once per workbook."""

    size: float = 11
    bold: bool = False
    color: str | None = None


@dataclass(frozen=True)
class Look:
    """One kind of cell's formats, each an openpyxl style object shared by every cell of the
    kind; None leaves the cell's default (a blank bar needs only its fill)."""

    font: Font | None = None
    fill: PatternFill | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    number_format: str | None = None
    array: tuple[int, ...] | None = None
    """The formats' indexes in the workbook's lists, for a new cell."""

    def apply(self, cell: Any) -> None:
        if self.font is not None:
            cell.font = self.font
        if self.fill is not None:
            cell.fill = self.fill
        if self.border is not None:
            cell.border = self.border
        if self.alignment is not None:
            cell.alignment = self.alignment
        if self.number_format is not None:
            cell.number_format = self.number_format


class Styles:
    """The workbook's looks, each made once from its parts the first time a cell asks for
    it by name (the name is only the key: nothing of it is written to the file)."""

    def __init__(self, book: Workbook, lang: str) -> None:
        self.book = book
        self.font_name = FONT_NAME[lang]
        side = Side(style="thin", color=BORDER_COLOUR)
        self.grid = Border(left=side, right=side, top=side, bottom=side)
        self._looks: dict[str, Look] = {}
        self._fonts: dict[FontSpec, Font] = {}
        self._fills: dict[str, PatternFill] = {}

    def get(self, name: str, *, font: FontSpec | None = None,
            fill: str | PatternFill | None = None, align: Alignment | None = None,
            grid: bool = False, fmt: str | None = None, blank: bool = False) -> Look:
        """The look `name`, made from these parts the first time it is asked for (later calls
        only name it: the parts are the same by construction). `blank`: a cell that never
        holds text (a bar, a band's empty cells), so no font and no alignment."""
        found = self._looks.get(name)
        if found is None:
            if isinstance(fill, str):
                fill = self.fill(fill)
            look = Look(font=None if blank else self.font(font or FontSpec()), fill=fill,
                        border=self.grid if grid else None, alignment=None if blank else align,
                        number_format=fmt)
            # A new cell takes the sheet's font even when blank, and the workbook's own
            # empty fill and border: no format the fewer is added for them.
            parts = {key: value for key, value in (
                ("alignment", look.alignment), ("number_format", fmt)) if value is not None}
            bundle = NamedStyle(name=name, font=look.font or self.font(FontSpec()),
                                fill=fill or DEFAULT_EMPTY_FILL, border=look.border or DEFAULT_BORDER,
                                **parts)
            bundle.bind(self.book)  # its formats join the workbook's lists; it does not
            found = self._looks[name] = replace(look, array=tuple(bundle.as_tuple()))
        return found

    def fill(self, rgb: str) -> PatternFill:
        """The one solid fill of colour `rgb`: two equal objects would be compared field by
        field each time a cell takes the second."""
        made = self._fills.get(rgb)
        if made is None:
            made = self._fills[rgb] = solid(rgb)
        return made

    def font(self, spec: FontSpec) -> Font:
        made = self._fonts.get(spec)
        if made is None:
            made = self._fonts[spec] = Font(name=self.font_name, size=spec.size, bold=spec.bold or None,
                                            color=spec.color)
        return made

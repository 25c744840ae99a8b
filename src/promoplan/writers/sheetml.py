"""A small SpreadsheetML (XLSX) builder that writes the XML itself.

Why not openpyxl: importing it costs about a tenth of a second, and it keeps a Python
object per cell and hashes a style per assignment, which made the XLSX writer the
slowest part of a large compile. promoplan writes a handful of sheets top to bottom
and never reads them back, so rows go out as XML text as soon as they are made and
are deflated on the spot: memory stays near the size of the compressed file, and a
cell costs one f-string (its XML after the reference is kept for values that come
back row after row, such as a section, a role or a date).

What it can do is what the XLSX writer needs, no more: inline-string, number and
date cells with a style id; a style table deduplicated by value (fonts, solid and
pattern fills, one border for all four sides, alignment, number formats, the quote
prefix); column widths, row heights, merged ranges, frozen panes, an autofilter,
print setup with repeated title rows/columns and a footer; document properties.

Same input, same bytes: parts are written in a fixed order into a zip with fixed
timestamps and attributes, by a few lines of our own (the standard zipfile module
has no public way to choose the deflate level of an entry written from a ZipInfo).
Sizes are checked against the plain-zip limit of 4 GiB instead of writing ZIP64.
"""

# No `from __future__ import annotations` in this module: its NamedTuples' fields would
# be strings, which typing compiles one by one on every start.
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import NamedTuple

LEVEL = 5
"""zlib level. Measured on 10,000 tasks: 5 deflates the sheets in half the time 6 takes
(0.12 s instead of 0.23 s, a third of the writer's time) for a file 2 % larger; below 5
the file that goes to the chat group grows by a fifth (4) to two fifths (1)."""

CellValue = str | int | float | date | datetime | time | None
Cell = tuple[int, int, CellValue]
"""(column from 1, style id, value). A date or datetime needs a style with a date format
to look like one; None writes an empty, styled cell (style 0: nothing at all)."""

MAX_TEXT = 32767  # Excel's limit for the text of one cell

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# ---------------------------------------------------------------- text

# XML 1.0 cannot hold C0 controls other than tab and newline, lone surrogates, U+FFFE/F;
# DEL is legal XML but nobody means it. \r is here so one search finds every text to fix.
# The pattern is compiled only for a text that has such a character (re keeps it then):
# its surrogate range and noncharacters alone make compiling cost a millisecond.
_NEEDS_CLEANING = "[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]"
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # the same, Latin-1 only: cheap
REPLACEMENT = "\ufffd"


def clean(text: str) -> str:
    """Text a cell can hold: line breaks kept (\\r\\n and \\r become \\n), other control
    characters replaced, cut at Excel's limit. Replacing rather than refusing: one odd
    character pasted into a playbook must not stop the team's schedule."""
    if not text.isprintable() and _needs_cleaning(text):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = re.sub(_NEEDS_CLEANING, REPLACEMENT, text)  # no \r is left to match
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT]


def _needs_cleaning(text: str) -> bool:
    """Whether an unprintable text (a line break, a full-width space: every character to
    fix is unprintable, but most unprintable ones are fine) has one to fix."""
    if _CONTROLS.search(text) is not None or "\ufffe" in text or "\uffff" in text:
        return True
    try:
        text.encode()
    except UnicodeEncodeError:  # UTF-8 has no lone surrogates
        return True
    return False


def escape(text: str) -> str:
    """Element text: & < > escaped (> too, so ]]> can never appear)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """An attribute value in double quotes; newlines and tabs as references, or a
    parser would fold them into spaces."""
    return (escape(text).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\r", "&#13;").replace("\t", "&#9;"))


_FORMULA_START = ("=", "+", "-", "@")

# ---------------------------------------------------------------- cell references

_LETTERS: list[str] = [""]


def column_letter(col: int) -> str:
    """1 → A, 27 → AA. Memoised: a Gantt names thousands of columns on every row."""
    if col >= len(_LETTERS):
        for n in range(len(_LETTERS), col + 1):
            name, rest = "", n
            while rest:
                rest, digit = divmod(rest - 1, 26)
                name = chr(65 + digit) + name
            _LETTERS.append(name)
    return _LETTERS[col]


def ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def _num(value: float) -> str:
    """Shortest text that reads back as the same float; whole numbers without .0."""
    if value.__class__ is int:  # the common case (row numbers, 序号), quickest
        return str(value)
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# Excel's day 0 is 1899-12-30 (so that 1900-03-01 onwards count like Lotus 1-2-3).
_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()


def serial(value: date | datetime | time) -> int | float:
    """An Excel date serial: days since 1899-12-30 plus the fraction of the day.

    Computed as days + seconds / 86400, the way readers (openpyxl among them) turn
    a datetime into a serial, so a value read back compares equal to the original.
    """
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400
    days = value.toordinal() - _EPOCH_ORDINAL
    if isinstance(value, datetime):
        return days + (value.hour * 3600 + value.minute * 60 + value.second
                       + value.microsecond / 1e6) / 86400
    return days


# ---------------------------------------------------------------- styles
#
# Style parts and settings are NamedTuples rather than dataclasses: hashable and
# immutable all the same, and making the class costs a tenth of what @dataclass does at
# import (about half a millisecond each, most of what importing this module cost).


class Font(NamedTuple):
    name: str
    size: float = 11
    bold: bool = False
    color: str | None = None
    """RRGGBB; None is the application's automatic colour (black)."""

    def xml(self) -> str:
        bold = "<b/>" if self.bold else ""
        color = f'<color rgb="FF{self.color}"/>' if self.color else ""
        family = '<family val="2"/>' if self.name == "Calibri" else ""
        name = f'<name val="{attr(self.name)}"/>'
        return f'<font>{bold}<sz val="{_num(self.size)}"/>{color}{name}{family}</font>'


class Fill(NamedTuple):
    """A pattern fill. For solid, fg and bg are both the colour (as Excel writes it);
    for a pattern such as lightUp, fg draws the stripes over bg."""

    fg: str
    bg: str
    pattern: str = "solid"

    def xml(self) -> str:
        return (f'<fill><patternFill patternType="{self.pattern}"><fgColor rgb="FF{self.fg}"/>'
                f'<bgColor rgb="FF{self.bg}"/></patternFill></fill>')


class Border(NamedTuple):
    """The same line on all four sides: the only border a schedule grid needs."""

    style: str
    color: str

    def xml(self) -> str:
        side = f' style="{self.style}"><color rgb="FF{self.color}"/>'
        return (f"<border><left{side}</left><right{side}</right><top{side}</top>"
                f"<bottom{side}</bottom><diagonal/></border>")


class Align(NamedTuple):
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False

    def xml(self) -> str:
        parts = [f'horizontal="{self.horizontal}"'] * bool(self.horizontal)
        parts += [f'vertical="{self.vertical}"'] * bool(self.vertical)
        parts += ['wrapText="1"'] * self.wrap
        return f"<alignment {' '.join(parts)}/>" if parts else ""


class Style(NamedTuple):
    """A cell's look. None and False are the defaults (Calibri 11, no fill, no border,
    General). `quote` is Excel's quote prefix: the text stays text when edited."""

    font: Font | None = None
    fill: Fill | None = None
    border: Border | None = None
    align: Align | None = None
    fmt: str | None = None
    quote: bool = False


DEFAULT_FONT = Font("Calibri", 11)
"""Font 0, the Normal style's: Excel measures column widths in its digit width, so it
stays Calibri 11 whatever the cells use (named outright, not through a theme)."""

_GRAY125 = "<fill><patternFill/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
_FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in formats


class Styles:
    """The workbook's style table. Equal styles share one cellXfs entry, and equal
    fonts, fills, borders and formats share theirs; entry 0 of each is the default,
    and fills 0 and 1 are the none and gray125 that Excel expects there."""

    def __init__(self) -> None:
        self._xfs: dict[Style, int] = {Style(): 0}
        self._fonts: dict[Font, int] = {DEFAULT_FONT: 0}
        self._fills: dict[Fill, int] = {}
        self._borders: dict[Border, int] = {}
        self._formats: dict[str, int] = {}
        self._quoted: dict[int, int] = {}

    def id(self, style: Style) -> int:
        """The style's index in cellXfs, added on first use."""
        sid = self._xfs.get(style)
        if sid is None:
            sid = self._xfs[style] = len(self._xfs)
            if style.font is not None:
                self._fonts.setdefault(style.font, len(self._fonts))
            if style.fill is not None:
                self._fills.setdefault(style.fill, len(self._fills) + 2)
            if style.border is not None:
                self._borders.setdefault(style.border, len(self._borders) + 1)
            if style.fmt is not None:
                self._formats.setdefault(style.fmt, len(self._formats) + _FIRST_CUSTOM_FORMAT)
        return sid

    def quoted(self, sid: int) -> int:
        """The same style with the quote prefix: for text that starts like a formula."""
        out = self._quoted.get(sid)
        if out is None:
            style = next(s for s, i in self._xfs.items() if i == sid)
            out = self._quoted[sid] = self.id(Style(style.font, style.fill, style.border,
                                                    style.align, style.fmt, quote=True))
        return out

    def xml(self) -> bytes:
        formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{attr(code)}"/>'
                          for code, i in self._formats.items())
        fonts = "".join(f.xml() for f in self._fonts)
        fills = _GRAY125 + "".join(f.xml() for f in self._fills)
        borders = "<border><left/><right/><top/><bottom/><diagonal/></border>"
        borders += "".join(b.xml() for b in self._borders)
        xfs = []
        for style in self._xfs:
            font = self._fonts[style.font] if style.font is not None else 0
            fill = self._fills[style.fill] if style.fill is not None else 0
            border = self._borders[style.border] if style.border is not None else 0
            fmt = self._formats[style.fmt] if style.fmt is not None else 0
            head = f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
            head += ' applyNumberFormat="1"' * bool(fmt) + ' applyFont="1"' * bool(font)
            head += ' applyFill="1"' * bool(fill) + ' applyBorder="1"' * bool(border)
            head += ' quotePrefix="1"' * style.quote
            align = style.align.xml() if style.align is not None else ""
            xfs.append(f'{head} applyAlignment="1">{align}</xf>' if align else head + "/>")
        parts = [
            _DECL, f'<styleSheet xmlns="{_MAIN_NS}">',
            f'<numFmts count="{len(self._formats)}">{formats}</numFmts>' if formats else "",
            f'<fonts count="{len(self._fonts)}">{fonts}</fonts>',
            f'<fills count="{len(self._fills) + 2}">{fills}</fills>',
            f'<borders count="{len(self._borders) + 1}">{borders}</borders>',
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>',
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
            "</styleSheet>",
        ]
        return "".join(parts).encode()


# ---------------------------------------------------------------- zip


class _Deflated:
    """One zip entry, deflated as it is written: only the compressed bytes are kept."""

    def __init__(self, name: str, level: int) -> None:
        self.name = name
        self._zip = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._chunks: list[bytes] = []
        self.crc = 0
        self.size = 0

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        out = self._zip.compress(data)
        if out:
            self._chunks.append(out)

    def finish(self) -> bytes:
        self._chunks.append(self._zip.flush())
        data = b"".join(self._chunks)
        self._chunks = []
        return data


_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip can say
_DOS_TIME = 0
_LIMIT = 0xFFFFFFFF


def _zip(entries: Sequence[tuple[_Deflated, bytes]]) -> bytes:
    """A plain zip of already-deflated entries, every field fixed but the contents."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry, data in entries:
        name = entry.name.encode()
        if max(entry.size, len(data), offset) >= _LIMIT:
            raise ValueError(f"{entry.name}: too large for a zip without ZIP64")
        fields = struct.pack("<HHHHHIII", 20, 0, 8, _DOS_TIME, _DOS_DATE, entry.crc, len(data),
                             entry.size)
        out += [b"PK\x03\x04", fields, struct.pack("<HH", len(name), 0), name, data]
        central += [b"PK\x01\x02", struct.pack("<H", (3 << 8) | 20), fields,
                    struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0o644 << 16, offset), name]
        offset += 30 + len(name) + len(data)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(directory), offset, 0)
    return b"".join(out) + directory + end


# ---------------------------------------------------------------- sheets


class PageSetup(NamedTuple):
    """Printing: paper 9 is A4; fit_height 0 means as many pages down as it takes."""

    landscape: bool = True
    paper: int = 9
    fit_width: int | None = 1
    fit_height: int = 0
    title_rows: tuple[int, int] | None = None
    title_cols: tuple[int, int] | None = None
    margins: tuple[float, float, float, float, float, float] = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
    """left, right, top, bottom, header, footer in inches."""
    centred: bool = True
    grid_lines: bool = False
    footer: str = ""
    """Excel header/footer codes (&L … &R …): the caller doubles a literal &."""


class _SheetInfo:
    """What the workbook part needs of a sheet once its rows are written."""

    __slots__ = ("filter", "name", "page")

    def __init__(self, name: str, page: PageSetup) -> None:
        self.name = name
        self.page = page
        self.filter: tuple[int, int, int, int] | None = None
        """first row, first column, last row, last column"""


_FLUSH_ROWS = 128
"""Rows joined, encoded and deflated together: enough for few zlib calls, few enough
that the text, its UTF-8 and zlib's window stay in the CPU cache (512 was 3 % slower)."""
_MAX_TAILS = 1024  # cell tails kept by `cells` (under a megabyte), emptied when full


class Sheet:
    """One worksheet, written top to bottom.

    Everything that comes before the cells in the XML (the used range, widths, frozen
    panes, fit-to-page) is given up front, so the head goes out first and rows follow
    as they are made. The used range must be declared: `close` checks it was right.
    """

    def __init__(self, book: "Workbook", index: int, name: str, *, last_row: int, last_col: int,
                 widths: dict[int, float], freeze: tuple[int, int] | None = None,
                 page: PageSetup | None = None) -> None:
        self.styles = book.styles
        self.info = _SheetInfo(name, page=page or PageSetup())
        self._entry = _Deflated(f"xl/worksheets/sheet{index}.xml", book.level)
        self._book = book
        self._declared = (last_row, last_col)
        self._last_row = 0
        self._last_col = 0
        self._merges: list[str] = []
        self._buffer: list[str] = []
        self._tails: dict[tuple[int, CellValue], str] = {}
        self._heights: dict[float | None, str] = {}
        column_letter(max(last_col, 1))  # `cells` looks letters up without a call
        self._head(last_row, last_col, widths, freeze)

    def _head(self, last_row: int, last_col: int, widths: dict[int, float],
              freeze: tuple[int, int] | None) -> None:
        page = self.info.page
        fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if page.fit_width is not None else ""
        used = f"A1:{ref(max(last_row, 1), max(last_col, 1))}"
        view = ""
        if freeze is not None and freeze != (1, 1):
            row, col = freeze  # the first cell that scrolls
            split = [f'xSplit="{col - 1}"'] * (col > 1) + [f'ySplit="{row - 1}"'] * (row > 1)
            pane = ("bottomRight" if row > 1 and col > 1 else "bottomLeft" if row > 1
                    else "topRight")
            view = (f'<pane {" ".join(split)} topLeftCell="{ref(row, col)}" activePane="{pane}" '
                    f'state="frozen"/>')
            if pane == "bottomRight":
                view += '<selection pane="topRight"/><selection pane="bottomLeft"/>'
            view += f'<selection pane="{pane}" activeCell="A1" sqref="A1"/>'
        cols = "".join(f'<col min="{c}" max="{c}" width="{_num(w)}" customWidth="1"/>'
                       for c, w in sorted(widths.items()))
        self._buffer.append(
            f'{_DECL}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
            f'{fit}<dimension ref="{used}"/>'
            f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
            f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")

    def cells(self, row: int | str, cells: Iterable[Cell]) -> tuple[str, int]:
        """The XML of a row's cells (in column order) and the last column. `row` may be a
        placeholder, for a template of cells that many rows share."""
        letters = _LETTERS
        tails = self._tails
        out = []
        rs = str(row)
        col = 0
        for col, sid, value in cells:
            if value is True or value is False:  # before the lookup: True would find 1's tail
                raise TypeError(f"{letters[col]}{rs}: booleans are not written")
            tail = tails.get((sid, value))
            if tail is None:
                tail = tails[sid, value] = self._tail(sid, value)
            if tail:
                out.append(f'<c r="{letters[col]}{rs}"{tail}')
        return "".join(out), col

    def _tail(self, sid: int, value: CellValue) -> str:
        """A cell's XML after its reference (`<c r="B7"` + this), '' for no cell at all.
        It depends on the style and value only, so `cells` keeps it for values that come
        back: a section, an owner, a date, a warning repeat on row after row."""
        s = f' s="{sid}"' if sid else ""
        if isinstance(value, str):
            text = clean(value)
            if text.startswith(_FORMULA_START):
                s = f' s="{self.styles.quoted(sid)}"'
            space = ' xml:space="preserve"' if text != text.strip() else ""
            return f'{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'
        if value is None:
            return f"{s}/>" if sid else ""
        if isinstance(value, int | float):
            return f"{s}><v>{_num(value)}</v></c>"
        return f"{s}><v>{_num(serial(value))}</v></c>"

    def row(self, row: int, cells: Iterable[Cell], height: float | None = None) -> None:
        """Add a row; rows come in increasing order, cells in increasing column order."""
        xml, last = self.cells(row, cells)
        self.row_xml(row, xml, last, height)

    def row_xml(self, row: int, xml: str, last_col: int, height: float | None = None) -> None:
        """Add a row whose cells are already XML (see `cells`): for rows made from a
        template, such as the Gantt's, where formatting each cell would be the cost."""
        if row <= self._last_row:
            raise ValueError(f"row {row} after row {self._last_row}")
        if not xml and height is None:
            return
        self._last_row = row
        if last_col > self._last_col:
            self._last_col = last_col
        ht = self._heights.get(height)
        if ht is None:
            ht = self._heights[height] = (f' ht="{_num(height)}" customHeight="1"'
                                          if height is not None else "")
        self._buffer.append(f'<row r="{row}"{ht}>{xml}</row>' if xml else f'<row r="{row}"{ht}/>')
        if len(self._buffer) >= _FLUSH_ROWS:
            self._flush()

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge a range. Write only its first cell: the others are hidden anyway."""
        self._merges.append(f"{ref(first_row, first_col)}:{ref(last_row, last_col)}")

    def auto_filter(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.info.filter = (first_row, first_col, last_row, last_col)

    def _flush(self) -> None:
        self._entry.write("".join(self._buffer).encode())
        self._buffer = []
        if len(self._tails) > _MAX_TAILS:  # names rarely repeat: keep memory bounded
            self._tails.clear()

    def close(self) -> None:
        if (self._last_row, self._last_col) != self._declared:
            raise ValueError(f"sheet {self.info.name!r}: used range is row {self._last_row}, "
                             f"column {self._last_col}, declared {self._declared}")
        page = self.info.page
        tail = ["</sheetData>"]
        if self.info.filter:
            r1, c1, r2, c2 = self.info.filter
            tail.append(f'<autoFilter ref="{ref(r1, c1)}:{ref(r2, c2)}"/>')
        if self._merges:
            tail.append(f'<mergeCells count="{len(self._merges)}">'
                        + "".join(f'<mergeCell ref="{m}"/>' for m in self._merges) + "</mergeCells>")
        options = ' horizontalCentered="1"' * page.centred + ' gridLines="1"' * page.grid_lines
        tail.append(f"<printOptions{options}/>")
        left, right, top, bottom, header, footer = (_num(m) for m in page.margins)
        tail.append(f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}" '
                    f'header="{header}" footer="{footer}"/>')
        fit = (f' fitToWidth="{page.fit_width}" fitToHeight="{page.fit_height}"'
               if page.fit_width is not None else "")
        orientation = "landscape" if page.landscape else "portrait"
        tail.append(f'<pageSetup paperSize="{page.paper}"{fit} orientation="{orientation}"/>')
        if page.footer:
            tail.append(f"<headerFooter><oddFooter>{escape(page.footer)}</oddFooter></headerFooter>")
        tail.append("</worksheet>")
        self._buffer.append("".join(tail))
        self._flush()
        self._book._closed(self, self._entry)


# ---------------------------------------------------------------- workbook


class Properties(NamedTuple):
    """docProps/core.xml. `created` is written as given: pass a fixed time for fixed bytes."""

    title: str = ""
    subject: str = ""
    creator: str = ""
    created: datetime = datetime(2000, 1, 1)  # noqa: DTZ001  (a serial-like stamp, no zone)


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


class Workbook:
    """Sheets are added one at a time and closed before the next; `save` writes the
    parts around them and returns the file's bytes."""

    def __init__(self, level: int = LEVEL) -> None:
        self.level = level
        self.styles = Styles()
        self.properties = Properties()
        self._sheets: list[tuple[_SheetInfo, _Deflated, bytes]] = []
        self._open: Sheet | None = None

    def add_sheet(self, name: str, *, last_row: int, last_col: int, widths: dict[int, float],
                  freeze: tuple[int, int] | None = None, page: PageSetup | None = None) -> Sheet:
        """A new sheet named `name` (already valid and unique: see Excel's rules)."""
        if self._open is not None:
            raise ValueError(f"sheet {self._open.info.name!r} is still open")
        sheet = Sheet(self, len(self._sheets) + 1, name, last_row=last_row, last_col=last_col,
                      widths=widths, freeze=freeze, page=page)
        self._open = sheet
        return sheet

    def _closed(self, sheet: Sheet, entry: _Deflated) -> None:
        self._sheets.append((sheet.info, entry, entry.finish()))
        self._open = None

    def save(self) -> bytes:
        if self._open is not None:
            raise ValueError(f"sheet {self._open.info.name!r} is still open")
        parts: list[tuple[_Deflated, bytes]] = []
        for name, xml in (
            ("[Content_Types].xml", self._content_types()),
            ("_rels/.rels", self._package_rels()),
            ("docProps/app.xml", self._app()),
            ("docProps/core.xml", self._core()),
            ("xl/_rels/workbook.xml.rels", self._workbook_rels()),
            ("xl/styles.xml", self.styles.xml()),
            ("xl/workbook.xml", self._workbook()),
        ):
            entry = _Deflated(name, self.level)
            entry.write(xml)
            parts.append((entry, entry.finish()))
        parts += [(entry, data) for _, entry, data in self._sheets]
        return _zip(parts)

    def _content_types(self) -> bytes:
        office = "application/vnd.openxmlformats-officedocument"
        package = "application/vnd.openxmlformats-package"
        sheet = f"{office}.spreadsheetml.worksheet+xml"
        overrides = [
            ("/xl/workbook.xml", f"{office}.spreadsheetml.sheet.main+xml"),
            ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml"),
            ("/docProps/core.xml", f"{package}.core-properties+xml"),
            ("/docProps/app.xml", f"{office}.extended-properties+xml"),
        ] + [(f"/xl/worksheets/sheet{i}.xml", sheet) for i in range(1, len(self._sheets) + 1)]
        return (_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f'<Default Extension="rels" ContentType="{package}.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
                + "</Types>").encode()

    def _package_rels(self) -> bytes:
        base = "http://schemas.openxmlformats.org"
        rels = [(f"{base}/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"),
                (f"{base}/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                (f"{base}/officeDocument/2006/relationships/extended-properties", "docProps/app.xml")]
        return self._rels(rels)

    def _workbook_rels(self) -> bytes:
        kind = f"{_REL_NS}/worksheet"
        rels = [(kind, f"worksheets/sheet{i}.xml") for i in range(1, len(self._sheets) + 1)]
        return self._rels([*rels, (f"{_REL_NS}/styles", "styles.xml")])

    @staticmethod
    def _rels(rels: list[tuple[str, str]]) -> bytes:
        body = "".join(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                       for i, (kind, target) in enumerate(rels, 1))
        return f'{_DECL}<Relationships xmlns="{_PKG_REL_NS}">{body}</Relationships>'.encode()

    def _app(self) -> bytes:
        return (f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'extended-properties"><Application>promoplan</Application></Properties>').encode()

    def _core(self) -> bytes:
        p = self.properties
        stamp = f"{p.created:%Y-%m-%dT%H:%M:%S}Z"
        return (f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"<dc:creator>{escape(clean(p.creator))}</dc:creator>"
                f"<dc:title>{escape(clean(p.title))}</dc:title>"
                f"<dc:subject>{escape(clean(p.subject))}</dc:subject>"
                f"<cp:lastModifiedBy>{escape(clean(p.creator))}</cp:lastModifiedBy>"
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
                "</cp:coreProperties>").encode()

    def _workbook(self) -> bytes:
        sheets = []
        names = []
        for i, (info, _, _) in enumerate(self._sheets):
            sheets.append(f'<sheet name="{attr(info.name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>')
            quoted = _quote_sheet(info.name)
            if info.filter:
                r1, c1, r2, c2 = info.filter
                absolute = f"${column_letter(c1)}${r1}:${column_letter(c2)}${r2}"
                names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                             f"{escape(quoted)}!{absolute}</definedName>")
            page = info.page
            titles = []
            if page.title_rows:
                titles.append(f"{quoted}!${page.title_rows[0]}:${page.title_rows[1]}")
            if page.title_cols:
                first, last = (column_letter(c) for c in page.title_cols)
                titles.append(f"{quoted}!${first}:${last}")
            if titles:
                names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                             f"{escape(','.join(titles))}</definedName>")
        defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
        return (f'{_DECL}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><workbookPr/>'
                '<bookViews><workbookView activeTab="0"/></bookViews>'
                f"<sheets>{''.join(sheets)}</sheets>{defined}"
                '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>').encode()

"""Reading a workbook someone else made: bounded before it is parsed, every failure a message.

`textconv` (the git diff driver), `import` and `progress` open workbooks that come from
teammates, chat groups and git history. An .xlsx is a zip of XML parts, and openpyxl
(normal mode, which the readers need for fills, merges and print settings) builds every
cell of every part in memory: a 4 MB file whose sheet inflates to 1 GB took 14 GB and 7
minutes before it died. Smaller files can cost as much: one `<mergeCell ref="A1:XFD1048576"/>`
in a 1.5 kB file makes openpyxl create 17 billion cells while loading, and two cells at
A1 and XFD1048576 make any row-by-row read walk the rectangle between them.

So before openpyxl sees a byte, this module checks what the zip says about itself and
what the XML asks for, against limits no real 进程表 comes near (promoplan's own workbook
of 10,000 tasks: 1 MB on disk, 13 parts, 8.8 MB inflated, at most 14 times its compressed
size, 0.8 million cells, a few hundred merged cells):

- the file on disk, and all its parts inflated together, at most `MAX_BYTES`;
- at most `MAX_PARTS` parts, none inflating more than `MAX_RATIO` times its compressed
  size once it is over `RATIO_FROM` bytes;
- the cells that merged ranges and hyperlinks cover, at most `MAX_MERGED` together
  (read with expat, as openpyxl's sheet reader reads them, so no spelling hides them);
- once loaded, the sheets' used rectangles at most `MAX_CELLS` cells together.

zipfile never inflates past the size an entry declares (it stops and the CRC check
fails), so the declared sizes are a real bound. Whatever openpyxl or the zip reader raise
about a file is the file's fault, not a bug: it becomes one message, exit code 2.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from promoplan.errors import COMMAND_LINE, Loc, PromoplanError, Say

MAX_BYTES = 25_000_000
"""On disk, and all parts inflated together."""
MAX_PARTS = 10_000
MAX_RATIO = 100
"""How many times its compressed size a part may inflate to..."""
RATIO_FROM = 1_000_000
"""...once it is bigger than this (small parts compress as they like)."""
MAX_MERGED = 200_000
"""Cells covered by merged ranges and hyperlinks, all sheets together."""
MAX_CELLS = 1_500_000
"""Rows × columns of every sheet's used area, all sheets together."""
SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384
"""Excel's own sheet size: what a whole-column or whole-row reference covers."""


def read_bounded(path: Path, shown: str) -> bytes:
    """A workbook file's bytes, refused unread when it is larger than any 进程表 (and never
    more read than that: a pipe or a device says no size)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(shown, Say("outputs.big.file", size=size, most=MAX_BYTES))
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_big(shown, Say("outputs.big.file-more", most=MAX_BYTES))
        return data
    except OSError as exc:
        from promoplan.output import os_reason

        raise PromoplanError(Say("outputs.cannot-read", path=shown, reason=os_reason(exc)),
                             COMMAND_LINE) from None


def open_workbook(data: bytes, shown: str, hint: str | Say | None = None, *, data_only: bool = False) -> Any:
    """The workbook in `data`, loaded by openpyxl once it is known to be within the limits.

    `data_only`: a formula cell holds the value Excel last computed, not the formula.
    """
    if len(data) > MAX_BYTES:
        raise _too_big(shown, Say("outputs.big.file", size=len(data), most=MAX_BYTES))
    # Counted before zipfile reads the directory: it makes an object of every entry (a 25 MB
    # file of 290,000 empty parts took 230 MB). Each entry of the directory starts with this
    # signature, so the count is never below the number of parts.
    parts = data.count(b"PK\x01\x02")
    if parts > MAX_PARTS:
        raise _too_big(shown, Say("outputs.big.parts", parts=parts, most=MAX_PARTS))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _not_xlsx(shown, Say("outputs.xlsx.not-zip"), hint) from None
    with archive:
        _check_parts(archive, shown)
        _check_ranges(archive, shown, hint)
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions of someone else's file
            book = load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # a file can make openpyxl and zipfile raise any of a dozen kinds
        raise _not_xlsx(shown, _reason(exc), hint) from None
    _check_cells(book, shown)
    return book


def _check_parts(archive: zipfile.ZipFile, shown: str) -> None:
    parts = archive.infolist()
    total = 0
    for part in parts:
        size, packed = part.file_size, part.compress_size
        if size > RATIO_FROM and size > MAX_RATIO * packed:
            raise _too_big(shown, Say("outputs.big.ratio", part=part.filename, times=size // max(packed, 1),
                                      packed=packed, size=size, most=MAX_RATIO))
        total += size
    if total > MAX_BYTES:
        biggest = max(parts, key=lambda p: p.file_size)
        raise _too_big(shown, Say("outputs.big.inflated", total=total, most=MAX_BYTES,
                                  part=biggest.filename, size=biggest.file_size))


def _check_ranges(archive: zipfile.ZipFile, shown: str, hint: str | Say | None) -> None:
    """Every XML part parsed once by expat: merged ranges and hyperlinks counted, and a part
    that is no XML named before openpyxl fails on it without saying where."""
    from xml.parsers import expat

    covered = 0
    for part in archive.infolist():
        try:
            data = archive.read(part)
        except Exception as exc:  # a CRC that does not match, a method zipfile lacks
            reason = Say("outputs.xlsx.in-part", part=part.filename, reason=_reason(exc))
            raise _not_xlsx(shown, reason, hint) from None
        if not data.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"<") \
                and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue  # a picture or another binary part: openpyxl does not parse it
        parser = expat.ParserCreate(namespace_separator=" ")
        if b"mergeCell" in data or b"hyperlink" in data:
            refs: list[str] = []

            def start(name: str, attrs: dict[str, str], refs: list[str] = refs) -> None:
                if name.rpartition(" ")[2] in ("mergeCell", "hyperlink") and "ref" in attrs:
                    refs.append(attrs["ref"])

            parser.StartElementHandler = start
        else:
            refs = []
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            reason = Say("outputs.xlsx.in-part", part=part.filename, reason=exc)
            raise _not_xlsx(shown, reason, hint) from None
        covered += sum(_area(ref) for ref in refs)
        if covered > MAX_MERGED:
            raise _too_big(shown, Say("outputs.big.merged", cells=covered, part=part.filename,
                                      most=MAX_MERGED))


def _area(ref: str) -> int:
    """The cells a range covers; a whole column or row counts as Excel's full height or width."""
    from openpyxl.utils import range_boundaries  # type: ignore[import-untyped]

    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.strip())
    except (ValueError, TypeError):
        return 0  # openpyxl refuses it too, and that is reported
    cols = (max_col or SHEET_COLUMNS) - (min_col or 1) + 1
    rows = (max_row or SHEET_ROWS) - (min_row or 1) + 1
    return max(cols, 0) * max(rows, 0)


def _check_cells(book: Any, shown: str) -> None:
    total = 0
    for ws in book.worksheets:
        total += ws.max_row * ws.max_column
        if total > MAX_CELLS:
            raise _too_big(shown, Say("outputs.big.cells", sheet=ws.title, rows=ws.max_row,
                                      columns=ws.max_column, most=MAX_CELLS))


def _too_big(shown: str, what: Say) -> PromoplanError:
    return PromoplanError(Say("outputs.too-big", what=what), Loc(shown))


def _not_xlsx(shown: str, reason: str | Say, hint: str | Say | None) -> PromoplanError:
    return PromoplanError(Say("outputs.not-xlsx", reason=reason), Loc(shown), hint)


def _reason(exc: BaseException) -> str | Say:
    """What a library said about the file: ours where we know it, else its own words (the
    detail a developer needs, quoted as it is)."""
    if isinstance(exc, zipfile.BadZipFile):
        if "File is not a zip file" in str(exc):
            return Say("outputs.xlsx.not-zip")
        return Say("outputs.xlsx.damaged-zip", detail=exc)
    if isinstance(exc, KeyError):
        return Say("outputs.xlsx.no-workbook")
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


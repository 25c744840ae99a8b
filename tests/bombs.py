"""Hostile workbooks, made at run time: a few MB on disk, a gigabyte or billions of cells inside.

A part that inflates to 1 GB is made without ever holding or compressing 1 GB: one unit of
rows is deflated once and ended with a full flush (byte-aligned, no reference to anything
before it), so copies of those bytes laid end to end are a valid deflate stream of the
unit repeated. The CRC is computed over the repeated unit as zipfile will check it; the
zip's headers are written with struct, since zipfile writes only what it compressed itself.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{NS}"><sheetData>'.encode()
SHEET_TAIL = b"</sheetData></worksheet>"
ROW = b"<row>" + b"<c><v>1</v></c>" * 10 + b"</row>"
"""The probe's row: ten cells holding 1 (161 bytes)."""


@dataclass(frozen=True)
class Part:
    """A zip entry as raw deflate data, with the size and CRC of what it inflates to."""

    name: str
    raw: bytes
    size: int
    crc: int


def deflated(name: str, data: bytes) -> Part:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Part(name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data))


def repeated(name: str, head: bytes, unit: bytes, times: int, tail: bytes) -> Part:
    """`head + unit * times + tail`, deflated without making it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    middle = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    last = packer.compress(tail) + packer.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    return Part(name, first + middle * times + last, len(head) + len(unit) * times + len(tail), crc)


def write_zip(path: Path, parts: list[Part], declared: dict[str, int] | None = None) -> Path:
    """The parts as a zip file; `declared` gives an entry a size other than its real one."""
    out, directory = bytearray(), bytearray()
    for part in parts:
        name = part.name.encode()
        size = (declared or {}).get(part.name, part.size)
        fields = (20, 0, 8, 0, 0x21, part.crc, len(part.raw), size, len(name), 0)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + part.raw
        directory += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIHH", *fields) \
            + struct.pack("<HHHII", 0, 0, 0, 0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory),
                      len(out), 0)
    path.write_bytes(bytes(out + directory + end))
    return path


def workbook(path: Path, sheet: Part, declared: dict[str, int] | None = None) -> Path:
    """A one-sheet workbook around `sheet` (named xl/worksheets/sheet1.xml)."""
    types = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="{PKG}/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.worksheet+xml"/></Types>')
    root = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    book = (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    links = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG}/relationships">'
             f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
             '</Relationships>')
    parts = [deflated("[Content_Types].xml", types.encode()), deflated("_rels/.rels", root.encode()),
             deflated("xl/workbook.xml", book.encode()),
             deflated("xl/_rels/workbook.xml.rels", links.encode()), sheet]
    return write_zip(path, parts, declared)


def gigabyte(path: Path) -> Path:
    """The probe's bomb: 6.7 million rows of ten cells, 1,078,700,151 bytes of sheet XML."""
    unit = ROW * 6_700
    return workbook(path, repeated("xl/worksheets/sheet1.xml", SHEET_HEAD, unit, 1_000, SHEET_TAIL))


def sheet_xml(rows: bytes, after: bytes = b"") -> bytes:
    """A sheet's XML with these rows, and what follows sheetData (merges, links)."""
    return SHEET_HEAD + rows + b"</sheetData>" + after + b"</worksheet>"

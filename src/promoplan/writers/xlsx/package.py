"""A workbook saved as bytes: the same plan gives the same file, and every app reads it.

Three things are done after openpyxl, each for a reason openpyxl has no option for:

- No clock. `Workbook.save` stamps the document's modified time with the clock, and
  zipfile dates every entry with it; so openpyxl's `ExcelWriter` writes the parts
  (the caller has pinned the document properties) and the zip is packed again with
  fixed timestamps and permissions, its parts in a fixed order. Same plan, same
  bytes: a committed schedule only shows a diff when the schedule changed.
- Shared strings (the XLSX schedule only). openpyxl 3.1 writes each text inline in
  its cell (`t="inlineStr"`), which is valid, but Apple Numbers and iOS previewers
  (what a phone opens from the chat group) are reported to show such cells blank.
  Excel itself saves every text once in a shared-strings part and each cell points
  to it; `share_strings` rewrites openpyxl's sheets that way.
- Compression once, at the end: openpyxl's parts are written stored, then deflated.

The load workbook (workload_xlsx) keeps its own timestamp, permissions and
openpyxl's order, so its files already committed stay byte for byte the same.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy

from lxml import etree  # type: ignore[import-untyped]
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")  # where apps look first
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def save(book: Workbook) -> bytes:
    """The schedule workbook as bytes: strings shared, parts in a fixed order (the
    content types and the package's relationships first, then by name), fixed times."""
    parts = written_parts(book)
    share_strings(parts)
    order = [*(n for n in _FIRST_PARTS if n in parts),
             *sorted(n for n in parts if n not in _FIRST_PARTS)]
    return fixed_zip({name: parts[name] for name in order})


def written_parts(book: Workbook) -> dict[str, bytes]:
    """Each part openpyxl writes for the workbook, in the order it writes them."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:  # deflated once, later
        ExcelWriter(book, archive).save()
    with zipfile.ZipFile(raw) as written:
        return {name: written.read(name) for name in written.namelist()}


def fixed_zip(parts: dict[str, bytes], stamp: tuple[int, int, int, int, int, int] = ZIP_TIME,
              mode: int = 0o644) -> bytes:
    """The parts zipped in the order given, every entry dated `stamp` with Unix
    permissions `mode`: nothing in the archive depends on when or where it was made."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as fixed:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read as such
            info.external_attr = mode << 16
            fixed.writestr(info, data, compresslevel=6)
    return out.getvalue()


def share_strings(parts: dict[str, bytes]) -> None:
    """Move every cell's text into one shared-strings part, as Excel itself saves them.

    Edits openpyxl's parts with lxml: each cell's <is> becomes an index into the
    table, the table gets its content type and its relationship from the workbook."""
    inline_tag, text_tag, item_tag, index_tag = (f"{_MAIN}{tag}" for tag in ("is", "t", "si", "v"))
    table = etree.Element(f"{_MAIN}sst", nsmap={None: _MAIN[1:-1]})
    index: dict[str | bytes, str] = {}
    count = 0
    sheets = sorted((n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                    key=lambda n: int(re.sub(r"\D", "", n)))
    for name in sheets:
        root = etree.fromstring(parts[name])
        for inline in list(root.iter(inline_tag)):
            # Plain text (one <t>) is keyed by its text; rich text by its markup.
            plain = inline[0] if len(inline) == 1 and inline[0].tag == text_tag else None
            key = (plain.text or "") if plain is not None else etree.tostring(inline)
            found = index.get(key)
            if found is None:
                found = index[key] = str(len(index))
                item = etree.SubElement(table, item_tag)
                if plain is not None:
                    # A new <t> with the same text and xml:space, not a copy of the
                    # element: each lxml copy makes a document of its own, which was
                    # most of this pass's time on a large plan.
                    etree.SubElement(item, text_tag, plain.attrib).text = plain.text
                else:
                    item.extend(copy(child) for child in inline)
            # The <is> becomes the cell's <v> where it stands: a text cell holds nothing else.
            inline.getparent().set("t", "s")
            inline.tag = index_tag
            del inline[:]
            inline.text = found
            count += 1
        parts[name] = _xml(root)
    table.set("count", str(count))
    table.set("uniqueCount", str(len(index)))
    parts["xl/sharedStrings.xml"] = _xml(table)
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{types.nsmap[None]}}}Override", PartName="/xl/sharedStrings.xml",
                     ContentType=_SHARED_TYPE)
    parts["[Content_Types].xml"] = _xml(types)
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    taken = {rel.get("Id") for rel in rels}
    rid = next(f"rId{n}" for n in range(len(taken) + 1, len(taken) + 100) if f"rId{n}" not in taken)
    etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id=rid, Type=_SHARED_REL,
                     Target="sharedStrings.xml")
    parts["xl/_rels/workbook.xml.rels"] = _xml(rels)


def _xml(root: object) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data

"""Will Excel, WPS, Numbers and LibreOffice open the workbook as written? Evidence, part by part.

The ECMA-376 transitional schemas themselves (sml.xsd and its imports) are not shipped by any
package installed here and could not be fetched, so the schema rules that decide whether Excel
"repairs" a file are checked directly: every part parses, every element that the schema orders
(worksheet, workbook, stylesheet, cell) has its children in the schema's sequence, every shared
string index and relationship target exists, every part has a content type. LibreOffice then
opens the file and prints it (client tests).
"""

from __future__ import annotations

import io
import re
import subprocess
import warnings
import zipfile
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]
from openpyxl import load_workbook  # type: ignore[import-untyped]

from promoplan.playbook.assemble import load
from promoplan.schedule.resolve import resolve
from promoplan.vocabulary import GroupBy
from promoplan.words import Words
from promoplan.writers import WriterOptions, xlsx

from .conftest import PLAYBOOKS, need_client

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Child sequences from ECMA-376 Part 1 (transitional), sml.xsd: CT_Worksheet, CT_Workbook,
# CT_Stylesheet, CT_Cell. Excel refuses or repairs a part whose children are out of order.
SEQUENCES = {
    "worksheet": ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
                  "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter",
                  "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr",
                  "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
                  "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
                  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
                  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                  "webPublishItems", "tableParts", "extLst"],
    "workbook": ["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                 "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
                 "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
                 "fileRecoveryPr", "webPublishObjects", "extLst"],
    "styleSheet": ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                   "tableStyles", "colors", "extLst"],
    "c": ["f", "v", "is", "extLst"],
}
REPEATABLE = {"conditionalFormatting"}


def render(ref: str, given: dict[str, str], **options: Any) -> bytes:
    plan = resolve(load(ref), given)
    return xlsx.render(plan, Words("zh"), WriterOptions(**options))


@pytest.fixture(scope="module", params=["promo", "ju-huasuan", "double-11-day"])
def data(request: pytest.FixtureRequest) -> bytes:
    if request.param == "promo":
        return render(str(PLAYBOOKS / "plan" / "plan.yaml"), {}, by_owner=True)
    if request.param == "ju-huasuan":
        return render("ju-huasuan", {"signup": "2024-10-14"}, group_by=GroupBy.PHASE)
    return render("double-11-day", {"event": "2024-11-11"})


def local(element: Any) -> str:
    return str(etree.QName(element).localname)


def in_order(element: Any, sequence: list[str]) -> bool:
    ranks = [sequence.index(local(child)) for child in element]
    return ranks == sorted(ranks) and all(
        a != b or sequence[a] in REPEATABLE for a, b in pairwise(ranks))


def test_openpyxl_reads_it_without_a_warning(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "进程表"


def test_every_part_parses_and_has_a_content_type(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    types = etree.fromstring(parts["[Content_Types].xml"])
    overrides = {o.get("PartName") for o in types if local(o) == "Override"}
    defaults = {d.get("Extension") for d in types if local(d) == "Default"}
    for name, body in parts.items():
        etree.fromstring(body)  # well-formed, or it raises
        if name != "[Content_Types].xml":
            assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
    for rels_name in [n for n in parts if n.endswith(".rels")]:
        folder = rels_name.split("_rels/")[0]  # "" for the package, "xl/" for the workbook
        for rel in etree.fromstring(parts[rels_name]):
            target = rel.get("Target")
            path = target[1:] if target.startswith("/") else folder + target
            assert path in parts, (rels_name, target)


def test_elements_in_the_schemas_order(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        workbook = etree.fromstring(archive.read("xl/workbook.xml"))
        styles = etree.fromstring(archive.read("xl/styles.xml"))
        sheets = [etree.fromstring(archive.read(n)) for n in names
                  if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    assert in_order(workbook, SEQUENCES["workbook"])
    assert in_order(styles, SEQUENCES["styleSheet"])
    assert sheets
    for sheet in sheets:
        assert in_order(sheet, SEQUENCES["worksheet"])
        assert all(in_order(c, SEQUENCES["c"]) for c in sheet.iter(f"{MAIN}c"))


def test_shared_strings_cover_every_text_cell(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sst = etree.fromstring(archive.read("xl/sharedStrings.xml"))
        sheets = [etree.fromstring(archive.read(n)) for n in archive.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    unique = len(sst)
    assert int(sst.get("uniqueCount")) == unique
    used = [int(c.find(f"{MAIN}v").text) for s in sheets for c in s.iter(f"{MAIN}c") if c.get("t") == "s"]
    assert int(sst.get("count")) == len(used)
    assert set(used) == set(range(unique))  # every entry used, none missing
    assert not [c for s in sheets for c in s.iter(f"{MAIN}c") if c.get("t") == "inlineStr"]


def test_no_recalculation_on_load(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = etree.fromstring(archive.read("xl/workbook.xml"))
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    calc = workbook.find(f"{MAIN}calcPr")
    assert calc is None or calc.get("fullCalcOnLoad") is None
    assert all(b"<f>" not in s for s in sheets)


def _pdf(data: bytes, sheet: str, tmp_path: Path) -> Path:
    """One sheet printed to PDF by LibreOffice, with the print settings of the file."""
    soffice = need_client("soffice", "libreoffice", package="libreoffice-calc-nogui")
    wb = load_workbook(io.BytesIO(data))
    for ws in list(wb.worksheets):
        if ws.title != sheet:
            wb.remove(ws)
    src = tmp_path / "gantt.xlsx"
    wb.save(src)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=240)
    return tmp_path / "gantt.pdf"


def _page_texts(pdf: Path) -> list[str]:
    pdftotext = need_client("pdftotext", package="poppler-utils")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.client
def test_libreoffice_prints_every_gantt_page_over_then_down(tmp_path: Path) -> None:
    data = render("ju-huasuan", {"signup": "2024-10-14"})
    ws = load_workbook(io.BytesIO(data))["甘特图"]
    across, down = len(ws.col_breaks.brk) + 1, len(ws.row_breaks.brk) + 1
    assert across == 3
    assert down >= 8
    pages = _page_texts(_pdf(data, "甘特图", tmp_path))
    assert len(pages) == across * down  # none left out, though some hold only bars
    for number, page in enumerate(pages):
        # Every page has the title, the name column's header, and its month at its first day.
        assert "甘特图 · 聚划算单品团进程表" in page
        assert "详细项目内容" in page
        assert ["9月", "10月", "11月"][number % across] in page, number
    # Over then down: pages 1 to 3 are the same rows, left to right.
    first_rows = [re.findall(r"^\s*(\d+)\s", p, re.MULTILINE)[:3] for p in pages[:3]]
    assert first_rows[0] == first_rows[1] == first_rows[2]

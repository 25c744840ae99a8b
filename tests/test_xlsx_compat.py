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
import json
import os
import re
import shutil
import subprocess
import warnings
import zipfile
from dataclasses import dataclass
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


# ---------------------------------------------------------------- LibreOffice, for a phone and on paper

HERE = Path(__file__).parent
_BARS = {"8EB4E3", "F4B183", "A9D18E", "FFD966", "B4A7D6", "92CDDC", "F2A7C3"}  # styles.SECTION_COLOURS
_CM = 1000  # LibreOffice measures in 1/100 mm
_PX = 96 / 25.4 / 100  # 1/100 mm in CSS pixels (96 a 25.4 mm inch)
_PT = 72 / 25.4 / 100  # 1/100 mm in points


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


def _uno_python() -> str:
    """A Python that can drive LibreOffice (Debian's python3-uno); the test skips without
    one, or fails where PROMOPLAN_REQUIRE_CLIENTS demands it, as conftest.need_client does."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                        check=False).returncode == 0:
            return candidate
    reason = "python3-uno is not installed (apt-get install python3-uno); this client test needs it"
    if os.environ.get("PROMOPLAN_REQUIRE_CLIENTS") == "1":
        pytest.fail(f"{reason}, and PROMOPLAN_REQUIRE_CLIENTS=1 requires it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def ju_in_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, dict[str, Any], Path]:
    """ju-huasuan's workbook opened once in LibreOffice: what its view shows, and its PDF."""
    soffice = need_client("soffice", "libreoffice", package="libreoffice-calc-nogui")
    python = _uno_python()
    need_client("pdftotext", package="poppler-utils")
    work = tmp_path_factory.mktemp("libreoffice")
    data = render("ju-huasuan", {"signup": "2024-10-14"})
    book, pdf = work / "ju.xlsx", work / "ju.pdf"
    book.write_bytes(data)
    shown = subprocess.run([python, str(HERE / "libreoffice_view.py"), soffice, (work / "profile").as_uri(),
                            f"promoplan-{os.getpid()}", str(book), str(pdf)],
                           check=True, capture_output=True, text=True, timeout=240).stdout
    return data, json.loads(shown), pdf


def _pages(pdf: Path) -> list[list[Word]]:
    """Every page's words with their boxes (points from the top left), as pdftotext reads them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True).stdout
    doc = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    return [[Word(w.text or "", *(float(w.get(k)) for k in ("xmin", "xmax", "ymin", "ymax")))
             for w in page.iter("word")] for page in doc.iter("page")]


def _print_areas(data: bytes, sheet: str) -> list[tuple[int, int, int, int]]:
    """A sheet's print areas (min col, min row, max col, max row) in the order they print."""
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    index = load_workbook(io.BytesIO(data)).sheetnames.index(sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    found = re.search(rf'<definedName name="_xlnm.Print_Area" localSheetId="{index}">([^<]*)<', workbook)
    assert found is not None
    return [range_boundaries(part.split("!")[1].replace("$", "")) for part in found.group(1).split(",")]


def _footer(words: list[Word]) -> str:
    """A page's lowest line: its footer, the sheet's title then the page number."""
    bottom = max(w.y0 for w in words)
    return "".join(w.text for w in sorted((w for w in words if w.y0 > bottom - 2), key=lambda w: w.x0))


def _gantt_pages(pages: list[list[Word]], footer: str) -> list[list[Word]]:
    return [words for words in pages if _footer(words).startswith(footer)]


def _name_column(words: list[Word]) -> tuple[float, float, float]:
    """On a Gantt page: where the name column's text starts, where the first day column's
    number starts (the name column ends before it), and the bottom of the head rows."""
    head = next(w for w in words if w.text == "详细项目内容")
    days = [w for w in words if abs(w.y0 - head.y0) < 3 and w.x0 > head.x1 and w.text.isdigit()]
    return head.x0, min(w.x0 for w in days), head.y1


@pytest.mark.client
def test_libreoffice_prints_fewer_pages_and_every_gantt_page_has_a_bar(
        ju_in_libreoffice: tuple[bytes, dict[str, Any], Path]) -> None:
    data, _, pdf = ju_in_libreoffice
    pages = _pages(pdf)
    # Each page's footer names its sheet: 11 pages of 进程表, the Gantt's 11 print areas, 2 of
    # the Gantt by half hour, 3 of 时间节点 (49 before: 33 Gantt pages, 11 without a bar).
    footers = [_footer(words) for words in pages]
    counts = {name: sum(f.startswith(name) for f in footers)
              for name in ("聚划算单品团进程表", "甘特图·", "甘特图（每格半小时）·", "时间节点·")}
    assert counts == {"聚划算单品团进程表": 11, "甘特图·": len(_print_areas(data, "甘特图")),
                      "甘特图（每格半小时）·": len(_print_areas(data, "甘特图（小时）")), "时间节点·": 3}
    assert (counts["甘特图·"], counts["甘特图（每格半小时）·"], len(pages)) == (11, 2, 27)
    # A bar's colour, or a bar over a day off as LibreOffice prints its stripes (a quarter
    # white), give or take a little.
    shades = [tuple(round(int(c[i:i + 2], 16) * (1 - t) + 255 * t) for i in (0, 2, 4))
              for c in _BARS for t in (0, 0.25)]
    bars = {bytes(max(0, min(255, v + d)) for v, d in zip(shade, (dr, dg, db), strict=True))
            for shade in shades for dr in range(-3, 4) for dg in range(-3, 4) for db in range(-3, 4)}
    for number, words in enumerate(pages, 1):
        if not footers[number - 1].startswith("甘特图"):
            continue
        _, days, _ = _name_column(words)
        image = subprocess.run(["pdftoppm", "-r", "36", "-f", str(number), "-l", str(number), str(pdf)],
                               check=True, capture_output=True).stdout  # PPM: P6, width height, 255, RGB
        _, size, _, pixels = image.split(b"\n", 3)
        width, height = map(int, size.split())
        left = int((days - 2) * 36 / 72)  # right of the name columns: 序号 is in the bar's colour too
        found = sum(pixels[i:i + 3] in bars for y in range(height)
                    for i in range(3 * (y * width + left), 3 * (y + 1) * width, 3))
        assert found >= 10, f"page {number} prints no bar"


@pytest.mark.client
def test_libreoffice_prints_every_gantt_name_whole(ju_in_libreoffice: tuple[bytes, dict[str, Any], Path]
                                                   ) -> None:
    """Each task's name, in the Gantt's name column, on the page that prints its row: all of
    it, and within its row (text that ran over a row's height would lie in the next row,
    or below the table). Rows are found by their 序号 (centred in the row) and the height
    the file gives them, at the print scale."""
    data, _, pdf = ju_in_libreoffice
    ws = load_workbook(io.BytesIO(data))["甘特图"]
    scale = ws.page_setup.scale / 100
    legend = ws["A5"].value
    pages = _gantt_pages(_pages(pdf), "甘特图·聚划算单品团进程表")
    areas = _print_areas(data, "甘特图")
    assert len(pages) == len(areas)
    seen = []
    for words, (_, first, _, last) in zip(pages, areas, strict=True):
        left, right, top = _name_column(words)
        rows = [r for r in range(first, last + 1) if isinstance(ws.cell(r, 1).value, int)]
        numbers = sorted((w for w in words if w.x1 < left and w.y0 > top + 10 and w.text.isdigit()),
                         key=lambda w: w.y0)
        assert [int(w.text) for w in numbers] == [ws.cell(r, 1).value for r in rows]
        bounds = {r: ((w.y0 + w.y1) / 2 - ws.row_dimensions[r].height * scale / 2,
                      (w.y0 + w.y1) / 2 + ws.row_dimensions[r].height * scale / 2)
                  for w, r in zip(numbers, rows, strict=True)}
        bands = {ws.cell(r, 2).value for r in range(first, last + 1) if ws.cell(r, 1).value is None}
        found: dict[int, list[Word]] = {r: [] for r in rows}
        footer = max(w.y0 for w in words) - 1
        body = (w for w in words if w.x0 >= left - 1 and w.x1 <= right and top + 5 < w.y0 < footer
                and w.text not in legend)  # the legend is in the head's name columns
        for word in body:
            home = [r for r, (y0, y1) in bounds.items() if y0 - 1 <= word.y0 and word.y1 <= y1 + 1]
            if home:
                found[home[0]].append(word)
            else:
                assert any(word.text in band for band in bands), (word, "outside every row")
        for r in rows:
            text = "".join(w.text for w in sorted(found[r], key=lambda w: (round(w.y0), w.x0)))
            assert text == re.sub(r"\s", "", ws.cell(r, 2).value), r
            seen.append(ws.cell(r, 2).value)
    plan = resolve(load("ju-huasuan"), {"signup": "2024-10-14"})
    assert sorted(set(seen)) == sorted({t.name for t in plan.tasks})


@pytest.mark.client
def test_libreoffice_freezes_the_schedule_for_a_phone(ju_in_libreoffice: tuple[bytes, dict[str, Any], Path]
                                                      ) -> None:
    """On a phone (390 x 844 CSS px at 100 %), the frozen top is the title line and the
    column header, no taller than the header and one line (a 20 pt row); the frozen left is
    序号 and the name, and 状态 fits beside them."""
    data, shown, _ = ju_in_libreoffice
    view = shown["进程表"]
    assert (view["frozen"], view["columns"], view["rows"]) == (True, 2, 2)
    ws = load_workbook(io.BytesIO(data))["进程表"]
    assert [ws.cell(2, c).value for c in (1, 2, 3)] == ["序号", "详细项目内容", "状态"]
    title, header = view["heights"][:2]
    assert title * _PT <= 20.5
    assert title + header <= header + 20.5 / _PT
    assert round((title + header) * _PX) == 71  # was about 300 px: 10 rows
    first, name, status = view["widths"][:3]
    assert round((first + name) * _PX) == 247
    assert (first + name + status) * _PX < 390

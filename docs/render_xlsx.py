"""Render the XLSX writer's sheets to PNG, as LibreOffice prints and shows them.

    .venv/bin/python docs/render_xlsx.py            # writes docs/xlsx-*.png

Needs LibreOffice (`soffice`, Debian: libreoffice-calc-nogui), `pdftoppm`
(poppler-utils) and a Chinese font (fonts-noto-cjk), or the pictures show boxes. It
compiles the built-in ju-huasuan playbook with --signup 2024-10-14 and double-11-day
with --event 2024-11-11, and writes:

- docs/xlsx-schedule-print.png: the 进程表's first printed page (A4 landscape, as set
  in the file), with the 注意 block;
- docs/xlsx-gantt-print-1.png, -2.png: the 甘特图's first two printed pages, each a
  block of rows and the days that hold its bars;
- docs/xlsx-double-11-day-hours-print.png: double-11-day's Gantt by half hour (its
  shifts on 11-11), first page;
- docs/xlsx-<sheet>-phone.png: the top-left 390 x 844 CSS pixels of the sheet at 100 %
  zoom, about what a phone shows when the file is opened from the chat group.

It prints how many pages each sheet printed, to compare with the page breaks in the
file (LibreOffice leaves out pages it finds empty). Run it again after changing
src/promoplan/writers/xlsx/ and look at the images.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from openpyxl import load_workbook  # type: ignore[import-untyped]  # noqa: E402
from openpyxl.workbook.defined_name import DefinedName  # type: ignore[import-untyped]  # noqa: E402

from promoplan.playbook.assemble import load  # noqa: E402
from promoplan.schedule.resolve import resolve  # noqa: E402
from promoplan.words import words_for  # noqa: E402
from promoplan.writers import WriterOptions, xlsx  # noqa: E402

PHONE = (390, 844)  # CSS pixels of a common phone screen
DPI = 192  # 2x: 96 dpi is one CSS pixel per pixel
# (playbook, anchors, sheet, slug, printed pages to keep, phone view too)
VIEWS = [
    ("ju-huasuan", {"signup": "2024-10-14"}, "进程表", "schedule", [1], True),
    ("ju-huasuan", {"signup": "2024-10-14"}, "甘特图", "gantt", [1, 2], True),
    ("double-11-day", {"event": "2024-11-11"}, "甘特图（小时）", "double-11-day-hours", [1], False),
    ("double-11-day", {"event": "2024-11-11"}, "甘特图", "double-11-day-gantt", [1], False),
]


def compile_plan(name: str, given: dict[str, str]) -> bytes:
    pb = load(name)
    plan = resolve(pb, given)
    data: bytes = xlsx.render(plan, words_for(pb.locale, None), WriterOptions())
    return data


def to_pdf(xlsx: Path, work: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("render_xlsx: soffice not found (apt-get install libreoffice-calc-nogui)")
    profile = (work / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(work), str(xlsx)], check=True, capture_output=True,
                   timeout=180)
    return work / (xlsx.stem + ".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(found.group(1)) if found else 0


def only_sheet(data: bytes, title: str, phone: bool) -> bytes:
    """The workbook with one sheet left; for the phone view, printed unscaled from A1."""
    wb = load_workbook(io.BytesIO(data))
    keep = wb[title]
    # openpyxl saves a sheet's print areas sorted by column: keep the order they print in.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    areas = re.search(rf'<definedName name="_xlnm.Print_Area" localSheetId="{wb.sheetnames.index(title)}"'
                      r">([^<]*)<", workbook)
    for ws in list(wb.worksheets):
        if ws is not keep:
            wb.remove(ws)
    if areas and not phone:
        keep.print_area = None
        keep.defined_names.add(DefinedName("Print_Area", attr_text=html.unescape(areas.group(1))))
    if phone:
        keep.sheet_properties.pageSetUpPr.fitToPage = False
        keep.page_setup.scale = 100
        keep.page_setup.orientation = "portrait"
        keep.page_setup.paperSize = keep.PAPERSIZE_A3
        keep.print_title_rows = None
        keep.print_title_cols = None
        keep.col_breaks.brk = []
        keep.print_options.horizontalCentered = False
        keep.print_options.gridLines = True  # a phone shows the grid
        for side in ("left", "right", "top", "bottom", "header", "footer"):
            setattr(keep.page_margins, side, 0)
        keep.oddFooter.left.text = keep.oddFooter.right.text = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("render_xlsx: pdftoppm not found (apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for playbook, given, title, slug, keep, phone in VIEWS:
            data = compile_plan(playbook, given)
            for view in ("print", "phone") if phone else ("print",):
                xlsx = work / f"{slug}-{view}.xlsx"
                xlsx.write_bytes(only_sheet(data, title, view == "phone"))
                pdf = to_pdf(xlsx, work)
                if view == "print":
                    print(f"{playbook} {title}: {pages(pdf)} printed pages")
                for page in keep if view == "print" else [1]:
                    suffix = f"-{page}" if len(keep) > 1 and view == "print" else ""
                    target = HERE / f"xlsx-{slug}-{view}{suffix}"
                    args = ["pdftoppm", "-png", "-singlefile", "-f", str(page), "-l", str(page)]
                    if view == "phone":
                        scale = DPI / 96
                        args += ["-r", str(DPI), "-x", "0", "-y", "0",
                                 "-W", str(int(PHONE[0] * scale)), "-H", str(int(PHONE[1] * scale))]
                    else:
                        args += ["-r", "110"]
                    subprocess.run([*args, str(pdf), str(target)], check=True, timeout=120)
                    print(f"wrote {target.relative_to(ROOT)}.png")


if __name__ == "__main__":
    main()

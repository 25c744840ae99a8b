"""Render the XLSX writer's first two sheets to PNG, as LibreOffice prints and shows them.

    .venv/bin/python docs/render_xlsx.py            # writes docs/xlsx-*.png

Needs LibreOffice (`soffice`, Debian: libreoffice-calc-nogui) and `pdftoppm`
(poppler-utils). It compiles the built-in ju-huasuan playbook (double-11 when
ju-huasuan is missing) with --signup 2024-10-14 and writes, for 进程表 and 甘特图:

- docs/xlsx-<sheet>-print.png: the first printed page (A4 landscape, as set in the file);
- docs/xlsx-<sheet>-phone.png: the top-left 390 x 844 CSS pixels of the sheet at 100 %
  zoom, about what a phone shows when the file is opened from the chat group.

Run it again after changing src/promoplan/writers/xlsx_.py and look at the images.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from openpyxl import load_workbook  # type: ignore[import-untyped]  # noqa: E402

from promoplan import library  # noqa: E402
from promoplan.i18n import words_for  # noqa: E402
from promoplan.playbook import load  # noqa: E402
from promoplan.resolve import resolve  # noqa: E402
from promoplan.writers import WriterOptions, xlsx_  # noqa: E402

SHEETS = {0: "schedule", 1: "gantt"}
PHONE = (390, 844)  # CSS pixels of a common phone screen
DPI = 192  # 2x: 96 dpi is one CSS pixel per pixel


def compile_plan() -> bytes:
    name, given = ("ju-huasuan", {"signup": "2024-10-14"})
    if library.find(name) is None:
        name, given = ("double-11", {"event": "2024-11-11"})
    pb = load(name)
    plan = resolve(pb, given)
    data: bytes = xlsx_.render(plan, words_for(pb.locale, None), WriterOptions())
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


def only_sheet(data: bytes, index: int, phone: bool) -> bytes:
    """The workbook with one sheet left; for the phone view, printed unscaled from A1."""
    wb = load_workbook(io.BytesIO(data))
    keep = wb.worksheets[index]
    for ws in list(wb.worksheets):
        if ws is not keep:
            wb.remove(ws)
    if phone:
        keep.sheet_properties.pageSetUpPr.fitToPage = False
        keep.page_setup.scale = 100
        keep.page_setup.orientation = "portrait"
        keep.page_setup.paperSize = keep.PAPERSIZE_A3
        keep.print_title_rows = None
        keep.print_title_cols = None
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
    data = compile_plan()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for index, slug in SHEETS.items():
            for view in ("print", "phone"):
                xlsx = work / f"{slug}-{view}.xlsx"
                xlsx.write_bytes(only_sheet(data, index, view == "phone"))
                pdf = to_pdf(xlsx, work)
                target = HERE / f"xlsx-{slug}-{view}"
                args = ["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1"]
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

"""A workbook as LibreOffice opens it: run by the client tests with a Python that has UNO.

    python3 libreoffice_view.py SOFFICE PROFILE_URL PIPE_NAME BOOK.xlsx OUT.pdf

Starts LibreOffice headless on a named pipe (no network), opens the workbook hidden,
prints as JSON what its view shows of each visible sheet (frozen columns and rows, the
first rows' heights and columns' widths in 1/100 mm), prints the workbook to OUT.pdf
with the file's own print settings, and stops LibreOffice. `soffice --convert-to` cannot
tell frozen panes: a headless conversion has no view.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

_FIRST = 4  # rows and columns measured


def main() -> None:
    soffice, profile, pipe, book, pdf = sys.argv[1:6]
    office = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                               "--norestore", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # not listening yet
                time.sleep(0.1)
        else:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(book), "_blank", 0,
                                           (PropertyValue(Name="Hidden", Value=True),))
        view = doc.getCurrentController()
        shown = {}
        for sheet in doc.Sheets:
            if not sheet.IsVisible:
                continue
            view.setActiveSheet(sheet)
            shown[sheet.Name] = {
                "frozen": view.hasFrozenPanes(), "columns": view.getSplitColumn(),
                "rows": view.getSplitRow(),
                "heights": [sheet.Rows.getByIndex(i).Height for i in range(_FIRST)],
                "widths": [sheet.Columns.getByIndex(i).Width for i in range(_FIRST)]}
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (PropertyValue(Name="FilterName", Value="calc_pdf_Export"),))
        doc.close(True)
        print(json.dumps(shown, ensure_ascii=False))
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # the bridge goes down with LibreOffice
                desktop.terminate()
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()

"""`promoplan textconv`: a workbook as stable plain text, for `git diff` (see README)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli.guard import guarded


@guarded
def textconv_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        metavar="FILE", help="An XLSX written by promoplan.", show_default=False)],
) -> None:
    """Print an XLSX as stable plain text, for `git diff` (see README)."""
    from promoplan.workbooks import read_bounded
    from promoplan.writers import xlsx

    sys.stdout.write(xlsx.textconv(read_bounded(path, str(path)), str(path)))

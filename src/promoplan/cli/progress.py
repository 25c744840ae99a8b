"""`promoplan progress`: the 状态 column of a posted workbook, back into the plan file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli import terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, PromoplanError


@guarded
def progress_command(
    ctx: typer.Context,
    workbook: Annotated[Path, typer.Argument(
        metavar="PLAN.xlsx", help="The workbook compile wrote, with the 状态 column filled in.",
        show_default=False)],
    into: Annotated[Path, typer.Option(
        "--into", metavar="PLAN.yaml", help="The plan file to record the statuses in.",
        show_default=False)],
) -> None:
    """Record a workbook's 状态 column in the plan file.

    Reads the 状态 a teammate picked on the posted 进程表 and writes it into the plan
    file's progress: block, keeping the file's comments and order.
    """
    from promoplan import output
    from promoplan.playbook.assemble import load
    from promoplan.playbook.sources import read_disk
    from promoplan.playbook.yaml_reader import decode
    from promoplan.reports import progress
    from promoplan.schedule.resolve import resolve
    from promoplan.words import words_for

    shown = str(into)
    if not into.is_file():
        raise PromoplanError(f"--into {into}: no such plan file", COMMAND_LINE,
                             "give the plan file the workbook was compiled from")
    plan = resolve(load(shown))
    words = words_for(plan.locale, None)
    book = progress.read_workbook(workbook, str(workbook))
    raw = read_disk(into, shown)
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    new, changes = progress.update(decode(raw, shown), shown, plan, book, words)
    if not changes:
        terminal.say(f"{shown}: {words['progress.none']}")
        return
    progress.check(new, shown)
    output.write_all([(into, bom + new.encode("utf-8"))])
    for line in changes:
        terminal.say(line)
    terminal.say(f"wrote {into}")

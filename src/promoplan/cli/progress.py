"""`promoplan progress`: the 状态 column of a posted workbook, back into the plan file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli import guard, terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, PromoplanError, Say, raise_all


@guarded
def progress_command(
    ctx: typer.Context,
    workbook: Annotated[Path, typer.Argument(
        metavar="PLAN.xlsx", help="The workbook compile wrote, with the 状态 column filled in.",
        show_default=False)],
    into: Annotated[str, typer.Option(
        "--into", metavar="PLAN.yaml", help="The plan file to record the statuses in.",
        show_default=False)],
    strict: Annotated[bool, typer.Option(
        "--strict", help="Record nothing when a 状态 cell cannot be read (exit 2).")] = False,
) -> None:
    """Record a workbook's 状态 column in the plan file.

    Reads the 状态 a teammate picked or typed on the posted 进程表 (完成, √, 完成 12/1,
    进行中 50% …) and writes it into the plan file's progress: block, keeping the file's
    comments and order. A cell that cannot be read is reported with its task, and the
    rest is recorded; with --strict nothing is.
    """
    from promoplan import output
    from promoplan.playbook.assemble import load
    from promoplan.playbook.sources import read_disk
    from promoplan.playbook.yaml_reader import decode
    from promoplan.reports import progress
    from promoplan.schedule.resolve import resolve
    from promoplan.words import words_for

    path = Path(into)
    if not path.is_file():
        raise PromoplanError(Say("progress.no-plan-file", file=into), COMMAND_LINE,
                             Say("progress.how-plan-file"))
    plan = resolve(load(into))
    ctx.meta[guard.LANG_READ] = plan.locale  # the plan's own language, extends included
    words = words_for(plan.locale, None)
    book = progress.read_workbook(workbook, str(workbook), plan, into)
    if strict:
        raise_all(book.unread)
    raw = read_disk(path, into)
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    new, changes = progress.update(decode(raw, into), plan, book, words)
    if not changes:
        # Nothing recorded: a cell that could not be read is then the whole story.
        raise_all(book.unread)
        terminal.say(f"{into}: {words['progress.none']}")
        return
    progress.check(new, into)
    output.write_all([(path, bom + new.encode("utf-8"))])
    for err in book.unread:
        terminal.say(err.text(words))
    for line in changes:
        terminal.say(line)
    terminal.say(Say("progress.wrote", file=into).text(words))
    if book.unread:
        terminal.say(words.count("progress.skipped", len(book.unread)))

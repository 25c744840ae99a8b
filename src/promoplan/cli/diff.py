"""`promoplan diff`: what moved between two plans, as the team reads the sheet."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded


@guarded
def diff_command(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="Old plan: a path or git REV:path.", show_default=False)],
    new: Annotated[str, typer.Argument(
        metavar="NEW", help="New plan: a path or git REV:path.", show_default=False)],
    fmt: Annotated[options.DiffFormat, typer.Option("--format", help="How to show it.")]
    = options.DiffFormat.TABLE,
    anchor: options.Anchors = None,
    lang: options.LangOption = None,
) -> None:
    """Show what moved between two plans; exit 1 when they differ, like diff.

    Each side is a path or git REV:path. Every anchor of the playbooks is also an
    option and applies to both sides: --open "2024-11-03 10:00".
    """
    from promoplan.batch.plans import given_dates
    from promoplan.playbook.assemble import load
    from promoplan.reports import diff
    from promoplan.schedule.resolve import resolve

    args, typed = options.split([old, new], ctx.args, want=2,
                                usage="promoplan diff OLD NEW [--<anchor> DATE]...")
    books = [load(ref) for ref in args]
    known = {name: a for pb in books for name, a in pb.anchors.items()}
    given = given_dates(known, typed, anchor or [], [e for pb in books for e in pb.problems])
    plans = [resolve(pb, {k: v for k, v in given.items() if k in pb.anchors}) for pb in books]
    words = options.words(books[1].locale, lang)
    result = diff.compare(plans[0], plans[1], words, args[0], args[1])
    from promoplan.words import notices

    terminal.headline(notices.headline(plans, words), err=fmt == options.DiffFormat.JSON)
    if fmt == options.DiffFormat.TABLE:
        terminal.show(diff.renderable(result))
    else:
        sys.stdout.write(diff.render_md(result) if fmt == options.DiffFormat.MD else diff.render_json(result))
    if not result.same:
        raise typer.Exit(1)

"""`promoplan anchors`: each anchor's date and where it came from, to try dates before compiling."""

from __future__ import annotations

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded
from promoplan.vocabulary import AnchorSource


@guarded
def anchors_command(
    ctx: typer.Context,
    playbook: options.PlaybookArg,
    anchor: options.Anchors = None,
    lang: options.LangOption = None,
) -> None:
    """Show a playbook's anchors, their dates and where each date comes from.

    Every anchor is also an option, to try dates before compiling:
    promoplan anchors ju-huasuan --signup 2024-10-14 --open "2024-11-05 10:00".
    """
    from rich.table import Table

    from promoplan.batch.plans import given_dates
    from promoplan.playbook.assemble import load
    from promoplan.schedule.resolve import resolve

    args, typed = options.split([playbook], ctx.args, want=1,
                                usage="promoplan anchors PLAYBOOK [--<anchor> DATE]...")
    pb = load(args[0])
    given = given_dates(pb.anchors, typed, anchor or [], pb.problems)
    missing = [a for a in pb.anchors.values()
               if a.name not in given and a.spec.date is None and a.spec.default is None]
    plan = resolve(pb, given, placeholder=bool(missing))
    words = options.words(pb.locale, lang)
    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
    for key in ("anchor.option", "anchor.label", "anchor.date", "anchor.source"):
        table.add_column(words[key], no_wrap=key != "anchor.source")
    for item in plan.anchors:
        spec = pb.anchors[item.name].spec
        if item.source == AnchorSource.PLACEHOLDER:
            date = words["anchor.needs"].format(name=item.name)
        elif missing and item.source == AnchorSource.DEFAULT:
            date = "—"
        else:
            date = f"{item.when.day.isoformat()} {words.weekday(item.when.day)}" + (
                f" {words.clock(item.when.clock)}" if item.when.clock else "")
        source = words[f"anchor.{item.source}"].format(expr=spec.default)
        table.add_row(f"--{item.name}", item.label, date, source)
    terminal.show(table)

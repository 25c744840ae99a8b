"""`promoplan anchors`: each anchor's date and where it came from, to try dates before compiling."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded
from promoplan.vocabulary import AnchorSource, WarningKind

if TYPE_CHECKING:
    from promoplan.playbook.merged import Playbook
    from promoplan.words import Words


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
    from promoplan.words import notices

    args, typed = options.split([playbook], ctx.args, want=1,
                                usage="promoplan anchors PLAYBOOK [--<anchor> DATE]...")
    pb = load(args[0])
    given = given_dates(pb.anchors, typed, anchor or [], pb.problems)
    missing = [a for a in pb.anchors.values()
               if a.name not in given and a.spec.date is None and a.spec.default is None]
    plan = resolve(pb, given, placeholder=bool(missing))
    words = options.words(pb.locale, lang)
    terminal.headline(notices.headline([plan], words))
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
        source = words[f"anchor.{item.source}"].format(expr=_said(spec.default, pb, words))
        table.add_row(f"--{item.name}", item.label, date, source)
    terminal.show(table)
    # Trying dates is when a team can still move an anchor off a holiday (开团在元旦).
    for warning in plan.warnings:
        if warning.code is WarningKind.ANCHOR_ON_DAY_OFF:
            typer.echo(notices.text(plan, warning, words))


def _said(expr: str | None, pb: Playbook, words: Words) -> str:
    """An anchor's default as the team says it (竞拍后4天, 开团当天23:59), not as the
    playbook writes it (auction+4d, open@23:59); shifts of several signs or a month
    edge are left as written, with the anchor's label for its name."""
    from promoplan.schedule.offsets import OffsetError, parse_offset
    from promoplan.schedule.resolve import anchor_vocab

    if expr is None:
        return ""
    try:
        off = parse_offset(expr, anchor_vocab(pb))
    except OffsetError:
        return expr
    anchor = pb.anchors.get(off.ref.name)
    ref = anchor.label if anchor is not None and not off.ref.is_task else off.ref.name
    signs = {s.amount > 0 for s in off.shifts if s.amount}
    if off.month_edge is not None or len(signs) > 1:
        return expr.replace(off.ref.name, ref, 1)
    amounts = [s for s in off.shifts if s.amount]
    if not amounts:
        text = words["anchor.same_day"].format(ref=ref) if off.clock is not None else ref
    else:
        span = "".join(words.count(f"anchor.unit.{s.unit}", abs(s.amount)) for s in amounts)
        text = words["anchor.after" if signs == {True} else "anchor.before"].format(ref=ref, n=span)
    if off.clock is not None:
        text = words["anchor.at"].format(text=text, clock=words.clock(off.clock))
    return text

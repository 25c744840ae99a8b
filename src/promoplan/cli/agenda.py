"""`promoplan agenda`: what starts, is due or is overdue on a day or in a week."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded


@guarded
def agenda_command(
    ctx: typer.Context,
    plan_ref: options.PlanArg,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE", help="The day (YYYY-MM-DD); today by default.")] = None,
    week: Annotated[bool, typer.Option("--week", help="The whole week (Monday to Sunday).")] = False,
    owner: options.Owner = None,
    person: options.Person = None,
    fmt: Annotated[options.AgendaFormat, typer.Option(
        "--format", help="table, or md (pastes into DingTalk).")] = options.AgendaFormat.TABLE,
    anchor: options.Anchors = None,
    lang: options.LangOption = None,
) -> None:
    """What starts, is due or is overdue on a day or in a week, by time of day.

    Once the plan file records progress, every task past due and not done is
    listed as overdue. Every anchor of the playbook is also an option, for a
    playbook without dates: --signup 2024-10-14.
    """
    from promoplan.batch.plans import compile_one
    from promoplan.clock import now
    from promoplan.playbook.zones import zone
    from promoplan.reports import agenda
    from promoplan.schedule import filters

    args, typed = options.split([plan_ref], ctx.args, want=1,
                                usage="promoplan agenda PLAN [--on DATE | --week]")
    plan = compile_one(args[0], typed, anchor or [])
    words = options.words(plan.locale, lang)
    if owner is not None:
        plan = filters.only_owner(plan, owner)
    if person is not None:
        plan = filters.only_person(plan, person)
    day = options.day("--on", on) or now(zone(plan.timezone)).date()
    days = agenda.week_of(day) if week else [day]
    from promoplan.words import notices

    terminal.headline(notices.headline([plan], words))
    if fmt == options.AgendaFormat.MD:
        sys.stdout.write(agenda.render(plan, days, words, md=True))
    else:
        terminal.show(agenda.renderable(plan, days, words))

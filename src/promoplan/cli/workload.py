"""`promoplan load`: who has how much on which day, across plans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, PromoplanError, Say
from promoplan.vocabulary import By


@guarded
def load_command(
    ctx: typer.Context,
    plan_ref: Annotated[str, typer.Argument(
        metavar="PLAN", help="Plan files or folders of them (several allowed).",
        show_default=False)],
    by: Annotated[By, typer.Option("--by", help="Rows: people (from the teams) or roles.")] = By.PERSON,
    first: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First day shown.")] = None,
    last: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last day shown.")] = None,
    most: Annotated[int | None, typer.Option(
        "--max", metavar="N", min=0, help="Warn about days with more than N tasks due "
        "(a person's max_per_day wins).")] = None,
    fmt: Annotated[options.LoadFormat, typer.Option("--format", help="How to print it.")]
    = options.LoadFormat.TABLE,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write the load to FILE (.xlsx or .json).")] = None,
    team: Annotated[Path | None, typer.Option(
        "--team", metavar="FILE", help="Team file for every plan: role → people.")] = None,
    lang: options.LangOption = None,
    anchor: options.Anchors = None,
) -> None:
    """Per person (or role) and working day: tasks active and due, across plans.

    A task is active on the days its start..due span covers (the working days of
    its own plan, and its first and last day), due on its due day. Days with more
    tasks due than --max, or than a person's max_per_day in the team, are warned
    about on stderr; the exit code is then 1, like diff.
    """
    from promoplan import output as out
    from promoplan.batch.plans import Silent, compile_all, expand
    from promoplan.errors import ErrorGroup
    from promoplan.schedule import workload

    args, typed = options.split([plan_ref], ctx.args, want=1, more=True,
                                usage="promoplan load PLAN... [--by person|owner]")
    if output is not None and output.suffix.lower() not in (".xlsx", ".json"):
        raise PromoplanError(Say("outputs.unknown-format", path=output, suffix=output.suffix or output.name),
                             COMMAND_LINE, Say("commands.load-formats"))
    start, end = options.day("--from", first), options.day("--to", last)
    if start is not None and end is not None and start > end:
        raise PromoplanError(Say("commands.from-after-to", first=first, last=last), COMMAND_LINE)
    names, errors = expand(args)
    plans, found_errors = compile_all(names, typed, anchor or [], team, Silent())
    if errors or found_errors:
        raise ErrorGroup([*errors, *found_errors])
    words = options.words(plans[0][1].locale, lang)
    found = workload.compute([p for _, p in plans], by, first=start, last=end, limit=most)
    if by is By.PERSON and not found.rows:
        raise PromoplanError(Say("commands.load-no-team"), COMMAND_LINE, Say("commands.load-no-team.hint"))
    from promoplan.words import notices

    terminal.headline(notices.headline([p for _, p in plans], words),
                      err=output is not None or fmt == options.LoadFormat.JSON)
    if output is not None:
        if output.suffix.lower() == ".json":
            data = _json(workload.to_json(found))
        else:
            from promoplan.writers import workload_xlsx

            data = workload_xlsx.render(found, words)
        out.write_all([(output, data)])
        terminal.say(Say("commands.wrote", path=output).text(words))
    elif fmt == options.LoadFormat.JSON:
        terminal.write_stdout(_json(workload.to_json(found)))
    else:
        from promoplan.writers import workload_table

        terminal.show(workload_table.renderable(found, words))
    for over in found.over:
        terminal.say(workload.warning(over, words))
    if found.over:
        raise typer.Exit(1)


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

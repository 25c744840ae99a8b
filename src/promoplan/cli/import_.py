"""`promoplan import`: a team's own Excel or CSV 进程表 as a playbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, PromoplanError, Say
from promoplan.words import Words


@guarded
def import_command(
    ctx: typer.Context,
    table: Annotated[str, typer.Argument(
        metavar="TABLE", help="The team's 进程表: an .xlsx or .csv file.", show_default=False)],
    output: Annotated[Path, typer.Option(
        "-o", "--output", metavar="PLAYBOOK.yaml", help="The playbook to write.",
        show_default=False)],
    playbook: Annotated[str | None, typer.Option(
        "--playbook", metavar="NAME", help="Take the anchors (and calendar) of this playbook.")] = None,
    sheet: Annotated[str | None, typer.Option(
        "--sheet", metavar="NAME", help="The sheet with the table (XLSX).")] = None,
    name: Annotated[str | None, typer.Option(
        "--name", metavar="NAME", help="The playbook's name (default: from the file name).")] = None,
    label: Annotated[list[str] | None, typer.Option(
        "--label", metavar="NAME=WORD", help="The team's word for an anchor: --label signup=报名. "
        "Repeatable.")] = None,
    anchor: options.Anchors = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing playbook file.")] = False,
) -> None:
    """Turn a team's Excel or CSV 进程表 into a playbook.

    Dates in the table need the campaign's anchor dates (--signup 2024-10-14 or
    --anchor NAME=DATE) and become offsets from the nearest anchor.
    """
    from promoplan import output as out
    from promoplan.batch.plans import given_dates
    from promoplan.cli import guard
    from promoplan.playbook.assemble import load
    from promoplan.reports import table_import

    args, typed = options.split([table], ctx.args, want=1, usage="promoplan import TABLE "
                                "-o PLAYBOOK.yaml [--playbook NAME] [--<anchor> DATE]... [--force]")
    labels = options.pairs("--label", label or [], "e.g. --label signup=报名")
    source = load(playbook) if playbook is not None else None
    if source is not None:
        given = given_dates(source.anchors, typed, anchor or [])
    else:
        given = options.pairs("--anchor", anchor or [], "e.g. --anchor open=2024-11-01")
        for option, value in typed.items():
            if value is None:
                raise PromoplanError(Say("tables.option-needs-date", option=f"--{option}"), COMMAND_LINE,
                                     Say("tables.option-needs-date-fix", option=f"--{option}"))
            given[option.replace("-", "_")] = value
    slug = table_import.slug(name or output.stem) or table_import.slug(Path(args[0]).stem)
    if not slug:
        raise PromoplanError(Say("tables.no-playbook-name", stem=output.stem), COMMAND_LINE,
                             Say("tables.no-playbook-name-fix"))
    if output.exists() and not force:
        raise PromoplanError(Say("tables.output-exists", file=str(output)), COMMAND_LINE,
                             Say("tables.output-exists-fix"))
    grid = table_import.read_grid(Path(args[0]), args[0], sheet,
                                  lambda g: any(map(table_import.is_header, g.rows[:20])))
    # Messages in the language of the playbook written: --playbook's, else the table's.
    english = source.locale.startswith("en") if source is not None else table_import.sniff_english(grid)
    ctx.meta[guard.LANG_READ] = "en" if english else "zh"
    parsed = table_import.read_table(grid)
    if source is None:
        english = parsed.english
        ctx.meta[guard.LANG_READ] = "en" if english else "zh"
    anchors = table_import.campaign_anchors(source, given, labels)
    tasks = table_import.convert(parsed, anchors)
    text = table_import.render(parsed, tasks, anchors,
                               table_import.Options(name=slug, file_name=str(output), source=source))
    table_import.round_trip(text, output.name, tasks, anchors, parsed.team)
    out.write_all([(output, text.encode("utf-8"))])
    words = Words("en" if english else "zh")
    where = words["tables.wrote-sheet"].format(sheet=grid.sheet) if grid.sheet else ""
    terminal.say(words["tables.wrote"].format(file=output, count=words.count("tables.tasks", len(tasks)),
                                              table=args[0], sheet=where))

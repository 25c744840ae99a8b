"""`promoplan compile`: one plan, several, or a folder of them, to the terminal or to files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded, words_of
from promoplan.errors import Say
from promoplan.vocabulary import By, Format, GroupBy, WarningKind

if TYPE_CHECKING:
    from promoplan.batch import Outcome

USAGE = "promoplan compile PLAYBOOK [--<anchor> DATE]... [-o FILE]..."


@guarded
def compile_command(
    ctx: typer.Context,
    playbook: options.PlaybookArg,
    output: Annotated[list[Path] | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE; the extension picks the format "
        "(.xlsx .ics .json .csv .md). Repeatable.")] = None,
    fmt: Annotated[options.CompileFormat | None, typer.Option(
        "--format", help="What to print when no -o is given.")] = None,
    owner: options.Owner = None,
    person: options.Person = None,
    team: options.Team = None,
    lang: options.LangOption = None,
    anchor: options.Anchors = None,
    remind: Annotated[str | None, typer.Option(
        "--remind", metavar="WHEN",
        help="Calendar reminder for every task: 15min, 1h, 1d@09:00 or none.")] = None,
    split_by: Annotated[By | None, typer.Option(
        "--split-by", help="One calendar per role or person; -o names a folder.")] = None,
    group_by: Annotated[GroupBy, typer.Option(
        "--group-by", help="XLSX rows grouped by section or phase.")] = GroupBy.SECTION,
    xlsx_by_owner: Annotated[bool, typer.Option(
        "--xlsx-by-owner", help="XLSX: add a sheet per owner role.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="With -o: do not sum up the plan's warnings on stderr.")] = False,
    invite: Annotated[bool, typer.Option(
        "--invite", help="Invitations from the team's organizer instead of a published calendar: "
        "-o names a folder, one iTIP request per event.")] = False,
    campaign: Annotated[str | None, typer.Option(
        "--campaign", metavar="KEY", help="This run's campaign key (calendar UIDs, {campaign}), "
        "instead of the file's campaign: or the playbook and first date.")] = None,
    drop_cancelled: Annotated[bool, typer.Option(
        "--drop-cancelled", help="ICS: leave out the cancelled events kept from the file "
        "being replaced.")] = False,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going", help="Several plans: write the valid ones despite errors in "
        "others (exit code 2).")] = False,
) -> None:
    """Compile a playbook into a dated plan: a table, or files with -o.

    Every anchor the playbook declares is also an option: --signup 2024-10-14,
    --open "2024-11-01 10:00" (see: promoplan anchors PLAYBOOK). With -o, the
    plan's warnings are summed up on stderr after the files written; --quiet
    leaves them out.

    Several plans, or a folder of them, compile in one run: -o 'out/{campaign}.xlsx'
    names each plan's file ({campaign}, {name}, {stem}); nothing is written unless
    every plan is valid. With --split-by person and a plain folder, each person gets
    one calendar holding every campaign they work on.
    """
    from promoplan import batch
    from promoplan.cli.progressbar import Steps
    from promoplan.errors import ErrorGroup
    from promoplan.output import write_all
    from promoplan.writers import WriterOptions

    refs, typed = options.split([playbook], ctx.args, want=1, more=True, usage=USAGE)
    request = batch.Request(
        refs=refs, typed=typed, pairs=anchor or [], team=team, lang=lang, owner=owner,
        person=person, reminder=options.reminder(remind), outputs=output or [],
        fmt=None if fmt is None else Format(fmt),
        split_by=split_by, keep_going=keep_going, campaign=campaign,
        writer=WriterOptions(group_by=group_by, by_owner=xlsx_by_owner, invite=invite,
                             drop_cancelled=drop_cancelled))
    said = words_of(ctx)
    with Steps(1, words=said) as progress:
        outcome = batch.run(request, progress)
        write_all(outcome.files, outcome.folders)
    if outcome.table:
        for compiled in outcome.plans:
            terminal.plan_table(compiled.plan, compiled.words)
    if outcome.stdout is not None:
        terminal.write_stdout(outcome.stdout, text=fmt == options.CompileFormat.MD)
    for path, _ in outcome.files:
        terminal.say(Say("commands.wrote", path=path).text(said))
    if not quiet:
        _warnings(outcome)
    if outcome.errors:
        raise ErrorGroup(outcome.errors)


def _warnings(outcome: Outcome) -> None:
    """After `wrote …`: each plan's warnings, one line per kind; with several plans, the
    people over their `max_per_day`."""
    from promoplan.schedule import workload
    from promoplan.words import notices

    if outcome.files or outcome.notes:
        for compiled in outcome.plans:
            lines = notices.summary(compiled.plan, compiled.words)
            lines += [compiled.words["notice.summary"] + note
                      for ref, note in outcome.notes if ref == compiled.ref]
            if outcome.several:
                lines = [compiled.words["commands.of-file"].format(ref=compiled.ref, text=line)
                         for line in lines]
            important = any(w.code == WarningKind.SCHEDULE_UNPUBLISHED for w in compiled.plan.warnings)
            terminal.notices(lines, important)
    if outcome.several and outcome.plans:
        found = workload.compute([c.plan for c in outcome.plans], "person")
        for over in found.over:
            terminal.say(workload.warning(over, outcome.plans[0].words))

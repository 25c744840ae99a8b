"""The command line: thin commands over load → resolve → write.

Every anchor a playbook declares is an option (`--signup 2024-10-14`), which a
static parser cannot know in advance: the commands take unknown options as
extra arguments and read them once the playbook is loaded. Errors of ours are
printed here, and only here, as `file:line:col: message`, with exit code 2.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from promoplan.errors import COMMAND_LINE, PromoplanError, did_you_mean, raise_all

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from promoplan.cli.progressbar import Steps
    from promoplan.schedule.offsets import Reminder
    from promoplan.schedule.plan import Plan
    from promoplan.words import Words
    from promoplan.writers import WriterOptions

app = typer.Typer(
    name="promoplan",
    help="Compile promotion playbooks (聚划算, 双十一 …) into dated team schedules.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_EXTRA = {"allow_extra_args": True, "ignore_unknown_options": True}
_state = {"debug": False}


# Options several commands share, declared once.
PlaybookArg = Annotated[str, typer.Argument(
    metavar="PLAYBOOK", help="Playbook or plan file, or a built-in name.", show_default=False)]
Owner = Annotated[str | None, typer.Option("--owner", metavar="ROLE", help="Only tasks of this role.")]
Person = Annotated[str | None, typer.Option("--person", metavar="NAME", help="Only tasks of this person.")]
Lang = Annotated[str | None, typer.Option(
    "--lang", metavar="zh|en", help="Language of what is printed: zh or en (default: the playbook's).")]
Anchors = Annotated[list[str] | None, typer.Option(
    "--anchor", metavar="NAME=DATE", help="An anchor date as NAME=DATE. Repeatable.")]


def _version(value: bool) -> None:
    if value:
        from promoplan import __version__

        typer.echo(f"promoplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show tracebacks (for developers); accepted anywhere on the line.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version.")] = False,
) -> None:
    _state["debug"] = debug


def _split(positional: list[str], extra: list[str], *, want: int, usage: str,
           more: bool = False) -> tuple[list[str], dict[str, str | None]]:
    """Positional arguments and `--<anchor> DATE` pairs, in the order they were typed.

    Click hands us the positionals it took plus everything it did not know, in
    order; gluing them back together recovers the command line as written.
    An option with no value is kept as None: whether that is a missing date or
    an unknown flag is known only once the playbook is loaded.
    """
    tokens = [*positional, *extra]
    args: list[str] = []
    options: dict[str, str | None] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "--":
            args += tokens[i + 1:]
            break
        if tok.startswith("--") and len(tok) > 2:
            name, eq, value = tok[2:].partition("=")
            given: str | None = value
            if not eq:
                has_value = i + 1 < len(tokens) and not tokens[i + 1].startswith("--")
                given = tokens[i + 1] if has_value else None
                i += 1 if has_value else 0
            if name in options:
                raise PromoplanError(f"--{name} given twice", COMMAND_LINE, "keep one of them")
            options[name] = given
        elif tok.startswith("-") and len(tok) > 1 and not tok[1].isdigit():
            raise PromoplanError(f"unknown option '{tok}'", COMMAND_LINE, f"usage: {usage}")
        else:
            args.append(tok)
        i += 1
    # `more`: want or more positionals (plans), but a date there is a forgotten --<anchor>
    unexpected = [a for a in args[want:] if not more or _DATE_LIKE.match(a)]
    if len(args) < want or unexpected:
        what = "missing" if len(args) < want else f"unexpected argument '{unexpected[0]}' in"
        raise PromoplanError(f"{what} arguments", COMMAND_LINE, f"usage: {usage}")
    return args, options


_DATE_LIKE = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")


def _given(pb_anchors: Mapping[str, object], options: dict[str, str | None],
           pairs: list[str], problems: Sequence[PromoplanError] = ()) -> dict[str, str]:
    """`--<anchor>` options and `--anchor NAME=DATE` pairs, checked against the playbook.

    A mistake here is reported with the playbooks' own `problems`, which resolving would
    otherwise report: one run lists them all.
    """
    given: dict[str, str] = {}
    errors: list[PromoplanError] = []
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq:
            errors.append(PromoplanError(f"--anchor {pair}: expected NAME=DATE", COMMAND_LINE,
                                         "e.g. --anchor open=2024-11-01"))
        given[name.strip()] = value
    for option, typed in options.items():
        name = option if option in pb_anchors else option.replace("-", "_")
        if name not in pb_anchors:
            if not pb_anchors:
                continue  # the playbook's own error (no anchors) says it all
            hint = did_you_mean(option, pb_anchors)
            errors.append(PromoplanError(
                f"unknown option '--{option}'", COMMAND_LINE,
                f"did you mean '--{hint.split(chr(39))[1]}'?" if hint
                else "this playbook's anchors: " + ", ".join(f"--{a}" for a in pb_anchors)))
        elif typed is None:
            errors.append(PromoplanError(f"--{option} needs a date", COMMAND_LINE,
                                         f"write --{option} YYYY-MM-DD"))
        else:
            given[name] = typed
    if errors:
        raise_all([*problems, *errors])
    return given


def _words(plan_locale: str, lang: str | None) -> Words:
    from promoplan.words import words_for

    if lang is not None and lang not in ("zh", "en"):
        raise PromoplanError(f"--lang {lang}: expected zh or en", COMMAND_LINE)
    return words_for(plan_locale, lang)


@app.command(context_settings=_EXTRA)
def compile(
    ctx: typer.Context,
    playbook: PlaybookArg,
    output: Annotated[list[Path] | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE; the extension picks the format "
        "(.xlsx .ics .json .csv .md). Repeatable.")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", metavar="FORMAT",
        help="What to print when no -o is given: table, json, csv or md.")] = None,
    owner: Owner = None,
    person: Person = None,
    team: Annotated[Path | None, typer.Option(
        "--team", metavar="FILE", help="Team file: role → people.")] = None,
    lang: Lang = None,
    anchor: Anchors = None,
    remind: Annotated[str | None, typer.Option(
        "--remind", metavar="WHEN",
        help="Calendar reminder for every task: 15min, 1h, 1d@09:00 or none.")] = None,
    split_by: Annotated[str | None, typer.Option(
        "--split-by", metavar="owner|person",
        help="One calendar per role or person; -o names a folder.")] = None,
    group_by: Annotated[str, typer.Option(
        "--group-by", metavar="section|phase", help="XLSX rows grouped by section or phase.")] = "section",
    xlsx_by_owner: Annotated[bool, typer.Option(
        "--xlsx-by-owner", help="XLSX: add a sheet per owner role.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="With -o: do not sum up the plan's warnings on stderr.")] = False,
    invite: Annotated[bool, typer.Option(
        "--invite", help="ICS: invitations from the team's organizer (METHOD:REQUEST) "
        "instead of a published calendar.")] = False,
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
    def run() -> None:
        from promoplan import output as out
        from promoplan import writers
        from promoplan.cli.progressbar import Steps
        from promoplan.schedule import filters as select

        args, options = _split([playbook], ctx.args, want=1, more=True, usage="promoplan compile "
                               "PLAYBOOK [--<anchor> DATE]... [-o FILE]...")
        _choice("--format", fmt, writers.STDOUT_FORMATS)
        _choice("--split-by", split_by, ("owner", "person"))
        _choice("--group-by", group_by, ("section", "phase"))
        if len(args) > 1 or Path(args[0]).is_dir() or any("{" in str(p) for p in output or []):
            opts = writers.WriterOptions(group_by=group_by, by_owner=xlsx_by_owner, invite=invite,
                                         drop_cancelled=drop_cancelled)
            many = _Many(args, options, anchor or [], team, lang, owner, person, _reminder(remind),
                         output or [], fmt, split_by, opts, quiet, keep_going)
            _compile_many(many)
            return
        if split_by is None:
            targets = [(path, writers.format_for(path)) for path in output or []]
        elif not output:
            raise PromoplanError("--split-by needs -o FOLDER/", COMMAND_LINE)
        else:
            _folders(output, split_by)
        reminder = _reminder(remind)
        steps = 2 + (len(output or []) if split_by is None else 1) + (not output or fmt is not None)
        with Steps(steps) as progress:
            plan, words = _compile(args[0], options, anchor or [], team, lang, progress)
            if owner is not None:
                plan = select.only_owner(plan, owner)
            if person is not None:
                plan = select.only_person(plan, person)
            if reminder is not None:
                plan = select.remind_all(plan, reminder)
            opts = writers.WriterOptions(group_by=group_by, by_owner=xlsx_by_owner, invite=invite,
                                         drop_cancelled=drop_cancelled)
            rendered = []
            if split_by is not None:
                parts = select.split(plan, split_by)
                progress.steps += len(parts) * len(output or []) - 1
                for folder in output or []:
                    for key, part in parts:
                        path = folder / f"{_file_name(key)}.ics"
                        progress.step(f"writing {path}")
                        options_ = _replacing(path, opts, f"{plan.title} · {key}")
                        rendered.append((path, writers.render(part, "ics", words, options_)))
                for folder in output or []:
                    folder.mkdir(parents=True, exist_ok=True)
            else:
                for path, kind in targets:
                    progress.step(f"writing {path}")
                    rendered.append((path, writers.render(plan, kind, words, _replacing(path, opts))))
            out.write_all(rendered)
            printing = not rendered or fmt is not None
            if printing and (fmt or "table") != "table":
                progress.step("printing")
                data = writers.render(plan, fmt or "table", words)
        if printing:
            if (fmt or "table") == "table":
                _print_table(plan, words)
            else:
                _write_stdout(data)
        for path, _ in rendered:
            typer.echo(f"wrote {path}", err=True)
        if rendered and not quiet:
            _print_notices(plan, words)

    _guard(run)


def _folders(output: list[Path], split_by: str) -> None:
    """--split-by writes one calendar per role or person into each -o, which must be a folder."""
    from promoplan.writers import BY_EXTENSION

    for path in output:
        if path.suffix.lower() in BY_EXTENSION or path.is_file():
            raise PromoplanError(
                f"--split-by {split_by} writes one calendar per {'role' if split_by == 'owner' else split_by}"
                f" into a folder, and -o {path} is a file", COMMAND_LINE,
                f"give a folder, e.g. -o {path.with_suffix('')}/")


def _print_notices(plan: Plan, words: Words) -> None:
    """After `wrote …`: one line per kind of warning, the unpublished holiday schedule first.

    On a terminal rich draws them (the holiday schedule in bold red); in a pipe they are
    plain lines and rich is not even imported.
    """
    from promoplan.words import notices

    lines = notices.summary(plan, words)
    if not lines:
        return
    if not sys.stderr.isatty():
        for line in lines:
            typer.echo(line, err=True)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=True, highlight=False)
    first = any(w.code == "schedule-unpublished" for w in plan.warnings)
    for n, line in enumerate(lines):
        console.print(Text(line, "bold red" if first and n == 0 else "yellow"))


def _replacing(path: Path, options: WriterOptions, name: str | None = None) -> WriterOptions:
    """A calendar rewritten in place learns what it replaces, so moved events update in apps."""
    if path.suffix.lower() != ".ics":
        return options
    try:
        previous = path.read_bytes() if path.is_file() else None
    except OSError:
        previous = None
    return replace(options, previous=previous, calendar_name=name)


def _choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise PromoplanError(f"{option} {value}: expected one of {', '.join(allowed)}", COMMAND_LINE,
                             did_you_mean(value, allowed))


def _reminder(text: str | None) -> Reminder | None:
    from promoplan.schedule.offsets import OffsetError, parse_remind

    if text is None:
        return None
    try:
        return parse_remind(text)
    except OffsetError as exc:
        raise PromoplanError(f"--remind: {exc.message}", COMMAND_LINE, exc.hint) from None


def _file_name(key: str) -> str:
    """A role or person as a file name: keep the Chinese, drop what file systems refuse."""
    return "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in key).strip(". ") or "_"


def _compile(ref: str, options: dict[str, str | None], pairs: list[str], team: Path | None,
             lang: str | None, progress: Steps | None = None) -> tuple[Plan, Words]:
    from promoplan.playbook.assemble import add_team, load, load_team
    from promoplan.schedule.resolve import resolve

    if progress is not None:
        progress.step(f"reading {ref}")
    pb = load(ref)
    given = _given(pb.anchors, options, pairs, pb.problems)
    if team is not None:
        add_team(pb, *load_team(team, str(team)))
    words = _words(pb.locale, lang)
    if progress is not None:
        progress.step(f"resolving {len(pb.tasks):,} tasks")
    return resolve(pb, given), words


# ------------------------------------------------------------------ several plans (issue 19)

@dataclass(frozen=True)
class _Many:
    """What `compile` was asked to do with several plans (or a folder, or -o templates)."""

    refs: list[str]
    options: dict[str, str | None]
    pairs: list[str]
    team: Path | None
    lang: str | None
    owner: str | None
    person: str | None
    reminder: Reminder | None
    output: list[Path]
    fmt: str | None
    split_by: str | None
    opts: WriterOptions
    quiet: bool
    keep_going: bool


def _plans(refs: list[str], options: dict[str, str | None], pairs: list[str], team: Path | None,
           progress: Steps | None = None,
           ) -> tuple[list[str], list[tuple[str, Plan]], list[PromoplanError]]:
    """Every plan named (a folder: its plan files), resolved; the errors of all of them.

    Anchor options apply to every plan that declares that anchor; the team file to
    every plan. Returns the plans' names as given, the plans that resolved, the errors.
    """
    from promoplan import batch
    from promoplan.playbook.assemble import add_team, load, load_team
    from promoplan.schedule.resolve import resolve

    names: list[str] = []
    errors: list[PromoplanError] = []
    for ref in refs:
        if Path(ref).is_dir():
            found = batch.plan_files(Path(ref))
            if not found:
                errors.append(PromoplanError(f"{ref}: no plan files in this folder", COMMAND_LINE,
                                             "a plan file is a .yaml or .yml with extends: or tasks:"))
            names += [str(p) for p in found]
        else:
            names.append(ref)
    names = list(dict.fromkeys(names))
    team_file = load_team(team, str(team)) if team is not None else None
    if progress is not None:
        progress.steps = 2 * len(names)
    books = []
    for ref in names:
        if progress is not None:
            progress.step(f"reading {ref}")
        try:
            books.append((ref, load(ref)))
        except PromoplanError as exc:
            errors.extend(exc.errors)
    known = {name: a for _, pb in books for name, a in pb.anchors.items()}
    given = _given(known, options, pairs) if books else {}
    plans = []
    for ref, pb in books:
        try:
            if team_file is not None:
                add_team(pb, *team_file)
            plans.append((ref, resolve(pb, {k: v for k, v in given.items() if k in pb.anchors})))
        except PromoplanError as exc:
            errors.extend(exc.errors)
    return names, plans, errors


def _narrowed(plans: list[tuple[str, Plan]], many: _Many) -> list[tuple[str, Plan]]:
    """--owner, --person and --remind on every plan; a plan that lacks the role or person
    keeps no task, and it is an error only when no plan has them."""
    from promoplan.schedule import filters as select

    out = []
    for value, narrow in ((many.owner, select.only_owner), (many.person, select.only_person)):
        if value is None:
            continue
        kept, first_error = [], None
        for ref, plan in plans:
            try:
                kept.append((ref, narrow(plan, value)))
            except PromoplanError as exc:
                first_error = first_error or exc
                kept.append((ref, replace(plan, tasks=[])))
        if first_error is not None and all(not p.tasks for _, p in kept):
            raise first_error
        plans = kept
    for ref, plan in plans:
        out.append((ref, plan if many.reminder is None else select.remind_all(plan, many.reminder)))
    return out


def _compile_many(many: _Many) -> None:
    """`compile` for several plans: all rendered first, then written all or nothing."""
    from promoplan import batch, writers
    from promoplan.cli.progressbar import Steps

    for template in many.output:
        batch.placeholders(str(template))
        if many.split_by is None:
            writers.format_for(template)
    if many.split_by is not None:
        if not many.output:
            raise PromoplanError("--split-by needs -o FOLDER/", COMMAND_LINE)
        _folders(many.output, many.split_by)
    from promoplan.errors import ErrorGroup
    from promoplan.words import notices

    with Steps(1) as progress:
        several, rendered, good, words, errors = _compile_all(many, progress)
    if not many.output:
        for ref, plan in good:
            _print_table(plan, words[ref])
    for path, _ in rendered:
        typer.echo(f"wrote {path}", err=True)
    if not many.quiet:
        for ref, plan in good:
            for line in notices.summary(plan, words[ref]):
                typer.echo(f"{ref}: {line}", err=True)
        if several and good:
            _overloads([p for _, p in good], "person", None, words[good[0][0]])
    if errors:
        raise ErrorGroup(errors)


def _compile_all(many: _Many, progress: Steps) -> tuple[
        bool, list[tuple[Path, bytes]], list[tuple[str, Plan]], dict[str, Words], list[PromoplanError]]:
    """Read, resolve and render every plan, then write the files; what to print is returned,
    to be printed once the progress bar is gone."""
    from promoplan import batch, writers
    from promoplan import output as out
    from promoplan.errors import ErrorGroup
    from promoplan.schedule import filters as select

    names, plans, errors = _plans(many.refs, many.options, many.pairs, many.team, progress)
    if errors and not many.keep_going:
        raise ErrorGroup(errors)
    several = len(names) > 1
    for template in many.output:
        combined = many.split_by is not None and not batch.placeholders(str(template))
        if several and not combined and not batch.placeholders(str(template)):
            raise batch.several_need_placeholder(str(template))
    if several and not many.output and (many.fmt or "table") != "table":
        raise PromoplanError(f"--format {many.fmt} prints one plan, and {len(names)} are given",
                             COMMAND_LINE, f"write a file per plan: -o 'out/{{campaign}}.{many.fmt}'")
    plans = _narrowed(plans, many)
    words = {ref: _words(plan.locale, many.lang) for ref, plan in plans}

    rendered: list[tuple[Path, bytes]] = []
    folders: list[Path] = []
    good: list[tuple[str, Plan]] = []
    for template in many.output:
        if many.split_by is not None and not batch.placeholders(str(template)):
            continue
        paths = [(ref, batch.expand(str(template), _values(ref, plan))) for ref, plan in plans]
        batch.distinct(str(template), paths)
    for ref, plan in plans:
        progress.step(f"writing {ref}")
        try:
            mine = []
            for template in many.output:
                if not batch.placeholders(str(template)):
                    continue
                path = Path(batch.expand(str(template), _values(ref, plan)))
                if many.split_by is None:
                    mine.append((path, writers.render(plan, writers.format_for(path), words[ref],
                                                      _replacing(path, many.opts))))
                    continue
                folders.append(path)
                for key, part in select.split(plan, many.split_by):
                    file = path / f"{_file_name(key)}.ics"
                    mine.append((file, writers.render(part, "ics", words[ref], _replacing(
                        file, many.opts, f"{plan.title} · {key}"))))
        except PromoplanError as exc:
            errors.extend(exc.errors)
            continue
        rendered += mine
        good.append((ref, plan))
    if many.split_by is not None:
        rendered += _season_calendars(good, many, words, folders)
    if errors and not many.keep_going:
        raise ErrorGroup(errors)
    # A template lays out its files (out/{campaign}.xlsx): its folders are made, as --split-by's are.
    for folder in [*folders, *(path.parent for path, _ in rendered)]:
        folder.mkdir(parents=True, exist_ok=True)
    out.write_all(rendered)
    return several, rendered, good, words, errors


def _values(ref: str, plan: Plan) -> dict[str, str]:
    stem = Path(ref).stem if Path(ref).suffix.lower() in (".yaml", ".yml") else ref
    return {"campaign": _file_name(plan.campaign or plan.playbook),
            "name": _file_name(plan.playbook), "stem": _file_name(stem)}


def _season_calendars(plans: list[tuple[str, Plan]], many: _Many, words: dict[str, Words],
                      folders: list[Path]) -> list[tuple[Path, bytes]]:
    """--split-by into a plain folder: one calendar per person (or role) for the season."""
    from promoplan import batch, writers
    from promoplan.schedule import filters as select
    from promoplan.writers.ics import season as season_ics

    parts: dict[str, list[tuple[str, Plan]]] = {}
    for ref, plan in plans:
        if many.split_by == "person" and not select.people(plan):
            continue  # no team in this plan: nobody to give its events to
        for key, part in select.split(plan, many.split_by or "person"):
            parts.setdefault(key, []).append((ref, part))
    if plans and not parts:
        raise PromoplanError(f"--split-by {many.split_by}: no plan has a team", COMMAND_LINE,
                             "add a team: role → people in the plan files or --team")
    out = []
    for folder in many.output:
        if batch.placeholders(str(folder)):
            continue
        folders.append(folder)
        for key, found in parts.items():
            path = folder / f"{_file_name(key)}.ics"
            first_words = words[found[0][0]]
            name = season_ics.calendar_name(key, len(found), first_words)
            opts = _replacing(path, many.opts, name)
            opts = replace(opts, previous=season_ics.unlabelled(opts.previous, [p for _, p in found]))
            made = [(part, writers.render(part, "ics", words[ref], opts)) for ref, part in found]
            out.append((path, season_ics.join(made, name)))
    return out


def _overloads(plans: list[Plan], by: str, limit: int | None, words: Words, *,
               first: date | None = None, last: date | None = None) -> bool:
    """The days over a limit, one warning line each on stderr; whether there was any."""
    from promoplan.schedule import workload as season

    found = season.compute(plans, by, first=first, last=last, limit=limit)
    for over in found.over:
        typer.echo(season.warning(over, words), err=True)
    return bool(found.over)


def _write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _console() -> Console:
    """stdout as rich sees it: styles on a terminal, plain text (and NO_COLOR) otherwise."""
    from rich.console import Console

    return Console(highlight=False)


def _print_table(plan: Plan, words: Words) -> None:
    from promoplan.clock import now
    from promoplan.playbook.assemble import zone
    from promoplan.writers import table

    console = _console()
    today = now(zone(plan.timezone)).date()
    _show(table.renderable(plan, words, today=today, width=console.width), console)


def _show(what: RenderableType, console: Console | None = None) -> None:
    """Print a rich renderable: styled on a terminal, plain lines without trailing blanks otherwise."""
    from promoplan.writers.table import plain

    console = console or _console()
    if console.is_terminal:
        console.print(what)
    else:
        sys.stdout.write(plain(console, what))


@app.command(context_settings=_EXTRA, short_help="Show a playbook's anchors and their dates.")
def anchors(
    ctx: typer.Context,
    playbook: PlaybookArg,
    anchor: Anchors = None,
    lang: Lang = None,
) -> None:
    """Show a playbook's anchors, their dates and where each date comes from.

    Every anchor is also an option, to try dates before compiling:
    promoplan anchors ju-huasuan --signup 2024-10-14 --open "2024-11-05 10:00".
    """
    def run() -> None:
        from rich.table import Table

        from promoplan.playbook.assemble import load
        from promoplan.schedule.resolve import resolve

        args, options = _split([playbook], ctx.args, want=1,
                               usage="promoplan anchors PLAYBOOK [--<anchor> DATE]...")
        pb = load(args[0])
        given = _given(pb.anchors, options, anchor or [], pb.problems)
        missing = [a for a in pb.anchors.values()
                   if a.name not in given and a.spec.date is None and a.spec.default is None]
        plan = resolve(pb, given, placeholder=bool(missing))
        words = _words(pb.locale, lang)
        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
        for key in ("anchor.option", "anchor.label", "anchor.date", "anchor.source"):
            table.add_column(words[key], no_wrap=key != "anchor.source")
        for item in plan.anchors:
            spec = pb.anchors[item.name].spec
            if item.source == "placeholder":
                date = words["anchor.needs"].format(name=item.name)
            elif missing and item.source == "default":
                date = "—"
            else:
                when = item.when
                date = f"{when.day.isoformat()} {words.weekday(when.day)}" + (
                    f" {words.clock(when.clock)}" if when.clock else "")
            source = words[f"anchor.{item.source}"].format(expr=spec.default)
            table.add_row(f"--{item.name}", item.label, date, source)
        _show(table)

    _guard(run)


@app.command(short_help="Check playbooks without dates: errors and warnings.")
def validate(
    playbooks: Annotated[list[str], typer.Argument(
        metavar="PLAYBOOK...", help="Playbook or plan files, or built-in names.", show_default=False)],
    lang: Lang = None,
) -> None:
    """Check playbooks without dates: schema, offsets, references, cycles, warnings.

    Anchors without a date in the file get a placeholder, so the warnings shown are
    those that hold whatever the dates: a task that ends before it starts, anchors
    out of order, a wrong phase, work at night. Every error of every file is
    printed. Exit code 0 when all files are valid (warnings or not), 2 otherwise.
    """
    def run() -> None:
        from promoplan.errors import ErrorGroup
        from promoplan.playbook.assemble import load
        from promoplan.schedule.resolve import PLACEHOLDER_DAY, resolve
        from promoplan.words import notices

        errors: list[PromoplanError] = []
        for ref in playbooks:
            try:
                pb = load(ref)
                plan = resolve(pb, placeholder=True)
            except PromoplanError as exc:
                errors.extend(exc.errors)
                continue
            words = _words(pb.locale, lang)
            placeholder = PLACEHOLDER_DAY.isoformat()
            found = [w for w in notices.ordered(plan) if w.code in notices.DATE_FREE
                     and placeholder not in (w.facts.get("late_day"), w.facts.get("early_day"))]
            dated = all(a.source != "placeholder" for a in plan.anchors)
            counts = f"{_plural(len(plan.tasks), 'task')}, {_plural(len(plan.anchors), 'anchor')}"
            warned = f", {_plural(len(found), 'warning')}" if found else ""
            typer.echo(f"{ref}: ok ({counts}){warned}")
            for warning in found:
                typer.echo(f"{ref}: {notices.text(plan, warning, words, dates=dated)}")
        if errors:
            raise ErrorGroup(errors)

    _guard(run)


def _plural(n: int, noun: str) -> str:
    """`1 task`, `2 tasks`: the command's own messages are English."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@app.command("list")
def list_() -> None:
    """List the built-in playbooks."""
    def run() -> None:
        from promoplan.playbook import library
        from promoplan.playbook.assemble import load

        for name in library.names():
            pb = load(name)
            about = pb.title + (f" — {pb.description}" if pb.description else "")
            typer.echo(f"{name:<20} {about}")

    _guard(run)


@app.command()
def init(
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="A built-in playbook to start from.", show_default=False)],
    dest: Annotated[Path | None, typer.Argument(
        metavar="[DEST]", help="File or folder to write (default ./NAME.yaml).", show_default=False)] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Copy the whole playbook to edit, instead of a plan file that extends it.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Start a plan file that extends a built-in playbook.

    The file holds its anchors to date, the team and the team's own changes; with --full,
    the whole playbook is copied instead.
    """
    def run() -> None:
        from promoplan import output as out
        from promoplan.playbook import library

        entry = library.find(name)
        if entry is None:
            names = library.names()
            raise PromoplanError(f"no built-in playbook named '{name}'", COMMAND_LINE,
                                 did_you_mean(name, names) or f"built-in: {', '.join(names)}")
        target = dest or Path(f"{name}.yaml")
        if target.is_dir():
            target = target / f"{name}.yaml"
        if target.exists() and not force:
            raise PromoplanError(f"{target} already exists", COMMAND_LINE,
                                 "pass --force to overwrite it")
        if full:
            out.write_all([(target, entry.read_bytes())])
            typer.echo(f"wrote {target}: edit it, then run: promoplan compile {target} "
                       "--<anchor> DATE", err=True)
            return
        from promoplan.playbook.assemble import load
        from promoplan.playbook.starter import plan_file

        pb = load(name)
        out.write_all([(target, plan_file(name, pb, str(target)).encode("utf-8"))])
        first = next(iter(pb.anchors.values()))
        typer.echo(f"wrote {target}: fill in {first.name}'s date ({first.label}), then run: "
                   f"promoplan compile {target}", err=True)

    _guard(run)


@app.command(context_settings=_EXTRA, short_help="Show what moved between two plans.")
def diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="Old plan: a path or git REV:path.", show_default=False)],
    new: Annotated[str, typer.Argument(
        metavar="NEW", help="New plan: a path or git REV:path.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, md or json.")] = "table",
    anchor: Anchors = None,
    lang: Lang = None,
) -> None:
    """Show what moved between two plans; exit 1 when they differ, like diff.

    Each side is a path or git REV:path. Every anchor of the playbooks is also an
    option and applies to both sides: --open "2024-11-03 10:00".
    """
    def run() -> None:
        from promoplan.playbook.assemble import load
        from promoplan.reports import diff as diffing
        from promoplan.schedule.resolve import resolve

        args, options = _split([old, new], ctx.args, want=2,
                               usage="promoplan diff OLD NEW [--<anchor> DATE]...")
        _choice("--format", fmt, ("table", "md", "json"))
        books = [load(ref) for ref in args]
        known = {name: a for pb in books for name, a in pb.anchors.items()}
        given = _given(known, options, anchor or [], [e for pb in books for e in pb.problems])
        plans = [resolve(pb, {k: v for k, v in given.items() if k in pb.anchors}) for pb in books]
        words = _words(books[1].locale, lang)
        result = diffing.compare(plans[0], plans[1], words, args[0], args[1])
        if fmt == "table":
            _show(diffing.renderable(result))
        else:
            sys.stdout.write(diffing.render_md(result) if fmt == "md" else diffing.render_json(result))
        if not result.same:
            raise typer.Exit(1)

    _guard(run)


@app.command(context_settings=_EXTRA, short_help="What starts or is due on a day or in a week.")
def agenda(
    ctx: typer.Context,
    plan_ref: Annotated[str, typer.Argument(metavar="PLAN", help="Plan file (or playbook with dates).",
                                            show_default=False)],
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE", help="The day (YYYY-MM-DD); today by default.")] = None,
    week: Annotated[bool, typer.Option("--week", help="The whole week (Monday to Sunday).")] = False,
    owner: Owner = None,
    person: Person = None,
    fmt: Annotated[str, typer.Option(
        "--format", metavar="FORMAT", help="table or md (pastes into DingTalk).")] = "table",
    anchor: Anchors = None,
    lang: Lang = None,
) -> None:
    """What starts, is due or is overdue on a day or in a week, by time of day.

    Once the plan file records progress, every task past due and not done is
    listed as overdue. Every anchor of the playbook is also an option, for a
    playbook without dates: --signup 2024-10-14.
    """
    def run() -> None:
        from promoplan.clock import now
        from promoplan.playbook.assemble import zone
        from promoplan.reports import agenda as agenda_mod
        from promoplan.schedule import filters as select
        from promoplan.schedule.dates import parse_day

        args, options = _split([plan_ref], ctx.args, want=1,
                               usage="promoplan agenda PLAN [--on DATE | --week]")
        _choice("--format", fmt, ("table", "md"))
        plan, words = _compile(args[0], options, anchor or [], None, lang)
        if owner is not None:
            plan = select.only_owner(plan, owner)
        if person is not None:
            plan = select.only_person(plan, person)
        if on is None:
            day = now(zone(plan.timezone)).date()
        else:
            try:
                day = parse_day(on)
            except ValueError as exc:
                raise PromoplanError(f"--on: {exc}", COMMAND_LINE) from None
        days = agenda_mod.week_of(day) if week else [day]
        if fmt == "md":
            sys.stdout.write(agenda_mod.render(plan, days, words, md=True))
        else:
            _show(agenda_mod.renderable(plan, days, words))

    _guard(run)


@app.command("import", context_settings=_EXTRA)
def import_(
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
    anchor: Anchors = None,
) -> None:
    """Turn a team's Excel or CSV 进程表 into a playbook.

    Dates in the table need the campaign's anchor dates (--signup 2024-10-14 or
    --anchor NAME=DATE) and become offsets from the nearest anchor.
    """
    def run() -> None:
        from promoplan import output as out
        from promoplan.playbook.assemble import load
        from promoplan.reports import table_import as importer
        from promoplan.reports import table_import as importer_cells

        args, options = _split([table], ctx.args, want=1, usage="promoplan import TABLE "
                               "-o PLAYBOOK.yaml [--playbook NAME] [--<anchor> DATE]...")
        labels = _pairs("--label", label or [], "e.g. --label signup=报名")
        source = load(playbook) if playbook is not None else None
        if source is not None:
            given = _given(source.anchors, options, anchor or [])
        else:
            given = _pairs("--anchor", anchor or [], "e.g. --anchor open=2024-11-01")
            for option, typed in options.items():
                if typed is None:
                    raise PromoplanError(f"--{option} needs a date", COMMAND_LINE,
                                         f"write --{option} YYYY-MM-DD")
                given[option.replace("-", "_")] = typed
        slug = importer.slug(name or output.stem) or importer.slug(Path(args[0]).stem)
        if not slug:
            raise PromoplanError(f"cannot make a playbook name from '{output.stem}'", COMMAND_LINE,
                                 "give one with --name, e.g. --name ju-huasuan-2024")
        grid = importer_cells.read_grid(Path(args[0]), args[0], sheet,
                                        lambda g: any(map(importer.is_header, g.rows[:20])))
        parsed = importer.read_table(grid)
        anchors = importer.campaign_anchors(source, given, labels)
        tasks = importer.convert(parsed, anchors)
        opts = importer.Options(name=slug, file_name=str(output), source=source)
        text = importer.render(parsed, tasks, anchors, opts)
        importer.round_trip(text, output.name, tasks, anchors)
        out.write_all([(output, text.encode("utf-8"))])
        where = f" ({grid.sheet})" if grid.sheet else ""
        count = f"{len(tasks)} task" + ("" if len(tasks) == 1 else "s")
        typer.echo(f"wrote {output}: {count} from {args[0]}{where}", err=True)

    _guard(run)


@app.command("load", context_settings=_EXTRA,
             short_help="Who has how much on which day, across plans.")
def load_(
    ctx: typer.Context,
    plan_ref: Annotated[str, typer.Argument(
        metavar="PLAN", help="Plan files or folders of them (several allowed).",
        show_default=False)],
    by: Annotated[str, typer.Option("--by", metavar="person|owner",
                                    help="Rows: people (from the teams) or roles.")] = "person",
    first: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First day shown.")] = None,
    last: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last day shown.")] = None,
    most: Annotated[int | None, typer.Option(
        "--max", metavar="N", min=0, help="Warn about days with more than N tasks due "
        "(a person's max_per_day wins).")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table or json.")] = "table",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write the load to FILE (.xlsx or .json).")] = None,
    team: Annotated[Path | None, typer.Option(
        "--team", metavar="FILE", help="Team file for every plan: role → people.")] = None,
    lang: Lang = None,
    anchor: Anchors = None,
) -> None:
    """Per person (or role) and working day: tasks active and due, across plans.

    A task is active on the days its start..due span covers (the working days of
    its own plan, and its first and last day), due on its due day. Days with more
    tasks due than --max, or than a person's max_per_day in the team, are warned
    about on stderr; the exit code is then 1, like diff.
    """
    def run() -> None:

        from promoplan import output as out
        from promoplan.errors import ErrorGroup
        from promoplan.schedule import workload as season
        from promoplan.schedule.dates import parse_day

        args, options = _split([plan_ref], ctx.args, want=1, more=True,
                               usage="promoplan load PLAN... [--by person|owner]")
        _choice("--by", by, season.BY)
        _choice("--format", fmt, ("table", "json"))
        if output is not None and output.suffix.lower() not in (".xlsx", ".json"):
            raise PromoplanError(f"-o {output}: cannot tell the format from "
                                 f"'{output.suffix or output.name}'", COMMAND_LINE, "use .xlsx or .json")
        days = []
        for option, text in (("--from", first), ("--to", last)):
            try:
                days.append(None if text is None else parse_day(text))
            except ValueError as exc:
                raise PromoplanError(f"{option}: {exc}", COMMAND_LINE) from None
        if days[0] is not None and days[1] is not None and days[0] > days[1]:
            raise PromoplanError(f"--from {first} is after --to {last}", COMMAND_LINE)
        _, plans, errors = _plans(args, options, anchor or [], team)
        if errors:
            raise ErrorGroup(errors)
        words = _words(plans[0][1].locale, lang)
        found = season.compute([p for _, p in plans], by, first=days[0], last=days[1], limit=most)
        if by == "person" and not found.rows:
            raise PromoplanError("load --by person: no plan has a team", COMMAND_LINE,
                                 "add a team (role → people) to the plan files or --team, "
                                 "or count by role with --by owner")
        if output is not None:
            if output.suffix.lower() == ".json":
                data = _json(season.to_json(found))
            else:
                from promoplan.writers import workload_xlsx as load_xlsx

                data = load_xlsx.render(found, words)
            out.write_all([(output, data)])
            typer.echo(f"wrote {output}", err=True)
        elif fmt == "json":
            _write_stdout(_json(season.to_json(found)))
        else:
            from promoplan.writers import workload_table as load_table

            _show(load_table.renderable(found, words))
        for over in found.over:
            typer.echo(season.warning(over, words), err=True)
        if found.over:
            raise typer.Exit(1)

    def _json(data: object) -> bytes:
        import json

        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    _guard(run)


@app.command("progress")
def progress_(
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
    def run() -> None:
        from promoplan import output as out
        from promoplan.playbook.assemble import load
        from promoplan.playbook.sources import read_disk
        from promoplan.playbook.yaml_reader import decode
        from promoplan.reports import progress as tracking
        from promoplan.schedule.resolve import resolve

        shown = str(into)
        if not into.is_file():
            raise PromoplanError(f"--into {into}: no such plan file", COMMAND_LINE,
                                 "give the plan file the workbook was compiled from")
        plan = resolve(load(shown))
        book = tracking.read_workbook(workbook, str(workbook))
        raw = read_disk(into, shown)
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        text = decode(raw, shown)
        new, changes = tracking.update(text, shown, plan, book, _words(plan.locale, None))
        if not changes:
            typer.echo(f"{shown}: {tracking.WORDS[_words(plan.locale, None).lang]['none']}", err=True)
            return
        tracking.check(new, shown)
        out.write_all([(into, bom + new.encode("utf-8"))])
        for line in changes:
            typer.echo(line, err=True)
        typer.echo(f"wrote {into}", err=True)

    _guard(run)


def _pairs(option: str, items: list[str], example: str) -> dict[str, str]:
    """`NAME=VALUE` options as a mapping; a pair without '=' is an error."""
    found: dict[str, str] = {}
    errors: list[PromoplanError] = []
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            errors.append(PromoplanError(f"{option} {item}: expected NAME=VALUE", COMMAND_LINE, example))
            continue
        found[key.strip()] = value.strip()
    raise_all(errors)
    return found


@app.command()
def textconv(
    path: Annotated[Path, typer.Argument(
        metavar="FILE", help="An XLSX written by promoplan.", show_default=False)],
) -> None:
    """Print an XLSX as stable plain text, for `git diff` (see README)."""
    def run() -> None:
        from promoplan.writers import xlsx

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PromoplanError(f"{path}: cannot read: {exc.strerror}") from None
        sys.stdout.write(xlsx.textconv(data, str(path)))

    _guard(run)


@app.command()
def schema() -> None:
    """Print the JSON Schema of playbooks and plan files, for editors."""
    def run() -> None:
        from promoplan.playbook.schema import json_schema

        _write_stdout(json_schema().encode("utf-8"))

    _guard(run)


def _guard(run: Callable[[], None]) -> None:
    """The one place our errors become text and exit code 2."""
    try:
        run()
    except PromoplanError as exc:
        if _state["debug"]:
            raise
        for err in exc.errors:
            typer.echo(str(err), err=True)
        raise typer.Exit(2) from None


def main() -> None:
    """The `promoplan` script and `python -m promoplan`."""
    app(args=debug_first(sys.argv[1:]), prog_name="promoplan")


def debug_first(args: list[str]) -> list[str]:
    """`--debug` is accepted anywhere on the line (`promoplan compile x.yaml --debug`).

    It belongs to the root command, where click looks for it only before the command
    name; moving it there is simpler than declaring it on every command. A `--debug`
    after `--` is an argument and stays.
    """
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    return ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]

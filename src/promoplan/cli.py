"""The command line: thin commands over load → resolve → write.

Every anchor a playbook declares is an option (`--signup 2024-10-14`), which a
static parser cannot know in advance: the commands take unknown options as
extra arguments and read them once the playbook is loaded. Errors of ours are
printed here, and only here, as `file:line:col: message`, with exit code 2.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from promoplan.errors import COMMAND_LINE, PromoplanError, did_you_mean, raise_all

if TYPE_CHECKING:
    from promoplan.i18n import Words
    from promoplan.offsets import Reminder
    from promoplan.plan import Plan
    from promoplan.progress import Progress
    from promoplan.writers import WriterOptions

app = typer.Typer(
    name="promoplan",
    help="Compile promotion playbooks (聚划算, 双十一 …) into dated team schedules.",
    no_args_is_help=True,
    add_completion=False,
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
Lang = Annotated[str | None, typer.Option("--lang", metavar="zh|en", help="Language of labels: zh or en.")]
Anchors = Annotated[list[str] | None, typer.Option(
    "--anchor", metavar="NAME=DATE", help="An anchor date as NAME=DATE. Repeatable.")]


def _version(value: bool) -> None:
    if value:
        from promoplan import __version__

        typer.echo(f"promoplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks (for developers).")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version.")] = False,
) -> None:
    _state["debug"] = debug


def _split(positional: list[str], extra: list[str], *, want: int,
           usage: str) -> tuple[list[str], dict[str, str | None]]:
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
    if len(args) != want:
        what = "missing" if len(args) < want else f"unexpected argument '{args[want]}' in"
        raise PromoplanError(f"{what} arguments", COMMAND_LINE, f"usage: {usage}")
    return args, options


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
    from promoplan.i18n import words_for

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
) -> None:
    """Compile a playbook into a dated plan.

    Every anchor the playbook declares is also an option: --signup 2024-10-14,
    --open "2024-11-01 10:00".
    """
    def run() -> None:
        from promoplan import output as out
        from promoplan import select, writers
        from promoplan.progress import Progress

        args, options = _split([playbook], ctx.args, want=1, usage="promoplan compile PLAYBOOK "
                               "[--<anchor> DATE]... [-o FILE]...")
        _choice("--format", fmt, writers.STDOUT_FORMATS)
        _choice("--split-by", split_by, ("owner", "person"))
        _choice("--group-by", group_by, ("section", "phase"))
        if split_by is None:
            targets = [(path, writers.format_for(path)) for path in output or []]
        elif not output:
            raise PromoplanError("--split-by needs -o FOLDER/", COMMAND_LINE)
        reminder = _reminder(remind)
        steps = 2 + (len(output or []) if split_by is None else 1) + (not output or fmt is not None)
        with Progress(steps) as progress:
            plan, words = _compile(args[0], options, anchor or [], team, lang, progress)
            if owner is not None:
                plan = select.only_owner(plan, owner)
            if person is not None:
                plan = select.only_person(plan, person)
            if reminder is not None:
                plan = select.remind_all(plan, reminder)
            opts = writers.WriterOptions(group_by=group_by, by_owner=xlsx_by_owner)
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
            if printing:
                progress.step("printing")
                data = _render_stdout(plan, fmt or "table", words)
        if printing:
            _write_stdout(data)
        for path, _ in rendered:
            typer.echo(f"wrote {path}", err=True)

    _guard(run)


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
    from promoplan.offsets import OffsetError, parse_remind

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
             lang: str | None, progress: Progress | None = None) -> tuple[Plan, Words]:
    from promoplan.playbook import add_team, load, load_team
    from promoplan.resolve import resolve

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


def _write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _render_stdout(plan: Plan, fmt: str, words: Words) -> bytes:
    from promoplan import writers

    if fmt == "table":
        from promoplan.clock import now
        from promoplan.playbook import zone
        from promoplan.writers import table

        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size().columns if tty else 140
        return table.render(plan, words, color=tty, width=width,
                            today=now(zone(plan.timezone)).date())
    return writers.render(plan, fmt, words)


@app.command(context_settings=_EXTRA)
def anchors(
    ctx: typer.Context,
    playbook: PlaybookArg,
    anchor: Anchors = None,
) -> None:
    """Show the anchors of a playbook, their dates and where each date comes from."""
    def run() -> None:
        from promoplan.playbook import load
        from promoplan.resolve import resolve

        args, options = _split([playbook], ctx.args, want=1,
                               usage="promoplan anchors PLAYBOOK [--<anchor> DATE]...")
        pb = load(args[0])
        given = _given(pb.anchors, options, anchor or [], pb.problems)
        missing = [a for a in pb.anchors.values()
                   if a.name not in given and a.spec.date is None and a.spec.default is None]
        plan = resolve(pb, given, placeholder=bool(missing))
        words = _words(pb.locale, None)
        for item in plan.anchors:
            spec = pb.anchors[item.name].spec
            if item.source == "placeholder" or (missing and item.source == "default"):
                date = f"needs --{item.name}" if item.source == "placeholder" else "—"
            else:
                date = f"{item.when.iso()}  {words.when(item.when, year=True)}"
            source = {"given": "command line", "file": "file", "placeholder": "not given",
                      "default": f"default {spec.default}"}[item.source]
            typer.echo(f"{item.name:<12} {item.label:<8} {date:<36} {source}")

    _guard(run)


@app.command()
def validate(
    playbooks: Annotated[list[str], typer.Argument(
        metavar="PLAYBOOK...", help="Playbook or plan files, or built-in names.", show_default=False)],
) -> None:
    """Check playbooks without compiling them to a date: schema, offsets, references, cycles."""
    def run() -> None:
        from promoplan.errors import ErrorGroup
        from promoplan.playbook import load
        from promoplan.resolve import resolve

        errors: list[PromoplanError] = []
        for ref in playbooks:
            try:
                plan = resolve(load(ref), placeholder=True)
            except PromoplanError as exc:
                errors.extend(exc.errors)
                continue
            typer.echo(f"{ref}: ok ({len(plan.tasks)} tasks, {len(plan.anchors)} anchors)")
        if errors:
            raise ErrorGroup(errors)

    _guard(run)


@app.command("list")
def list_() -> None:
    """List the built-in playbooks."""
    def run() -> None:
        from promoplan import library
        from promoplan.playbook import load

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
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Copy a built-in playbook to a file you can edit."""
    def run() -> None:
        from promoplan import library
        from promoplan import output as out

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
        out.write_all([(target, entry.read_bytes())])
        typer.echo(f"wrote {target}: edit it, then run: promoplan compile {target} "
                   "--<anchor> DATE", err=True)

    _guard(run)


@app.command(context_settings=_EXTRA)
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
    """Show what moved between two plans; exit 1 when they differ, like diff."""
    def run() -> None:
        from promoplan import diff as diffing
        from promoplan.playbook import load
        from promoplan.resolve import resolve

        args, options = _split([old, new], ctx.args, want=2,
                               usage="promoplan diff OLD NEW [--<anchor> DATE]...")
        _choice("--format", fmt, ("table", "md", "json"))
        books = [load(ref) for ref in args]
        known = {name: a for pb in books for name, a in pb.anchors.items()}
        given = _given(known, options, anchor or [], [e for pb in books for e in pb.problems])
        plans = [resolve(pb, {k: v for k, v in given.items() if k in pb.anchors}) for pb in books]
        words = _words(books[1].locale, lang)
        result = diffing.compare(plans[0], plans[1], words, args[0], args[1])
        render = {"table": diffing.render_text, "md": diffing.render_md, "json": diffing.render_json}
        sys.stdout.write(render[fmt](result))
        if not result.same:
            raise typer.Exit(1)

    _guard(run)


@app.command(context_settings=_EXTRA)
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
    """What starts, is due or was due on a day or in a week, by time of day."""
    def run() -> None:
        from promoplan import agenda as agenda_mod
        from promoplan import select
        from promoplan.clock import now
        from promoplan.dates import parse_day
        from promoplan.playbook import zone

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
        sys.stdout.write(agenda_mod.render(plan, days, words, md=fmt == "md"))

    _guard(run)


@app.command()
def textconv(
    path: Annotated[Path, typer.Argument(
        metavar="FILE", help="An XLSX written by promoplan.", show_default=False)],
) -> None:
    """Print an XLSX as stable plain text, for `git diff` (see README)."""
    def run() -> None:
        from promoplan.writers import xlsx_

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PromoplanError(f"{path}: cannot read: {exc.strerror}") from None
        sys.stdout.write(xlsx_.textconv(data, str(path)))

    _guard(run)


@app.command()
def schema() -> None:
    """Print the JSON Schema of playbook and plan files, for editors (see README)."""
    def run() -> None:
        from promoplan.model import json_schema

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
    app()

"""Compiling plans into files: one path for one plan and for a season of them.

One plan is a batch of one. `run` reads every plan named, resolves them with the dates
typed, narrows them (--owner, --person, --remind), renders every file to bytes and says
what to print; it writes nothing and prints nothing. The command line writes the files
(all or nothing, `output.write_all`) and prints what the outcome holds, once the progress
bar is gone. Mistakes of every plan are gathered; unless `keep_going`, any of them stops
the batch before a file is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from promoplan.batch import outputs, targets
from promoplan.batch.plans import Progress, compile_all, expand
from promoplan.errors import COMMAND_LINE, ErrorGroup, PromoplanError, Say
from promoplan.schedule import filters
from promoplan.schedule.offsets import Reminder
from promoplan.schedule.plan import Plan
from promoplan.vocabulary import By, Format, Lang
from promoplan.words import Words, words_for
from promoplan.writers import WriterOptions, render


@dataclass(frozen=True)
class Request:
    """What `compile` was asked to do, as typed."""

    refs: list[str]
    typed: dict[str, str | None] = field(default_factory=dict)
    """`--<anchor> DATE` options by name as typed (None: typed without a date)."""
    pairs: list[str] = field(default_factory=list)
    """`--anchor NAME=DATE`."""
    team: Path | None = None
    lang: Lang | None = None
    owner: str | None = None
    person: str | None = None
    reminder: Reminder | None = None
    outputs: list[Path] = field(default_factory=list)
    fmt: Format | None = None
    split_by: By | None = None
    writer: WriterOptions = field(default_factory=WriterOptions)
    keep_going: bool = False
    campaign: str | None = None
    """`--campaign KEY`: this run's campaign key, instead of the file's or the default."""


@dataclass(frozen=True)
class Compiled:
    """A plan that compiled, by the name it was given, with the words it is printed in."""

    ref: str
    plan: Plan
    words: Words


@dataclass
class Outcome:
    """What a batch made: the files to write, what to print, and the plans' mistakes."""

    plans: list[Compiled]
    """The plans whose files were rendered, in the order given."""
    several: bool
    """More than one plan was named: their lines on stderr say whose they are."""
    files: list[tuple[Path, bytes]] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    """Folders to make before writing: --split-by's, and those a template lays out."""
    table: bool = False
    """Print each plan as the terminal table."""
    stdout: bytes | None = None
    """What --format json, csv or md prints."""
    errors: list[PromoplanError] = field(default_factory=list)
    """With `keep_going`: the mistakes of the plans that were left out."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Warnings about the files rather than the plan, by the plan's name: the people
    `--invite` cannot reach."""


def run(request: Request, progress: Progress) -> Outcome:
    """Everything `compile` was asked for, rendered; nothing written."""
    targets.check(request.outputs, request.split_by, request.writer.invite)
    names, errors = expand(request.refs)
    if request.campaign is not None:
        _check_campaign(request.campaign, len(names))
    compiled, found = compile_all(names, request.typed, request.pairs, request.team, progress)
    errors += found
    if errors and not request.keep_going:
        raise ErrorGroup(errors)
    if request.campaign is not None:
        compiled = [(ref, replace(plan, campaign=request.campaign.strip())) for ref, plan in compiled]
    several = len(names) > 1
    if several:
        targets.check_several(request.outputs, request.split_by, request.fmt, len(names))
    plans = [Compiled(ref, plan, words_for(plan.locale, request.lang))
             for ref, plan in _narrowed(compiled, request)]
    outcome = Outcome(plans=[], several=several, errors=errors)
    _render(plans, request, outcome, progress)
    if outcome.errors and not request.keep_going:
        raise ErrorGroup(outcome.errors)
    printing = not request.outputs or request.fmt is not None
    fmt = request.fmt or Format.TABLE
    if printing and fmt is Format.TABLE:
        outcome.table = True
    elif printing and outcome.plans:
        progress.step(Say("outputs.step.printing"))
        first = outcome.plans[0]
        outcome.stdout = render(first.plan, fmt, first.words)
    return outcome


def _check_campaign(key: str, plans: int) -> None:
    """--campaign names one plan's campaign, with some text in it."""
    if not key.strip():
        raise PromoplanError(Say("outputs.campaign-empty"), COMMAND_LINE, Say("outputs.campaign-empty.hint"))
    if plans > 1:
        raise PromoplanError(Say("outputs.campaign-several", plans=plans), COMMAND_LINE,
                             Say("outputs.campaign-several.hint"))


def _narrowed(plans: list[tuple[str, Plan]], request: Request) -> list[tuple[str, Plan]]:
    """--owner, --person and --remind on every plan; a plan that lacks the role or person
    keeps no task, and it is an error only when no plan has them."""
    for value, narrow in ((request.owner, filters.only_owner), (request.person, filters.only_person)):
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
    if request.reminder is None:
        return plans
    return [(ref, filters.remind_all(plan, request.reminder)) for ref, plan in plans]


def _render(plans: list[Compiled], request: Request, outcome: Outcome, progress: Progress) -> None:
    """Every plan's files; a plan that fails to render is left out, its mistake kept."""
    season = [t for t in request.outputs if targets.is_season(t, request.split_by, outcome.several)]
    own = [t for t in request.outputs if t not in season]
    for template in own:
        targets.distinct(template, [(c.ref, targets.expand(template, c.ref, c.plan)) for c in plans])
    for compiled in plans:
        progress.step(Say("outputs.step.writing", ref=compiled.ref))
        try:
            files, folders = outputs.plan_files(compiled.ref, compiled.plan, compiled.words, own,
                                                request.split_by, request.writer)
        except PromoplanError as exc:
            outcome.errors.extend(exc.errors)
            continue
        outcome.files += files
        outcome.folders += folders
        outcome.plans.append(compiled)
        if request.writer.invite:
            from promoplan.writers.ics.invitations import no_email

            note = no_email(compiled.plan, compiled.words)
            if note is not None:
                outcome.notes.append((compiled.ref, note))
    if season and request.split_by is not None:
        outcome.folders += season
        outcome.files += outputs.season_files([(c.ref, c.plan, c.words) for c in outcome.plans],
                                              request.split_by, season, request.writer)

"""Each plan's files, rendered to bytes: one file per -o, one calendar per role or person
with --split-by, the season's calendars when several plans share a folder, and a folder
of invitations (one per event) with --invite.

A calendar written over an earlier one learns what it replaces (`WriterOptions.previous`),
so moved events update in people's apps: that earlier file (or the invitation folder's
files) is the only thing read here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from promoplan.batch.targets import expand, file_name, one_file_each
from promoplan.errors import COMMAND_LINE, PromoplanError, Say
from promoplan.schedule import filters
from promoplan.schedule.plan import Plan
from promoplan.vocabulary import By, Format
from promoplan.words import Words
from promoplan.writers import BY_EXTENSION, WriterOptions, format_for, render


def replacing(path: Path, options: WriterOptions, name: str | None = None) -> WriterOptions:
    """A calendar rewritten in place learns what it replaces, so moved events update in apps."""
    if path.suffix.lower() != ".ics":
        return options
    try:
        previous = path.read_bytes() if path.is_file() else None
    except OSError:
        previous = None
    return replace(options, previous=previous, previous_path=str(path), calendar_name=name)


def invitation_folder(folder: Path, plan: Plan, words: Words,
                      options: WriterOptions) -> list[tuple[Path, bytes]]:
    """--invite: one request per event in `folder`; the calendar files already there, one
    after the other, are what it replaces."""
    from promoplan.writers.ics import invitation_files

    parts = []
    try:
        if folder.is_dir():
            parts = [p.read_bytes() for p in sorted(folder.glob("*.ics")) if p.is_file()]
    except OSError:
        parts = []
    opts = replace(options, previous=b"\r\n".join(parts) or None, previous_path=str(folder))
    return [(folder / name, data) for name, data in invitation_files(plan, words, opts)]


def plan_files(ref: str, plan: Plan, words: Words, templates: list[Path], split_by: By | None,
               options: WriterOptions) -> tuple[list[tuple[Path, bytes]], list[Path]]:
    """One plan's files from the -o templates given to it, and the folders they need."""
    files: list[tuple[Path, bytes]] = []
    folders: list[Path] = []
    for template in templates:
        path = expand(template, ref, plan)
        if options.invite and path.suffix.lower() not in BY_EXTENSION:
            folders.append(path)
            files += invitation_folder(path, plan, words, options)
            continue
        if split_by is None:
            files.append((path, render(plan, format_for(path), words, replacing(path, options))))
            if path != template:
                folders.append(path.parent)
            continue
        folders.append(path)
        parts = filters.split(plan, split_by)
        own_files([(key, path / f"{file_name(key)}.ics") for key, _ in parts], split_by, template)
        for key, part in parts:
            file = path / f"{file_name(key)}.ics"
            named = replacing(file, options, f"{plan.title} · {key}")
            files.append((file, render(part, Format.ICS, words, named)))
    return files, folders


def own_files(named: list[tuple[str, Path]], split_by: By, template: Path) -> None:
    """Each role or person gets a calendar of their own: two names that file systems cannot
    tell apart (王芳/运营 and 王芳:运营, 张伟 and 张伟., Alice and alice) are an error, never
    one calendar written over the other."""
    clash = "outputs.split-roles-clash" if split_by is By.OWNER else "outputs.split-people-clash"
    one_file_each(named, f"--split-by {split_by} -o {template}", Say(clash))


def season_files(plans: list[tuple[str, Plan, Words]], split_by: By, folders: list[Path],
                 options: WriterOptions) -> list[tuple[Path, bytes]]:
    """--split-by into a plain folder with several plans: one calendar per person (or role)
    holding every campaign they work on."""
    from promoplan.writers.ics import season, uid_domain

    parts: dict[str, list[tuple[Plan, Words]]] = {}
    for _, plan, words in plans:
        if split_by is By.PERSON and not filters.people(plan):
            continue  # no team in this plan: nobody to give its events to
        for key, part in filters.split(plan, split_by):
            parts.setdefault(key, []).append((part, words))
    if plans and not parts:
        raise PromoplanError(Say("outputs.split-no-team", by=split_by), COMMAND_LINE,
                             Say("outputs.split-no-team.hint"))
    files = []
    for folder in folders:
        own_files([(key, folder / f"{file_name(key)}.ics") for key in parts], split_by, folder)
        for key, found in parts.items():
            path = folder / f"{file_name(key)}.ics"
            name = season.calendar_name(key, len(found), found[0][1])
            opts = replacing(path, options, name)
            opts = replace(opts, previous=season.unlabelled(opts.previous, [p for p, _ in found]),
                           alongside=frozenset(uid_domain(p) for p, _ in found))
            made = [(part, render(part, Format.ICS, words, opts)) for part, words in found]
            files.append((path, season.join(made, name)))
    return files

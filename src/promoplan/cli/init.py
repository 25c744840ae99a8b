"""`promoplan init`: start the plan file a team keeps in git, from a built-in playbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli import options, terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, Listed, PromoplanError, Say, did_you_mean


@guarded
def init_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="A built-in playbook to start from.", show_default=False)],
    dest: Annotated[Path | None, typer.Argument(
        metavar="[DEST]", help="File or folder to write (default ./NAME.yaml).", show_default=False)] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Copy the whole playbook to edit, instead of a plan file that extends it.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: options.LangOption = None,
) -> None:
    """Start a plan file that extends a built-in playbook.

    The file holds its anchors to date, the team and the team's own changes; with --full,
    the whole playbook is copied instead.
    """
    from promoplan import output
    from promoplan.playbook import library

    entry = library.find(name)
    if entry is None:
        names = library.names()
        raise PromoplanError(Say("commands.no-builtin", name=name), COMMAND_LINE,
                             did_you_mean(name, names) or Say("commands.builtins", names=Listed(names)))
    target = dest or Path(f"{name}.yaml")
    if target.is_dir():
        target = target / f"{name}.yaml"
    if target.exists() and not force:
        raise PromoplanError(Say("commands.exists", path=target), COMMAND_LINE, Say("commands.exists.hint"))
    from promoplan.playbook.assemble import load
    from promoplan.playbook.starter import plan_file
    pb = load(name)
    words = options.words(pb.locale, lang)
    first = next(iter(pb.anchors.values()))
    if full:
        output.write_all([(target, entry.read_bytes())])
        terminal.say(Say("commands.init-full", path=target, anchor=first.name).text(words))
        return
    output.write_all([(target, plan_file(name, pb, str(target)).encode("utf-8"))])
    terminal.say(Say("commands.init-plan", path=target, label=first.label).text(words))

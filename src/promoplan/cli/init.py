"""`promoplan init`: start the plan file a team keeps in git, from a built-in playbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from promoplan.cli import terminal
from promoplan.cli.guard import guarded
from promoplan.errors import COMMAND_LINE, PromoplanError, did_you_mean


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
        raise PromoplanError(f"no built-in playbook named '{name}'", COMMAND_LINE,
                             did_you_mean(name, names) or f"built-in: {', '.join(names)}")
    target = dest or Path(f"{name}.yaml")
    if target.is_dir():
        target = target / f"{name}.yaml"
    if target.exists() and not force:
        raise PromoplanError(f"{target} already exists", COMMAND_LINE, "pass --force to overwrite it")
    if full:
        output.write_all([(target, entry.read_bytes())])
        terminal.say(f"wrote {target}: edit it, then run: promoplan compile {target} --<anchor> DATE")
        return
    from promoplan.playbook.assemble import load
    from promoplan.playbook.starter import plan_file

    pb = load(name)
    output.write_all([(target, plan_file(name, pb, str(target)).encode("utf-8"))])
    first = next(iter(pb.anchors.values()))
    terminal.say(f"wrote {target}: fill in {first.name}'s date ({first.label}), then run: "
                 f"promoplan compile {target}")

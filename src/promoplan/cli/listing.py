"""`promoplan list`: the built-in playbooks."""

from __future__ import annotations

import typer

from promoplan.cli.guard import guarded


@guarded
def list_command(ctx: typer.Context) -> None:
    """List the built-in playbooks."""
    from promoplan.playbook import library
    from promoplan.playbook.assemble import load

    for name in library.names():
        pb = load(name)
        about = pb.title + (f" — {pb.description}" if pb.description else "")
        typer.echo(f"{name:<20} {about}")

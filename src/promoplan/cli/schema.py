"""`promoplan schema`: the JSON Schema of playbooks and plan files, for editors."""

from __future__ import annotations

import typer

from promoplan.cli import terminal
from promoplan.cli.guard import guarded


@guarded
def schema_command(ctx: typer.Context) -> None:
    """Print the JSON Schema of playbooks and plan files, for editors."""
    from promoplan.playbook.schema import json_schema

    terminal.write_stdout(json_schema().encode("utf-8"))

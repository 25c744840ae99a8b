"""Printing what a command made: rich drawings on a terminal, plain lines in a pipe.

rich is imported only when something is drawn; a pipe (a script, a test, a redirect to
a file) gets plain text without escape codes or trailing blanks, and NO_COLOR is honoured.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from promoplan.schedule.plan import Plan
    from promoplan.words import Words


def console() -> Console:
    """stdout as rich sees it: styles on a terminal, plain text (and NO_COLOR) otherwise."""
    from rich.console import Console

    return Console(highlight=False)


def show(what: RenderableType, out: Console | None = None) -> None:
    """Print a rich renderable: styled on a terminal, plain lines without trailing blanks otherwise."""
    from promoplan.writers.table import plain

    out = out or console()
    if out.is_terminal:
        out.print(what)
    else:
        sys.stdout.write(plain(out, what))


def write_stdout(data: bytes, text: bool = False) -> None:
    """A format's UTF-8 bytes as they are (JSON and CSV are UTF-8 by definition); `text`:
    Markdown for people, written in the console's encoding like every other line."""
    if text:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def say(line: str) -> None:
    """A status line on stderr (`wrote plan.xlsx`)."""
    typer.echo(line, err=True)


def plan_table(plan: Plan, words: Words) -> None:
    """The plan as the terminal table, with a 距今 column while the plan is current."""
    from promoplan.clock import now
    from promoplan.playbook.zones import zone
    from promoplan.writers import table

    out = console()
    today = now(zone(plan.timezone)).date()
    show(table.renderable(plan, words, today=today), out)


def notices(lines: Sequence[str], important: bool) -> None:
    """The plan's warnings summed up on stderr, one line per kind; `important`: the first
    line is the unpublished holiday schedule, drawn in bold red on a terminal."""
    if not lines:
        return
    if not sys.stderr.isatty():
        for line in lines:
            say(line)
        return
    from rich.console import Console
    from rich.text import Text

    err = Console(stderr=True, highlight=False)
    for n, line in enumerate(lines):
        err.print(Text(line, "bold red" if important and n == 0 else "yellow"))


def headline(lines: Sequence[str], *, err: bool = False) -> None:
    """The unpublished holiday schedule (`notices.headline`) on the first lines of what a
    command prints, before any date: bold red on a terminal, a blank line after it. `err`:
    on stderr, where stdout carries data for scripts (JSON)."""
    if not lines:
        return
    stream = sys.stderr if err else sys.stdout
    if not stream.isatty():
        stream.write("".join(line + "\n" for line in lines) + ("" if err else "\n"))
        stream.flush()
        return
    from rich.console import Console
    from rich.text import Text

    out = Console(stderr=err, highlight=False)
    for line in lines:
        out.print(Text(line, "bold red"))
    if not err:
        out.print()

"""The one place where our errors become text on stderr and exit code 2.

Every command is wrapped in `guarded`. A `PromoplanError` is bad input: each of its
mistakes is printed as `file:line:col: message (fix)` and the command exits 2. Anything
else is a bug and keeps its traceback; `--debug` shows one for ours too. `--debug`
belongs to the root command, so the guard reads it from the root of the command's
context: no state is kept between calls.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import typer

from promoplan.errors import PromoplanError

P = ParamSpec("P")


def guarded(command: Callable[P, None]) -> Callable[P, None]:
    """`command`, with our errors printed and exit code 2 (every command takes `ctx`)."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except PromoplanError as exc:
            if _debug(kwargs.get("ctx")):
                raise
            for err in exc.errors:
                typer.echo(str(err), err=True)
            raise typer.Exit(2) from None

    return run


def _debug(ctx: object) -> bool:
    """Whether `--debug` was given: the root command's own parameter. Typer hands commands
    the context its parser made, which is typer.Context's parent class, so it is asked by
    what it does rather than its class."""
    find_root = getattr(ctx, "find_root", None)
    return bool(find_root and find_root().params.get("debug"))

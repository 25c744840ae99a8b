"""The one place where our errors become text on stderr and exit code 2.

Every command is wrapped in `guarded`. A `PromoplanError` is bad input: each of its
mistakes is printed as `file:line:col: message (fix)`, in the language of the plan the
command was given (`words.language`), and the command exits 2. Anything
else is a bug and keeps its traceback; `--debug` shows one for ours too. `--debug`
belongs to the root command, so the guard reads it from the root of the command's
context: no state is kept between calls.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec

import typer

from promoplan.errors import PromoplanError

if TYPE_CHECKING:
    from promoplan.words import Words

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
            words = words_of(kwargs.get("ctx"))
            for err in exc.errors:
                typer.echo(err.text(words), err=True)
            raise typer.Exit(2) from None

    return run


# The parameters of the commands that name a plan or playbook, whose language the
# messages take.
PLAN_PARAMETERS = ("playbook", "playbooks", "plan_ref", "new", "old", "into", "name")
# Where a command that learnt its language from what it read (the headers of a table it
# imports) leaves it for the guard, in the context's `meta`, click's place for such things.
LANG_READ = "promoplan.lang"


def words_of(ctx: object) -> Words:
    """`--lang`, else the language the command read, else the named plan's, else LANG: the
    language of the errors, and of the lines a command prints about what it did."""
    from promoplan.words import Words, language

    params = getattr(ctx, "params", None) or {}
    read = (getattr(ctx, "meta", None) or {}).get(LANG_READ)
    plans: list[str] = []
    for name in PLAN_PARAMETERS:
        value = params.get(name)
        plans.extend([value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else [])
    return Words(language.choose(params.get("lang") or read, [str(p) for p in plans]))


def _debug(ctx: object) -> bool:
    """Whether `--debug` was given: the root command's own parameter. Typer hands commands
    the context its parser made, which is typer.Context's parent class, so it is asked by
    what it does rather than its class."""
    find_root = getattr(ctx, "find_root", None)
    return bool(find_root and find_root().params.get("debug"))

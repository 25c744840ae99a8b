"""What several commands share: their options, declared once, and reading what typer
leaves to us.

Every anchor a playbook declares is an option (`--signup 2024-10-14`), which a static
parser cannot know in advance: those commands take unknown options as extra arguments,
`split` reads them back in the order they were typed, and `batch.plans.given_dates`
checks them once the playbook is loaded.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from promoplan.errors import COMMAND_LINE, PromoplanError, Say, raise_all
from promoplan.vocabulary import Lang

if TYPE_CHECKING:
    from promoplan.schedule.offsets import Reminder
    from promoplan.words import Words

EXTRA: dict[str, Any] = {"allow_extra_args": True, "ignore_unknown_options": True}

PlaybookArg = Annotated[str, typer.Argument(
    metavar="PLAYBOOK", help="Playbook or plan file, or a built-in name.", show_default=False)]
PlanArg = Annotated[str, typer.Argument(
    metavar="PLAN", help="Plan file (or playbook with dates).", show_default=False)]
Owner = Annotated[str | None, typer.Option("--owner", metavar="ROLE", help="Only tasks of this role.")]
Person = Annotated[str | None, typer.Option("--person", metavar="NAME", help="Only tasks of this person.")]
LangOption = Annotated[Lang | None, typer.Option(
    "--lang", help="Language of what is printed (default: the playbook's).")]
Anchors = Annotated[list[str] | None, typer.Option(
    "--anchor", metavar="NAME=DATE", help="An anchor date as NAME=DATE. Repeatable.")]
Team = Annotated[Path | None, typer.Option("--team", metavar="FILE", help="Team file: role → people.")]



class CompileFormat(StrEnum):
    """What `compile --format` prints (files are told apart by their extension)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


class DiffFormat(StrEnum):
    TABLE = "table"
    MD = "md"
    JSON = "json"


class AgendaFormat(StrEnum):
    TABLE = "table"
    MD = "md"


class LoadFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


_DATE_LIKE = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")


def split(positional: list[str], extra: list[str], *, want: int, usage: str,
          more: bool = False) -> tuple[list[str], dict[str, str | None]]:
    """Positional arguments and `--<anchor> DATE` pairs, in the order they were typed.

    Typer hands us the positionals it took plus everything it did not know, in order;
    gluing them back together recovers the command line as written. An option with no
    value is kept as None: whether that is a missing date or an unknown flag is known
    only once the playbook is loaded. `more`: `want` or more positionals (plans), but a
    date there is a forgotten --<anchor>.
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
                raise PromoplanError(Say("commands.given-twice", name=name), COMMAND_LINE,
                                     Say("commands.given-twice.hint"))
            options[name] = given
        elif tok.startswith("-") and len(tok) > 1 and not tok[1].isdigit():
            raise PromoplanError(Say("commands.unknown-option", option=tok), COMMAND_LINE,
                                 Say("commands.usage", usage=usage))
        else:
            args.append(tok)
        i += 1
    unexpected = [a for a in args[want:] if not more or _DATE_LIKE.match(a)]
    if len(args) < want or unexpected:
        what = Say("commands.missing-arguments") if len(args) < want \
            else Say("commands.unexpected-argument", arg=unexpected[0])
        raise PromoplanError(what, COMMAND_LINE, Say("commands.usage", usage=usage))
    return args, options


def pairs(option: str, items: list[str], example: str | Say) -> dict[str, str]:
    """`NAME=VALUE` options as a mapping; a pair without '=' is an error."""
    found: dict[str, str] = {}
    errors: list[PromoplanError] = []
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            said = Say("commands.expected-pair", option=option, item=item)
            errors.append(PromoplanError(said, COMMAND_LINE, example))
            continue
        found[key.strip()] = value.strip()
    raise_all(errors)
    return found


def words(locale: str, lang: Lang | None) -> Words:
    """The words printed: --lang, else the plan's own locale."""
    from promoplan.words import words_for

    return words_for(locale, lang)


def reminder(text: str | None) -> Reminder | None:
    """--remind 15min | 1h | 1d@09:00 | none."""
    from promoplan.schedule.offsets import OffsetError, parse_remind

    if text is None:
        return None
    try:
        return parse_remind(text)
    except OffsetError as exc:
        raise PromoplanError(Say("commands.remind", message=exc.message), COMMAND_LINE, exc.hint) from None


def day(option: str, text: str | None) -> date | None:
    """A day typed as YYYY-MM-DD (--on, --from, --to)."""
    from promoplan.schedule.dates import parse_day

    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError:
        raise PromoplanError(Say("commands.bad-day", option=option, text=text), COMMAND_LINE,
                             Say("commands.bad-day.hint")) from None

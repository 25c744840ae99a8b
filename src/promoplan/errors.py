"""The one error family of promoplan.

Everything a user can get wrong ends as a `PromoplanError`; only the CLI turns
it into text and exit code 2. Any other exception is a bug and keeps its
traceback.

A message is a `Say`: a catalog key and its values, worded only when the CLI knows
the language (the plan's, `--lang`, then `LANG`), since the mistake is often found
before the plan that decides it has been read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from promoplan.words import Words


class Say:
    """A sentence by its key in the words catalogs (`words/messages/`), with its values.

    A value may itself be a `Say` (a reason inside a message), worded in the same language.
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values

    def text(self, words: Words) -> str:
        return words[self.key].format(**{name: wording(value, words) for name, value in self.values.items()})

    def __str__(self) -> str:
        """In English, where no language is chosen (logs, a message not yet worded by the CLI)."""
        return self.text(english())

    def __repr__(self) -> str:
        return f"Say({self.key!r}, {self.values!r})"


class Listed(Say):
    """Names listed as the language lists them (`.csv、.ics` / `.csv, .ics`), as a value of a `Say`."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[object]) -> None:
        self.items = list(items)
        super().__init__("list", items=self.items)

    def text(self, words: Words) -> str:
        return words.listing(str(wording(item, words)) for item in self.items)


def wording(value: object, words: Words) -> object:
    """`value` as it is printed: a `Say` worded in `words`' language, anything else as it is."""
    return value.text(words) if isinstance(value, Say) else value


def english() -> Words:
    """The language of `str(error)`: logs and tracebacks, where no plan decides."""
    from promoplan.words import Words

    return Words("en")


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a file people edit: 1-based line and column, as editors show them.

    In a spreadsheet the place is a cell: `cell` is how Excel names it (`Sheet1!D12`),
    while `line` and `col` keep its row and column number so errors still sort by position.
    """

    file: str
    line: int = 0
    col: int = 0
    cell: str = ""

    def __str__(self) -> str:
        return self.text(english())

    def text(self, words: Words) -> str:
        if self.file == COMMAND_LINE_FILE:
            return words["error.command-line"]
        if self.cell:
            return f"{self.file}:{self.cell}"
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


class PromoplanError(Exception):
    """Bad input: the message says where, what is wrong and, where it can, the fix."""

    def __init__(self, message: str | Say, loc: Loc | None = None, hint: str | Say | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.hint = hint

    @property
    def errors(self) -> list[PromoplanError]:
        return [self]

    def text(self, words: Words) -> str:
        """`file:line:col: what is wrong (the fix)`, in `words`' language."""
        said = str(wording(self.message, words))
        if self.hint:
            said += words["error.hint"].format(hint=wording(self.hint, words))
        if self.loc is None:
            return said
        if self.loc.file == COMMAND_LINE_FILE:
            return words["error.at-command-line"].format(text=said)
        return f"{self.loc.text(words)}: {said}"

    def __str__(self) -> str:
        return self.text(english())


class ErrorGroup(PromoplanError):
    """Several mistakes found in one pass, so the user can fix them all at once."""

    def __init__(self, errors: Iterable[PromoplanError]) -> None:
        flat: list[PromoplanError] = []
        for err in errors:
            flat.extend(err.errors)
        flat.sort(key=_position)
        super().__init__("\n".join(str(e) for e in flat))
        self._errors = flat

    @property
    def errors(self) -> list[PromoplanError]:
        return self._errors

    def text(self, words: Words) -> str:
        return "\n".join(e.text(words) for e in self._errors)


def _position(err: PromoplanError) -> tuple[str, int, int]:
    loc = err.loc or Loc("")
    return (loc.file, loc.line, loc.col)


def raise_all(errors: list[PromoplanError]) -> None:
    """Raise what a pass collected: nothing, the one error, or all of them together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorGroup(errors)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` most likely misspells, if any is close enough."""
    import difflib

    options = list(choices)
    same_letters = [c for c in options if c.lower() == word.lower()]
    close = same_letters or difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return close[0] if close else None


def cycle(chain: Sequence[str], back_to: str) -> str:
    """`a → b → a`: the loop in `chain` from where `back_to` first appears."""
    return " → ".join([*chain[list(chain).index(back_to):], back_to])


def did_you_mean(word: str, choices: Iterable[str]) -> Say | None:
    """A hint for a misspelt name, in the words the message will use."""
    meant = closest(word, choices)
    return Say("error.did-you-mean", name=meant) if meant else None


# Where a message points when the mistake was typed, not written in a file.
COMMAND_LINE_FILE = "command line"
COMMAND_LINE = Loc(COMMAND_LINE_FILE)

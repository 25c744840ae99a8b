"""Pydantic's schema errors as our messages, at the file, line and column they are about.

pydantic speaks of `loc` tuples and error types; a person reads `ju.yaml:14:10: task
'price-stock' › due: expected text, found 10.3 (a number)`. Shared by every file read
against the schema: playbook layers and `--team` files.
"""

from __future__ import annotations

from typing import Any

from promoplan.errors import PromoplanError, did_you_mean
from promoplan.playbook.schema import (
    ONE_LINE,
    AnchorSpec,
    CalendarSpec,
    EventSpec,
    Person,
    PlaybookFile,
    RemindersSpec,
    RepeatSpec,
    Spec,
    TaskSpec,
    keys_of,
)
from promoplan.playbook.yaml_reader import Document, Path_


def dedupe_errors(errors: list[Any]) -> list[Any]:
    """One error per place: the first pydantic gives is the one to fix."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for err in errors:
        key = tuple(err["loc"])
        if key not in seen:
            seen.add(key)
            out.append(err)
    return out


def model_at(path: Path_) -> type[Spec] | None:
    """The schema class of the mapping at `path`, for the keys an unknown key could have meant."""
    n = len(path)
    if n == 0:
        return PlaybookFile
    head = path[0]
    table: dict[tuple[str, int], type[Spec]] = {
        ("tasks", 2): TaskSpec, ("anchors", 2): AnchorSpec, ("calendar", 1): CalendarSpec,
        ("event", 1): EventSpec, ("team", 3): Person, ("reminders", 1): RemindersSpec,
    }
    if head == "tasks" and n == 3 and path[2] == "repeat":
        return RepeatSpec
    return table.get((str(head), n))


def describe_path(data: Any, path: Path_) -> str:
    """`task 'price-stock' › due`: how a message names the place it speaks of."""
    if not path:
        return "playbook"
    head, rest = str(path[0]), list(path[1:])
    if head == "tasks" and rest and isinstance(rest[0], int):
        entry = data.get("tasks", [None])[rest[0]] if isinstance(data, dict) else None
        tid = entry.get("id") if isinstance(entry, dict) else None
        head = f"task '{tid}'" if isinstance(tid, str) else f"task #{rest[0] + 1}"
        rest = rest[1:]
    elif head == "anchors" and rest:
        head, rest = f"anchor '{rest[0]}'", rest[1:]
    return " › ".join([head, *(f"#{p + 1}" if isinstance(p, int) else str(p) for p in rest)])


_TYPE_WORDS = {
    "string_type": ("text", "put it in quotes"),
    "list_type": ("a list", "write [a, b] or one '- item' per line"),
    "dict_type": ("keys and values (key: value)", None),
    "model_type": ("keys and values (key: value)", None),
    "int_type": ("a whole number", None),
    "greater_than_equal": ("a whole number of at least {ge}", None),
}


def schema_error(doc: Document, err: Any, where_in_doc: Path_ | None = None) -> PromoplanError:
    """One schema problem as our message; `where_in_doc` when the file nests the data differently."""
    schema_loc: Path_ = tuple(err["loc"])
    loc: Path_ = schema_loc if where_in_doc is None else where_in_doc
    kind = err["type"]
    if kind == "extra_forbidden":
        model = model_at(schema_loc[:-1])
        known = keys_of(model) if model else []
        return PromoplanError(
            f"{describe_path(doc.data, loc[:-1])}: unknown key '{loc[-1]}'",
            doc.key_loc(loc),
            did_you_mean(str(loc[-1]), known) or (f"known keys: {', '.join(known)}" if known else None),
        )
    if kind == "missing":
        return PromoplanError(f"{describe_path(doc.data, loc[:-1])}: missing key '{loc[-1]}'",
                              doc.loc(loc[:-1]))
    where = doc.loc(loc)
    found = _show(err.get("input"), doc.raw.get(loc))
    if loc and loc[-1] == "time" and loc[0] == "anchors":
        written = doc.raw.get(loc, str(err.get("input")))
        return PromoplanError(f"{describe_path(doc.data, loc)}: cannot read '{written}' as a time of day",
                              where, 'write it as "HH:MM", quoted')
    if kind in _TYPE_WORDS:
        want, hint = _TYPE_WORDS[kind]
        want = want.format(**err.get("ctx", {}))
        value = err.get("input")
        if kind == "model_type" and len(loc) == 2 and loc[0] == "anchors" and isinstance(value, str):
            # `signup: 2024-10-14` in a plan file: the date (or the label) needs its key.
            key = "date" if value[:1].isdigit() else "label"
            hint = f"write {loc[1]}: {{{key}: {value}}}"
        return PromoplanError(
            f"{describe_path(doc.data, loc)}: expected {want}, found {found}", where, hint)
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == ONE_LINE:
        return PromoplanError(f"{describe_path(doc.data, loc)}: expected one line of text without tabs "
                              "or control characters, found "
                              f"{_control(str(err.get('input')))} in {found}", where,
                              "remove it: calendars and file names show this on one line")
    if kind == "literal_error":  # one of a few fixed words
        return PromoplanError(
            f"{describe_path(doc.data, loc)}: expected {err['ctx']['expected']}, found {found}", where)
    return PromoplanError(f"{describe_path(doc.data, loc)}: {err['msg']}, found {found}", where)


def _control(text: str) -> str:
    """The first character a one-line name may not hold, as a person would call it."""
    ch = next(c for c in text if ord(c) < 32 or 127 <= ord(c) <= 159)
    if ch in "\n\r":
        return "a line break"
    return "a tab" if ch == "\t" else f"the control character U+{ord(ch):04X}"


def _show(value: Any, written: str | None = None) -> str:
    """A found value as the user wrote it (10.30, not 10.3), with what YAML made of it."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "keys and values"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{written or value} (yes/no)"
    return repr(value) if isinstance(value, str) else f"{written or value} (a number)"


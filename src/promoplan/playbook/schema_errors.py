"""Pydantic's schema errors as our messages, at the file, line and column they are about.

pydantic speaks of `loc` tuples and error types; a person reads `ju.yaml:14:10: task
'price-stock' › due: expected text, found 10.3 (a number)`. Shared by every file read
against the schema: playbook layers and `--team` files.
"""

from __future__ import annotations

import re
from typing import Any

from promoplan.errors import Listed, PromoplanError, Say, did_you_mean
from promoplan.playbook.merged import at_key, listed
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


def describe_path(data: Any, path: Path_) -> Say:
    """How a message names the place it speaks of: a task by its name, an anchor by its label,
    any other value by its keys (`calendar › holidays › #1`)."""
    if not path:
        return Say("playbook.top")
    head, rest = str(path[0]), list(path[1:])
    place: Say | None = None
    if head == "tasks" and rest and isinstance(rest[0], int):
        entry = data.get("tasks", [None])[rest[0]] if isinstance(data, dict) else None
        entry = entry if isinstance(entry, dict) else {}
        name, tid = entry.get("name"), entry.get("id")
        place = (Say("playbook.task-named", name=name) if isinstance(name, str) and name else
                 Say("playbook.task-id", id=tid) if isinstance(tid, str) else
                 Say("playbook.task-row", row=rest[0] + 1))
        rest = rest[1:]
    elif head == "anchors" and rest:
        anchors = data.get("anchors") if isinstance(data, dict) else None
        spec = anchors.get(rest[0]) if isinstance(anchors, dict) else None
        label = spec.get("label") if isinstance(spec, dict) else None
        place = Say("playbook.anchor", label=label if isinstance(label, str) and label else rest[0])
        rest = rest[1:]
    else:
        rest = [head, *rest]
    for part in rest:
        if isinstance(part, int):
            place = Say("playbook.item", place=place or Say("playbook.top"), n=part + 1)
        elif not str(part).isascii():  # a name the user chose (a role), not one of the schema's keys
            place = Say("playbook.name-key", name=part) if place is None else \
                Say("playbook.at-name", place=place, name=part)
        else:
            place = Say("playbook.key", key=str(part)) if place is None else at_key(place, str(part))
    assert place is not None
    return place


_TYPE_WORDS: dict[str, tuple[str, str | None]] = {
    "string_type": ("playbook.want-text", "playbook.want-text-fix"),
    "list_type": ("playbook.want-list", "playbook.want-list-fix"),
    "dict_type": ("playbook.want-keys", None),
    "model_type": ("playbook.want-keys", None),
    "int_type": ("playbook.want-int", None),
    "greater_than_equal": ("playbook.want-at-least", None),
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
            Say("playbook.unknown-key", place=describe_path(doc.data, loc[:-1]), key=str(loc[-1])),
            doc.key_loc(loc),
            did_you_mean(str(loc[-1]), known) or
            (Say("playbook.known-keys", keys=listed(known)) if known else None),
        )
    if kind == "missing":
        return PromoplanError(Say("playbook.missing-key", place=describe_path(doc.data, loc[:-1]),
                                  key=str(loc[-1])), doc.loc(loc[:-1]))
    where = doc.loc(loc)
    place = describe_path(doc.data, loc)
    found = _show(err.get("input"), doc.raw.get(loc))
    if loc and loc[-1] == "time" and loc[0] == "anchors":
        written = doc.raw.get(loc, str(err.get("input")))
        return PromoplanError(Say("playbook.bad-time", place=place, value=written), where,
                              Say("playbook.time-fix"))
    if kind in _TYPE_WORDS:
        want_key, hint_key = _TYPE_WORDS[kind]
        want = Say(want_key, **err.get("ctx", {}))
        hint: Say | None = Say(hint_key) if hint_key else None
        value = err.get("input")
        if kind == "model_type" and len(loc) == 2 and loc[0] == "anchors" and isinstance(value, str):
            # `signup: 2024-10-14` in a plan file: the date (or the label) needs its key.
            key = "date" if value[:1].isdigit() else "label"
            hint = Say("playbook.anchor-key-fix", name=str(loc[1]), key=key, value=value)
        return PromoplanError(Say("playbook.expected", place=place, want=want, found=found), where, hint)
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == ONE_LINE:
        return PromoplanError(Say("playbook.not-one-line", place=place,
                                  what=_control(str(err.get("input"))), found=found), where,
                              Say("playbook.not-one-line-fix"))
    if kind == "literal_error":  # one of a few fixed words
        expected = str(err["ctx"]["expected"])
        words = [Say("playbook.quoted", text=w) for w in re.findall(r"'([^']*)'", expected)]
        choices: Say | str = expected
        if len(words) > 1:
            choices = Say("playbook.one-of", first=Listed(words[:-1]), last=words[-1])
        return PromoplanError(Say("playbook.expected", place=place, want=choices, found=found), where)
    return PromoplanError(Say("playbook.schema-other", place=place, what=err["msg"], found=found), where)


def _control(text: str) -> Say:
    """The first character a one-line name may not hold, as a person would call it."""
    ch = next(c for c in text if ord(c) < 32 or 127 <= ord(c) <= 159)
    if ch in "\n\r":
        return Say("playbook.line-break")
    return Say("playbook.tab") if ch == "\t" else Say("playbook.control", code=f"U+{ord(ch):04X}")


def _show(value: Any, written: str | None = None) -> Say:
    """A found value as the user wrote it (10.30, not 10.3), with what YAML made of it."""
    if value is None:
        return Say("playbook.found-nothing")
    if isinstance(value, dict):
        return Say("playbook.found-keys")
    if isinstance(value, list):
        return Say("playbook.found-list")
    if isinstance(value, bool):
        return Say("playbook.found-yes-no", value=written or str(value))
    if isinstance(value, str):
        return Say("playbook.found-text", value=repr(value)[1:-1])
    return Say("playbook.found-number", value=written or str(value))

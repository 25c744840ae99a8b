"""One file read against the schema: its valid part, and what was left out and why.

A plan file only says what differs from the playbook it extends, so each file is
validated on its own (errors point into that file). A value that breaks the schema is
reported and left out (a task's key, a whole task, a role of the team), so that merging
and the checks can go on with what is valid and one run reports every mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from promoplan.errors import Loc, PromoplanError, Say, closest, raise_all
from promoplan.playbook.schema import PlaybookFile, keys_of
from promoplan.playbook.schema_errors import dedupe_errors, model_at, schema_error
from promoplan.playbook.yaml_reader import Document, Path_


@dataclass(frozen=True)
class Layer:
    """One file read against the schema: what is valid in it, and what was left out and why."""

    doc: Document
    file: PlaybookFile
    """The file's valid part."""
    rows: tuple[int, ...] = ()
    """Where each of `file.tasks` stands in the file's `tasks:` list (left-out tasks are skipped)."""
    invalid: frozenset[Path_] = frozenset()
    """Paths of the values left out because they broke the schema, and of the keys the file's
    unknown keys most likely misspell: whatever is found missing there is already reported."""
    problems: tuple[PromoplanError, ...] = ()
    """What was wrong with them."""

    @property
    def extends(self) -> str | None:
        return self.file.extends


def validate_layer(doc: Document) -> Layer:
    """One file against the schema, every error mapped back to its line and column.

    The file's broken parts are reported and left out (see `_dropped_part`), so that merging
    and checking can go on with the rest; only a mistake that leaves nothing sensible to go
    on with (the top of the file, `extends`) is raised at once.
    """
    if doc.data is None:
        raise PromoplanError(Say("playbook.empty-file"), Loc(doc.name, 1, 1), Say("playbook.empty-file-fix"))
    if not isinstance(doc.data, dict):
        found = Say("playbook.found-list") if isinstance(doc.data, list) else \
            Say("playbook.found-text", value=str(doc.data))
        raise PromoplanError(Say("playbook.top-not-keys", found=found), doc.loc(()))
    try:
        file = PlaybookFile.model_validate(doc.data)
    except ValidationError as exc:
        errors = dedupe_errors(exc.errors(include_url=False))
    else:
        return Layer(doc, file, tuple(range(len(file.tasks))))
    problems = [schema_error(doc, err) for err in errors]
    dropped: set[Path_] = set()
    meant: set[Path_] = set()
    for err in errors:
        loc: Path_ = tuple(err["loc"])
        dropped.add(_dropped_part(loc, err["type"]))
        key = _meant_key(loc) if err["type"] == "extra_forbidden" else None
        if key is not None:
            meant.add((*loc[:-1], key))
    if any(not part or part[0] == "extends" for part in dropped):
        raise_all(problems)
    data, rows = _without(doc.data, dropped)
    try:
        file = PlaybookFile.model_validate(data)
    except ValidationError:  # leaving out what broke leaves a valid file; should it not, stop here
        raise_all(problems)
        raise
    return Layer(doc, file, rows, frozenset(dropped | meant), tuple(problems))


_LEFT_OUT_AT = {"tasks": 3, "anchors": 3, "team": 2, "progress": 2, "calendar": 2, "reminders": 2}
"""Per top-level key, how deep a broken value is left out: a task's key, an anchor's key, a
role of the team, one progress entry, a key of calendar or reminders; elsewhere the whole key."""


def _dropped_part(loc: Path_, kind: str) -> Path_:
    """The part of the file to leave out for a schema error at `loc`."""
    if not loc:
        return loc
    head = loc[0]
    if head == "tasks" and len(loc) >= 3 and loc[2] == "id":
        return loc[:2]  # without its id, an override would turn into a new task
    if kind == "extra_forbidden" and head != "team":
        return loc  # an unknown key alone (in `team`, the people are reshaped before checking)
    return loc[:_LEFT_OUT_AT.get(str(head), 1)]


def _meant_key(loc: Path_) -> str | None:
    """The known key an unknown key at `loc` most likely misspells (`dew` → `due`)."""
    model = model_at(loc[:-1])
    return closest(str(loc[-1]), keys_of(model)) if model is not None else None


_GONE: Any = object()


def _without(data: dict[str, Any], parts: set[Path_]) -> tuple[dict[str, Any], tuple[int, ...]]:
    """`data` less `parts`, and where each remaining task stands in the file's list.

    Only the containers on the way to a part are copied: the document's data stays as the
    file wrote it, for messages.
    """
    root = dict(data)
    copies = {id(root)}
    gone: set[Path_] = set()
    for part in sorted(parts, key=len):
        if any(part[:n] in gone for n in range(1, len(part))):
            continue  # inside a part already left out
        gone.add(part)
        node: Any = root
        for step in part[:-1]:
            child = node[step]
            if id(child) not in copies:
                child = dict(child) if isinstance(child, dict) else list(child)
                node[step] = child
                copies.add(id(child))
            node = child
        if isinstance(node, dict):
            node.pop(part[-1], None)
        else:
            node[part[-1]] = _GONE
    tasks = root.get("tasks")
    if not isinstance(tasks, list):
        return root, ()
    rows = tuple(i for i, task in enumerate(tasks) if task is not _GONE)
    root["tasks"] = [tasks[i] for i in rows]
    return root, rows


"""Assemble a playbook from its files: follow `extends`, validate each layer, merge.

A plan file only says what differs from the playbook it extends, so each file
is validated on its own (errors point into that file) and the layers are then
merged field by field, remembering which file and line each value came from.

One run reports every mistake: a value that breaks the schema is reported and
left out (a task's key, a whole task, a role of the team), and merging and the
checks go on with what is valid, skipping only the checks that would trip over
what was left out. The mistakes found here travel in `Playbook.problems`, and
resolving reports them together with its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from promoplan.errors import Loc, PromoplanError, closest, did_you_mean, raise_all
from promoplan.playbook import library, sources
from promoplan.playbook.schema import (
    PHASE_WORDS,
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
    normalize_team,
    updated,
)
from promoplan.playbook.sources import Source
from promoplan.playbook.yaml_reader import Document, Path_, decode, parse_yaml, read_yaml

MAX_EXTENDS_DEPTH = 16
ORGANIZER = "organizer"
"""The team entry that is not a role: who sends calendar invitations."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ANCHOR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TASK_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
TIMING = frozenset({"at", "start", "due", "duration", "after", "repeat"})
"""A task's keys that say when it happens."""


@dataclass
class AnchorDef:
    name: str
    spec: AnchorSpec
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.spec.label or self.name

    def where(self, key: str) -> Loc:
        return self.locs.get(key, self.loc)


@dataclass
class TaskDef:
    id: str
    spec: TaskSpec
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Places of keys set by a layer that extends the one that wrote the task."""
    order: int = 0
    label: str = ""
    """How messages name the task: its id, or its place in the file when the id is derived."""
    broken: bool = False
    """Its timing keys contradict each other or broke the schema: resolving skips it (the error
    is already known)."""
    invalid: frozenset[str] = frozenset()
    """Keys left out because they broke the schema (unknown keys included): already reported,
    so the checks that would trip over their absence are skipped."""
    written: tuple[Document, Path_, TaskSpec] | None = None
    """The file, path and keys that wrote the task. Its keys' places are looked up there
    only when a message needs one: a large playbook would otherwise make a Loc per key."""

    def where(self, key: str) -> Loc:
        """Where `key` (`due`, `repeat.until`) was written, or the task when it was not."""
        found = self.locs.get(key)
        if found is not None:
            return found
        if self.written is not None:
            doc, path, spec = self.written
            head, _, sub = key.partition(".")
            if (sub in spec.repeat.model_fields_set if head == "repeat" and sub and spec.repeat
                    is not None else not sub and key in spec.model_fields_set):
                return doc.loc((*path, head, sub) if sub else (*path, key))
        return self.loc


@dataclass
class Playbook:
    """The merged playbook: every value with the place it was written."""

    name: str
    source: str
    title: str = ""
    description: str = ""
    locale: str = "zh-CN"
    timezone: str = "Asia/Shanghai"
    country: str = "CN"
    roll: str = "none"
    holidays: list[tuple[str, Loc]] = field(default_factory=list)
    workdays: list[tuple[str, Loc]] = field(default_factory=list)
    event: EventSpec | None = None
    brand: str = ""
    reminders: dict[str, str] = field(default_factory=dict)
    """timed / all_day → reminder text, with its place in `locs` as reminders.KEY."""
    anchors: dict[str, AnchorDef] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    tasks: list[TaskDef] = field(default_factory=list)
    team: dict[str, list[Person]] = field(default_factory=dict)
    organizer: Person | None = None
    campaign: str = ""
    progress: dict[str, tuple[str, Loc]] = field(default_factory=dict)
    """Task id → the status text as written, and where."""
    locs: dict[str, Loc] = field(default_factory=dict)
    problems: list[PromoplanError] = field(default_factory=list)
    """Mistakes found by the checks; resolving reports them with its own."""
    invalid: set[str] = field(default_factory=set)
    """Top-level keys with a mistake already reported (see `Layer.invalid`): the checks that
    would trip over it are skipped, and a mistake in `anchors` stops before resolving."""

    def where(self, key: str) -> Loc:
        return self.locs.get(key, Loc(self.source, 1, 1))


# ------------------------------------------------------------------ reading files

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


def load(ref: str, cwd: Path | None = None) -> Playbook:
    """Load a playbook or plan file by path, REV:path or built-in name, with all it extends."""
    return assemble(_chain(ref, None, cwd or Path.cwd(), [], None))


def assemble(chain: list[Layer]) -> Playbook:
    """The playbook the layers make, parent first, with its checks done (`Playbook.problems`)."""
    pb = _check(_merge(chain))
    if "anchors" in pb.invalid:
        # Every offset counts from an anchor: with one left out, resolving would only add
        # mistakes that are not there.
        raise_all(pb.problems)
    return pb


def resolve_ref(ref: str, base: Source | None, cwd: Path, from_loc: Loc | None) -> Source:
    """Where a playbook reference points: a file beside `base`, in git, or a built-in."""
    if base is None:
        local = cwd / ref
        if local.is_file() or (library.looks_like_path(ref) and ":" not in ref):
            return sources.disk(local, ref)
        in_git = sources.git_ref(ref, cwd)
        if in_git is not None:
            return in_git
    elif library.looks_like_path(ref) or (base.git is None and (
            base.path is not None and (base.path.parent / ref).is_file())):
        return base.sibling(ref)
    entry = library.find(ref)
    if entry is None:
        names = library.names()
        raise PromoplanError(
            f"no playbook file or built-in playbook named '{ref}'",
            from_loc,
            did_you_mean(ref, names) or f"built-in playbooks: {', '.join(names)}",
        )
    return sources.disk(entry, sources.shown(entry))


def _chain(ref: str, base: Source | None, cwd: Path, seen: list[str],
           from_loc: Loc | None) -> list[Layer]:
    source = resolve_ref(ref, base, cwd, from_loc)
    if source.key in seen:
        names = [key.rsplit("/", 1)[-1] for key in [*seen[seen.index(source.key):], source.key]]
        raise PromoplanError(f"extends cycle: {' → '.join(names)}", from_loc,
                             "a playbook cannot extend itself, directly or through others")
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise PromoplanError(f"extends goes more than {MAX_EXTENDS_DEPTH} levels deep", from_loc)
    if from_loc is not None and source.path is not None and not source.path.is_file():
        raise PromoplanError(f"extends: no such file '{ref}'", from_loc,
                             "the path is relative to the file that extends it")
    doc = parse_yaml(decode(source.read(), source.shown), source.shown)
    layer = validate_layer(doc)
    if layer.extends is None:
        return [layer]
    parents = _chain(layer.extends, source, cwd, [*seen, source.key], doc.loc(("extends",)))
    return [*parents, layer]


def validate_layer(doc: Document) -> Layer:
    """One file against the schema, every error mapped back to its line and column.

    The file's broken parts are reported and left out (see `_dropped_part`), so that merging
    and checking can go on with the rest; only a mistake that leaves nothing sensible to go
    on with (the top of the file, `extends`) is raised at once.
    """
    if doc.data is None:
        raise PromoplanError("the file is empty", Loc(doc.name, 1, 1),
                             "a playbook needs at least 'name', 'anchors' and 'tasks'")
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else f"{doc.data!r}"
        raise PromoplanError(f"expected keys (name:, anchors:, tasks:, …) at the top, found {found}",
                             doc.loc(()))
    try:
        file = PlaybookFile.model_validate(doc.data)
    except ValidationError as exc:
        errors = _dedupe(exc.errors(include_url=False))
    else:
        return Layer(doc, file, tuple(range(len(file.tasks))))
    problems = [_schema_error(doc, err) for err in errors]
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
    model = _model_at(loc[:-1])
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


def load_team(path: Path, shown: str) -> tuple[dict[str, list[Person]], dict[str, Loc]]:
    """A `--team` file: `role: [people]`, optionally under a top-level `team:` key."""
    doc = read_yaml(path, shown)
    data = doc.data
    prefix: Path_ = ()
    if isinstance(data, dict) and set(data) == {"team"}:
        data, prefix = data["team"], ("team",)
    if not isinstance(data, dict):
        raise PromoplanError("a team file maps each role to its people (运营主管: [张伟])",
                             doc.loc(prefix))
    try:
        layer = PlaybookFile.model_validate({"team": normalize_team(data)})
    except ValidationError as exc:
        raise_all([_schema_error(doc, err, (*prefix, *tuple(err["loc"])[1:]))
                   for err in _dedupe(exc.errors(include_url=False))])
        raise
    return dict(layer.team), {role: doc.key_loc((*prefix, role)) for role in layer.team}


def add_team(pb: Playbook, team: dict[str, list[Person]], locs: dict[str, Loc]) -> None:
    """Put a team file's people on the playbook's roles; every role must be one it knows."""
    team = dict(team)
    organizer = team.pop(ORGANIZER, None)
    if organizer:
        pb.organizer = organizer[0]
    raise_all(_unknown_roles(pb, team, locs))
    pb.team.update(team)


def _unknown_roles(pb: Playbook, team: dict[str, list[Person]],
                   locs: dict[str, Loc]) -> list[PromoplanError]:
    known = pb.roles or sorted({t.spec.owner for t in pb.tasks if t.spec.owner})
    return [PromoplanError(f"team: unknown role '{role}'", locs.get(role),
                           did_you_mean(role, known) or f"roles: {', '.join(known)}")
            for role in team if role not in known]


# ------------------------------------------------------------------ schema errors

def _dedupe(errors: list[Any]) -> list[Any]:
    """One error per place: the first pydantic gives is the one to fix."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for err in errors:
        key = tuple(err["loc"])
        if key not in seen:
            seen.add(key)
            out.append(err)
    return out


def _model_at(path: Path_) -> type[Spec] | None:
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


def _schema_error(doc: Document, err: Any, where_in_doc: Path_ | None = None) -> PromoplanError:
    """One schema problem as our message; `where_in_doc` when the file nests the data differently."""
    schema_loc: Path_ = tuple(err["loc"])
    loc: Path_ = schema_loc if where_in_doc is None else where_in_doc
    kind = err["type"]
    if kind == "extra_forbidden":
        model = _model_at(schema_loc[:-1])
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
    if kind == "literal_error":  # one of a few fixed words
        return PromoplanError(
            f"{describe_path(doc.data, loc)}: expected {err['ctx']['expected']}, found {found}", where)
    return PromoplanError(f"{describe_path(doc.data, loc)}: {err['msg']}, found {found}", where)


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


# ------------------------------------------------------------------ merging layers

def _merge(chain: list[Layer]) -> Playbook:
    """The layers laid over each other, parent first; their mistakes gathered in `problems`."""
    pb = Playbook(name="", source=chain[-1].doc.name)
    errors: list[PromoplanError] = []
    for layer in chain:
        errors.extend(layer.problems)
        pb.invalid.update(str(part[0]) for part in layer.invalid)
        _merge_layer(pb, layer, errors)
    pb.problems = errors
    return pb


def _merge_layer(pb: Playbook, layer: Layer, errors: list[PromoplanError]) -> None:
    """Lay one file over what it extends (`layer.extends` names the parent when there is one)."""
    doc, file = layer.doc, layer.file
    invalid: dict[int, set[str]] = {}
    for part in layer.invalid:
        if part[0] == "tasks" and len(part) >= 3 and isinstance(part[1], int):
            invalid.setdefault(part[1], set()).add(str(part[2]))
    for key in ("name", "campaign", "title", "description", "brand", "locale", "timezone", "roll"):
        value = getattr(file, key)
        if value is not None:
            setattr(pb, key, value)
            pb.locs[key] = doc.loc((key,))
    if file.calendar is not None:
        if file.calendar.country is not None:
            pb.country = file.calendar.country
            pb.locs["country"] = doc.loc(("calendar", "country"))
        pb.holidays += [(d, doc.loc(("calendar", "holidays", i)))
                        for i, d in enumerate(file.calendar.holidays)]
        pb.workdays += [(d, doc.loc(("calendar", "workdays", i)))
                        for i, d in enumerate(file.calendar.workdays)]
    if file.reminders is not None:
        for key in file.reminders.model_fields_set:
            pb.reminders[key] = getattr(file.reminders, key)
            pb.locs[f"reminders.{key}"] = doc.loc(("reminders", key))
    if file.event is not None:
        pb.event = file.event
        pb.locs["event.start"] = doc.loc(("event", "start"))
        pb.locs["event.end"] = doc.loc(("event", "end"))
    for name, aspec in file.anchors.items():
        locs = {key: doc.loc(("anchors", name, key)) for key in aspec.model_fields_set}
        if name in pb.anchors:
            known = pb.anchors[name]
            known.spec = updated(known.spec, aspec)
            known.locs.update(locs)
        elif file.extends is not None and aspec.model_fields_set <= {"date"}:
            # A plan file dating an anchor its playbook does not have: a typo, not a new event.
            pb.invalid.add("anchors")
            errors.append(PromoplanError(
                f"anchor '{name}': {file.extends} has no such anchor", doc.key_loc(("anchors", name)),
                did_you_mean(name, pb.anchors) or f"anchors: {', '.join(pb.anchors)}"))
        else:
            if not _ANCHOR_NAME.match(name):
                pb.invalid.add("anchors")
                errors.append(PromoplanError(
                    f"anchor name '{name}' must be a plain word (letters, digits, _)",
                    doc.key_loc(("anchors", name)), "put the Chinese word in 'label'"))
            pb.anchors[name] = AnchorDef(name, aspec, doc.key_loc(("anchors", name)), locs)
    for key in ("sections", "roles"):
        items: list[str] = getattr(pb, key)
        items += [s for s in getattr(file, key) if s not in items]
        if getattr(file, key):
            pb.locs[key] = doc.loc((key,))
    by_id = {t.id: t for t in pb.tasks}
    for i, rid in enumerate(file.remove):
        if rid in by_id:
            pb.tasks.remove(by_id.pop(rid))
        else:
            errors.append(PromoplanError(f"remove: no task '{rid}' to remove",
                                         doc.loc(("remove", i)), did_you_mean(rid, by_id)))
    first_line: dict[str, int] = {}
    for spec, row in zip(file.tasks, layer.rows, strict=True):
        path: Path_ = ("tasks", row)
        bad = frozenset(invalid.get(row, ()))
        loc = doc.loc(path)
        tid = spec.id
        if tid is not None:
            id_loc = doc.loc((*path, "id"))
            if not _TASK_ID.match(tid):
                errors.append(PromoplanError(
                    f"task id '{tid}' must be letters, digits, '-' and '_' only",
                    id_loc, "ids stay ASCII so calendars and diffs can use them"))
            if tid in first_line:
                errors.append(PromoplanError(
                    f"duplicate task id '{tid}' (first at line {first_line[tid]})", id_loc,
                    "give each task its own id"))
                continue
            first_line[tid] = id_loc.line
        if tid is not None and tid in by_id:
            old = by_id[tid]
            old.spec = updated(old.spec, spec)
            old.locs.update({key: doc.loc((*path, key)) for key in spec.model_fields_set})
            if spec.repeat is not None:
                old.locs.update({f"repeat.{key}": doc.loc((*path, "repeat", key))
                                 for key in spec.repeat.model_fields_set})
            old.loc = loc
            old.invalid |= bad
            continue
        if tid is not None and file.extends is not None and spec.name is None and "name" not in bad:
            # Overriding a task that is not there: almost always a misspelt id.
            errors.append(PromoplanError(
                f"task '{tid}': no inherited task has this id, and a new task needs 'name' and a time",
                doc.loc((*path, "id")), did_you_mean(tid, by_id)))
            continue
        label = f"task '{tid}'" if tid is not None else f"task #{row + 1}"
        if tid is None:
            tid = _derived_id(spec, by_id)
        task = TaskDef(tid, spec, loc, order=len(pb.tasks), label=label, written=(doc, path, spec),
                       invalid=bad)
        pb.tasks.append(task)
        by_id[tid] = task
    for role, people in file.team.items():
        if role == ORGANIZER:
            pb.organizer = people[0] if people else None
            continue
        pb.team[role] = list(people)
        pb.locs[f"team.{role}"] = doc.key_loc(("team", role))
    for tid, text in file.progress.items():
        pb.progress[tid] = (text, doc.loc(("progress", tid)))


def _derived_id(spec: TaskSpec, taken: dict[str, TaskDef]) -> str:
    """A stable id from what the task is, not where it is, so reordering keeps it."""
    import hashlib  # only for tasks without an id: most playbooks give every task one

    digest = hashlib.sha1(f"{spec.section}\x1f{spec.name}".encode()).hexdigest()[:8]
    tid, n = f"t-{digest}", 2
    while tid in taken:
        tid, n = f"t-{digest}-{n}", n + 1
    return tid


# ------------------------------------------------------------------ completeness

def _check(pb: Playbook) -> Playbook:
    """The merged playbook's own checks; skipped where the schema already left a value out."""
    errors: list[PromoplanError] = []
    if "name" in pb.invalid:
        pass  # already reported
    elif not pb.name:
        errors.append(PromoplanError("missing key 'name'", Loc(pb.source, 1, 1),
                                     "add e.g. 'name: my-promo' (lowercase, digits, '-')"))
    elif not _SLUG.match(pb.name):
        errors.append(PromoplanError(f"name '{pb.name}' must be a slug (lowercase, digits, '-')",
                                     pb.where("name")))
    try:
        zone(pb.timezone)
    except PromoplanError as exc:
        errors.append(PromoplanError(exc.message, pb.where("timezone"), exc.hint))
    if not pb.anchors and "anchors" not in pb.invalid:
        errors.append(PromoplanError("no anchors: a playbook needs at least one anchor event",
                                     pb.where("anchors"), "add e.g. anchors: {open: {label: 开团}}"))
    words: dict[str, str] = {}
    for anchor in pb.anchors.values():
        for word in [anchor.name, anchor.label, *anchor.spec.aliases]:
            other = words.setdefault(word, anchor.name)
            if other != anchor.name:
                errors.append(PromoplanError(
                    f"anchor '{anchor.name}': the word '{word}' already names anchor '{other}'",
                    anchor.where("aliases" if word in anchor.spec.aliases else "label")))
    for task in pb.tasks:
        errors.extend(_check_task(pb, task))
    if "roles" not in pb.invalid:
        errors.extend(_unknown_roles(pb, pb.team, {r: pb.where(f"team.{r}") for r in pb.team}))
    # Reported together with what resolving finds, so one run lists every mistake.
    pb.problems += errors
    return pb


def _check_task(pb: Playbook, task: TaskDef) -> list[PromoplanError]:
    spec, errors = task.spec, []

    def err(key: str, message: str, hint: str | None = None) -> None:
        errors.append(PromoplanError(f"{task.label} › {key}: {message}" if key else
                                     f"{task.label}: {message}", task.where(key), hint))

    if not spec.name and "name" not in task.invalid:
        err("", "missing key 'name'", "say what has to be done")
    if spec.section is not None and pb.sections and spec.section not in pb.sections \
            and "sections" not in pb.invalid:
        err("section", f"unknown section '{spec.section}'",
            did_you_mean(spec.section, pb.sections) or f"sections: {', '.join(pb.sections)}")
    if spec.owner is not None and pb.roles and spec.owner not in pb.roles and "roles" not in pb.invalid:
        err("owner", f"unknown role '{spec.owner}'",
            did_you_mean(spec.owner, pb.roles) or f"roles: {', '.join(pb.roles)}")
    if spec.phase is not None and spec.phase not in PHASE_WORDS:
        err("phase", f"unknown phase '{spec.phase}'", "use 活动前, 活动中 or 活动后")
    if task.invalid & TIMING:
        # Its time was written wrong, or under a misspelt key: already reported.
        task.broken = True
        return errors
    timing = len(errors)
    if spec.at is not None:
        for other in ("start", "due", "duration", "after"):
            if getattr(spec, other) is not None:
                err(other, f"'{other}' cannot go with 'at'",
                    "'at' is a point in time; use start/due for a span")
    elif spec.start is None and spec.after is None and spec.due is None:
        err("", "no time given", "add 'at', 'start' and 'due', or 'after' and 'duration'")
    if spec.after is not None and spec.start is not None:
        err("after", "'after' and 'start' both say when the task starts", "keep one of them")
    if spec.duration is not None and spec.due is not None:
        err("duration", "'duration' and 'due' both say when the task ends", "keep one of them")
    if spec.duration is not None and spec.start is None and spec.after is None:
        err("duration", "'duration' needs 'start' or 'after' to count from")
    if spec.repeat is not None:
        if spec.repeat.until is not None and spec.repeat.count is not None:
            err("repeat", "'until' and 'count' both say when it stops", "keep one of them")
        elif spec.repeat.until is None and spec.repeat.count is None:
            err("repeat", "give 'until' or 'count'", "e.g. repeat: {every: 30min, until: open+2h}")
        if spec.at is None and spec.start is None and spec.after is None:
            err("repeat", "a repeating task needs 'at' or 'start'")
    task.broken = len(errors) > timing
    return errors


def zone(name: str) -> Any:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PromoplanError(f"unknown time zone '{name}'",
                             hint="use an IANA name such as Asia/Shanghai") from None

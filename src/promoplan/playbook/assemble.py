"""Assemble a playbook from its files: follow `extends`, validate each layer, merge.

A plan file only says what differs from the playbook it extends, so each file is
validated on its own (`layers`) and the layers are then merged field by field here,
remembering which file and line each value came from; `checks` then looks at the whole.

Merging goes on past a mistake, so one run reports every one: the mistakes found travel
in `Playbook.problems`, and resolving reports them together with its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from promoplan.errors import Loc, PromoplanError, Say, did_you_mean, raise_all
from promoplan.playbook import library, sources
from promoplan.playbook.checks import check
from promoplan.playbook.layers import Layer, validate_layer
from promoplan.playbook.merged import AnchorDef, Playbook, TaskDef, listed
from promoplan.playbook.schema import TaskSpec, updated
from promoplan.playbook.sources import Source
from promoplan.playbook.team import ORGANIZER
from promoplan.playbook.yaml_reader import Path_, decode, parse_yaml

MAX_EXTENDS_DEPTH = 16
_ANCHOR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TASK_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")


def load(ref: str, cwd: Path | None = None) -> Playbook:
    """Load a playbook or plan file by path, REV:path or built-in name, with all it extends."""
    return assemble(_chain(ref, None, cwd or Path.cwd(), [], None))


def assemble(chain: list[Layer]) -> Playbook:
    """The playbook the layers make, parent first, with its checks done (`Playbook.problems`)."""
    pb = check(_merge(chain))
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
            Say("playbook.no-playbook", name=ref),
            from_loc,
            did_you_mean(ref, names) or Say("playbook.builtins", names=listed(list(names))),
        )
    return sources.disk(entry, sources.shown(entry))


def _chain(ref: str, base: Source | None, cwd: Path, seen: list[str],
           from_loc: Loc | None) -> list[Layer]:
    source = resolve_ref(ref, base, cwd, from_loc)
    if source.key in seen:
        names = [key.rsplit("/", 1)[-1] for key in [*seen[seen.index(source.key):], source.key]]
        raise PromoplanError(Say("playbook.extends-cycle", chain=" → ".join(names)), from_loc,
                             Say("playbook.extends-cycle-fix"))
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise PromoplanError(Say("playbook.extends-deep", depth=MAX_EXTENDS_DEPTH), from_loc)
    if from_loc is not None and source.path is not None and not source.path.is_file():
        raise PromoplanError(Say("playbook.extends-no-file", file=ref), from_loc,
                             Say("playbook.extends-no-file-fix"))
    doc = parse_yaml(decode(source.read(), source.shown), source.shown)
    layer = validate_layer(doc)
    if layer.extends is None:
        return [layer]
    parents = _chain(layer.extends, source, cwd, [*seen, source.key], doc.loc(("extends",)))
    return [*parents, layer]


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
        if file.calendar.weekends is not None:
            pb.weekends = file.calendar.weekends
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
                Say("playbook.plan-unknown-anchor", name=name, playbook=file.extends),
                doc.key_loc(("anchors", name)),
                did_you_mean(name, pb.anchors) or Say("playbook.anchors", names=listed(list(pb.anchors)))))
        else:
            if not _ANCHOR_NAME.match(name):
                pb.invalid.add("anchors")
                errors.append(PromoplanError(
                    Say("playbook.anchor-name", name=name),
                    doc.key_loc(("anchors", name)), Say("playbook.anchor-name-fix")))
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
            errors.append(PromoplanError(Say("playbook.remove-unknown", id=rid),
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
                    Say("playbook.task-id-chars", id=tid), id_loc, Say("playbook.task-id-chars-fix")))
            if tid in first_line:
                errors.append(PromoplanError(
                    Say("playbook.duplicate-id", id=tid, line=first_line[tid]), id_loc,
                    Say("playbook.duplicate-id-fix")))
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
                Say("playbook.override-unknown", id=tid), doc.loc((*path, "id")),
                did_you_mean(tid, by_id)))
            continue
        derived = tid is None
        if tid is None:
            tid = _derived_id(spec, by_id)
        task = TaskDef(tid, spec, loc, order=len(pb.tasks), row=row + 1, derived_id=derived,
                       written=(doc, path, spec), invalid=bad)
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


"""What moved between two plans: anchors, tasks added, removed and changed.

Tasks are matched by id, which is why ids are stable, and shown the way the team
knows them: section, 序号 and name (运营第2项「改价格」). A move is said in wall-clock
time and in the plan's language (推迟2天10小时, 提前30分钟), which is what a lead
asks: how much later is it now? JSON keeps ids and compact shifts (`+2d10h`) for scripts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.words import Words
from promoplan.words.notices import task_ref

if TYPE_CHECKING:
    from rich.console import RenderableType

COMPARED = ("name", "section", "owner", "start", "due", "phase", "notes", "people", "progress")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    """The old value as JSON has it: ISO dates, the plain text."""
    new: str
    shift: str = ""
    """`+2d10h`: the move for scripts."""
    old_text: str = ""
    """The old value as the team reads it: 10月30日 周三."""
    new_text: str = ""
    move: str = ""
    """推迟2天10小时 / 2d10h later: the move as the team reads it."""


@dataclass
class TaskChange:
    task: PlanTask
    changes: list[Change]


@dataclass
class PlanDiff:
    old_name: str
    new_name: str
    words: Words
    anchors: list[tuple[str, str, Change]] = field(default_factory=list)
    """(name, label, change) for every anchor whose date moved, added or removed."""
    added: list[PlanTask] = field(default_factory=list)
    removed: list[PlanTask] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.anchors or self.added or self.removed or self.changed)


def _parts(delta: timedelta) -> list[tuple[int, str]]:
    rest = abs(delta)
    hours, minutes = divmod(rest.seconds // 60, 60)
    return [(n, u) for n, u in ((rest.days, "d"), (hours, "h"), (minutes, "min")) if n]


def shift_text(old: When, new: When) -> str:
    """`+2d`, `-30min`, `+1d2h`: the move in wall-clock time, '' when none."""
    delta = new.begin - old.begin
    if delta == timedelta(0):
        return "±0" if old.timed != new.timed else ""
    sign = "-" if delta < timedelta(0) else "+"
    return sign + "".join(f"{n}{u}" for n, u in _parts(delta))


def move_text(old: When, new: When, words: Words) -> str:
    """`推迟2天10小时`, `提前30分钟`, `改为全天`: the move in the plan's language, '' when none."""
    delta = new.begin - old.begin
    if delta == timedelta(0):
        if old.timed == new.timed:
            return ""
        return words["diff.timed" if new.timed else "diff.all_day"]
    key = "diff.later" if delta > timedelta(0) else "diff.earlier"
    return words[key].format(span=words.span(_parts(delta)))


def _when(value: When, other: When, words: Words) -> str:
    return words.when(value, year=value.day.year != other.day.year)


def _value(task: PlanTask, key: str, words: Words) -> str:
    if key in ("start", "due"):
        when: When = getattr(task, key)
        return when.iso()
    if key == "people":
        return words.people(task)
    if key == "phase":
        return words.phase(task.phase)
    if key == "progress":  # `done 2024-10-20`, as a plan file may write it
        progress = task.progress
        return "" if progress is None else " ".join(
            [progress.status, *([progress.day.isoformat()] if progress.day else [])])
    return str(getattr(task, key))


def _status(value: str, words: Words) -> str:
    """`done 2024-10-20` → `✓ 完成 2024-10-20`."""
    status, _, day = value.partition(" ")
    return f"{words['status.' + status]} {day}".strip() if status else words["diff.none"]


def _dated(field_: str, old: When | None, new: When | None, words: Words) -> Change:
    none = words["diff.none"]
    if old is None or new is None:
        return Change(field_, old.iso() if old else "", new.iso() if new else "",
                      old_text=words.when(old, year=True) if old else none,
                      new_text=words.when(new, year=True) if new else none)
    return Change(field_, old.iso(), new.iso(), shift_text(old, new), _when(old, new, words),
                  _when(new, old, words), move_text(old, new, words))


def compare(old: Plan, new: Plan, words: Words, old_name: str, new_name: str) -> PlanDiff:
    out = PlanDiff(old_name, new_name, words, sections=_sections(old, new))
    old_anchors = {a.name: a for a in old.anchors}
    new_anchors = {a.name: a for a in new.anchors}
    for name in [*new_anchors, *(n for n in old_anchors if n not in new_anchors)]:
        a, b = old_anchors.get(name), new_anchors.get(name)
        label = (b or a).label  # type: ignore[union-attr]
        if a is None or b is None or a.when != b.when:
            out.anchors.append((name, label, _dated("date", a.when if a else None,
                                                    b.when if b else None, words)))
    before = {t.id: t for t in old.tasks}
    after = {t.id: t for t in new.tasks}
    out.added = [t for t in new.tasks if t.id not in before]
    out.removed = [t for t in old.tasks if t.id not in after]
    none = words["diff.none"]
    for task in new.tasks:
        prev = before.get(task.id)
        if prev is None:
            continue
        changes = []
        points = prev.start == prev.due and task.start == task.due
        for key in COMPARED if not points else [k for k in COMPARED if k != "due"]:
            a_val, b_val = _value(prev, key, words), _value(task, key, words)
            if a_val == b_val:
                continue
            # A moment that moved is one change, not a start and a due.
            name = "at" if points and key == "start" else key
            if key in ("start", "due"):
                changes.append(_dated(name, getattr(prev, key), getattr(task, key), words))
            elif key == "progress":
                changes.append(Change(name, a_val, b_val, old_text=_status(a_val, words),
                                      new_text=_status(b_val, words)))
            else:
                changes.append(Change(name, a_val, b_val, old_text=a_val or none, new_text=b_val or none))
        if changes:
            out.changed.append(TaskChange(task, changes))
    return out


def _sections(old: Plan, new: Plan) -> list[str]:
    order = list(new.sections)
    order += [s for s in old.sections if s not in order]
    return order


def _by_section(diff: PlanDiff) -> list[tuple[str, list[tuple[str, PlanTask, list[Change]]]]]:
    rows: dict[str, list[tuple[str, PlanTask, list[Change]]]] = {}
    for item in diff.changed:
        rows.setdefault(item.task.section, []).append(("~", item.task, item.changes))
    for task in diff.added:
        rows.setdefault(task.section, []).append(("+", task, []))
    for task in diff.removed:
        rows.setdefault(task.section, []).append(("-", task, []))
    order = diff.sections + sorted(s for s in rows if s not in diff.sections)
    return [(s, rows[s]) for s in order if s in rows]


def summary(diff: PlanDiff) -> str:
    """`1个时间节点、2项变更、新增1项、删除1项` / `1 anchor, 2 tasks changed, 1 added, 1 removed`."""
    words = diff.words
    if diff.same:
        return words["diff.same"]
    parts = [("diff.n_anchors", len(diff.anchors)), ("diff.n_changed", len(diff.changed)),
             ("diff.n_added", len(diff.added)), ("diff.n_removed", len(diff.removed))]
    return words["diff.list"].join(words.count(key, n) for key, n in parts if n)


def _span(task: PlanTask, words: Words) -> str:
    if task.start == task.due:
        return words.when(task.start)
    return f"{words.when(task.start)} → {words.when(task.due)}"


_MARKS = {"~": "diff.changed", "+": "diff.added", "-": "diff.removed"}
_STYLES = {"~": "yellow", "+": "green", "-": "red"}


def _change_line(ch: Change, words: Words, sep: str) -> str:
    move = words["paren"].format(text=ch.move) if ch.move else ""
    return f"{words['field.' + ch.field]}{sep}{ch.old_text} → {ch.new_text}{move}"


def lines(diff: PlanDiff) -> list[tuple[str, str]]:
    """The diff as (line, style) pairs: what the terminal shows, styled by rich there."""
    words = diff.words
    colon = words["diff.colon"]
    out = [(f"--- {diff.old_name}", "bold"), (f"+++ {diff.new_name}", "bold")]
    if diff.anchors:
        out += [("", ""), (words["diff.anchors"], "bold")]
        out += [(f"  {label}{colon}{ch.old_text} → {ch.new_text}"
                 + (words["paren"].format(text=ch.move) if ch.move else ""), "")
                for _, label, ch in diff.anchors]
    for section, rows in _by_section(diff):
        out += [("", ""), (section or words["diff.no_section"], "bold")]
        for mark, task, changes in rows:
            head = f"  {mark} {words[_MARKS[mark]]} {task_ref(task, words)}"
            if mark == "~":
                out.append((head, _STYLES[mark]))
                out += [(f"      {_change_line(ch, words, colon)}", "") for ch in changes]
            else:
                out.append((f"{head}  {_span(task, words)}", _STYLES[mark]))
    out += [("", ""), (summary(diff), "bold")]
    return out


def render_text(diff: PlanDiff) -> str:
    return "".join(line + "\n" for line, _ in lines(diff))


def renderable(diff: PlanDiff) -> RenderableType:
    """The same lines for rich: bold headings, changed in yellow, added green, removed red."""
    from rich.console import Group
    from rich.text import Text

    return Group(*(Text(line, style) for line, style in lines(diff)))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_md(diff: PlanDiff) -> str:
    words = diff.words
    colon = words["diff.colon"]
    out = [f"**{_md(diff.old_name)} → {_md(diff.new_name)}**{colon}{summary(diff)}"]
    if diff.anchors:
        head = [words[k] for k in ("diff.anchors", "diff.old", "diff.new", "diff.shift")]
        out += ["", "| " + " | ".join(head) + " |", "|---|---|---|---|"]
        for _, label, ch in diff.anchors:
            out.append(f"| {_md(label)} | {ch.old_text} | {ch.new_text} | {ch.move} |")
    for section, rows in _by_section(diff):
        out += ["", f"### {_md(section or words['diff.no_section'])}", ""]
        for mark, task, changes in rows:
            if mark == "~":
                detail = words["diff.then"].join(_change_line(c, words, " ") for c in changes)
            else:
                detail = _span(task, words)
            out.append(f"- **{words[_MARKS[mark]]}** {_md(task_ref(task, words))}{colon}{_md(detail)}")
    return "\n".join(out) + "\n"


def _change(ch: Change) -> dict[str, str]:
    out = {"old": ch.old, "new": ch.new}
    if ch.shift:
        out["shift"] = ch.shift
    return out


def render_json(diff: PlanDiff) -> str:
    def brief(task: PlanTask) -> dict[str, Any]:
        return {"id": task.id, "name": task.name, "section": task.section, "owner": task.owner,
                "start": task.start.iso(), "due": task.due.iso()}

    data = {
        "old": diff.old_name,
        "new": diff.new_name,
        "same": diff.same,
        "anchors": [{"name": n, "label": label, **_change(ch)} for n, label, ch in diff.anchors],
        "added": [brief(t) for t in diff.added],
        "removed": [brief(t) for t in diff.removed],
        "changed": [{"id": item.task.id, "name": item.task.name, "section": item.task.section,
                     "changes": {c.field: _change(c) for c in item.changes}}
                    for item in diff.changed],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

"""What moved between two plans: anchors, tasks added, removed and changed.

Tasks are matched by id, which is why ids are stable; a shift is shown as the
difference in wall-clock time (`+2d`, `-30min`), which is what a lead asks
("how much later is it now?").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from promoplan.i18n import Words
from promoplan.plan import Plan, PlanTask, When

COMPARED = ("name", "section", "owner", "start", "due", "phase", "notes", "people")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    shift: str = ""


@dataclass
class TaskChange:
    task: PlanTask
    changes: list[Change]


@dataclass
class PlanDiff:
    old_name: str
    new_name: str
    anchors: list[tuple[str, str, Change]] = field(default_factory=list)
    """(name, label, change) for every anchor whose date moved, added or removed."""
    added: list[PlanTask] = field(default_factory=list)
    removed: list[PlanTask] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.anchors or self.added or self.removed or self.changed)


def shift_text(old: When, new: When) -> str:
    """`+2d`, `-30min`, `+1d2h`: the move in wall-clock time, '' when none."""
    delta = new.begin - old.begin
    if delta == timedelta(0):
        return "±0" if old.timed != new.timed else ""
    sign = "-" if delta < timedelta(0) else "+"
    rest = abs(delta)
    days, seconds = rest.days, rest.seconds
    hours, minutes = divmod(seconds // 60, 60)
    parts = [f"{n}{u}" for n, u in ((days, "d"), (hours, "h"), (minutes, "min")) if n]
    return sign + "".join(parts)


def _value(task: PlanTask, key: str, words: Words) -> str:
    if key in ("start", "due"):
        when: When = getattr(task, key)
        return when.iso()
    if key == "people":
        return "、".join(p.name for p in task.people)
    if key == "phase":
        return words[task.phase]
    return str(getattr(task, key))


def compare(old: Plan, new: Plan, words: Words, old_name: str, new_name: str) -> PlanDiff:
    out = PlanDiff(old_name, new_name, sections=_sections(old, new))
    old_anchors = {a.name: a for a in old.anchors}
    new_anchors = {a.name: a for a in new.anchors}
    for name in [*new_anchors, *(n for n in old_anchors if n not in new_anchors)]:
        a, b = old_anchors.get(name), new_anchors.get(name)
        label = (b or a).label  # type: ignore[union-attr]
        if a is None or b is None:
            out.anchors.append((name, label, Change("date", a.when.iso() if a else "",
                                                    b.when.iso() if b else "")))
        elif a.when != b.when:
            out.anchors.append((name, label, Change("date", a.when.iso(), b.when.iso(),
                                                    shift_text(a.when, b.when))))
    before = {t.id: t for t in old.tasks}
    after = {t.id: t for t in new.tasks}
    out.added = [t for t in new.tasks if t.id not in before]
    out.removed = [t for t in old.tasks if t.id not in after]
    for task in new.tasks:
        prev = before.get(task.id)
        if prev is None:
            continue
        changes = []
        points = prev.start == prev.due and task.start == task.due
        for key in COMPARED if not points else [k for k in COMPARED if k != "due"]:
            a_val, b_val = _value(prev, key, words), _value(task, key, words)
            if a_val != b_val:
                shift = shift_text(getattr(prev, key), getattr(task, key)) if key in ("start", "due") else ""
                # A moment that moved is one change, not a start and a due.
                changes.append(Change("at" if points and key == "start" else key, a_val, b_val, shift))
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
    if diff.same:
        return "no differences"
    parts = [(len(diff.anchors), "anchor", "anchors"), (len(diff.changed), "task changed", "tasks changed"),
             (len(diff.added), "added", "added"), (len(diff.removed), "removed", "removed")]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)


def _span(task: PlanTask) -> str:
    return task.start.iso() if task.start == task.due else f"{task.start.iso()} → {task.due.iso()}"


def render_text(diff: PlanDiff) -> str:
    lines = [f"--- {diff.old_name}", f"+++ {diff.new_name}"]
    if diff.anchors:
        lines += ["", "anchors"]
        for name, label, ch in diff.anchors:
            lines.append(f"  {name} ({label}): {ch.old or '(none)'} → {ch.new or '(none)'}"
                         + (f"  {ch.shift}" if ch.shift else ""))
    for section, rows in _by_section(diff):
        lines += ["", section or "(no section)"]
        for mark, task, changes in rows:
            if mark == "~":
                lines.append(f"  ~ {task.id}  {task.name}")
                for ch in changes:
                    lines.append(f"      {ch.field}: {ch.old or '(none)'} → {ch.new or '(none)'}"
                                 + (f"  {ch.shift}" if ch.shift else ""))
            else:
                lines.append(f"  {mark} {task.id}  {task.name}  {_span(task)}")
    lines += ["", summary(diff)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_md(diff: PlanDiff) -> str:
    lines = [f"**{_md(diff.old_name)} → {_md(diff.new_name)}**: {summary(diff)}"]
    if diff.anchors:
        lines += ["", "| anchor | old | new | shift |", "|---|---|---|---|"]
        for name, label, ch in diff.anchors:
            lines.append(f"| {name} ({_md(label)}) | {ch.old} | {ch.new} | {ch.shift} |")
    for section, rows in _by_section(diff):
        lines += ["", f"### {_md(section or '(no section)')}", ""]
        for mark, task, changes in rows:
            what = {"~": "changed", "+": "added", "-": "removed"}[mark]
            if mark == "~":
                detail = "; ".join(f"{c.field} {c.old or '(none)'} → {c.new or '(none)'}"
                                   + (f" ({c.shift})" if c.shift else "") for c in changes)
            else:
                detail = _span(task)
            lines.append(f"- **{what}** `{task.id}` {_md(task.name)}: {_md(detail)}")
    return "\n".join(lines) + "\n"


def _change(ch: Change) -> dict[str, str]:
    out = {"old": ch.old, "new": ch.new}
    if ch.shift:
        out["shift"] = ch.shift
    return out


def render_json(diff: PlanDiff) -> str:
    def task_ref(task: PlanTask) -> dict[str, Any]:
        return {"id": task.id, "name": task.name, "section": task.section, "owner": task.owner,
                "start": task.start.iso(), "due": task.due.iso()}

    data = {
        "old": diff.old_name,
        "new": diff.new_name,
        "same": diff.same,
        "anchors": [{"name": n, "label": label, **_change(ch)} for n, label, ch in diff.anchors],
        "added": [task_ref(t) for t in diff.added],
        "removed": [task_ref(t) for t in diff.removed],
        "changed": [{"id": item.task.id, "name": item.task.name, "section": item.task.section,
                     "changes": {c.field: _change(c) for c in item.changes}}
                    for item in diff.changed],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

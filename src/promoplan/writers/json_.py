"""JSON exactly as the design's contract: stable keys, stable order, ISO dates, Chinese as written."""

from __future__ import annotations

import json
from typing import Any

from promoplan.schedule.plan import Plan, PlanTask
from promoplan.words import Words, notices
from promoplan.writers import WriterOptions


def task_dict(task: PlanTask, words: Words) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": task.id,
        "name": task.name,
        "section": task.section,
        "owner": task.owner,
        "people": [p.name for p in task.people],
        "phase": words.phase(task.phase),
        "start": task.start.iso(),
        "due": task.due.iso(),
        "notes": task.notes,
        "all_day": not (task.start.timed or task.due.timed),
        "offsets": task.offsets,
    }
    if task.occurrences:
        out["occurrences"] = [{"start": o.start.iso(), "due": o.due.iso()}
                              for o in task.occurrences]
    return out


def plan_dict(plan: Plan, words: Words) -> dict[str, Any]:
    return {
        "playbook": plan.playbook,
        "campaign": plan.campaign,
        "title": plan.title,
        "timezone": plan.timezone,
        "anchors": {a.name: a.when.iso() for a in plan.anchors},
        "event": ({"start": plan.event[0].iso(), "end": plan.event[1].iso()}
                  if plan.event else None),
        "tasks": [task_dict(t, words) for t in plan.tasks],
        "warnings": [{"code": w.code, "task": w.tasks[0] if len(w.tasks) == 1 else None,
                      "tasks": list(w.tasks), "message": notices.text(plan, w, words)}
                     for w in notices.ordered(plan)],
    }


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    return (json.dumps(plan_dict(plan, words), ensure_ascii=False, indent=2) + "\n").encode()

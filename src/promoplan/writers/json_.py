"""JSON exactly as the design's contract: stable keys, stable order, ISO dates.

The text is the same as `json.dumps(..., ensure_ascii=False, indent=2)`, but laid
out here: with `indent` the standard library falls back to its pure-Python encoder,
which spent three quarters of this writer's time on a large plan. Strings still go
through the library's C escaper.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from promoplan import notices
from promoplan.i18n import Words
from promoplan.plan import Plan, PlanTask
from promoplan.writers import WriterOptions


def task_dict(task: PlanTask, words: Words) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": task.id,
        "name": task.name,
        "section": task.section,
        "owner": task.owner,
        "people": [p.name for p in task.people],
        "phase": words[task.phase],
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
    out: list[str] = []
    _write(plan_dict(plan, words), "\n", out)
    out.append("\n")
    return "".join(out).encode()


def _write(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as indented JSON; `newline` is a line break plus the current indent."""
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        lead = "{" + inner
        for key, item in value.items():
            if type(item) is str:  # most values: no call for them
                out.append(f"{lead}{encode_basestring(key)}: {encode_basestring(item)}")
            else:
                out.append(f"{lead}{encode_basestring(key)}: ")
                _write(item, inner, out)
            lead = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        lead = "[" + inner
        for item in value:
            if type(item) is str:
                out.append(lead + encode_basestring(item))
            else:
                out.append(lead)
                _write(item, inner, out)
            lead = "," + inner
        out.append(newline + "]")
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None or value is True or value is False:
        out.append(_CONSTANTS[value])
    else:  # numbers
        out.append(json.dumps(value))


_CONSTANTS = {None: "null", True: "true", False: "false"}

"""Turn a playbook and the dates a team was given into a dated plan.

Pure: no files, no clock. Anchors are resolved in dependency order (command
line, then a date in a file, then the default derivation), then tasks (which
may count from other tasks), then phases and warnings. Errors are collected so
one run reports every mistake; anything depending on a broken value is skipped
rather than reported twice.

state holds one resolution; anchors, tasks and repeats date what the playbook
says, on arithmetic's calendar; event places tasks against the event window;
checks finds the plan's warnings; progress reads `progress:`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import replace

from promoplan.errors import Loc, Say, raise_all
from promoplan.playbook.merged import Playbook, TaskDef, at_key
from promoplan.schedule.offsets import OffsetError, Reminder, parse_duration, parse_remind
from promoplan.schedule.plan import Plan, PlanAnchor, PlanTask, Progress
from promoplan.schedule.resolve import checks
from promoplan.schedule.resolve.anchors import PLACEHOLDER_DAY, check_given, date_anchor, plan_anchors
from promoplan.schedule.resolve.arithmetic import FIRST_DAY, LAST_DAY, month_edge
from promoplan.schedule.resolve.event import Window, event_window, phase_of
from promoplan.schedule.resolve.progress import parse_progress, read_progress
from promoplan.schedule.resolve.repeats import MAX_OCCURRENCES, recurrence
from promoplan.schedule.resolve.state import Failed, Resolution, anchor_vocab
from promoplan.schedule.resolve.tasks import date_task
from promoplan.words.reading import PHASE_WORDS

__all__ = [
    "DEFAULT_REMINDERS", "FIRST_DAY", "LAST_DAY", "MAX_OCCURRENCES", "PLACEHOLDER_DAY",
    "anchor_vocab", "month_edge", "parse_progress", "recurrence", "resolve",
]

DEFAULT_REMINDERS = {"timed": "15min", "all_day": "1d@09:00"}


def resolve(pb: Playbook, given: Mapping[str, str] | None = None, *,
            placeholder: bool = False) -> Plan:
    """The plan for `pb`; `given` maps anchor names to dates typed on the command line."""
    r = Resolution(pb, dict(given or {}), placeholder)
    check_given(r)
    for name in pb.anchors:
        with contextlib.suppress(Failed):
            date_anchor(r, name)
    for tid in r.defs if pb.anchors else ():  # without anchors no task has a date
        with contextlib.suppress(Failed):
            date_task(r, tid)
    window = event_window(r)
    reminders = {
        key: _reminder(r, pb.reminders.get(key, default), pb.where(f"reminders.{key}"),
                       at_key(Say("playbook.key", key="reminders"), key))
        for key, default in DEFAULT_REMINDERS.items()
    }
    own = {t.id: _reminder(r, t.spec.remind, t.where("remind"), t.at("remind"))
           for t in pb.tasks if t.spec.remind is not None}
    progress = read_progress(r)
    raise_all(r.errors)
    anchors = plan_anchors(r)
    tasks = _numbered([_plan_task(r, t, window, own.get(t.id), progress.get(t.id))
                       for t in pb.tasks])
    checks.anchor_order(r)
    checks.ends_before_start(r, tasks)
    checks.phase_mismatch(r, tasks, window)
    days_off = checks.calendar_warnings(r, tasks, anchors)
    return Plan(
        playbook=pb.name, title=pb.title or pb.name, locale=pb.locale,
        timezone=pb.timezone, sections=_sections(pb), roles=list(pb.roles),
        anchors=anchors, tasks=tasks, warnings=r.warnings, event=window,
        team=dict(pb.team), brand=pb.brand,
        reminders={k: v for k, v in reminders.items() if v is not None},
        days_off=days_off, campaign=_campaign(pb, anchors, placeholder), calendar=r.calendar,
        organizer=pb.organizer,
    )


def _reminder(r: Resolution, text: str, loc: Loc, what: Say) -> Reminder | None:
    try:
        return parse_remind(text)
    except OffsetError as exc:
        r.fail(Say("playbook.about", place=what, what=exc.message), loc, exc.hint)
        return None


def _campaign(pb: Playbook, anchors: list[PlanAnchor], placeholder: bool) -> str:
    """This run's key: the file's `campaign:`, else the playbook and its first anchor's day."""
    if pb.campaign:
        return pb.campaign
    if not anchors or placeholder:
        return pb.name
    return f"{pb.name}-{anchors[0].when.day.isoformat()}"


def _sections(pb: Playbook) -> list[str]:
    sections = list(pb.sections)
    sections += [s for t in pb.tasks
                 if (s := t.spec.section or "") and s not in sections]
    return sections


def _plan_task(r: Resolution, task: TaskDef, window: Window | None,
               remind: Reminder | None, progress: Progress | None) -> PlanTask:
    spec = task.spec
    span = r.tasks[task.id]
    assert span is not None
    start, due = span
    phase = PHASE_WORDS[spec.phase] if spec.phase else phase_of(start, window)
    offsets = {k: getattr(spec, k) for k in ("at", "start", "due", "duration", "after")
               if getattr(spec, k) is not None}
    return PlanTask(
        id=task.id, name=spec.name or "", section=spec.section or "",
        owner=spec.owner or "", people=list(r.pb.team.get(spec.owner or "", [])),
        phase=phase, start=start, due=due, notes=spec.notes or "", order=task.order,
        offsets=offsets, occurrences=r.occurrences.get(task.id, []),
        every=parse_duration(spec.repeat.every) if spec.repeat else (), remind=remind,
        progress=progress,
    )


def _numbered(tasks: list[PlanTask]) -> list[PlanTask]:
    """Each task with its 序号: its place within its section, in the playbook's order."""
    counts: dict[str, int] = {}
    out = []
    for task in tasks:
        counts[task.section] = counts.get(task.section, 0) + 1
        out.append(replace(task, seq=counts[task.section]))
    return out

"""Dating a task: its at, start, due, after and duration, rolled off days off when asked.

A task may count from another task (`task:a.due+1d`, `after: a`), so tasks are dated on
demand, following the chain and refusing a cycle; a task that repeats spans its first
occurrence's start to its last one's due.
"""

from __future__ import annotations

import contextlib
from functools import partial

from promoplan.errors import Loc, Say, cycle, did_you_mean
from promoplan.playbook.merged import TaskDef, listed
from promoplan.schedule.offsets import Offset, OffsetError, Shift, parse_duration
from promoplan.schedule.plan import Occurrence, When
from promoplan.schedule.resolve.anchors import date_anchor
from promoplan.schedule.resolve.arithmetic import apply, shift
from promoplan.schedule.resolve.repeats import occurrences
from promoplan.schedule.resolve.state import Failed, Resolution, Span


def date_task(r: Resolution, tid: str, chain: tuple[str, ...] = ()) -> Span:
    """The task's start and due; `chain` is the tasks that counted from it, to find a cycle."""
    if tid in chain:
        task = r.defs[chain[-1]]
        r.tasks[tid] = None
        names = [r.defs[t].spec.name or t for t in chain]
        loop = cycle(names, r.defs[tid].spec.name or tid).split(" → ")
        raise r.fail(Say("schedule.task-cycle", chain=listed(loop, "playbook.arrow")), task.loc,
                     Say("schedule.task-cycle-fix"))
    if tid in r.tasks:
        span = r.tasks[tid]
        if span is None:
            raise Failed()
        return span
    task = r.defs[tid]
    r.tasks[tid] = None
    if task.broken:
        raise Failed()
    span = _compute(r, task, (*chain, tid))
    r.tasks[tid] = span
    return span


def _key_label(task: TaskDef, key: str) -> Say:
    """`task 'x' › repeat › every`: how messages name one key of a task."""
    return task.at(key)


def _value(r: Resolution, off: Offset, chain: tuple[str, ...], loc: Loc, what: Say) -> When:
    """The anchor or task field `off` counts from."""
    if not off.ref.is_task:
        return date_anchor(r, off.ref.name)
    other = off.ref.name
    if other not in r.defs:
        raise r.fail(Say("playbook.about", place=what, what=Say("schedule.unknown-task", id=other)), loc,
                     did_you_mean(other, r.defs))
    start, due = date_task(r, other, chain)
    return start if off.ref.task_field == "start" else due


def _evaluate(r: Resolution, task: TaskDef, key: str, text: str, chain: tuple[str, ...]) -> When:
    off = r.offsets.get(text)
    if off is not None and not off.ref.is_task:
        # Most keys: an offset already read, from an anchor. Only the date arithmetic can
        # fail here, and then the full path below reports it with its place; finding that
        # place for every key of every task is what made resolving slow.
        base = date_anchor(r, off.ref.name)
        with contextlib.suppress(OverflowError, ValueError):
            return apply(off, base, r.calendar, r.zone)
    loc, what = task.where(key), _key_label(task, key)
    off = r.parse(text, loc, what)
    base = _value(r, off, chain, loc, what)
    return r.guarded(partial(apply, off, base, r.calendar, r.zone), loc, what)


def _duration(r: Resolution, task: TaskDef, key: str, text: str) -> tuple[Shift, ...]:
    try:
        shifts = parse_duration(text)
    except OffsetError as exc:
        raise r.fail(Say("playbook.about", place=_key_label(task, key), what=exc.message), task.where(key),
                     exc.hint) from None
    if all(s.amount == 0 for s in shifts):
        raise r.fail(Say("playbook.about", place=_key_label(task, key), what=Say("schedule.zero-length")),
                     task.where(key))
    return shifts


def _compute(r: Resolution, task: TaskDef, chain: tuple[str, ...]) -> Span:
    spec = task.spec
    ok = True
    values: dict[str, When] = {}
    for key in ("at", "start", "due"):
        text = getattr(spec, key)
        if text is not None:
            try:
                values[key] = _evaluate(r, task, key, text, chain)
            except Failed:
                ok = False
    if spec.after is not None:
        if spec.after not in r.defs:
            unknown = Say("schedule.unknown-task", id=spec.after)
            r.fail(Say("playbook.about", place=task.at("after"), what=unknown),
                   task.where("after"), did_you_mean(spec.after, r.defs))
            ok = False
        else:
            try:
                values["start"] = date_task(r, spec.after, chain)[1]
            except Failed:
                ok = False
    if not ok:
        raise Failed()
    if "at" in values:
        start = due = values["at"]
    else:
        start_or_none, due_or_none = values.get("start"), values.get("due")
        if spec.duration is not None and start_or_none is not None:
            length = _duration(r, task, "duration", spec.duration)
            due_or_none = r.guarded(partial(shift, start_or_none, length, r.calendar, r.zone),
                                    task.where("duration"), task.at("duration"))
        either = start_or_none or due_or_none
        assert either is not None  # the playbook check demands a start, due or after
        start, due = start_or_none or either, due_or_none or either
    direction = spec.roll or r.pb.roll
    if direction != "none":
        start = _roll(r, start, direction, task, "at" if spec.at else "start")
        due = _roll(r, due, direction, task, "at" if spec.at else "due")
    if spec.repeat is not None:
        r.occurrences[task.id] = _repeat(r, task, start, due, chain)
        first, last = r.occurrences[task.id][0], r.occurrences[task.id][-1]
        return first.start, last.due
    return start, due


def _roll(r: Resolution, when: When, direction: str, task: TaskDef, key: str) -> When:
    """A whole-day date on a day off moves to the nearest working day that way."""
    if when.timed:
        return when
    return r.guarded(lambda: When(r.calendar.roll(when.day, direction)),
                     task.where(key), task.at(key))


def _repeat(r: Resolution, task: TaskDef, start: When, due: When,
            chain: tuple[str, ...]) -> list[Occurrence]:
    """Read the step and `until` (which may count from other tasks), then list occurrences."""
    rep = task.spec.repeat
    assert rep is not None
    step = _duration(r, task, "repeat.every", rep.every)
    if any(s.unit == "mo" for s in step) and any(s.unit != "mo" for s in step):
        raise r.fail(Say("playbook.about", place=_key_label(task, "repeat.every"),
                         what=Say("schedule.months-mixed", every=rep.every)), task.where("repeat.every"),
                     Say("schedule.months-mixed-fix"))
    until = _evaluate(r, task, "repeat.until", rep.until, chain) if rep.until else None
    return occurrences(r, task, start, due, step, until)

"""The plan's warnings: what resolves but the team should look at before trusting it.

Anchors dated out of the order their defaults imply, tasks that end before they start or
whose phase contradicts the event window, deadlines on days off, anchors on days off, work
at night, and years whose official holiday schedule is not published yet. Each is run once
every value is dated; `notices` words them in the plan's language.

A deadline on a day off is worth a warning only when the team chose that day and could
move it (the README's warning policy). Not when the deadline is tied to an anchor: on the
anchor's own day (开团当天15点, 开团后25分钟) or within hours of its moment (开团前15分钟):
the platform set that day, and the one warning is then the anchor's own (开团 falls on 元旦).
Not during the event, and not on a weekend the playbook says the team works
(`calendar.weekends: work`), which the calendar already counts as a working day. Work at
night is the same: not warned about when an anchor sets the hour (预热 opens at 00:00).
"""

from __future__ import annotations

from datetime import date, time, timedelta

from promoplan.schedule.offsets import DAY_UNITS, OffsetError, parse_offset
from promoplan.schedule.plan import PlanAnchor, PlanTask
from promoplan.schedule.resolve.event import Window, phase_of
from promoplan.schedule.resolve.state import Resolution
from promoplan.vocabulary import AnchorSource, Phase, WarningKind

# Timed work starting in these hours (outside the event itself) is flagged.
NIGHT = (time(22, 0), time(7, 0))


def anchor_order(r: Resolution) -> None:
    """An anchor derived as `other+N` that was dated before `other` (or `other-N` after it)."""
    for anchor in r.pb.anchors.values():
        source = r.anchor_source.get(anchor.name)
        if anchor.spec.default is None or source is None or source[0] is AnchorSource.DEFAULT:
            continue
        try:  # a dated anchor's default was never needed, so never read before
            off = r.offsets.get(anchor.spec.default) or parse_offset(anchor.spec.default, r.vocab)
        except OffsetError:
            continue
        if off.ref.is_task or not off.shifts:
            continue
        sign = 1 if off.shifts[0].amount > 0 else -1 if off.shifts[0].amount < 0 else 0
        mine, theirs = r.anchors.get(anchor.name), r.anchors.get(off.ref.name)
        if mine is None or theirs is None or sign == 0:
            continue
        if (mine.begin - theirs.begin).total_seconds() * sign < 0:
            other = r.pb.anchors[off.ref.name]
            late, early = (anchor, other) if sign > 0 else (other, anchor)
            late_when, early_when = (mine, theirs) if sign > 0 else (theirs, mine)
            r.warn(WarningKind.ANCHOR_ORDER, late=late.label, late_day=late_when.day.isoformat(),
                   early=early.label, early_day=early_when.day.isoformat())


def ends_before_start(r: Resolution, tasks: list[PlanTask]) -> None:
    """Tasks whose due comes before their start: almost always an offset's sign written wrong."""
    backwards = [task.id for task in tasks if task.due.end < task.start.begin]
    if backwards:
        r.warn(WarningKind.ENDS_BEFORE_START, *backwards)


def phase_mismatch(r: Resolution, tasks: list[PlanTask], window: Window | None) -> None:
    """Tasks given a phase that their start contradicts against the event window."""
    mismatched = []
    for task in tasks:
        if not r.defs[task.id].spec.phase:
            continue
        derived = phase_of(task.start, window)
        if derived and task.phase != derived:
            mismatched.append(task.id)
    if mismatched:
        r.warn(WarningKind.PHASE_MISMATCH, *mismatched)


def calendar_warnings(r: Resolution, tasks: list[PlanTask], anchors: list[PlanAnchor]) -> dict[date, str]:
    """Deadlines on days off, work at night, years without a published schedule.

    Returns the days off around the plan, which the plan keeps for its writers.
    """
    days = [a.when.day for a in anchors] + [d for t in tasks for d in (t.start.day, t.due.day)]
    if not days:
        return {}
    first, last = min(days), max(days)
    try:
        days_off = r.calendar.days_off(first - timedelta(days=7), last + timedelta(days=7))
    except (OverflowError, ValueError):  # a plan at the very edge of the calendar
        days_off = {}
    anchors_off(r, anchors, days_off)
    due_off: dict[date, list[str]] = {}
    night: list[str] = []
    by_name = {a.name: a for a in anchors}
    for task in tasks:
        roll = r.defs[task.id].spec.roll or r.pb.roll
        kept = roll == "none" or task.due.timed  # timed tasks are never rolled
        if (kept and task.phase is not Phase.DURING and task.due.day in days_off
                and not tied_to_anchor(r, task, by_name)):
            due_off.setdefault(task.due.day, []).append(task.id)
        clock = task.start.clock
        if (clock is not None and task.phase is not Phase.DURING and (clock >= NIGHT[0] or clock < NIGHT[1])
                and not tied_to_anchor(r, task, by_name)):  # 预热 at 00:00 is the platform's hour
            night.append(task.id)
    if night:
        r.warn(WarningKind.AT_NIGHT, *night)
    for day, ids in sorted(due_off.items()):
        try:
            before = r.calendar.roll(day, "backward")
        except (OverflowError, ValueError):
            before = day
        r.warn(WarningKind.DEADLINE_ON_DAY_OFF, *ids, day=day.isoformat(), holiday=days_off[day],
               before=before.isoformat())
    for year in r.calendar.unpublished_years(d.year for d in (first, last)):
        r.warn(WarningKind.SCHEDULE_UNPUBLISHED, year=year, country=r.calendar.country)
    return days_off


def tied_to_anchor(r: Resolution, task: PlanTask, anchors: dict[str, PlanAnchor]) -> bool:
    """Whether the task's due is set by an anchor rather than by the team: on the day of an
    anchor its offsets count from (开团当天15点, 开团后25分钟), or hours or minutes from an
    anchor's moment (开团前15分钟 when 开团 is at 00:00)."""
    spec = r.defs[task.id].spec
    for key in ("at", "start", "due"):
        text = getattr(spec, key)
        if text is None:
            continue
        try:
            off = r.offsets.get(text) or parse_offset(text, r.vocab)
        except OffsetError:
            continue
        anchor = None if off.ref.is_task else anchors.get(off.ref.name)
        if anchor is None or (key == "start" and spec.due is not None):
            continue  # only the offset that dates the due (a start with a duration too)
        if anchor.when.day == task.due.day:
            return True
        if (spec.duration is None and spec.repeat is None and anchor.when.timed
                and off.month_edge is None and off.clock is None
                and not any(s.unit in DAY_UNITS for s in off.shifts)):
            return True
    return False


def anchors_off(r: Resolution, anchors: list[PlanAnchor], days_off: dict[date, str]) -> None:
    """One warning per day off that an anchor falls on (开团 on 元旦), naming the anchors
    by their labels; an anchor derived from another on the same day (结束 = 开团当天23:59)
    goes without saying."""
    if r.placeholder:
        return
    on_day: dict[date, list[PlanAnchor]] = {}
    for anchor in anchors:
        if anchor.when.day in days_off:
            on_day.setdefault(anchor.when.day, []).append(anchor)
    for day, found in sorted(on_day.items()):
        names = {a.name for a in found}
        labels = [a.label for a in found if not _derived_from(r, a, names)]
        r.warn(WarningKind.ANCHOR_ON_DAY_OFF, day=day.isoformat(), holiday=days_off[day],
               anchors=labels or [found[0].label])


def _derived_from(r: Resolution, anchor: PlanAnchor, names: set[str]) -> bool:
    """An anchor dated by its default from one of `names`."""
    if anchor.source is not AnchorSource.DEFAULT or anchor.expr is None:
        return False
    try:
        off = r.offsets.get(anchor.expr) or parse_offset(anchor.expr, r.vocab)
    except OffsetError:
        return False
    return not off.ref.is_task and off.ref.name in names and off.ref.name != anchor.name

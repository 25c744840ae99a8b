"""The event window (`event: {start, end}`) and where a task falls against it: 活动前, 活动中
or 活动后, the phase a task shows when the playbook does not give one."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from promoplan.errors import Say
from promoplan.playbook.merged import at_key
from promoplan.schedule.plan import When
from promoplan.schedule.resolve.anchors import date_anchor
from promoplan.schedule.resolve.arithmetic import apply
from promoplan.schedule.resolve.state import Failed, Resolution
from promoplan.vocabulary import Phase

Window = tuple[When, When]


def event_window(r: Resolution) -> Window | None:
    """The event's start and end, or None when the playbook has none or it failed (reported)."""
    event = r.pb.event
    if event is None:
        return None
    ends = []
    for key, text in (("start", event.start), ("end", event.end)):
        where, what = r.pb.where(f"event.{key}"), at_key(Say("playbook.key", key="event"), key)
        try:
            off = r.parse(text, where, what)
            if off.ref.is_task:
                raise r.fail(Say("playbook.about", place=what, what=Say("schedule.event-from-task")), where)
            base = date_anchor(r, off.ref.name)
            ends.append(r.guarded(partial(apply, off, base, r.calendar, r.zone), where, what))
        except Failed:
            return None
    return ends[0], ends[1]


def phase_of(start: When, window: Window | None) -> Phase:
    """Where a task's start falls against the event window; a date-only end is inclusive.

    A timed start is a moment. An all-day start counts by its noon: the opening
    day of a 10:00 launch is 活动中, the day after a window that closes at 00:30 is
    活动后, the day before is 活动前.
    """
    if window is None:
        return Phase.NONE
    moment = start.begin if start.timed else start.begin + timedelta(hours=12)
    if moment < window[0].begin:
        return Phase.BEFORE
    if moment >= window[1].end:
        return Phase.AFTER
    return Phase.DURING

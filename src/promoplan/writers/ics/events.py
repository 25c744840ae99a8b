"""A task as VEVENT(s): what a team member sees of it in a calendar app.

One VEVENT per task (or per occurrence of a repeat in hours or minutes, or of
one no RRULE reproduces, see `repeats`), at the times `timing` gives. SUMMARY
`[版块] 事项`; DESCRIPTION with the owner role, the people, the repeat (每30分钟
一次，共28次（第3次）), the notes, the recorded progress and the short tags of the
warnings about this task (the full wording is in the calendar's X-WR-CALDESC
once); CATEGORIES section and phase. TRANSP:TRANSPARENT: a nine-day 售后跟进
span is a task, not a meeting, and must not mark anyone busy.

No offsets (issue 27). They were written as the playbook spells them, which is
the team's words in one task (开团前3天) and promoplan's in the next (`open`,
`end`, `event-32d`, `3d`, a task id after `after:`): `开始：open / 完成：end` is
noise to a 运营 lead. The event's own date and time are what a calendar shows,
as the 进程表 shows dates and not offsets; the offsets as written stay in the
JSON output for scripts.

Progress (issue 18). RFC 5545 allows VEVENT STATUS TENTATIVE, CONFIRMED or
CANCELLED, and COMPLETED only on a VTODO. So a task recorded as cancelled
(取消) is STATUS:CANCELLED; a done task keeps its event (the dates are still
the plan) with `✓` before its SUMMARY, its status in DESCRIPTION and no
reminder; doing and blocked are shown in DESCRIPTION only. No COMPLETED
property: it would be invalid on a VEVENT.

Events are made without DTSTAMP and SEQUENCE: those depend on the calendar
being replaced (see `revisions`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from icalendar import Alarm, Event, vRecur

from promoplan.playbook.schema import Person
from promoplan.schedule.plan import Plan, PlanTask, When
from promoplan.vocabulary import Status
from promoplan.words import Words, notices
from promoplan.writers.ics.identity import uid
from promoplan.writers.ics.invitations import address, invitees
from promoplan.writers.ics.repeats import rule
from promoplan.writers.ics.text import CANCELLED_MARK, clean
from promoplan.writers.ics.timing import Timing


@dataclass(frozen=True)
class _Item:
    """One VEVENT to write: a task, or one occurrence of it (n), with its ends."""

    task: PlanTask
    start: When
    due: When
    n: int | None = None
    rule: vRecur | None = None


class Events:
    """The plan's VEVENTs, in section order; `organizer` is given for invitations only."""

    def __init__(self, plan: Plan, words: Words, organizer: Person | None) -> None:
        self.plan = plan
        self.words = words
        self.timing = Timing(plan)
        self.organizer = organizer
        self.sender = None if organizer is None else address(organizer, organizer=True)
        self.tags = notices.tags_by_task(plan, words)

    def __iter__(self) -> Iterator[Event]:
        for task in self.plan.by_section():
            for item in self._items(task):
                yield self._event(item)

    def _items(self, task: PlanTask) -> list[_Item]:
        if len(task.occurrences) < 2:  # no repeat, or a repeat that happens once
            return [_Item(task, task.start, task.due)]
        found = rule(task, self.timing)
        if found is not None:
            first = task.occurrences[0]
            return [_Item(task, first.start, first.due, rule=found)]
        return [_Item(task, o.start, o.due, n) for n, o in enumerate(task.occurrences, 1)]

    def _event(self, item: _Item) -> Event:
        task = item.task
        status = task.progress.status if task.progress is not None else None
        summary = clean(f"[{task.section}] {task.name}" if task.section else task.name)
        if status is Status.DONE:
            summary = f"✓ {summary}"
        elif status is Status.CANCELLED:
            summary = CANCELLED_MARK + summary
        event = Event()
        event.add("uid", uid(self.plan, task, item.n))
        event.add("summary", summary)
        begin, end = self.timing.ends(item.start, item.due)
        event.add("dtstart", begin)
        if end is None:
            event.add("duration", timedelta(0))
        else:
            event.add("dtend", end)
        if item.rule is not None:
            event.add("rrule", item.rule)
        categories = self._categories(task)
        if categories:
            event.add("categories", categories)
        event.add("description", clean(self._description(item)))
        if self.organizer is not None and self.sender is not None:
            event.add("organizer", self.sender)
            people = invitees(task, self.organizer)
            if people:
                event.add("attendee", [address(person) for person in people])
        if status is Status.CANCELLED:
            event.add("status", "CANCELLED")
        event.add("transp", "TRANSPARENT")
        trigger = None if status in (Status.DONE, Status.CANCELLED) else self.timing.trigger(task, item.start)
        if trigger is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        return event

    def _categories(self, task: PlanTask) -> list[str]:
        """The section and the phase, if any."""
        words = self.words
        return [clean(c) for c in (task.section, words.phase(task.phase)) if c]

    def _description(self, item: _Item) -> str:
        task, words = item.task, self.words
        labels = words.group("ics")
        sep = labels["sep"]
        lines = [f"{words['role']}{sep}{task.owner}"] if task.owner else []
        if task.people:
            lines.append(f"{words['people']}{sep}{words.people(task)}")
        if task.occurrences:
            note = words.repeat_note(task)
            lines.append(note if item.n is None else labels["nth"].format(note=note, n=item.n))
        if task.notes:
            lines.append(f"{words['notes']}{sep}{task.notes}")
        if task.progress is not None:
            shown = words[f"status.{task.progress.status}"]
            if task.progress.day is not None:
                shown = labels["on"].format(status=shown, day=task.progress.day.isoformat())
            lines.append(f"{labels['status']}{sep}{shown}")
        lines += self.tags.get(task.id, [])
        return "\n".join(lines)

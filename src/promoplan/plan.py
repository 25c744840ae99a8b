"""The resolved plan: what every writer reads. Plain data, no behaviour beyond formatting."""

# No `from __future__ import annotations` in this module: its NamedTuples' fields would
# be strings, which typing compiles one by one on every start.
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from promoplan.model import Person
from promoplan.offsets import Reminder, Shift


class When(NamedTuple):
    """A day (all-day item) or a day and a wall-clock time in the plan's time zone."""

    day: date
    clock: time | None = None

    @property
    def timed(self) -> bool:
        return self.clock is not None

    @property
    def begin(self) -> datetime:
        return datetime.combine(self.day, self.clock or time(0))

    @property
    def end(self) -> datetime:
        """Exclusive end: an all-day item lasts until the next midnight."""
        return self.begin if self.clock else datetime.combine(self.day + timedelta(days=1), time(0))

    def iso(self) -> str:
        day = self.day.isoformat()
        return f"{day}T{self.clock.isoformat('minutes')}" if self.clock else day

    def sort_key(self) -> tuple[date, time]:
        return (self.day, self.clock or time(0))


class Occurrence(NamedTuple):
    start: When
    due: When


class PlanAnchor(NamedTuple):
    name: str
    label: str
    when: When
    source: str
    """given (command line), file (a date in a playbook or plan file), default (derived)."""
    expr: str | None = None


class PlanWarning(NamedTuple):
    code: str
    message: str
    task: str | None = None
    """The task, when the warning is about exactly one."""
    tasks: tuple[str, ...] = ()
    """Every task it is about, so writers can show it beside each of them."""


class PlanTask(NamedTuple):
    id: str
    name: str
    section: str
    owner: str
    people: list[Person]
    phase: str
    """before, during, after, or '' when the playbook has no event window."""
    start: When
    due: When
    notes: str
    order: int
    offsets: dict[str, str]
    occurrences: list[Occurrence]
    every: tuple[Shift, ...] = ()
    """The repeat step, when the task repeats."""
    remind: Reminder | None = None
    """The task's own reminder; None means the plan's default for its kind."""


class Plan(NamedTuple):
    playbook: str
    title: str
    locale: str
    timezone: str
    sections: list[str]
    roles: list[str]
    anchors: list[PlanAnchor]
    tasks: list[PlanTask]
    warnings: list[PlanWarning]
    event: tuple[When, When] | None
    team: dict[str, list[Person]]
    brand: str
    reminders: dict[str, Reminder]
    """Defaults by kind: "timed" and "all_day"."""
    days_off: dict[date, str]
    """Days off around the plan (a week either side), with the holiday's name where known."""

    def reminder_for(self, task: PlanTask) -> Reminder:
        if task.remind is not None:
            return task.remind
        return self.reminders["timed" if task.start.timed else "all_day"]

    def warnings_by_task(self) -> dict[str, list[str]]:
        """Task id → the messages about it, for writers that note them on the task's row."""
        out: dict[str, list[str]] = {}
        for warning in self.warnings:
            for tid in warning.tasks or ((warning.task,) if warning.task else ()):
                out.setdefault(tid, []).append(warning.message)
        return out

    def section_rank(self, section: str) -> int:
        return self.sections.index(section) if section in self.sections else len(self.sections)

    def by_section(self) -> list[PlanTask]:
        """Section order first (as the seed sheets do), playbook order within a section."""
        return sorted(self.tasks, key=lambda t: (self.section_rank(t.section), t.order))

    def by_time(self) -> list[PlanTask]:
        return sorted(self.tasks, key=lambda t: (t.start.sort_key(), t.due.sort_key(),
                                                 self.section_rank(t.section), t.order))

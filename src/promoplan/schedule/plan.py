"""The resolved plan: what every writer reads. Plain data, no behaviour beyond formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from promoplan.playbook.schema import Person
from promoplan.schedule.offsets import Reminder, Shift
from promoplan.vocabulary import AnchorSource, Phase, Status, WarningKind

if TYPE_CHECKING:
    from promoplan.schedule.workdays import WorkCalendar

@dataclass(frozen=True, slots=True)
class When:
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


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: When
    due: When


@dataclass(frozen=True, slots=True)
class PlanAnchor:
    name: str
    label: str
    when: When
    source: AnchorSource
    expr: str | None = None


@dataclass(frozen=True, slots=True)
class PlanWarning:
    """Something the team should look at; `notices` words it in the plan's language."""

    code: WarningKind
    tasks: tuple[str, ...] = ()
    """Every task it is about, by id, so writers can mark each of them."""
    facts: dict[str, Any] = field(default_factory=dict)
    """What the wording needs: a day, a holiday's name, a year, the anchors out of order."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A task's state as the team recorded it in the plan file."""

    status: Status
    day: date | None = None
    """When it reached that state, if the team wrote it (完成 2024-10-20)."""
    percent: int | None = None
    """How far along, 0-100, if the team wrote it (进行中 50%)."""


@dataclass(frozen=True, slots=True)
class PlanTask:
    id: str
    name: str
    section: str
    owner: str
    people: list[Person]
    phase: Phase
    start: When
    due: When
    notes: str
    order: int
    offsets: dict[str, str]
    occurrences: list[Occurrence]
    seq: int = 0
    """序号: the task's number within its section, as the 进程表 shows it; stable under filters."""
    every: tuple[Shift, ...] = ()
    """The repeat step, when the task repeats."""
    remind: Reminder | None = None
    """The task's own reminder; None means the plan's default for its kind."""
    progress: Progress | None = None

    @property
    def done(self) -> bool:
        return self.progress is not None and self.progress.status in (Status.DONE, Status.CANCELLED)


@dataclass(frozen=True, slots=True)
class Plan:
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
    campaign: str = ""
    """This run of the playbook (ju-huasuan-2024-10-14 unless the file names it): calendar UIDs
    and the workbook carry it, so the next group buy never overwrites this one."""
    calendar: WorkCalendar | None = field(default=None, compare=False, repr=False)
    """The working calendar the dates were counted with (reminders in working days use it)."""
    organizer: Person | None = None
    """Who sends calendar invitations (`--invite`), from the team's `organizer:` entry."""

    def reminder_for(self, task: PlanTask) -> Reminder:
        if task.remind is not None:
            return task.remind
        return self.reminders["timed" if task.start.timed else "all_day"]

    def section_rank(self, section: str) -> int:
        return self.sections.index(section) if section in self.sections else len(self.sections)

    def by_section(self) -> list[PlanTask]:
        """Section order first (as the seed sheets do), playbook order within a section."""
        return sorted(self.tasks, key=lambda t: (self.section_rank(t.section), t.order))

    def by_time(self) -> list[PlanTask]:
        return sorted(self.tasks, key=lambda t: (t.start.sort_key(), t.due.sort_key(),
                                                 self.section_rank(t.section), t.order))

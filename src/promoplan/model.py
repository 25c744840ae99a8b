"""The playbook schema, as people write it (one YAML file is one `PlaybookFile`).

Every field is optional at this level because a plan file or an `extends`
child only says what it changes; `playbook.py` merges the layers and checks
that the whole is complete. Offsets stay text here: they can only be read once
the merged anchors (and their Chinese labels) are known.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def _remind_switch(value: Any) -> Any:
    # YAML reads `remind: no` / `off` / `false` as a boolean: it means no reminder.
    return "none" if value is False else value


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class Person(_Schema):
    name: str
    """Shown in 责任人 columns and used for per-person calendars."""
    email: str | None = None
    """Optional; lets calendar invitations reach the person."""


class AnchorSpec(_Schema):
    label: str | None = None
    """The word the team uses (报名); also accepted in Chinese offsets."""
    aliases: list[str] = Field(default_factory=list)
    """Other words for the same event (团购开始 for 开团)."""
    time: str | None = None
    """Time of day the event happens, "HH:MM"; a date given without a time gets it."""
    default: str | None = None
    """An offset from another anchor, used when no date is given (signup+7d)."""
    date: str | None = None
    """The real date, usually set in a plan file or on the command line."""


class RepeatSpec(_Schema):
    every: str
    """The step between occurrences (30min, 1d)."""
    until: str | None = None
    """Offset of the last possible occurrence (inclusive)."""
    count: int | None = Field(default=None, ge=1)
    """How many occurrences, instead of `until`."""


class TaskSpec(_Schema):
    id: str | None = None
    """Stable identity used by overrides, diffs and calendar UIDs; derived from the name when absent."""
    name: str | None = None
    """What has to be done (详细项目内容)."""
    section: str | None = None
    """Department or 版块 the task belongs to."""
    owner: str | None = None
    """Role responsible (负责岗位)."""
    start: str | None = None
    """Offset when work starts (开始时间)."""
    due: str | None = None
    """Offset when it must be finished (预计完成时间)."""
    at: str | None = None
    """A point-in-time check: start and due are the same moment."""
    duration: str | None = None
    """Length instead of `due` (3d, 2h)."""
    after: str | None = None
    """Id of a task whose due is this task's start."""
    repeat: RepeatSpec | None = None
    """Repeat the task every so often until an offset, or a number of times."""
    phase: str | None = None
    """活动前 / 活动中 / 活动后; derived from the event window when absent."""
    notes: str | None = None
    """备注."""
    roll: Literal["none", "backward", "forward"] | None = None
    """A whole-day date on a day off: keep it and warn (none), or move it to a working day."""
    remind: str | None = None
    """Calendar reminder for this task: 15min, 1h, 1d@09:00 (the day before at 9) or none."""

    _switch = field_validator("remind", mode="before")(_remind_switch)


class CalendarSpec(_Schema):
    country: str | None = None
    """Whose public holidays count as days off: CN by default, any ISO code, or none (weekends only)."""
    holidays: list[str] = Field(default_factory=list)
    """Extra days off (dates)."""
    workdays: list[str] = Field(default_factory=list)
    """Extra working days, such as make-up workdays (dates)."""


class RemindersSpec(_Schema):
    timed: str | None = None
    """Reminder for timed tasks (default 15min before)."""
    all_day: str | None = None
    """Reminder for all-day tasks (default 1d@09:00: the morning before)."""

    _switch = field_validator("timed", "all_day", mode="before")(_remind_switch)


class EventSpec(_Schema):
    start: str
    """Offset where the event (活动中) begins."""
    end: str
    """Offset where it ends; a whole day when it is a date."""


class PlaybookFile(_Schema):
    name: str | None = None
    """Slug used on the command line (ju-huasuan)."""
    title: str | None = None
    """Shown in sheet titles."""
    description: str | None = None
    """One line shown by `promoplan list`."""
    brand: str | None = None
    """Shop or brand the plan is for, shown in the sheet's title block."""
    locale: Literal["zh-CN", "en"] | None = None
    """Language of headers and labels."""
    timezone: str | None = None
    """IANA time zone of every date and time in the plan."""
    calendar: CalendarSpec | None = None
    roll: Literal["none", "backward", "forward"] | None = None
    """Default for tasks: what a whole-day date on a day off does (none keeps it and warns)."""
    event: EventSpec | None = None
    reminders: RemindersSpec | None = None
    """Default calendar reminders."""
    anchors: dict[str, AnchorSpec] = Field(default_factory=dict)
    sections: list[str] = Field(default_factory=list)
    """Departments in the order writers use."""
    roles: list[str] = Field(default_factory=list)
    tasks: list[TaskSpec] = Field(default_factory=list)
    extends: str | None = None
    """A built-in playbook name or a path, relative to this file."""
    remove: list[str] = Field(default_factory=list)
    """Ids of inherited tasks to drop."""
    team: dict[str, list[Person]] = Field(default_factory=dict)
    """Role → people."""

    @field_validator("brand", "title", "description", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        # A brand called 361 or a title of 2024 is text, not a number.
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @field_validator("anchors", mode="before")
    @classmethod
    def _empty_anchor(cls, value: Any) -> Any:
        # `signup:` with nothing after it means "an anchor with no settings".
        if isinstance(value, dict):
            return {k: ({} if v is None else v) for k, v in value.items()}
        return value

    @field_validator("team", mode="before")
    @classmethod
    def _team_shorthand(cls, value: Any) -> Any:
        return normalize_team(value)


def normalize_team(value: Any) -> Any:
    """Accept `role: 张伟` and `role: [张伟, {name: 李娜, email: …}]` alike."""
    if not isinstance(value, dict):
        return value
    out: dict[Any, Any] = {}
    for role, people in value.items():
        items = people if isinstance(people, list) else [] if people is None else [people]
        out[role] = [{"name": p} if isinstance(p, str) else p for p in items]
    return out


PHASES = ("before", "during", "after")
PHASE_WORDS = {
    "活动前": "before", "活动中": "during", "活动后": "after",
    "before": "before", "during": "during", "after": "after",
}

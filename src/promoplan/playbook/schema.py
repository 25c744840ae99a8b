"""The playbook schema, as people write it: one YAML file is one `PlaybookFile`.

These pydantic models are the schema: they validate each file, document every key
(each field's description is the JSON Schema's, `promoplan schema`)
and read the few shorthands people write (`remind: no`, `signup:` with nothing,
`运营主管: 张伟`). Every field is optional at this level, because a plan file or
an `extends` child only says what it changes: `playbook.py` merges the layers,
using `model_fields_set` to know which keys a file wrote, and checks that the
whole is complete. Offsets stay text here: they can only be read once the merged
anchors (and their Chinese labels) are known.

Validation is strict: a number where text is expected is a mistake to report
(`due: 3`), not a value to convert; only the fields whose validators say so take
numbers as text. Errors stay pydantic's records (`loc`, `type`, `input`, `ctx`);
`playbook.py` words them with the file's line and column.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

Roll = Literal["none", "backward", "forward"]

SCHEMA_ID = "urn:promoplan:playbook"
SCHEMA_TITLE = "promoplan playbook or plan file"


class Spec(BaseModel):
    """What every schema class shares: unknown keys are mistakes, values never change once read."""

    # Each key is documented by its Field's description (the JSON Schema's text), not by an
    # attribute docstring: pydantic reads those from the source file, which costs every run.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
"""Names shown on one line (a calendar's name, an attendee, a file name): no line break, tab
or other control character. Calendars cannot hold them there (icalendar refuses a line break
in a calendar's name or a parameter), and a name pasted with one is a typo to show, not a
name to bend into another."""
OneLine = Annotated[str, Field(pattern=ONE_LINE)]


def _reminder_off(value: Any) -> Any:
    # YAML 1.1 reads `remind: no` / `off` / `false` as a boolean: it means no reminder.
    return "none" if value is False else value


class Person(Spec):
    """Someone on the team."""

    name: OneLine = Field(description="Shown in 责任人 columns and used for per-person calendars.")
    email: OneLine | None = Field(default=None, description=(
        "Optional; lets calendar invitations reach the person."))
    max_per_day: Annotated[int, Field(ge=0)] | None = Field(default=None, description=(
        "Most tasks this person can have due on one day; `promoplan load` warns above it."))


class AnchorSpec(Spec):
    """An event offsets count from (报名, 开团), dated on the command line, in a plan file or by `default`."""

    label: str | None = Field(default=None, description=(
        "The word the team uses (报名); also accepted in Chinese offsets."))
    aliases: list[str] = Field(default=[], description="Other words for the same event (团购开始 for 开团).")
    time: str | None = Field(default=None, description=(
        'Time of day the event happens, "HH:MM" (or 10点, 晚上8点); a date given without a time gets it.'))
    default: str | None = Field(default=None, description=(
        "An offset from another anchor, used when no date is given (signup+7d)."))
    date: str | None = Field(default=None, description=(
        'The real date (YYYY-MM-DD or "YYYY-MM-DD HH:MM"), '
        "usually set in a plan file or on the command line."))


class RepeatSpec(Spec):
    """How a task repeats: every so often, until an offset or a number of times."""

    every: str = Field(description="The step between occurrences (30min, 1d).")
    until: str | None = Field(default=None, description="Offset of the last possible occurrence (inclusive).")
    count: Annotated[int, Field(ge=1)] | None = Field(default=None, description=(
        "How many occurrences, instead of `until`."))

    @field_validator("count", mode="before")
    @classmethod
    def _whole_number(cls, value: Any) -> Any:
        # `count: "3"` and `count: 3.0` are plainly 3; 2.5 and yes stay mistakes.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return value


class TaskSpec(Spec):
    """One line of the schedule; a plan file's entry with an inherited id changes only the keys it writes."""

    id: str | None = Field(default=None, description=(
        "Stable identity used by overrides, diffs and calendar UIDs; derived from the name when absent."))
    name: str | None = Field(default=None, description="What has to be done (详细项目内容).")
    section: str | None = Field(default=None, description=(
        "Department or 版块 the task belongs to; one of `sections`."))
    owner: OneLine | None = Field(default=None, description="Role responsible (负责岗位); one of `roles`.")
    start: str | None = Field(default=None, description=(
        "Offset when work starts (开始时间): 报名前20天, open-3d, 开团当天15点. A Chinese clock time may "
        "name the part of the day (开团前1天晚上8点 = open-1d@20:00; 凌晨1点 is 01:00 of that day; "
        "上午, 中午, 下午, 早上 too) or be 8点半, 8:30, ８：３０; numbers may be 大写 (开团前叁天)."))
    due: str | None = Field(default=None, description="Offset when it must be finished (预计完成时间).")
    at: str | None = Field(default=None, description=(
        "A point-in-time check: start and due are the same moment (开团当天下午3点, open@15:00)."))
    duration: str | None = Field(default=None, description="Length instead of `due` (3d, 2h).")
    after: str | None = Field(default=None, description="Id of a task whose due is this task's start.")
    repeat: RepeatSpec | None = Field(default=None, description=(
        "Repeat the task every so often until an offset, or a number of times."))
    phase: str | None = Field(default=None, description=(
        "活动前 / 活动中 / 活动后 (or before / during / after); "
        "derived from the event window when absent."))
    notes: str | None = Field(default=None, description="备注: a tip or rule for whoever does the task.")
    roll: Roll | None = Field(default=None, description=(
        "A whole-day date on a day off: keep it and warn (none), or move it to a working day."))
    remind: str | None = Field(default=None, description=(
        "Calendar reminder for this task: 15min, 1h, 1d@09:00 (the day before at 9) or none."))

    @field_validator("remind", mode="before", json_schema_input_type=str | Literal[False] | None)
    @classmethod
    def _remind_no(cls, value: Any) -> Any:
        return _reminder_off(value)


class CalendarSpec(Spec):
    """Which days are days off."""

    country: str | None = Field(default=None, description=(
        "Whose public holidays count as days off: CN by default, any ISO code, or none (weekends only)."))
    holidays: list[str] = Field(default=[], description="Extra days off (dates).")
    workdays: list[str] = Field(default=[], description=(
        "Extra working days, such as make-up workdays (dates)."))
    weekends: Literal["off", "work"] | None = Field(default=None, description=(
        "off (the default): Saturdays and Sundays are days off. work: the team works them, as "
        "promotion teams do during a campaign; statutory holidays (and the weekend inside a "
        "holiday break) stay days off, 调休 make-up days stay working days. Working-day "
        "offsets (wd) then count Saturdays and Sundays, and deadlines on them are not warned about."))

    @field_validator("weekends", mode="before", json_schema_input_type=Literal["off", "work", False] | None)
    @classmethod
    def _weekends_off(cls, value: Any) -> Any:
        # YAML 1.1 reads `weekends: off` (and no, false) as a boolean: it means off.
        return "off" if value is False else value


class RemindersSpec(Spec):
    """Default calendar reminders, for tasks that set no `remind` of their own."""

    timed: str | None = Field(default=None, description="Reminder for timed tasks (default 15min before).")
    all_day: str | None = Field(default=None, description=(
        "Reminder for all-day tasks (default 1d@09:00: the morning before)."))

    @field_validator("timed", "all_day", mode="before", json_schema_input_type=str | Literal[False] | None)
    @classmethod
    def _remind_no(cls, value: Any) -> Any:
        return _reminder_off(value)


class EventSpec(Spec):
    """The event window: tasks before it are 活动前, inside it 活动中, after it 活动后."""

    start: str = Field(description="Offset where the event (活动中) begins.")
    end: str = Field(description="Offset where it ends; a whole day when it is a date.")


def normalize_team(value: Any) -> Any:
    """Accept `role: 张伟` and `role: [张伟, {name: 李娜, email: …}]` alike."""
    if not isinstance(value, dict):
        return value
    out: dict[Any, Any] = {}
    for role, people in value.items():
        items = people if isinstance(people, list) else [] if people is None else [people]
        out[role] = [{"name": p} if isinstance(p, str) else p for p in items]
    return out


class PlaybookFile(Spec):
    """A promoplan playbook, or a plan file that `extends` one and says what differs."""

    name: str | None = Field(default=None, description=(
        "Slug used on the command line (ju-huasuan): lowercase letters, digits and '-'."))
    campaign: OneLine | None = Field(default=None, description=(
        "This run of the playbook (2024-双十一-旗舰店); "
        "by default the name and the first anchor's date."))
    title: OneLine | None = Field(default=None, description="Shown in sheet titles.")
    description: str | None = Field(default=None, description="One line shown by `promoplan list`.")
    brand: str | None = Field(default=None, description=(
        "Shop or brand the plan is for, shown in the sheet's title block."))
    locale: Literal["zh-CN", "en"] | None = Field(default=None, description="Language of headers and labels.")
    timezone: str | None = Field(default=None, description=(
        "IANA time zone of every date and time in the plan (Asia/Shanghai by default)."))
    calendar: CalendarSpec | None = Field(default=None, description=(
        "Which days are days off: a country's public holidays, plus extra days off and workdays."))
    roll: Roll | None = Field(default=None, description=(
        "Default for tasks: what a whole-day date on a day off does (none keeps it and warns)."))
    event: EventSpec | None = Field(default=None, description=(
        "The event window that decides each task's phase (活动前 / 活动中 / 活动后)."))
    reminders: RemindersSpec | None = Field(default=None, description="Default calendar reminders.")
    anchors: dict[str, AnchorSpec] = Field(default={}, description=(
        "The events offsets count from, by name (signup, open); a plan file gives their dates."))
    sections: list[str] = Field(default=[], description="Departments in the order writers use.")
    roles: list[OneLine] = Field(default=[], description=(
        "Roles that own tasks (负责岗位), in the order writers use."))
    tasks: list[TaskSpec] = Field(default=[], description=(
        "The tasks; in a plan file, entries with an inherited id change that task, others are new."))
    extends: str | None = Field(default=None, description=(
        "A built-in playbook name or a path, relative to this file."))
    remove: list[str] = Field(default=[], description="Ids of inherited tasks to drop.")
    team: dict[str, list[Person]] = Field(default={}, description=(
        "Role → people (a name, or name and email); `organizer` names who sends calendar invitations."))
    progress: dict[str, str] = Field(default={}, description=(
        "Task id → 完成, 进行中, 受阻 or 取消 (done, doing, blocked, cancelled; √ is 完成), "
        "optionally with a percentage and a date: 进行中 50%, 完成 2024-10-20."))

    @field_validator("brand", "description", mode="before", json_schema_input_type=str | float | None)
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        # A brand called 361 or a title of 2024 is text, not a number.
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @field_validator("title", "campaign", mode="before", json_schema_input_type=OneLine | float | None)
    @classmethod
    def _number_as_one_line(cls, value: Any) -> Any:
        return cls._number_as_text(value)

    @field_validator("anchors", mode="before", json_schema_input_type=dict[str, AnchorSpec | None])
    @classmethod
    def _empty_anchors(cls, value: Any) -> Any:
        # `signup:` with nothing after it means "an anchor with no settings".
        if isinstance(value, dict):
            return {k: ({} if v is None else v) for k, v in value.items()}
        return value

    @field_validator("team", mode="before",
                     json_schema_input_type=dict[str, str | Person | list[str | Person] | None])
    @classmethod
    def _team_shorthand(cls, value: Any) -> Any:
        return normalize_team(value)


M = TypeVar("M", bound=Spec)


def updated(base: M, other: M) -> M:
    """`base` with the keys `other` wrote laid over it."""
    return base.model_copy(update={key: getattr(other, key) for key in other.model_fields_set})


def keys_of(cls: type[Spec]) -> list[str]:
    """The keys a file may write for `cls`, in the order they are documented."""
    return list(cls.model_fields)


def json_schema() -> str:
    """The JSON Schema of playbook and plan files, for editors; the same text on every run."""
    schema = PlaybookFile.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
              **schema, "title": SCHEMA_TITLE}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


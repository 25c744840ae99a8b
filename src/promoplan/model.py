"""The playbook schema, as people write it (one YAML file is one `PlaybookFile`).

Every field is optional at this level because a plan file or an `extends`
child only says what it changes; `playbook.py` merges the layers and checks
that the whole is complete. Offsets stay text here: they can only be read once
the merged anchors (and their Chinese labels) are known.

The classes are NamedTuples checked by `validate` below rather than by a
validation library: building pydantic models took 0.12 s of every command's
start-up, longer than compiling a 1,000-task playbook, and even dataclasses
cost 2 ms each, as they compile their methods from source on every start. A
schema value never changes once read: its list and dict defaults are shared and
must not be mutated. Each class ends with `given`, the keys the file wrote, so
that a later layer overrides only those (`updated`). The checker reads each
class's annotations once and reports problems as records (`loc`, `type`,
`input`) that `playbook.py` turns into messages with file:line:column.
"""

from collections.abc import Callable
from types import UnionType
from typing import Any, Literal, NamedTuple, TypeVar, Union, get_args, get_origin

Problem = dict[str, Any]
"""One schema problem: `loc` (path in the data), `type` (what kind), `input` (the value found)."""


def _remind_switch(value: Any) -> Any:
    # YAML reads `remind: no` / `off` / `false` as a boolean: it means no reminder.
    return "none" if value is False else value


def _number_as_text(value: Any) -> Any:
    # A brand called 361 or a title of 2024 is text, not a number.
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _empty_anchors(value: Any) -> Any:
    # `signup:` with nothing after it means "an anchor with no settings".
    if isinstance(value, dict):
        return {k: ({} if v is None else v) for k, v in value.items()}
    return value


class Person(NamedTuple):
    name: str
    """Shown in 责任人 columns and used for per-person calendars."""
    email: str | None = None
    """Optional; lets calendar invitations reach the person."""
    max_per_day: int | None = None
    """Most tasks this person can have due on one day; `promoplan load` warns above it."""

    given: frozenset[str] = frozenset()


class AnchorSpec(NamedTuple):
    label: str | None = None
    """The word the team uses (报名); also accepted in Chinese offsets."""
    aliases: list[str] = []
    """Other words for the same event (团购开始 for 开团)."""
    time: str | None = None
    """Time of day the event happens, "HH:MM"; a date given without a time gets it."""
    default: str | None = None
    """An offset from another anchor, used when no date is given (signup+7d)."""
    date: str | None = None
    """The real date, usually set in a plan file or on the command line."""

    given: frozenset[str] = frozenset()


class RepeatSpec(NamedTuple):
    every: str
    """The step between occurrences (30min, 1d)."""
    until: str | None = None
    """Offset of the last possible occurrence (inclusive)."""
    count: int | None = None  # type: ignore[assignment]  # the YAML key; hides tuple.count
    """How many occurrences, instead of `until`."""

    given: frozenset[str] = frozenset()


class TaskSpec(NamedTuple):
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

    given: frozenset[str] = frozenset()


class CalendarSpec(NamedTuple):
    country: str | None = None
    """Whose public holidays count as days off: CN by default, any ISO code, or none (weekends only)."""
    holidays: list[str] = []
    """Extra days off (dates)."""
    workdays: list[str] = []
    """Extra working days, such as make-up workdays (dates)."""

    given: frozenset[str] = frozenset()


class RemindersSpec(NamedTuple):
    timed: str | None = None
    """Reminder for timed tasks (default 15min before)."""
    all_day: str | None = None
    """Reminder for all-day tasks (default 1d@09:00: the morning before)."""

    given: frozenset[str] = frozenset()


class EventSpec(NamedTuple):
    start: str
    """Offset where the event (活动中) begins."""
    end: str
    """Offset where it ends; a whole day when it is a date."""

    given: frozenset[str] = frozenset()


class PlaybookFile(NamedTuple):
    name: str | None = None
    """Slug used on the command line (ju-huasuan)."""
    campaign: str | None = None
    """This run of the playbook (2024-双十一-旗舰店); by default the name and the first anchor's date."""
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
    anchors: dict[str, AnchorSpec] = {}
    sections: list[str] = []
    """Departments in the order writers use."""
    roles: list[str] = []
    tasks: list[TaskSpec] = []
    extends: str | None = None
    """A built-in playbook name or a path, relative to this file."""
    remove: list[str] = []
    """Ids of inherited tasks to drop."""
    team: dict[str, list[Person]] = {}
    """Role → people; `organizer` names who sends calendar invitations."""
    progress: dict[str, str] = {}
    """Task id → 完成, 进行中, 受阻 or 取消 (done, doing, blocked, cancelled), optionally with a date."""

    given: frozenset[str] = frozenset()


def normalize_team(value: Any) -> Any:
    """Accept `role: 张伟` and `role: [张伟, {name: 李娜, email: …}]` alike."""
    if not isinstance(value, dict):
        return value
    out: dict[Any, Any] = {}
    for role, people in value.items():
        items = people if isinstance(people, list) else [] if people is None else [people]
        out[role] = [{"name": p} if isinstance(p, str) else p for p in items]
    return out


Schema = Person | AnchorSpec | RepeatSpec | TaskSpec | CalendarSpec | RemindersSpec | EventSpec \
    | PlaybookFile
"""Any schema class's value."""
# spelled out: bound to the union, `_replace` would lose which class it returns
S = TypeVar("S", Person, AnchorSpec, RepeatSpec, TaskSpec, CalendarSpec, RemindersSpec, EventSpec,
            PlaybookFile)
SCHEMAS: tuple[type[Schema], ...] = get_args(Schema)

BEFORE: dict[type[Schema], dict[str, Callable[[Any], Any]]] = {
    TaskSpec: {"remind": _remind_switch},
    RemindersSpec: {"timed": _remind_switch, "all_day": _remind_switch},
    PlaybookFile: {"brand": _number_as_text, "title": _number_as_text, "campaign": _number_as_text,
                   "description": _number_as_text, "anchors": _empty_anchors,
                   "team": normalize_team},
}
"""Per class and key, how a YAML shorthand is read before it is checked."""
AT_LEAST: dict[type[Schema], dict[str, int]] = {RepeatSpec: {"count": 1}}
"""Per class and whole-number key, its smallest allowed value."""


def updated(base: S, other: S) -> S:
    """`base` with the keys `other` wrote laid over it."""
    changes = {key: getattr(other, key) for key in other.given}
    return base._replace(**changes, given=base.given | other.given)


# ------------------------------------------------------------------ checking

Check = Callable[[Any, tuple[Any, ...], list[Problem]], Any]
"""Checks one value at a path; returns it (possibly converted) or records problems."""

_SKIP = object()
_CHECKERS: dict[type[Schema], tuple[dict[str, Check], frozenset[str]]] = {}


def validate(cls: type[Schema], data: Any, path: tuple[Any, ...] = ()) -> tuple[Any, list[Problem]]:
    """`data` (plain YAML data) as a `cls`, or the problems found; all of them, not just the first."""
    problems: list[Problem] = []
    value = _model(cls)(data, path, problems)
    return (None if problems else value), problems


def keys_of(cls: type[Schema]) -> list[str]:
    """The keys a file may write for `cls`, in the order they are documented."""
    return [name for name in cls._fields if name != "given"]


def _problem(kind: str, path: tuple[Any, ...], value: Any, **ctx: Any) -> Problem:
    return {"loc": path, "type": kind, "input": value, "ctx": ctx}


def _model(cls: type[Schema]) -> Check:
    def check(value: Any, path: tuple[Any, ...], problems: list[Problem]) -> Any:
        if not isinstance(value, dict):
            problems.append(_problem("model_type", path, value))
            return _SKIP
        checks, required = _checkers(cls)
        before = BEFORE.get(cls, {})
        kwargs: dict[str, Any] = {}
        count = len(problems)
        for key, item in value.items():
            checker = checks.get(key) if isinstance(key, str) else None
            if checker is None:
                problems.append(_problem("extra_forbidden", (*path, key), item))
                continue
            if key in before:
                item = before[key](item)
            kwargs[key] = checker(item, (*path, key), problems)
        for key in required:
            if key not in value:
                problems.append(_problem("missing", (*path, key), value))
        if len(problems) > count:
            return _SKIP
        return cls(**kwargs, given=frozenset(kwargs))

    return check


def _checkers(cls: type[Schema]) -> tuple[dict[str, Check], frozenset[str]]:
    """Each key's check, read from the annotations once per class."""
    if cls not in _CHECKERS:
        hints = cls.__annotations__  # objects, not strings: no `from __future__ import annotations`
        checks = {name: _check_for(hints[name], name, cls) for name in keys_of(cls)}
        required = frozenset(name for name in cls._fields if name not in cls._field_defaults)
        _CHECKERS[cls] = checks, required
    return _CHECKERS[cls]


def _check_for(hint: Any, name: str, owner: type[Schema]) -> Check:
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union or origin is UnionType:
        inner = _check_for(next(a for a in args if a is not type(None)), name, owner)
        return lambda v, p, e: None if v is None else inner(v, p, e)
    if origin is Literal:
        return _literal(args)
    if origin is list:
        return _list(_check_for(args[0], name, owner))
    if origin is dict:
        return _dict(_check_for(args[1], name, owner))
    if hint is str:
        return _text
    if hint is int:
        return _whole(AT_LEAST.get(owner, {}).get(name))
    if hint in SCHEMAS:
        return _model(hint)
    raise TypeError(f"no check for {hint!r}")  # a schema class uses a type the checker lacks


def _text(value: Any, path: tuple[Any, ...], problems: list[Problem]) -> Any:
    if type(value) is not str:
        problems.append(_problem("string_type", path, value))
    return value


def _whole(at_least: int | None) -> Check:
    def check(value: Any, path: tuple[Any, ...], problems: list[Problem]) -> Any:
        whole_float = isinstance(value, float) and value.is_integer()
        if whole_float or (isinstance(value, str) and value.strip().isdigit()):
            value = int(value)
        if type(value) is not int:
            problems.append(_problem("int_type", path, value))
        elif at_least is not None and value < at_least:
            problems.append(_problem("too_small", path, value, at_least=at_least))
        return value

    return check


def _literal(choices: tuple[Any, ...]) -> Check:
    expected = " or ".join(", ".join(repr(c) for c in choices).rsplit(", ", 1))

    def check(value: Any, path: tuple[Any, ...], problems: list[Problem]) -> Any:
        if value not in choices or type(value) is not str:
            problems.append(_problem("literal_error", path, value, expected=expected))
        return value

    return check


def _list(item: Check) -> Check:
    def check(value: Any, path: tuple[Any, ...], problems: list[Problem]) -> Any:
        if not isinstance(value, list):
            problems.append(_problem("list_type", path, value))
            return value
        return [item(v, (*path, i), problems) for i, v in enumerate(value)]

    return check


def _dict(item: Check) -> Check:
    def check(value: Any, path: tuple[Any, ...], problems: list[Problem]) -> Any:
        if not isinstance(value, dict):
            problems.append(_problem("dict_type", path, value))
            return value
        out = {}
        for key, v in value.items():
            if type(key) is not str:
                problems.append(_problem("string_type", (*path, key, "[key]"), key))
            out[key] = item(v, (*path, key), problems)
        return out

    return check


PHASES = ("before", "during", "after")
PHASE_WORDS = {
    "活动前": "before", "活动中": "during", "活动后": "after",
    "before": "before", "during": "during", "after": "after",
}

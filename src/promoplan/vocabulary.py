"""The fixed vocabularies of promoplan, one enum each, so that a typo is a type error.

Each member's value is the word written in files, JSON and command lines (`done`,
`deadline-on-day-off`, `--format md`); being `StrEnum`s they compare and serialise as
those words. What a person reads for each of them (完成, 休息日截止 …) is in `words/`.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """What a team records in a plan file's `progress:` (完成, 进行中, 受阻, 取消)."""

    DONE = "done"
    DOING = "doing"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


class Phase(StrEnum):
    """Where a task falls against the event window; NONE when the playbook has no window."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    NONE = ""


class WarningKind(StrEnum):
    """What the resolver warns about, in the order the lines are shown: what makes every
    date uncertain comes first."""

    SCHEDULE_UNPUBLISHED = "schedule-unpublished"
    ANCHOR_ON_DAY_OFF = "anchor-on-day-off"
    ANCHOR_ORDER = "anchor-order"
    ENDS_BEFORE_START = "ends-before-start"
    DEADLINE_ON_DAY_OFF = "deadline-on-day-off"
    REPEAT_UNTIL_BEFORE_START = "repeat-until-before-start"
    PHASE_MISMATCH = "phase-mismatch"
    AT_NIGHT = "at-night"


class AnchorSource(StrEnum):
    """Where an anchor's date came from."""

    GIVEN = "given"
    """The command line."""
    FILE = "file"
    """A `date:` in a playbook or plan file."""
    DEFAULT = "default"
    """Derived from another anchor by its `default`."""
    PLACEHOLDER = "placeholder"
    """Not given at all: `validate` and `anchors` stand a day in for it."""


class Format(StrEnum):
    """What a writer makes; files are told apart by their extension."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"
    XLSX = "xlsx"
    ICS = "ics"


class By(StrEnum):
    """Per role or per person: `--split-by` (a calendar each) and `load --by` (a row each)."""

    OWNER = "owner"
    PERSON = "person"


class GroupBy(StrEnum):
    """`--group-by`: the 进程表's rows by section (as the seed sheets) or by phase."""

    SECTION = "section"
    PHASE = "phase"


class Lang(StrEnum):
    """`--lang`: the language of what is printed."""

    ZH = "zh"
    EN = "en"


class Robot(StrEnum):
    """`send --to`: the chat group robots a message is posted to."""

    WECOM = "wecom"
    DINGTALK = "dingtalk"
    FEISHU = "feishu"

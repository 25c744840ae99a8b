"""The merged playbook: what `assemble` makes of a file and all it extends.

Every value keeps the place it was written, so that the playbook's checks and the resolving
after them can point at the file, line and column a mistake is in, whichever layer of
the extends chain wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from promoplan.errors import Loc, PromoplanError
from promoplan.playbook.schema import AnchorSpec, EventSpec, Person, TaskSpec
from promoplan.playbook.yaml_reader import Document, Path_


@dataclass
class AnchorDef:
    name: str
    spec: AnchorSpec
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.spec.label or self.name

    def where(self, key: str) -> Loc:
        return self.locs.get(key, self.loc)


@dataclass
class TaskDef:
    id: str
    spec: TaskSpec
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Places of keys set by a layer that extends the one that wrote the task."""
    order: int = 0
    label: str = ""
    """How messages name the task: its id, or its place in the file when the id is derived."""
    broken: bool = False
    """Its timing keys contradict each other or broke the schema: resolving skips it (the error
    is already known)."""
    invalid: frozenset[str] = frozenset()
    """Keys left out because they broke the schema (unknown keys included): already reported,
    so the checks that would trip over their absence are skipped."""
    written: tuple[Document, Path_, TaskSpec] | None = None
    """The file, path and keys that wrote the task. Its keys' places are looked up there
    only when a message needs one: a large playbook would otherwise make a Loc per key."""

    def where(self, key: str) -> Loc:
        """Where `key` (`due`, `repeat.until`) was written, or the task when it was not."""
        found = self.locs.get(key)
        if found is not None:
            return found
        if self.written is not None:
            doc, path, spec = self.written
            head, _, sub = key.partition(".")
            if (sub in spec.repeat.model_fields_set if head == "repeat" and sub and spec.repeat
                    is not None else not sub and key in spec.model_fields_set):
                return doc.loc((*path, head, sub) if sub else (*path, key))
        return self.loc


@dataclass
class Playbook:
    """The merged playbook: every value with the place it was written."""

    name: str
    source: str
    title: str = ""
    description: str = ""
    locale: str = "zh-CN"
    timezone: str = "Asia/Shanghai"
    country: str = "CN"
    weekends: str = "off"
    """`calendar.weekends`: off, or work (the team works Saturdays and Sundays)."""
    roll: str = "none"
    holidays: list[tuple[str, Loc]] = field(default_factory=list)
    workdays: list[tuple[str, Loc]] = field(default_factory=list)
    event: EventSpec | None = None
    brand: str = ""
    reminders: dict[str, str] = field(default_factory=dict)
    """timed / all_day → reminder text, with its place in `locs` as reminders.KEY."""
    anchors: dict[str, AnchorDef] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    tasks: list[TaskDef] = field(default_factory=list)
    team: dict[str, list[Person]] = field(default_factory=dict)
    organizer: Person | None = None
    campaign: str = ""
    progress: dict[str, tuple[str, Loc]] = field(default_factory=dict)
    """Task id → the status text as written, and where."""
    locs: dict[str, Loc] = field(default_factory=dict)
    problems: list[PromoplanError] = field(default_factory=list)
    """Mistakes found by the checks; resolving reports them with its own."""
    invalid: set[str] = field(default_factory=set)
    """Top-level keys with a mistake already reported (see `Layer.invalid`): the checks that
    would trip over it are skipped, and a mistake in `anchors` stops before resolving."""

    def where(self, key: str) -> Loc:
        return self.locs.get(key, Loc(self.source, 1, 1))


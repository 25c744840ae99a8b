"""The merged playbook: what `assemble` makes of a file and all it extends.

Every value keeps the place it was written, so that the playbook's checks and the resolving
after them can point at the file, line and column a mistake is in, whichever layer of
the extends chain wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from promoplan.errors import Loc, PromoplanError, Say
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

    @property
    def said(self) -> Say:
        """How a message names the anchor: by its label (报名), as the sheet does."""
        return Say("playbook.anchor", label=self.label)


@dataclass
class TaskDef:
    id: str
    spec: TaskSpec
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Places of keys set by a layer that extends the one that wrote the task."""
    order: int = 0
    row: int = 0
    """Its place in the `tasks:` list of the file that wrote it, from 1: how a message names
    a task that has neither a name nor an id yet."""
    seq: int = 0
    """Its 序号 on the sheet (its place within its section), once the layers are merged."""
    derived_id: bool = False
    broken: bool = False
    """Its timing keys contradict each other or broke the schema: resolving skips it (the error
    is already known)."""
    invalid: frozenset[str] = frozenset()
    """Keys left out because they broke the schema (unknown keys included): already reported,
    so the checks that would trip over their absence are skipped."""
    written: tuple[Document, Path_, TaskSpec] | None = None
    """The file, path and keys that wrote the task. Its keys' places are looked up there
    only when a message needs one: a large playbook would otherwise make a Loc per key."""

    @property
    def said(self) -> Say:
        """How a message names the task: as the sheet does (运营第3项「改价格」), its id or its
        place in the file before it has a name."""
        name = self.spec.name
        if name and self.seq:
            section = self.spec.section
            if section:
                return Say("playbook.task", section=section, seq=self.seq, name=name)
            return Say("playbook.task-no-section", seq=self.seq, name=name)
        if name:
            return Say("playbook.task-named", name=name)
        if self.derived_id:
            return Say("playbook.task-row", row=self.row)
        return Say("playbook.task-id", id=self.id)

    def at(self, key: str) -> Say:
        """The task's `key` (`due`, `repeat.every`), as a message names it."""
        return at_key(self.said, key)

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


def listed(items: list[str], link: str = "playbook.and") -> Say | str:
    """Names from the user's files as a list, each quoted as the language quotes input
    (「运营」、「推广」 / '运营', '推广'); `link` "playbook.arrow" makes a chain (a → b → a)."""
    if not items:
        return ""
    said = Say("playbook.quoted", text=items[-1])
    for item in reversed(items[:-1]):
        said = Say(link, head=Say("playbook.quoted", text=item), tail=said)
    return said


def at_key(place: Say, key: str) -> Say:
    """`place`'s key (`due`, `repeat.every`) as a message names it: 「due」 of a task."""
    head, _, sub = key.partition(".")
    return Say("playbook.at-key", place=place, key=Say("playbook.subkey", key=head, sub=sub) if sub else key)

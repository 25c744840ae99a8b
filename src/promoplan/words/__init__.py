"""Everything a person reads, in the plan's language: one catalog per language.

`zh.py` and `en.py` hold every word and sentence the writers, reports and warnings print,
by key (`seq`, `status.done`, `xlsx.sheet_plan`, `notice.at-night` …), so a wording is
changed, or a language added, in one place. `Words` looks them up and formats what is
shared: days, times, spans, lists of people. `notices` words the plan's warnings;
`reading` holds the words people write that promoplan reads back (完成, 活动前).

The plan's locale decides (zh-CN for the built-in playbooks); `--lang` overrides.
Nothing here imports the pipeline at run time, so every stage may use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import TYPE_CHECKING

from promoplan.vocabulary import Phase

if TYPE_CHECKING:
    from promoplan.schedule.offsets import Shift
    from promoplan.schedule.plan import PlanTask, When


class Words:
    """The catalog of one language, and the formats built on it."""

    def __init__(self, lang: str) -> None:
        from promoplan.words import en, messages, zh

        self.lang = "en" if lang.startswith("en") else "zh"
        self.table = {**(en.WORDS if self.lang == "en" else zh.WORDS), **messages.table(self.lang)}
        self._groups: dict[str, dict[str, str]] = {}

    def __getitem__(self, key: str) -> str:
        return self.table[key]

    def group(self, prefix: str) -> dict[str, str]:
        """The entries under `prefix.` with the prefix taken off: one writer's own words."""
        if prefix not in self._groups:
            start = f"{prefix}."
            self._groups[prefix] = {key[len(start):]: text for key, text in self.table.items()
                                    if key.startswith(start)}
        return self._groups[prefix]

    def count(self, key: str, n: int) -> str:
        """`{n}项变更` / `1 task changed`, `2 tasks changed`: en entries are `one|many`."""
        one, _, many = self.table[key].partition("|")
        return (many if many and n != 1 else one).format(n=n)

    def listing(self, items: Iterable[str]) -> str:
        """`张伟、李娜` / `Zhang Wei, Li Na`: names listed as the language lists them."""
        return self["list"].join(items)

    def phase(self, phase: Phase) -> str:
        """活动前 / Before; nothing when the playbook has no event window."""
        return self[f"phase.{phase}"] if phase else ""

    def people(self, task: PlanTask) -> str:
        """A task's people, listed: `张伟、李娜`."""
        return self.listing(p.name for p in task.people)

    def owner(self, task: PlanTask) -> str:
        """A task's role and its people, as the 负责 column shows them: `运营主管（张伟）`."""
        if not task.people:
            return task.owner
        return task.owner + self["paren"].format(text=self.people(task))

    def weekday(self, day: date) -> str:
        return self["weekdays"].split("|")[day.weekday()]

    def span(self, shifts: list[tuple[int, str]]) -> str:
        """`2天10小时` / `2d10h`: an amount of time in the plan's units."""
        return "".join(f"{n}{self[unit]}" for n, unit in shifts)

    def day(self, day: date, year: bool = False) -> str:
        """`10月30日 周三` / `Wed 30 Oct`: what people read at a glance."""
        return self["date.year" if year else "date.day"].format(
            y=day.year, m=day.month, d=day.day, weekday=self.weekday(day),
            mon=self["months"].split("|")[day.month - 1])

    def when(self, when: When, year: bool = False) -> str:
        text = self.day(when.day, year)
        return f"{text} {when.clock:%H:%M}" if when.clock else text

    def clock(self, value: time) -> str:
        return f"{value:%H:%M}"

    def step(self, shifts: tuple[Shift, ...]) -> str:
        return "".join(f"{s.amount}{self[s.unit]}" for s in shifts)

    def repeat_note(self, task: PlanTask) -> str:
        return self["repeat"].format(step=self.step(task.every), n=len(task.occurrences))

    def relative(self, days: int) -> str:
        if days == 0:
            return self["today"]
        return self["in_days"].format(n=days) if days > 0 else self["days_ago"].format(n=-days)


def words_for(locale: str, lang: str | None) -> Words:
    return Words(lang or locale)

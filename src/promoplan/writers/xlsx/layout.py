"""The plan's shape as the sheets lay it out: groups, numbering, colours, widths.

Worked out once per workbook and shared by every sheet (the `Context`), so the 进程表,
the Gantt and the 时间节点 sheet agree on what a group is, which colour a section
has, and what 序号 a task carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from promoplan.schedule.plan import Plan, PlanAnchor, PlanTask, When
from promoplan.vocabulary import GroupBy
from promoplan.words import Words, notices
from promoplan.writers.md_ import grouped as by_phase
from promoplan.writers.xlsx.labels import labels_for
from promoplan.writers.xlsx.styles import SECTION_COLOURS, Look, Styles
from promoplan.writers.xlsx.text import clean, line_count, text_width

LINE = 15.0  # points per line of 11 pt CJK text
MIN_ROW = 20.0  # points: a row a finger can hit on a phone
ROW_PADDING = 4.0  # points above and below a row's text


def row_height(lines: int) -> float:
    """The height in points of a row whose tallest cell wraps to `lines` lines, and never
    less than a finger can hit."""
    return max(MIN_ROW, lines * LINE + ROW_PADDING)


@dataclass
class Group:
    key: str
    """The section name, or the phase key (before, during, after, '')."""
    label: str
    tasks: list[PlanTask] = field(default_factory=list)


def groups(plan: Plan, group_by: GroupBy, words: Words, by_section: list[PlanTask] | None = None
           ) -> list[Group]:
    """Sections in the playbook's order (playbook order inside), or phases in time order."""
    if group_by is GroupBy.PHASE:
        return [Group(phase, words.phase(phase) or labels_for(words)["no_phase"], tasks)
                for phase, tasks in by_phase(plan)]
    out: list[Group] = []
    for task in plan.by_section() if by_section is None else by_section:
        if not out or out[-1].key != task.section:
            out.append(Group(task.section, task.section))
        out[-1].tasks.append(task)
    return out


def numbering(parts: list[Group]) -> dict[str, int]:
    """序号 restarts in every group, as the seed tables number each 版块."""
    return {task.id: i for group in parts for i, task in enumerate(group.tasks, 1)}


def section_colours(plan: Plan, by_section: list[PlanTask] | None = None
                    ) -> dict[str, tuple[str, str]]:
    """The playbook's sections in order, then any others as the tasks name them."""
    tasks = plan.by_section() if by_section is None else by_section
    names = list(dict.fromkeys([*plan.sections, *(t.section for t in tasks)]))
    return {name: SECTION_COLOURS[i % len(SECTION_COLOURS)] for i, name in enumerate(names)}


def holiday_labels(off: dict[date, str]) -> dict[date, str]:
    """One label per run of days off: the holiday's name on the run's first day.

    A run of 9-15 (weekend), 9-16 (休息日, swapped by 调休) and 9-17 (中秋节) is labelled
    中秋节 on 9-15; a plain weekend gets no label.
    """
    labels: dict[date, str] = {}
    run: list[date] = []
    for day in [*sorted(off), None]:
        if run and (day is None or day - run[-1] != timedelta(days=1)):
            names = [off[d] for d in run if off[d] and "调休" not in off[d]]
            if names:
                labels[run[0]] = re.split(r"[（(]", names[0], maxsplit=1)[0].strip()
            run = []
        if day is not None:
            run.append(day)
    return labels


def plan_days(plan: Plan) -> tuple[date, date] | None:
    """The plan's first and last day (anchors, tasks and event): the Gantt's span, and the
    date the document says it was made (never the clock)."""
    days = [a.when.day for a in plan.anchors if a.source != "placeholder"]
    days += [t.start.day for t in plan.tasks] + [t.due.day for t in plan.tasks]
    if plan.event:
        days += [plan.event[0].day, plan.event[1].day]
    return (min(days), max(days)) if days else None


def chrono(plan: Plan) -> list[PlanAnchor]:
    """The anchors with a date, in time order (a placeholder has no date of its own)."""
    live = [a for a in plan.anchors if a.source != "placeholder"]
    return sorted(live, key=lambda a: a.when.sort_key())


def cell_value(when: When) -> date | datetime:
    """A real Excel date (with its time when it has one), so the sheet sorts and filters."""
    return datetime.combine(when.day, when.clock) if when.clock else when.day


def iso(when: When) -> str:
    return f"{when.day.isoformat()} {when.clock:%H:%M}" if when.clock else when.day.isoformat()


def is_point(task: PlanTask) -> bool:
    """A milestone (`at:`): start and due are the same moment."""
    return task.start.day == task.due.day and task.start.clock == task.due.clock


class Context:
    """What the sheets share: the plan, its styles, and what is worked out once."""

    def __init__(self, plan: Plan, words: Words, styles: Styles, parts: list[Group],
                 by_section: list[PlanTask], span: tuple[date, date] | None) -> None:
        self.plan = plan
        self.words = words
        self.styles = styles
        self.year = bool(span and span[0].year != span[1].year)
        """Days are written with their year: the plan runs over a new year."""
        self.labels = labels_for(words)
        self.colours = section_colours(plan, by_section)
        self.seq = numbering(parts)
        self.off = dict(sorted(plan.days_off.items()))
        self.tags = notices.tags_by_task(plan, words)
        self.span = span
        self.status_words = words.group("status_word")
        self._measured: dict[tuple[str, float], int] = {}
        self._days: dict[When, str] = {}
        self.row_looks: dict[str, dict[str, Look]] = {}
        """The looks of each section's task rows on the 进程表, by section."""
        self.bar_looks: dict[tuple[str, bool, bool], Look] = {}
        """The Gantt's bar looks, by colour, striped and timed."""
        self.widths = _widths(self)

    def lines(self, text: str, width: float) -> int:
        """line_count(clean(text), width), worked out once per text and width: a large plan
        repeats its sections, roles and people on every row."""
        key = (text, width)
        found = self._measured.get(key)
        if found is None:
            found = self._measured[key] = line_count(clean(text), width)
        return found

    def day_text(self, when: When) -> str:
        """`10月30日 周三 10:25`, and ` 休` after a day off: a day as every reader shows it
        (labels.py says why it is text)."""
        found = self._days.get(when)
        if found is None:
            found = self.words.when(when, year=self.year)
            if when.day in self.off:
                found = f"{found} {self.words['day_off']}"
            self._days[when] = found
        return found

    def status(self, task: PlanTask) -> str | None:
        return self.status_words[task.progress.status] if task.progress else None

    def notes(self, task: PlanTask) -> str:
        """The team's note, the repeat, and the short tags of the warnings about the task:
        the warnings themselves are in the 注意 block, once."""
        parts = [self.words.repeat_note(task)] if task.occurrences else []
        parts += [task.notes] if task.notes else []
        parts += self.tags.get(task.id, [])
        return "\n".join(parts)


COLUMNS = ("seq", "name", "status", "start", "due", "role", "people", "notes", "section",
           "phase", "id")
"""The 进程表's columns, left to right: 序号 and the name frozen, 状态 beside them; the
last (the ids) is hidden. 版块 stands near the end: each band names it."""


def _widths(ctx: Context) -> dict[str, float]:
    """The 进程表's column widths, from what the columns hold."""
    tasks = ctx.plan.tasks

    def fit(texts: Iterable[str], low: float, high: float) -> float:
        # The header wraps, so only the contents decide; once one text reaches `high`,
        # the rest cannot change the width.
        widest = 0
        for text in set(texts):
            widest = max(widest, text_width(text))
            if widest + 2 >= high:
                break
        return float(min(max(widest + 2, low), high))

    # Every day shown fits its line (the texts repeat: each is measured once).
    date_width = fit((ctx.day_text(w) for t in tasks for w in (t.start, t.due)), 10, 40)
    return {
        # A phone at 100 % (390 px) shows the frozen 序号 and name (about 200 px), 状态
        # and most of the start date.
        "seq": 4.5,
        "name": fit((t.name for t in tasks), 12, 22),
        "status": 8.0 if ctx.words.lang == "zh" else 10.0,
        "start": date_width,
        "due": date_width,
        "role": fit((t.owner for t in tasks), 8, 14),
        "people": fit((ctx.words.people(t) for t in tasks), 8, 16),
        "notes": fit((ctx.notes(t) for t in tasks), 10, 36),
        "section": fit((t.section for t in tasks), 7, 12),
        "phase": fit((ctx.words.phase(t.phase) for t in tasks), 6, 10),
        "id": 12.0,
    }

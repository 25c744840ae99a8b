"""Warnings as the team reads them: in the plan's language, naming tasks as the sheet does.

The resolver records what it found (`PlanWarning`: a code, the task ids, the facts);
this module turns that into words. A team member knows a task by its section, its
序号 and its name on the 进程表, never by the id in the playbook, so that is how every
line names it. One line per problem, listing the tasks it concerns, and a short tag
for the rows it marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from promoplan.schedule.plan import Plan, PlanTask, PlanWarning
from promoplan.vocabulary import WarningKind
from promoplan.words import Words


def _table(words: Words) -> dict[str, str]:
    return words.group("notice")


def task_ref(task: PlanTask, words: Words) -> str:
    """运营第7项「改价格、改库存数量」: a task as a team member finds it on the sheet."""
    table = _table(words)
    key = "task" if task.section else "task_no_section"
    return table[key].format(section=task.section, seq=task.seq, name=task.name)


def _pick(template: str, n: int) -> str:
    """`one|many` → the sentence for n tasks (zh has one form)."""
    one, _, many = template.partition("|")
    return many if many and n != 1 else one


def _count(n: int, words: Words) -> str:
    return words.count("notice.count", n)


def _tasks(plan: Plan, warning: PlanWarning, words: Words, limit: int | None,
           dates: bool = True) -> tuple[int, str]:
    table = _table(words)
    by_id = {t.id: t for t in plan.tasks}
    found = [by_id[tid] for tid in warning.tasks if tid in by_id]
    shown = found if limit is None else found[:limit]
    parts = []
    for task in shown:
        text = task_ref(task, words)
        if warning.code is WarningKind.AT_NIGHT and task.start.clock is not None:
            text += words["paren"].format(text=words.clock(task.start.clock))
        if warning.code is WarningKind.ENDS_BEFORE_START and dates:
            span = f"{words.when(task.start)} → {words.when(task.due)}"
            text += words["paren"].format(text=span)
        parts.append(text)
    listed = table["list"].join(parts)
    if limit is not None and len(found) > limit:
        listed += table["more"].format(total=len(found), rest=len(found) - limit)
    return len(found), listed


def text(plan: Plan, warning: PlanWarning, words: Words, limit: int | None = None, *,
         dates: bool = True) -> str:
    """The warning as one line; `limit` lists at most that many tasks by name.

    `dates=False` leaves out the days of the tasks it lists, for `validate`, whose
    dates are placeholders where the file gives none.
    """
    table = _table(words)
    facts = warning.facts
    if warning.code is WarningKind.SCHEDULE_UNPUBLISHED:
        return table["schedule-unpublished"].format(year=facts["year"])
    if warning.code is WarningKind.ANCHOR_ON_DAY_OFF:
        day = date.fromisoformat(facts["day"])
        labels = facts["anchors"]
        return _pick(table["anchor-on-day-off"], len(labels)).format(
            anchors=words.listing(labels), day=words.day(day),
            holiday=holiday_name(facts.get("holiday"), words) or table["weekend"])
    if warning.code is WarningKind.ANCHOR_ORDER:
        return table["anchor-order"].format(
            late=facts["late"], late_day=words.day(date.fromisoformat(facts["late_day"])),
            early=facts["early"], early_day=words.day(date.fromisoformat(facts["early_day"])))
    n, listed = _tasks(plan, warning, words, limit, dates)
    if warning.code is WarningKind.DEADLINE_ON_DAY_OFF:
        day = date.fromisoformat(facts["day"])
        before = date.fromisoformat(facts["before"])
        return _pick(table["deadline-on-day-off"], n).format(
            day=words.day(day), holiday=holiday_name(facts.get("holiday"), words) or table["weekend"],
            n=_count(n, words), before=words.day(before), tasks=listed)
    return _pick(table[warning.code], n).format(n=_count(n, words), tasks=listed)


_SWAPPED = re.compile(r"休息日（由 (\d{4})-(\d{2})-(\d{2}) 调休）")


def holiday_name(name: str | None, words: Words) -> str:
    """The calendar's name for a day off, as a team says it: the holidays library calls a
    day off moved by 调休 `休息日（由 2025-09-28 调休）`, which reads `调休，9月28日补班`."""
    if not name:
        return ""
    swapped = _SWAPPED.fullmatch(name)
    if swapped is None:
        return name
    month, day = int(swapped[2]), int(swapped[3])
    return words["notice.swapped"].format(m=month, d=day)


def tag(code: str, words: Words) -> str:
    """The short mark beside a row the warning concerns (⚠ 休息日截止)."""
    return "⚠ " + _table(words)[f"tag.{code}"]


def ordered(plan: Plan) -> list[PlanWarning]:
    """The plan's warnings in the order they are shown: `WarningKind`'s order."""
    order = list(WarningKind)
    return sorted(plan.warnings, key=lambda w: order.index(w.code))


def lines(plan: Plan, words: Words, limit: int | None = None, *, rest: bool = False) -> list[str]:
    """Every warning, one line each, the most important first; `rest`: all but the
    unpublished holiday schedule, which the output already shows on top (`headline`)."""
    return [text(plan, w, words, limit) for w in ordered(plan)
            if not (rest and w.code is WarningKind.SCHEDULE_UNPUBLISHED)]


def headline(plans: Iterable[Plan], words: Words) -> list[str]:
    """The warning that makes every date uncertain, for the first lines of whatever prints
    dates (table, Markdown, anchors, agenda, diff, load): `重要：2027年的法定节假日安排尚未
    公布…`, one line for every year of every plan; nothing when all are published."""
    years = sorted({w.facts["year"] for plan in plans for w in plan.warnings
                    if w.code is WarningKind.SCHEDULE_UNPUBLISHED})
    if not years:
        return []
    table = _table(words)
    joined = table["years"].join(str(year) for year in years)
    return [table["summary.important"] + table[WarningKind.SCHEDULE_UNPUBLISHED].format(year=joined)]


# What a playbook says whatever the dates: `validate` checks these without real dates.
DATE_FREE = (WarningKind.ANCHOR_ORDER, WarningKind.ENDS_BEFORE_START,
             WarningKind.REPEAT_UNTIL_BEFORE_START, WarningKind.PHASE_MISMATCH, WarningKind.AT_NIGHT)


def tags_by_task(plan: Plan, words: Words) -> dict[str, list[str]]:
    """Task id → the short marks of the warnings that concern it."""
    out: dict[str, list[str]] = {}
    for warning in ordered(plan):
        for tid in warning.tasks:
            marks = out.setdefault(tid, [])
            mark = tag(warning.code, words)
            if mark not in marks:
                marks.append(mark)
    return out


def summary(plan: Plan, words: Words) -> list[str]:
    """One line per kind of warning, for stderr after `wrote …`; the holiday schedule first.

    The files carry every detail (the 注意 block, a tag on each row); the terminal
    gets what to look at: how many tasks, which days, at most three names.
    """
    table = _table(words)
    kinds: dict[str, list[PlanWarning]] = {}
    for warning in ordered(plan):
        kinds.setdefault(warning.code, []).append(warning)
    out = []
    for code, group in kinds.items():
        if code is WarningKind.SCHEDULE_UNPUBLISHED:
            years = table["years"].join(str(w.facts["year"]) for w in group)
            out.append(table["summary.important"] + table[code].format(year=years))
        elif code is WarningKind.DEADLINE_ON_DAY_OFF:
            out.append(table["summary"] + _days_off(plan, group, words))
        else:
            out.append(table["summary"] + table["then"].join(text(plan, w, words, limit=3)
                                                             for w in group))
    return out


def _days_off(plan: Plan, group: list[PlanWarning], words: Words) -> str:
    """`12项截止日在休息日（10月3日 周四 国庆节7项、…）`: every deadline on a day off, by day."""
    table = _table(words)
    known = {t.id for t in plan.tasks}
    counts = [(w, sum(tid in known for tid in w.tasks)) for w in group]
    total = sum(n for _, n in counts)
    days = []
    for warning, n in counts[:3]:
        day = words.day(date.fromisoformat(warning.facts["day"]))
        holiday = holiday_name(warning.facts.get("holiday"), words)
        named = table["holiday"].format(holiday=holiday) if holiday else ""
        days.append(table["day_count"].format(day=day, n=n, holiday=named))
    listed = table["days_list"].join(days)
    if len(counts) > 3:
        listed += table["more_days"].format(n=len(counts), more=len(counts) - 3)
    key = "days-off" if total != 1 else "days-off.one"
    return table[key].format(n=total, days=listed, tag=tag("deadline-on-day-off", words))

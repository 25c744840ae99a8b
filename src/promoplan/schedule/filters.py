"""Narrow or adjust a resolved plan for one audience: a role, a person, a reminder policy.

Pure functions over Plan, so every writer honours the same filters.
"""

from __future__ import annotations

from dataclasses import replace

from promoplan.errors import COMMAND_LINE, PromoplanError, Say, did_you_mean
from promoplan.playbook.merged import listed
from promoplan.schedule.offsets import Reminder
from promoplan.schedule.plan import Plan, PlanTask, PlanWarning
from promoplan.vocabulary import WarningKind


def roles(plan: Plan) -> list[str]:
    used = {t.owner for t in plan.tasks if t.owner}
    return [*plan.roles, *sorted(used - set(plan.roles))]


def people(plan: Plan) -> list[str]:
    names: list[str] = []
    for task in plan.by_section():
        names += [p.name for p in task.people if p.name not in names]
    return names


def only_owner(plan: Plan, role: str) -> Plan:
    known = roles(plan)
    if role not in known:
        raise PromoplanError(Say("schedule.no-such-role", role=role), COMMAND_LINE,
                             did_you_mean(role, known) or Say("playbook.roles", names=listed(list(known))))
    return narrowed(plan, [t for t in plan.tasks if t.owner == role])


def only_person(plan: Plan, name: str) -> Plan:
    known = people(plan)
    if name not in known:
        raise PromoplanError(
            Say("schedule.no-such-person", name=name), COMMAND_LINE,
            did_you_mean(name, known) or (Say("schedule.people", names=listed(list(known))) if known
                                          else Say("schedule.add-team")))
    return narrowed(plan, [t for t in plan.tasks if any(p.name == name for p in t.people)])


def narrowed(plan: Plan, tasks: list[PlanTask]) -> Plan:
    """The plan with only `tasks`, and only the warnings about them: a warning listing
    tasks keeps those it still has (and goes when none is left, never `0项`); an anchor on
    a day off stays for whoever works that day; what concerns every date stays."""
    ids = {t.id for t in tasks}
    kept: list[PlanWarning] = []
    for warning in plan.warnings:
        if warning.tasks:
            mine = tuple(tid for tid in warning.tasks if tid in ids)
            if mine:
                kept.append(replace(warning, tasks=mine))
        elif warning.code is WarningKind.ANCHOR_ON_DAY_OFF:
            day = warning.facts["day"]
            if any(t.start.day.isoformat() <= day <= t.due.day.isoformat() for t in tasks):
                kept.append(warning)
        else:
            kept.append(warning)
    return replace(plan, tasks=tasks, warnings=kept)


def split(plan: Plan, by: str) -> list[tuple[str, Plan]]:
    """One plan per role or per person, for one calendar each."""
    if by == "owner":
        return [(role, only_owner(plan, role)) for role in roles(plan)
                if any(t.owner == role for t in plan.tasks)]
    names = people(plan)
    if not names:
        raise PromoplanError(Say("schedule.split-no-team"), COMMAND_LINE, Say("schedule.add-team"))
    return [(name, only_person(plan, name)) for name in names]


def remind_all(plan: Plan, reminder: Reminder) -> Plan:
    """`--remind` overrides the playbook's reminders, task by task."""
    return replace(plan, reminders={k: reminder for k in plan.reminders},
                   tasks=[replace(t, remind=reminder) for t in plan.tasks])

"""Narrow or adjust a resolved plan for one audience: a role, a person, a reminder policy.

Pure functions over Plan, so every writer honours the same filters.
"""

from __future__ import annotations

from dataclasses import replace

from promoplan.errors import COMMAND_LINE, PromoplanError, Say, did_you_mean
from promoplan.playbook.merged import listed
from promoplan.schedule.offsets import Reminder
from promoplan.schedule.plan import Plan


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
    return replace(plan, tasks=[t for t in plan.tasks if t.owner == role])


def only_person(plan: Plan, name: str) -> Plan:
    known = people(plan)
    if name not in known:
        raise PromoplanError(
            Say("schedule.no-such-person", name=name), COMMAND_LINE,
            did_you_mean(name, known) or (Say("schedule.people", names=listed(list(known))) if known
                                          else Say("schedule.add-team")))
    return replace(plan, tasks=[t for t in plan.tasks if any(p.name == name for p in t.people)])


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

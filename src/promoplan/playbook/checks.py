"""The merged playbook's own checks: what no single file can be checked for alone.

A name, a time zone, anchors whose words do not clash, and tasks whose section, owner,
phase and timing keys make sense once every layer is laid over the others. A value the
schema already left out is not checked again: its mistake is already reported.
"""

from __future__ import annotations

import re

from promoplan.errors import Loc, PromoplanError, Say, did_you_mean
from promoplan.playbook.merged import Playbook, TaskDef, listed
from promoplan.playbook.team import unknown_roles
from promoplan.playbook.zones import zone
from promoplan.words.reading import PHASE_WORDS

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TIMING = frozenset({"at", "start", "due", "duration", "after", "repeat"})
"""A task's keys that say when it happens."""


def check(pb: Playbook) -> Playbook:
    """The merged playbook's own checks; skipped where the schema already left a value out."""
    errors: list[PromoplanError] = []
    if "name" in pb.invalid:
        pass  # already reported
    elif not pb.name:
        errors.append(PromoplanError(Say("playbook.missing-name"), Loc(pb.source, 1, 1),
                                     Say("playbook.missing-name-fix")))
    elif not _SLUG.match(pb.name):
        errors.append(PromoplanError(Say("playbook.name-not-slug", name=pb.name), pb.where("name")))
    try:
        zone(pb.timezone)
    except PromoplanError as exc:
        errors.append(PromoplanError(exc.message, pb.where("timezone"), exc.hint))
    if not pb.anchors and "anchors" not in pb.invalid:
        errors.append(PromoplanError(Say("playbook.no-anchors"), pb.where("anchors"),
                                     Say("playbook.no-anchors-fix")))
    words: dict[str, str] = {}
    for anchor in pb.anchors.values():
        for word in [anchor.name, anchor.label, *anchor.spec.aliases]:
            other = words.setdefault(word, anchor.name)
            if other != anchor.name:
                errors.append(PromoplanError(
                    Say("playbook.anchor-word-taken", anchor=anchor.name, word=word, other=other),
                    anchor.where("aliases" if word in anchor.spec.aliases else "label")))
    counts: dict[str, int] = {}
    for task in pb.tasks:  # the 序号 the sheet will show, for messages to name the task by
        section = task.spec.section or ""
        counts[section] = task.seq = counts.get(section, 0) + 1
    for task in pb.tasks:
        errors.extend(_check_task(pb, task))
    if "roles" not in pb.invalid:
        errors.extend(unknown_roles(pb, pb.team, {r: pb.where(f"team.{r}") for r in pb.team}))
    # Reported together with what resolving finds, so one run lists every mistake.
    pb.problems += errors
    return pb


def _check_task(pb: Playbook, task: TaskDef) -> list[PromoplanError]:
    spec, errors = task.spec, []

    def err(key: str, message: Say, hint: Say | None = None) -> None:
        place = task.at(key) if key else task.said
        errors.append(PromoplanError(Say("playbook.about", place=place, what=message),
                                     task.where(key), hint))

    if not spec.name and "name" not in task.invalid:
        err("", Say("playbook.missing-task-name"), Say("playbook.missing-task-name-fix"))
    if spec.section is not None and pb.sections and spec.section not in pb.sections \
            and "sections" not in pb.invalid:
        err("section", Say("playbook.unknown-section", name=spec.section),
            did_you_mean(spec.section, pb.sections) or Say("playbook.sections", names=listed(pb.sections)))
    if spec.owner is not None and pb.roles and spec.owner not in pb.roles and "roles" not in pb.invalid:
        err("owner", Say("playbook.unknown-role", name=spec.owner),
            did_you_mean(spec.owner, pb.roles) or Say("playbook.roles", names=listed(list(pb.roles))))
    if spec.phase is not None and spec.phase not in PHASE_WORDS:
        err("phase", Say("playbook.unknown-phase", name=spec.phase), Say("playbook.unknown-phase-fix"))
    if task.invalid & TIMING:
        # Its time was written wrong, or under a misspelt key: already reported.
        task.broken = True
        return errors
    timing = len(errors)
    if spec.at is not None:
        for other in ("start", "due", "duration", "after"):
            if getattr(spec, other) is not None:
                err(other, Say("playbook.not-with-at", key=other), Say("playbook.not-with-at-fix"))
    elif spec.start is None and spec.after is None and spec.due is None:
        err("", Say("playbook.no-time"), Say("playbook.no-time-fix"))
    if spec.after is not None and spec.start is not None:
        err("after", Say("playbook.after-and-start"), Say("playbook.keep-one"))
    if spec.duration is not None and spec.due is not None:
        err("duration", Say("playbook.duration-and-due"), Say("playbook.keep-one"))
    if spec.duration is not None and spec.start is None and spec.after is None:
        err("duration", Say("playbook.duration-alone"))
    if spec.repeat is not None:
        if spec.repeat.until is not None and spec.repeat.count is not None:
            err("repeat", Say("playbook.until-and-count"), Say("playbook.keep-one"))
        elif spec.repeat.until is None and spec.repeat.count is None:
            err("repeat", Say("playbook.until-or-count"), Say("playbook.until-or-count-fix"))
        if spec.at is None and spec.start is None and spec.after is None:
            err("repeat", Say("playbook.repeat-needs-start"))
    task.broken = len(errors) > timing
    return errors


"""The merged playbook's own checks: what no single file can be checked for alone.

A name, a time zone, anchors whose words do not clash, and tasks whose section, owner,
phase and timing keys make sense once every layer is laid over the others. A value the
schema already left out is not checked again: its mistake is already reported.
"""

from __future__ import annotations

import re

from promoplan.errors import Loc, PromoplanError, Say, did_you_mean
from promoplan.playbook.merged import Playbook, TaskDef
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
        errors.append(PromoplanError("missing key 'name'", Loc(pb.source, 1, 1),
                                     "add e.g. 'name: my-promo' (lowercase, digits, '-')"))
    elif not _SLUG.match(pb.name):
        errors.append(PromoplanError(f"name '{pb.name}' must be a slug (lowercase, digits, '-')",
                                     pb.where("name")))
    try:
        zone(pb.timezone)
    except PromoplanError as exc:
        errors.append(PromoplanError(exc.message, pb.where("timezone"), exc.hint))
    if not pb.anchors and "anchors" not in pb.invalid:
        errors.append(PromoplanError("no anchors: a playbook needs at least one anchor event",
                                     pb.where("anchors"), "add e.g. anchors: {open: {label: 开团}}"))
    words: dict[str, str] = {}
    for anchor in pb.anchors.values():
        for word in [anchor.name, anchor.label, *anchor.spec.aliases]:
            other = words.setdefault(word, anchor.name)
            if other != anchor.name:
                errors.append(PromoplanError(
                    f"anchor '{anchor.name}': the word '{word}' already names anchor '{other}'",
                    anchor.where("aliases" if word in anchor.spec.aliases else "label")))
    for task in pb.tasks:
        errors.extend(_check_task(pb, task))
    if "roles" not in pb.invalid:
        errors.extend(unknown_roles(pb, pb.team, {r: pb.where(f"team.{r}") for r in pb.team}))
    # Reported together with what resolving finds, so one run lists every mistake.
    pb.problems += errors
    return pb


def _check_task(pb: Playbook, task: TaskDef) -> list[PromoplanError]:
    spec, errors = task.spec, []

    def err(key: str, message: str, hint: str | Say | None = None) -> None:
        errors.append(PromoplanError(f"{task.label} › {key}: {message}" if key else
                                     f"{task.label}: {message}", task.where(key), hint))

    if not spec.name and "name" not in task.invalid:
        err("", "missing key 'name'", "say what has to be done")
    if spec.section is not None and pb.sections and spec.section not in pb.sections \
            and "sections" not in pb.invalid:
        err("section", f"unknown section '{spec.section}'",
            did_you_mean(spec.section, pb.sections) or f"sections: {', '.join(pb.sections)}")
    if spec.owner is not None and pb.roles and spec.owner not in pb.roles and "roles" not in pb.invalid:
        err("owner", f"unknown role '{spec.owner}'",
            did_you_mean(spec.owner, pb.roles) or f"roles: {', '.join(pb.roles)}")
    if spec.phase is not None and spec.phase not in PHASE_WORDS:
        err("phase", f"unknown phase '{spec.phase}'", "use 活动前, 活动中 or 活动后")
    if task.invalid & TIMING:
        # Its time was written wrong, or under a misspelt key: already reported.
        task.broken = True
        return errors
    timing = len(errors)
    if spec.at is not None:
        for other in ("start", "due", "duration", "after"):
            if getattr(spec, other) is not None:
                err(other, f"'{other}' cannot go with 'at'",
                    "'at' is a point in time; use start/due for a span")
    elif spec.start is None and spec.after is None and spec.due is None:
        err("", "no time given", "add 'at', 'start' and 'due', or 'after' and 'duration'")
    if spec.after is not None and spec.start is not None:
        err("after", "'after' and 'start' both say when the task starts", "keep one of them")
    if spec.duration is not None and spec.due is not None:
        err("duration", "'duration' and 'due' both say when the task ends", "keep one of them")
    if spec.duration is not None and spec.start is None and spec.after is None:
        err("duration", "'duration' needs 'start' or 'after' to count from")
    if spec.repeat is not None:
        if spec.repeat.until is not None and spec.repeat.count is not None:
            err("repeat", "'until' and 'count' both say when it stops", "keep one of them")
        elif spec.repeat.until is None and spec.repeat.count is None:
            err("repeat", "give 'until' or 'count'", "e.g. repeat: {every: 30min, until: open+2h}")
        if spec.at is None and spec.start is None and spec.after is None:
            err("repeat", "a repeating task needs 'at' or 'start'")
    task.broken = len(errors) > timing
    return errors


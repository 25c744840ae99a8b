"""Event identity (issue 17): which UID an event gets, and which campaign a UID belongs to.

A UID is `<task-id>[.<n>]@<campaign>.promoplan`: the task id, the occurrence
number when a repeat is written as separate events, and the plan's campaign
key (`ju-huasuan-2024-10-14` by default, or the file's `campaign:`). Never a
date, so moving `--open` within a campaign addresses the same events; the next
group buy or next year's 双十一 is another campaign, so its events sit beside
this one's instead of replacing them. The part after the `@` is the
campaign's UID domain: it tells whether an old file belongs to this campaign.

Task ids are ASCII by the playbook's rules; `.` never appears in one, so
`check.2` cannot collide with a task named `check-2`. A campaign key may be any
text (`2024-双十一-旗舰店`), but UIDs go into file names (khal, vdirsyncer) and
URLs (CalDAV), so a key that is not only ASCII letters, digits, `.`, `_` and
`-` is written as its ASCII parts followed by the first 10 hex digits of the
SHA-256 of its UTF-8 bytes: `2024-3d1c…@`. Stable (no salt, no clock),
distinct for distinct keys, and still recognisable by the year.
"""

from __future__ import annotations

import hashlib
import re

from promoplan.schedule.plan import Plan, PlanTask

_SAFE = re.compile(r"[A-Za-z0-9._-]+")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")


def safe_key(text: str) -> str:
    """`text` if it is plain ASCII (letters, digits, . _ -), else its ASCII parts and a hash."""
    if _SAFE.fullmatch(text):
        return text
    ascii_part = _UNSAFE_RUN.sub("-", text).strip("-.")
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{ascii_part}-{digest}" if ascii_part else digest


def uid_domain(plan: Plan) -> str:
    """What follows the `@` of every UID of this campaign."""
    return f"{safe_key(plan.campaign or plan.playbook)}.promoplan"


def uid(plan: Plan, task: PlanTask, n: int | None = None) -> str:
    """Stable across date changes within a campaign, different in the next one; never a date."""
    return f"{safe_key(task.id)}{'' if n is None else f'.{n}'}@{uid_domain(plan)}"


def domain_of(uid: str) -> str:
    """The campaign part of a UID read from a file (all of it when it has no `@`)."""
    return uid.rpartition("@")[2]

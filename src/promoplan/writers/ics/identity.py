"""Event identity: which UID an event gets, which campaign a UID belongs to, and why a
calendar of another campaign of the same playbook is not written over.

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

Another campaign in the file being replaced (issue 27). The default key carries the
first anchor's date, so `--signup 2026-10-13` over a calendar made with
`--signup 2026-10-12` gives every event a new UID: a re-import doubles the team's
calendars and cancels nothing. promoplan cannot tell a moved date from the next group
buy, so it refuses (`other_campaign`) when the old file holds live events of this
plan's tasks under another campaign, and names both ways out: keep the old key
(`--campaign ju-huasuan-2026-10-12`, or `campaign:` in the plan file, which `init`
writes) or write the new campaign to another file. Cancelling the old campaign's
events instead would be wrong both ways: for a moved date it cancels and re-creates
every event (khal then lists both, Apple crosses the old ones out, and what people
added to an event is lost), and for a genuinely new campaign it deletes last
campaign's events from Google calendars. The old campaign's domain is what the hint
offers as the key: for an ASCII key it is the key itself, and for a hashed one it
still gives the same UIDs. Events of other playbooks (no task in common), events of
the campaigns written into the same file (a season's calendar, `alongside`) and
events already cancelled are no clash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable

from promoplan.errors import COMMAND_LINE, Loc, PromoplanError, Say
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


def other_campaign(plan: Plan, live: Iterable[str],
                   alongside: Collection[str] = ()) -> tuple[str, int] | None:
    """The first other campaign (its key as UIDs carry it) among the `live` UIDs of the file
    being replaced whose events are this plan's tasks, and how many there are; None if none."""
    own = uid_domain(plan)
    tasks = {safe_key(t.id) for t in plan.tasks}
    counts: dict[str, int] = {}
    for key in live:
        local, _, domain = key.rpartition("@")
        if domain == own or domain in alongside or not domain.endswith(".promoplan"):
            continue
        if local.partition(".")[0] in tasks:
            counts[domain] = counts.get(domain, 0) + 1
    if not counts:
        return None
    domain, n = next(iter(counts.items()))
    return domain.removesuffix(".promoplan"), n


def refuse_other_campaign(plan: Plan, live: Iterable[str], source: str | None,
                          alongside: Collection[str] = ()) -> None:
    """Raise when the file being replaced holds another campaign of
    this playbook (see above); `source` names that file."""
    found = other_campaign(plan, live, alongside)
    if found is None:
        return
    old, n = found
    new = plan.campaign or plan.playbook
    raise PromoplanError(Say("outputs.other-campaign", old=old, n=n, new=new),
                         Loc(source) if source else COMMAND_LINE, Say("outputs.other-campaign.hint", old=old))

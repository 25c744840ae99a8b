"""A playbook's `timezone:` as a ZoneInfo, with our message when the name is unknown.

Apart from the scheduling because the playbook's checks report an unknown name at its
place before anything is resolved, and the command line needs the plan's zone for "today".
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from promoplan.errors import PromoplanError, Say


def zone(name: str) -> ZoneInfo:
    """The zone an IANA name (Asia/Shanghai) stands for; a misspelt name is the user's
    mistake, not a bug, so it is our error with a hint rather than zoneinfo's."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PromoplanError(Say("playbook.unknown-zone", name=name),
                             hint=Say("playbook.unknown-zone-fix")) from None

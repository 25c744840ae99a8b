"""The one place that knows what time it is.

Outputs meant for files never read the clock; only the terminal table's
"in 3 days" column does, and `SOURCE_DATE_EPOCH` pins it for reproducible runs.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def now(zone: ZoneInfo) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(zone)
    return datetime.now(zone)


def real_time() -> float:
    """Seconds since the epoch, never pinned: a chat robot checks a signature's timestamp
    against its own clock (within an hour), so SOURCE_DATE_EPOCH, which pins what files
    and tables show, must not reach it."""
    return time.time()

"""The one place that knows what time it is.

Outputs meant for files never read the clock; only the terminal table's
"in 3 days" column does, and `SOURCE_DATE_EPOCH` pins it for reproducible runs.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def now(zone: ZoneInfo) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(zone)
    return datetime.now(zone)

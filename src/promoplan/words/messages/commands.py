"""Messages of the commands stage: errors, their fixes and status lines (see messages/__init__.py)."""

from __future__ import annotations

ZH: dict[str, str] = {
}

EN: dict[str, str] = {
}

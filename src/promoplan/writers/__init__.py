"""Writers turn a Plan into bytes; the batch decides which, the command line where they go.

Each writer module has `render(plan, words, options) -> bytes` and is imported
only when asked for, so `promoplan --help` never pays for openpyxl or icalendar.
Filters (--owner, --person) and overrides (--remind) change the Plan before it
gets here; options are only what changes a writer's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from promoplan.errors import COMMAND_LINE, Listed, PromoplanError, Say
from promoplan.schedule.plan import Plan
from promoplan.vocabulary import Format, GroupBy
from promoplan.words import Words

BY_EXTENSION = {".xlsx": Format.XLSX, ".ics": Format.ICS, ".json": Format.JSON, ".csv": Format.CSV,
                ".md": Format.MD}
MODULES = {Format.TABLE: "table", Format.JSON: "json_", Format.CSV: "csv_", Format.MD: "md_",
           Format.XLSX: "xlsx", Format.ICS: "ics"}


def format_for(path: Path) -> Format:
    fmt = BY_EXTENSION.get(path.suffix.lower())
    if fmt is None:
        known = Listed(sorted(BY_EXTENSION))
        raise PromoplanError(Say("outputs.unknown-format", path=path, suffix=path.suffix or path.name),
                             COMMAND_LINE, Say("outputs.unknown-format.hint", known=known))
    return fmt


@dataclass(frozen=True)
class WriterOptions:
    group_by: GroupBy = GroupBy.SECTION
    """XLSX: rows grouped by section (as the seed sheets) or by phase."""
    by_owner: bool = False
    """XLSX: add one sheet per owner role."""
    previous: bytes | None = None
    """ICS: the calendar this one replaces, so changed events get a higher SEQUENCE."""
    previous_path: str | None = None
    """ICS: where `previous` was read from, named when it holds another campaign."""
    alongside: frozenset[str] = frozenset()
    """ICS: the UID domains of the other campaigns written into the same file (a season's
    calendar): their events in `previous` are no other run of this plan's campaign."""
    calendar_name: str | None = None
    """ICS: the calendar's name in the app (the plan title by default)."""
    invite: bool = False
    """ICS: write invitations into a folder, one iTIP request per event, instead of a published
    calendar."""
    drop_cancelled: bool = False
    """ICS: leave out the cancelled events carried over from `previous`."""


def render(plan: Plan, fmt: Format, words: Words, options: WriterOptions | None = None) -> bytes:
    module = import_module(f"promoplan.writers.{MODULES[fmt]}")
    out: bytes = module.render(plan, words, options or WriterOptions())
    return out

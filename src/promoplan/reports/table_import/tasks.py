"""Each row as a playbook task: a stable id, and its times as offsets.

An offset the team wrote is checked against the offset language as it is; a date is
counted from the nearest anchor (`moments`). Every problem of the table, from reading
its cells to converting them, is reported in one run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from promoplan.errors import COMMAND_LINE, Listed, Loc, PromoplanError, Say, raise_all
from promoplan.playbook.merged import AnchorDef, Playbook
from promoplan.reports.table_import.moments import Anchor, moment_when, nearest, offset_words
from promoplan.reports.table_import.rows import Moment, Row, Table, has_cjk
from promoplan.reports.table_import.times import CellError
from promoplan.schedule.offsets import OffsetError, parse_offset
from promoplan.schedule.plan import When


@dataclass
class TaskOut:
    id: str
    row: Row
    offsets: dict[str, str]
    """start / due → the offset written to the playbook."""
    dates: dict[str, When]
    """start / due → the date the table gave, for the round-trip check."""


SHARED_LIMIT = 3
"""A mistake of more cells than this, with one cause, is one message naming the first cells."""


def convert(table: Table, anchors: list[Anchor]) -> list[TaskOut]:
    """Each row's times as offsets: checked as written, or counted from the nearest anchor."""
    from promoplan.schedule.resolve import anchor_vocab

    vocab = anchor_vocab(_playbook_of(anchors))
    dated = [a for a in anchors if a.when is not None]
    errors: list[PromoplanError] = list(table.problems)
    # One cause, many cells: dates with no anchor dates, offsets with no anchors named.
    shared: dict[str, list[tuple[Loc, str]]] = {"dates": [], "offsets": []}
    out: list[TaskOut] = []
    taken: set[str] = {row.tid for row in table.rows if row.tid}
    for row in table.rows:
        offsets: dict[str, str] = {}
        dates: dict[str, When] = {}
        for key, (loc, written) in row.times.items():
            if isinstance(written, str):
                try:
                    parse_offset(written, vocab)
                except OffsetError as exc:
                    if not anchors:
                        shared["offsets"].append((loc, written))
                        continue
                    named = not isinstance(exc.message, str) or f"'{written}'" in exc.message
                    message = exc.message if named else Say("tables.cannot-read", text=written,
                                                            reason=exc.message)
                    errors.append(PromoplanError(message, loc, exc.hint))
                    continue
                offsets[key] = written
                continue
            if not dated:
                shared["dates"].append((loc, written.written or _moment_text(written)))
                continue
            try:
                when = moment_when(written, dated)
            except CellError as exc:
                errors.append(PromoplanError(exc.message, loc, exc.hint))
                continue
            offsets[key] = offset_words(nearest(dated, when), when)
            dates[key] = when
        if len(offsets) == len(row.times):
            out.append(TaskOut(task_id(row, taken), row, offsets, dates))
    errors.extend(_shared(shared))
    raise_all(errors)
    return out


def _shared(shared: dict[str, list[tuple[Loc, str]]]) -> list[PromoplanError]:
    """A message per cell, or one for them all when they are many."""
    fix = {"dates": Say("tables.dates-need-anchors-fix"), "offsets": Say("tables.name-the-anchors")}
    errors = []
    for kind, cells in shared.items():
        if len(cells) > SHARED_LIMIT:
            first = [loc.cell.rpartition("!")[2] for loc, _ in cells[:SHARED_LIMIT]]
            errors.append(PromoplanError(Say(f"tables.{kind}-many", n=len(cells), cells=Listed(first)),
                                         cells[0][0], fix[kind]))
            continue
        key = "tables.date-needs-anchors" if kind == "dates" else "tables.no-anchors-named"
        errors.extend(PromoplanError(Say(key, text=text), loc, fix[kind]) for loc, text in cells)
    return errors


def _moment_text(moment: Moment) -> str:
    year = f"{moment.year}-" if moment.year else ""
    clock = f" {moment.clock:%H:%M}" if moment.clock else ""
    return f"{year}{moment.month:02d}-{moment.day:02d}{clock}" if year else \
        f"{moment.month}月{moment.day}日{clock}"


def _playbook_of(anchors: list[Anchor]) -> Playbook:
    pb = Playbook(name="import", source="command line")
    for a in anchors:
        pb.anchors[a.name] = AnchorDef(a.name, a.spec, COMMAND_LINE)
    return pb


def task_id(row: Row, taken: set[str]) -> str:
    """A stable ASCII id from what the task is, not where it is, so moving rows keeps it.

    An English name gives a readable slug; a Chinese one a short hash of section and name.
    Two rows of the same name and section are told apart by their times.
    """
    words = slug(row.name)
    if has_cjk(row.name) or len(words) < 3:
        base = "t-" + hashlib.sha1(f"{row.section}\x1f{row.name}".encode()).hexdigest()[:8]
    else:
        base = words[:40].rstrip("-")
    if row.tid:
        return row.tid
    tid = base
    if tid in taken:
        times = "\x1f".join(str(v) for _, v in row.times.values())
        tid = f"{base}-{hashlib.sha1(times.encode()).hexdigest()[:4]}"
    n = 2
    while tid in taken:
        tid, n = f"{base}-{n}", n + 1
    taken.add(tid)
    return tid


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': what a playbook name and an id may be."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

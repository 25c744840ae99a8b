"""Each row as a playbook task: a stable id, and its times as offsets.

An offset the team wrote is checked against the offset language as it is; a date is
counted from the nearest anchor (`moments`). Every problem of the table, from reading
its cells to converting them, is reported in one run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from promoplan.errors import COMMAND_LINE, PromoplanError, raise_all
from promoplan.playbook.merged import AnchorDef, Playbook
from promoplan.reports.table_import.moments import Anchor, moment_when, nearest, offset_words
from promoplan.reports.table_import.rows import Moment, Row, Table, has_cjk
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


def convert(table: Table, anchors: list[Anchor]) -> list[TaskOut]:
    """Each row's times as offsets: checked as written, or counted from the nearest anchor."""
    from promoplan.schedule.resolve import anchor_vocab

    vocab = anchor_vocab(_playbook_of(anchors))
    dated = [a for a in anchors if a.when is not None]
    errors: list[PromoplanError] = list(table.problems)
    out: list[TaskOut] = []
    taken: set[str] = set()
    for row in table.rows:
        offsets: dict[str, str] = {}
        dates: dict[str, When] = {}
        for key, (loc, written) in row.times.items():
            if isinstance(written, str):
                try:
                    parse_offset(written, vocab)
                except OffsetError as exc:
                    hint = exc.hint
                    if not anchors:
                        hint = ("name the anchors with --playbook ju-huasuan, or with one --label "
                                "per anchor, such as --label open=开团")
                    named = not isinstance(exc.message, str) or f"'{written}'" in exc.message
                    message = exc.message if named else f"cannot read '{written}': {exc.message}"
                    errors.append(PromoplanError(message, loc, hint))
                    continue
                offsets[key] = written
                continue
            if not dated:
                shown = written.written or _moment_text(written)
                errors.append(PromoplanError(
                    f"'{shown}' is a date: the campaign's anchor dates are needed to turn it into "
                    "an offset", loc,
                    "give the dates this table was made for, e.g. --playbook ju-huasuan "
                    "--signup 2024-10-14, or --anchor open=2024-11-01 --label open=开团"))
                continue
            try:
                when = moment_when(written, dated)
            except ValueError as exc:
                errors.append(PromoplanError(str(exc), loc))
                continue
            offsets[key] = offset_words(nearest(dated, when), when)
            dates[key] = when
        if len(offsets) == len(row.times):
            out.append(TaskOut(task_id(row, taken), row, offsets, dates))
    raise_all(errors)
    return out


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

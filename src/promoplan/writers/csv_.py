"""CSV for Excel: UTF-8 with a BOM (or Excel shows mojibake), one row per task."""

from __future__ import annotations

import csv
import io

from promoplan.schedule.plan import Plan, When
from promoplan.words import Words, notices
from promoplan.writers import WriterOptions

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is kept as text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _when(value: When) -> str:
    return f"{value.day.isoformat()} {value.clock:%H:%M}" if value.clock else value.day.isoformat()


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow([words[k] for k in ("seq", "section", "name", "role", "people", "start_full",
                                     "due_full", "phase", "notes")] + ["id"])
    seq, section = 0, None
    warnings = notices.tags_by_task(plan, words)
    for task in plan.by_section():
        seq = seq + 1 if task.section == section else 1
        section = task.section
        notes = "\n".join([task.notes, *warnings.get(task.id, [])]).strip()
        out.writerow([
            seq, safe_cell(task.section), safe_cell(task.name), safe_cell(task.owner),
            safe_cell(words.people(task)), _when(task.start), _when(task.due),
            words.phase(task.phase), safe_cell(notes), task.id,
        ])
    return ("\ufeff" + buf.getvalue()).encode()

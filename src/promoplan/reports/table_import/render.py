"""The imported playbook's YAML text, and the check that it compiles back to the table.

The text reads like a hand-written playbook: plain keys, anchors and lists on one line,
a `# 第12行` comment naming each task's row. Before anything is written, the text is
loaded and compiled by promoplan's normal loader: every task must give back its row's
name, section, owner, notes and dates.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from promoplan.errors import COMMAND_LINE, PromoplanError, Say, raise_all
from promoplan.playbook.merged import Playbook
from promoplan.playbook.yaml_text import scalar
from promoplan.reports.table_import.moments import Anchor
from promoplan.reports.table_import.rows import Table
from promoplan.reports.table_import.tasks import TaskOut
from promoplan.words import Words


@dataclass
class Options:
    """What the command line adds to the table."""

    name: str
    file_name: str = "playbook.yaml"
    """The file written, for the compile line at its top."""
    source: Playbook | None = None
    """The `--playbook` whose anchors, calendar and event window the import takes."""


def render(table: Table, tasks: list[TaskOut], anchors: list[Anchor], opts: Options) -> str:
    """The playbook as YAML text: plain keys, one comment per task naming its source row.

    Written line by line into one list and joined once (`yaml_text` quotes what YAML would
    misread): a YAML library's emitter took 154 s for 100,000 rows; the round trip below
    checks what is written either way.
    """
    pb = opts.source
    english = table.english if pb is None else pb.locale.startswith("en")
    sheet = (f" ({table.grid.sheet})" if english else f"（{table.grid.sheet}）") if table.grid.sheet else ""
    dates = " ".join(f"--{a.name} {_quote_arg(a.given)}" for a in anchors if a.given)
    words = Words("en" if english else "zh")
    lines = [
        _comment(words["tables.yaml-imported"].format(file=table.grid.shown, sheet=sheet,
                                                      row=table.header_row)),
        _comment(words["tables.yaml-compile"].format(command=f"promoplan compile {opts.file_name}"
                                                     f"{' ' + dates if dates else ''}")),
        f"name: {scalar(opts.name)}",
        f"title: {scalar(table.title or (pb.title if pb else '') or opts.name)}",
        f"locale: {'en' if english else 'zh-CN'}",
        f"timezone: {scalar(pb.timezone if pb else 'Asia/Shanghai')}",
    ]
    if pb is not None:
        lines.append("calendar: " + _flow({"country": pb.country, "holidays": [d for d, _ in pb.holidays],
                                           "workdays": [d for d, _ in pb.workdays]}))
        if pb.event is not None:
            lines.append("event: " + _flow({"start": pb.event.start, "end": pb.event.end}))
    lines.append("anchors:" if anchors else "anchors: {}")
    for a in anchors:
        spec = {k: getattr(a.spec, k) for k in ("label", "aliases", "time", "default") if getattr(a.spec, k)}
        lines.append(f"  {scalar(a.name)}: {_flow(spec)}")
    sections = list(dict.fromkeys(t.row.section for t in tasks if t.row.section))
    roles = list(dict.fromkeys(t.row.owner for t in tasks if t.row.owner))
    if sections:
        lines.append("sections: " + _flow(sections))
    if roles:
        lines.append("roles: " + _flow(roles))
    team = table.team
    if team:
        lines.append("team:")
        lines.extend(f"  {scalar(role)}: {_flow(people)}" for role, people in team.items())
    lines.append("tasks:" if tasks else "tasks: []")
    row_word = words["tables.yaml-row"]
    for task in tasks:
        row = task.row
        lines.append(f"  # {row_word.format(row=row.number)}")
        lines.append(f"  - id: {scalar(task.id)}")
        fields = [("name", row.name), ("section", row.section), ("owner", row.owner),
                  *((key, task.offsets.get(key)) for key in ("start", "due")), ("phase", row.phase),
                  ("notes", row.notes)]
        lines.extend(f"    {key}: {scalar(value)}" for key, value in fields if value)
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """A comment line; a file name with a line break in it stays on the line."""
    return "# " + "".join("?" if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


def _quote_arg(text: str | None) -> str:
    value = (text or "").replace("T", " ")
    return f'"{value}"' if " " in value else value


def _flow(value: Any) -> str:
    """A short mapping or list on one line, as the built-in playbooks write anchors."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value, flow=True)


# ------------------------------------------------------------------ the round trip


def round_trip(text: str, file_name: str, tasks: list[TaskOut], anchors: list[Anchor],
               team: dict[str, list[str]] | None = None) -> int:
    """Load and compile the rendered playbook: every task must say what its row said.

    Returns the number of tasks checked; a difference is an error (and nothing is written).
    """
    import tempfile
    from pathlib import Path

    from promoplan.playbook.assemble import load
    from promoplan.schedule.resolve import resolve

    given = {a.name: a.given for a in anchors if a.given}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / file_name
        path.write_text(text, encoding="utf-8")
        try:
            plan = resolve(load(str(path)), given, placeholder=True)
        except PromoplanError as exc:
            raise PromoplanError(Say("tables.round-trip-compile", reason=str(exc)), COMMAND_LINE) from None
    from promoplan.words.reading import PHASE_WORDS

    if team is None:
        team = {}
        for task in tasks:
            if task.row.owner and task.row.people:
                names = team.setdefault(task.row.owner, [])
                names.extend(p for p in task.row.people if p not in names)
    by_id = {t.id: t for t in plan.tasks}
    errors: list[PromoplanError] = []
    for task in tasks:
        got = by_id.get(task.id)
        row = task.row
        loc = row.times[next(iter(row.times))][0]
        wanted = {"name": row.name, "section": row.section, "owner": row.owner, "notes": row.notes,
                  "people": team.get(row.owner, []) if row.people else [],
                  "phase": PHASE_WORDS[row.phase.lower()].value if row.phase else None}
        if got is None:
            errors.append(PromoplanError(Say("tables.round-trip-missing", row=row.number), loc))
            continue
        have = {"name": got.name, "section": got.section, "owner": got.owner, "notes": got.notes,
                "people": [p.name for p in got.people] if row.people else [],
                "phase": got.phase.value if row.phase else None}
        for key in wanted:
            if have[key] != wanted[key]:
                errors.append(PromoplanError(Say("tables.round-trip-field", row=row.number, key=key,
                                                 got=str(have[key]), want=str(wanted[key])), loc))
        for key, text in task.offsets.items():
            if got.offsets.get(key) != text:
                errors.append(PromoplanError(Say("tables.round-trip-offset", key=key,
                                                 got=got.offsets.get(key), want=text), row.times[key][0]))
        for key, when in task.dates.items():
            back = got.start if key == "start" else got.due
            if back != when:
                errors.append(PromoplanError(Say("tables.round-trip-date", key=key, offset=task.offsets[key],
                                                 got=back.iso(), want=when.iso()), row.times[key][0]))
    raise_all(errors)
    return len(tasks)

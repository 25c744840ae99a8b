"""The imported playbook's YAML text, and the check that it compiles back to the table.

The text reads like a hand-written playbook: plain keys, anchors and lists on one line,
a `# 第12行` comment naming each task's row. Before anything is written, the text is
loaded and compiled by promoplan's normal loader: every task must give back its row's
name, section, owner, notes and dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from promoplan.errors import COMMAND_LINE, PromoplanError, raise_all
from promoplan.playbook.merged import Playbook
from promoplan.reports.table_import.moments import Anchor
from promoplan.reports.table_import.rows import Table
from promoplan.reports.table_import.tasks import TaskOut


@dataclass
class Options:
    """What the command line adds to the table."""

    name: str
    file_name: str = "playbook.yaml"
    """The file written, for the compile line at its top."""
    source: Playbook | None = None
    """The `--playbook` whose anchors, calendar and event window the import takes."""


def render(table: Table, tasks: list[TaskOut], anchors: list[Anchor], opts: Options) -> str:
    """The playbook as YAML text: plain keys, one comment per task naming its source row."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    pb = opts.source
    english = table.english if pb is None else pb.locale.startswith("en")
    doc = CommentedMap()
    doc["name"] = opts.name
    doc["title"] = _scalar(table.title or (pb.title if pb else "") or opts.name)
    doc["locale"] = "en" if english else "zh-CN"
    doc["timezone"] = pb.timezone if pb else "Asia/Shanghai"
    if pb is not None:
        calendar = _flow({"country": pb.country, "holidays": [d for d, _ in pb.holidays],
                          "workdays": [d for d, _ in pb.workdays]})
        doc["calendar"] = calendar
        if pb.event is not None:
            doc["event"] = _flow({"start": pb.event.start, "end": pb.event.end})
    doc["anchors"] = CommentedMap(
        (a.name, _flow({k: getattr(a.spec, k) for k in ("label", "aliases", "time", "default")
                        if getattr(a.spec, k)})) for a in anchors)
    sections = list(dict.fromkeys(t.row.section for t in tasks if t.row.section))
    roles = list(dict.fromkeys(t.row.owner for t in tasks if t.row.owner))
    if sections:
        doc["sections"] = _flow(sections)
    if roles:
        doc["roles"] = _flow(roles)
    seq = CommentedSeq()
    for i, task in enumerate(tasks):
        item = CommentedMap()
        item["id"] = task.id
        item["name"] = _scalar(task.row.name)
        if task.row.section:
            item["section"] = _scalar(task.row.section)
        if task.row.owner:
            item["owner"] = _scalar(task.row.owner)
        for key in ("start", "due"):
            if key in task.offsets:
                item[key] = _scalar(task.offsets[key])
        if task.row.notes:
            item["notes"] = _scalar(task.row.notes)
        seq.append(item)
        where = f"row {task.row.number}" if english else f"第{task.row.number}行"
        seq.yaml_set_comment_before_after_key(i, before=where, indent=2)
    doc["tasks"] = seq
    sheet = f" ({table.grid.sheet})" if table.grid.sheet else ""
    dates = " ".join(f"--{a.name} {_quote_arg(a.given)}" for a in anchors if a.given)
    doc.yaml_set_start_comment(
        f"Imported by promoplan from {table.grid.shown}{sheet}, header on row {table.header_row}.\n"
        f"Compile: promoplan compile {opts.file_name}{' ' + dates if dates else ''}")
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def _quote_arg(text: str | None) -> str:
    value = (text or "").replace("T", " ")
    return f'"{value}"' if " " in value else value


def _flow(value: Any) -> Any:
    """A short mapping or list on one line, as the built-in playbooks write anchors."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out: Any = CommentedMap((k, _flow(v)) for k, v in value.items())
    elif isinstance(value, list):
        out = CommentedSeq(_flow(v) for v in value)
    else:
        return _scalar(value)
    out.fa.set_flow_style()
    return out


def _scalar(value: Any) -> Any:
    """Text that promoplan's YAML 1.1 reader would take for something else (10:00, yes, 1.5) is quoted."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if not isinstance(value, str):
        return value
    tag: str = yaml.resolver.Resolver().resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, value, (True, False))
    if tag != "tag:yaml.org,2002:str" or ":" in value:
        return DoubleQuotedScalarString(value)
    return value



# ------------------------------------------------------------------ the round trip


def round_trip(text: str, file_name: str, tasks: list[TaskOut], anchors: list[Anchor]) -> int:
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
            raise PromoplanError(f"round trip: the imported playbook does not compile: {exc}",
                                 COMMAND_LINE) from None
    by_id = {t.id: t for t in plan.tasks}
    errors: list[PromoplanError] = []
    for task in tasks:
        got = by_id.get(task.id)
        row = task.row
        loc = row.times[next(iter(row.times))][0]
        wanted = {"name": row.name, "section": row.section, "owner": row.owner, "notes": row.notes}
        if got is None:
            errors.append(PromoplanError(f"round trip: task of row {row.number} is missing", loc))
            continue
        have = {"name": got.name, "section": got.section, "owner": got.owner, "notes": got.notes}
        for key in wanted:
            if have[key] != wanted[key]:
                errors.append(PromoplanError(f"round trip: row {row.number} › {key} reads back as "
                                             f"'{have[key]}', not '{wanted[key]}'", loc))
        for key, text in task.offsets.items():
            if got.offsets.get(key) != text:
                errors.append(PromoplanError(f"round trip: {key} reads back as "
                                             f"'{got.offsets.get(key)}', not '{text}'", row.times[key][0]))
        for key, when in task.dates.items():
            back = got.start if key == "start" else got.due
            if back != when:
                errors.append(PromoplanError(
                    f"round trip: {key} '{task.offsets[key]}' compiles to {back.iso()}, "
                    f"the table says {when.iso()}", row.times[key][0]))
    raise_all(errors)
    return len(tasks)

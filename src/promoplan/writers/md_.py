"""Markdown for pasting into DingTalk / WeChat Work: headings per phase, one table each."""

from __future__ import annotations

from promoplan import notices
from promoplan.i18n import Words
from promoplan.plan import Plan, PlanTask
from promoplan.writers import WriterOptions


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def task_row(seq: int, task: PlanTask, words: Words) -> list[str]:
    name = task.name + (f"（{words.repeat_note(task)}）" if task.occurrences else "")
    owner = task.owner + (f"（{'、'.join(p.name for p in task.people)}）" if task.people else "")
    due = "" if task.due == task.start else words.when(task.due)
    return [str(seq), task.section, name, owner, words.when(task.start), due]


def grouped(plan: Plan) -> list[tuple[str, list[PlanTask]]]:
    """Tasks by phase (before, during, after), in time order within each."""
    groups: dict[str, list[PlanTask]] = {}
    for task in plan.by_time():
        groups.setdefault(task.phase, []).append(task)
    order = ["before", "during", "after", ""]
    return [(phase, groups[phase]) for phase in order if phase in groups]


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    lines = [f"# {_cell(plan.title)}", ""]
    lines.append(" · ".join(f"{a.label} {words.when(a.when, year=True)}" for a in plan.anchors))
    lines.append("")
    header = [words[k] for k in ("seq", "section", "name", "owner", "start", "due")]
    seq = 0
    for phase, tasks in grouped(plan):
        if phase:
            lines += [f"## {words[phase]}", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for task in tasks:
            seq += 1
            lines.append("| " + " | ".join(_cell(c) for c in task_row(seq, task, words)) + " |")
        lines.append("")
    if plan.warnings:
        lines += [f"## {words['warnings']}", ""]
        lines += [f"- {_cell(line)}" for line in notices.lines(plan, words)]
        lines.append("")
    return "\n".join(lines).encode()

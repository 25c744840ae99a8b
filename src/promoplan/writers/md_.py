"""Markdown for pasting into DingTalk / WeChat Work: headings per phase, one table each.

Rows carry the 序号 of the sheet (per section), so "运营第7项" in a warning or an
agenda is found by its section and number; a 状态 column appears once the team
records progress.
"""

from __future__ import annotations

from promoplan.schedule.plan import Plan, PlanTask
from promoplan.vocabulary import Phase
from promoplan.words import Words, notices
from promoplan.writers import WriterOptions


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def task_row(task: PlanTask, words: Words, status: bool = False) -> list[str]:
    name = task.name + (words["paren"].format(text=words.repeat_note(task)) if task.occurrences else "")
    owner = words.owner(task)
    due = "" if task.due == task.start else words.when(task.due)
    row = [str(task.seq), task.section, name, owner, words.when(task.start), due]
    if status:
        row.append(words[f"status.{task.progress.status}"] if task.progress else "")
    return row


def grouped(plan: Plan) -> list[tuple[Phase, list[PlanTask]]]:
    """Tasks by phase (before, during, after, then none), in time order within each."""
    groups: dict[Phase, list[PlanTask]] = {}
    for task in plan.by_time():
        groups.setdefault(task.phase, []).append(task)
    return [(phase, groups[phase]) for phase in Phase if phase in groups]


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    lines = [f"# {_cell(plan.title)}", ""]
    lines += [f"**{_cell(line)}**\n" for line in notices.headline([plan], words)]
    lines.append(" · ".join(f"{a.label} {words.when(a.when, year=True)}" for a in plan.anchors))
    lines.append("")
    status = any(t.progress is not None for t in plan.tasks)
    keys = ["seq", "section", "name", "owner", "start", "due"] + (["status"] if status else [])
    header = [words[k] for k in keys]
    for phase, tasks in grouped(plan):
        if phase:
            lines += [f"## {words.phase(phase)}", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for task in tasks:
            lines.append("| " + " | ".join(_cell(c) for c in task_row(task, words, status)) + " |")
        lines.append("")
    rest = notices.lines(plan, words, rest=True)
    if rest:
        lines += [f"## {words['warnings']}", ""]
        lines += [f"- {_cell(line)}" for line in rest]
        lines.append("")
    return "\n".join(lines).encode()

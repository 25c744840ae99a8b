"""XLSX for the team's chat group: what most of the team will ever see of promoplan.

The lead attaches the file to the DingTalk / WeChat Work group and people open it
on a phone, in WPS or in Excel, so it follows the progress sheets teams keep today
(seeds 001 and 004) and stays readable on a small screen:

- 进程表 (schedule): a title line, the column header, then one row per task grouped by
  section (the seed sheets' 版块 blocks) or by phase, numbered within each group, with
  days written as `10月30日 周三 10:25` (days off in red with 休), a 状态 column the
  team fills from a list (coloured by conditional formatting, so a teammate's choice
  recolours the cell) right beside the name, and a hidden `id` column. Frozen for a
  phone: the title line and the header on top, 序号 and the name on the left. Under the
  tasks, what the plan was made from and the 注意 block (every warning once, worded by
  `notices`). Autofilter, A4 landscape one page wide with the header on every page.
- 甘特图 (Gantt): one column per day (per half hour when every task falls within three
  days, per week for very long or very large plans), a bar per task in its section's
  colour and its name whole, anchors labelled one per column, days off shaded, month
  headers. It prints only the pages that hold bars, as few as fit them, with the title,
  the legend, the month rows and the task names on every page and each page's month
  labelled at its first column.
- 甘特图（小时）: when the timed tasks (shifts) of a longer plan all fall within three
  days, their Gantt by half hour as well, so shifts do not share one day column.
- 时间节点 (key dates): anchors and milestones by date, the progress per section, and
  the 注意 block.
- one schedule per owner role with --xlsx-by-owner, so each lead prints only theirs.
- a hidden sheet `promoplan` with the campaign key and the playbook, which
  `promoplan progress` checks before it reads the 状态 column back (reports/progress.py).

openpyxl builds the workbook (normal mode) through its public API: cell formats made
once per kind of cell, no named styles (styles.py), strings go to a shared-strings
part (package.py). Same plan, same bytes: the document properties carry the plan's
first day instead of the clock, and the zip is rewritten with a fixed entry order
and fixed timestamps. Text is always text, never a formula, and characters XML
cannot hold are replaced instead of failing the run (text.py). `textconv` turns a
file back into stable plain text for `git diff` (textconv.py).

One module per job: labels (words, number formats), text (safe text, widths), styles
(colours, cell formats), layout (groups, numbering, widths, the shared Context),
sheet (cells, merges, print set-up, the 注意 block), schedule_sheet (进程表),
gantt_axis, gantt and gantt_pages (甘特图, its time axis and its printed pages),
milestones (时间节点), package (saving), textconv.
"""

from __future__ import annotations

from datetime import date, datetime, time

from openpyxl import Workbook  # type: ignore[import-untyped]

from promoplan.schedule.plan import Plan, PlanTask
from promoplan.vocabulary import GroupBy
from promoplan.words import Words
from promoplan.writers import WriterOptions
from promoplan.writers.xlsx.gantt import gantt
from promoplan.writers.xlsx.gantt_axis import gantt_axis, hour_axis, shift_days
from promoplan.writers.xlsx.labels import ID_HEADER, META_SHEET, STATUS_HEADERS, labels_for
from promoplan.writers.xlsx.layout import Context, Group, groups, plan_days
from promoplan.writers.xlsx.milestones import milestones
from promoplan.writers.xlsx.package import save
from promoplan.writers.xlsx.schedule_sheet import anchors_line, plan_line, schedule
from promoplan.writers.xlsx.styles import Styles
from promoplan.writers.xlsx.text import REPLACEMENT, clean, sheet_name, text_width
from promoplan.writers.xlsx.textconv import textconv

__all__ = ["ID_HEADER", "META_SHEET", "REPLACEMENT", "STATUS_HEADERS", "clean", "render",
           "text_width", "textconv"]

_NO_DAYS = date(2000, 1, 1)  # the Gantt's one day, and the document's date, for a plan without dates


def render(plan: Plan, words: Words, options: WriterOptions) -> bytes:
    labels = labels_for(words)
    span = plan_days(plan)
    book = Workbook()
    book.remove(book.active)
    # No formulas here: recalculating on open only makes Excel ask "save changes?".
    book.calculation.fullCalcOnLoad = None
    styles = Styles(book, words.lang)
    by_section = plan.by_section()
    parts = groups(plan, options.group_by, words, by_section)
    ctx = Context(plan, words, styles, parts, by_section, span)
    title = plan.title or plan.playbook
    taken = {META_SHEET}

    pointer = (words.count("xlsx.notices_below", len(plan.warnings)) if plan.warnings else None)
    schedule(book, sheet_name(labels["sheet_plan"], taken), ctx, parts, options.group_by, title,
             pointer, [anchors_line(ctx), plan_line(ctx, len(plan.tasks))], warnings=True)
    gantt_title = labels["gantt_title"].format(title=title)
    first, last = span or (_NO_DAYS, _NO_DAYS)
    axis = gantt_axis(plan, (first, last))
    legend = labels[{"day": "gantt_legend", "week": "weeks_legend", "half-hour": "hours_legend"}[
        axis.unit]]
    gantt(book, sheet_name(labels["sheet_gantt"], taken), ctx, parts, options.group_by, axis,
          gantt_title, legend)
    shifts = shift_days(plan) if axis.unit != "half-hour" else None
    if shifts:
        def in_shifts(task: PlanTask) -> bool:
            return (task.start.clock is not None or task.due.clock is not None) and \
                task.due.day >= shifts[0] and task.start.day <= shifts[1]

        timed = [Group(g.key, g.label, [t for t in g.tasks if in_shifts(t)]) for g in parts]
        gantt(book, sheet_name(labels["sheet_hours"], taken), ctx, [g for g in timed if g.tasks],
              options.group_by, hour_axis(*shifts), labels["hours_title"].format(title=title),
              labels["hours_legend"])
    sections = (parts if options.group_by is GroupBy.SECTION
                else groups(plan, GroupBy.SECTION, words, by_section))
    milestones(book, sheet_name(labels["sheet_nodes"], taken), ctx, sections)
    if options.by_owner:
        for owner in _owners(plan, by_section):
            mine = [Group(g.key, g.label, [t for t in g.tasks if t.owner == owner]) for g in parts]
            mine = [g for g in mine if g.tasks]
            people = list(dict.fromkeys(p.name for p in plan.team.get(owner, [])))
            people += [p.name for g in mine for t in g.tasks for p in t.people if p.name not in people]
            who = (labels["owner_people"].format(people=words.listing(people)) if people
                   else labels["owner_none"])
            n = sum(len(g.tasks) for g in mine)
            third = labels["sep"].join([who, labels["count"].format(label=owner, n=n)])
            schedule(book, sheet_name(owner, taken), ctx, mine, options.group_by,
                     f"{title} · {owner}", third, [anchors_line(ctx)], warnings=False)

    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for row, (key, value) in enumerate((("campaign", plan.campaign), ("playbook", plan.playbook)), 1):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=clean(value))
    book.active = 0

    # No clock in outputs: the document says it was made on the plan's first day.
    made = datetime.combine(first, time(0))  # Excel times have no zone
    book.properties.title = clean(title)
    book.properties.subject = clean(plan.playbook)
    book.properties.creator = "promoplan"
    book.properties.created = book.properties.modified = made
    return save(book)


def _owners(plan: Plan, by_section: list[PlanTask]) -> list[str]:
    """The owner roles with tasks, in the playbook's order of roles, then as they appear."""
    present = list(dict.fromkeys(t.owner for t in by_section))
    known = set(present)
    return list(dict.fromkeys([r for r in plan.roles if r in known] + present))

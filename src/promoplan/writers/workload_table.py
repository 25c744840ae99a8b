"""The load as a terminal heat table, drawn by rich: people × days, a table per week.

A season runs for weeks; one column per day would not fit a terminal, so the days are
paged by calendar week (Monday to Sunday, only the days `season.compute` shows), and
weeks in which nobody has anything are left out. Seven day columns of `12/3` and a name
fit 80 columns. Each cell is `active/due`; its colour is the heat of the due count (the
one the limit is about): dim for nothing, green, yellow, bold yellow at the limit, white
on red over it.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from promoplan.schedule.workload import Load, level
from promoplan.words import Words

STYLES = ("dim", "green", "yellow", "bold yellow", "bold white on red")


def renderable(load: Load, words: Words) -> RenderableType:
    table_words = words.group("workload")
    if not load.days or not load.rows:
        return Text(table_words["empty"])
    peak = max((len(c.due) for c in load.cells.values()), default=0)
    parts: list[RenderableType] = []
    for _, week in groupby(load.days, key=_monday):
        days = list(week)
        if not any((who, day) in load.cells for who in load.rows for day in days):
            continue
        parts.append(Text(table_words["week"].format(first=words.day(days[0], year=True),
                                                     last=words.day(days[-1])), "bold"))
        parts.append(_week(load, days, words, peak))
    parts.append(Text(table_words["legend"], "dim"))
    return Group(*parts)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _header(day: date, words: Words) -> str:
    return f"{day.month}/{day.day}\n{words.weekday(day)}"


def _week(load: Load, days: list[date], words: Words, peak: int) -> Table:
    table_words = words.group("workload")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), header_style="bold")
    table.add_column(table_words[f"who.{load.by}"], no_wrap=True, max_width=12)
    table.add_column(table_words["limit"], justify="right")
    for day in days:
        table.add_column(_header(day, words), justify="right", no_wrap=True)
    for who in load.rows:
        limit = load.limits.get(who)
        cells: list[Text] = []
        for day in days:
            cell = load.cell(who, day)
            if not cell.active and not cell.due:
                cells.append(Text("·", STYLES[0]))
                continue
            heat = level(len(cell.due), limit, peak)
            cells.append(Text(f"{len(cell.active)}/{len(cell.due)}", STYLES[heat]))
        table.add_row(who, "" if limit is None else str(limit), *cells)
    return table

"""The chat message: what `agenda` shows for a day or a week, laid out for a phone, and cut
into numbered parts that each fit what a robot accepts.

The items and their wording are agenda's (`reports.agenda.by_heading`, `named`, `when`):
a message is the same list under other headings, never a second agenda. A message is a
title, the warning that makes every date uncertain (first, when the plan has it), and
entries: one line per task, each knowing the day, heading and section it stands under.
That is what makes a cut at any task boundary safe: a part that begins in the middle of a
heading repeats the day, heading and section above its first task, so each part reads on
its own. Whether a part fits is the platform's question (WeCom counts the content's bytes,
Feishu the whole request body), asked with the part's real title, number included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from promoplan.reports import agenda
from promoplan.schedule.plan import Plan
from promoplan.words import Words

ELLIPSIS = "…"


@dataclass(frozen=True)
class Entry:
    """One line under its day (a week's message), heading and section; `task` is False for
    the line saying there is nothing."""

    day: str
    heading: str
    section: str
    text: str
    task: bool = True


@dataclass(frozen=True)
class Digest:
    """The whole message before it is drawn or cut."""

    title: str
    notes: tuple[str, ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Markup:
    """How one platform's markdown draws each kind of line (`{text}` is the line's words);
    an empty `title` means the platform shows the title outside the text (Feishu's card)."""

    title: str
    note: str
    day: str
    heading: str
    section: str
    task: str
    plain: str
    join: str


@dataclass(frozen=True)
class Part:
    """One message as it is posted: its number among `total`, its title (numbered when
    there are several), and its text drawn in the platform's markup."""

    n: int
    total: int
    title: str
    content: str


def title(plan: Plan, days: Sequence[date], words: Words) -> str:
    """`小测试 · 10月14日 周一`, or the week's first and last day, as agenda titles them."""
    if len(days) == 1:
        return f"{plan.title} · {words.day(days[0])}"
    return f"{plan.title} · {words.day(days[0])} – {words.day(days[-1])}"


def _headings(plan: Plan, words: Words, week: bool) -> dict[str, str]:
    late = "send.overdue" if agenda.tracked(plan) else "agenda_overdue"
    if week:
        return {"start": words["send.start"], "due": words["send.due"], "overdue": words[late]}
    return {"start": words["send.start_today"], "due": words["send.due_today"], "overdue": words[late]}


def digest(plan: Plan, days: Sequence[date], words: Words) -> Digest:
    """The day's (or week's) items under 今日开始 / 今日截止 / 已逾期, by section; a week lists
    only its days that have something, and asks about what is overdue on its first day."""
    week = len(days) > 1
    headings = _headings(plan, words, week)
    entries: list[Entry] = []
    for n, day in enumerate(days):
        shown = words.day(day) if week else ""
        for heading, sections in agenda.by_heading(plan, day, first=n == 0):
            for section, items in sections:
                label = words["send.section"].format(section=section) if section else ""
                entries += [Entry(shown, headings[heading], label,
                                  f"{agenda.when(i, words)} {agenda.named(i.task, words)}".strip())
                            for i in items]
    if not entries:
        entries.append(Entry("", "", "", words["agenda_nothing"], task=False))
    return Digest(title(plan, days, words), tuple(agenda.headline(plan, words)), tuple(entries))


def draw(markup: Markup, heading: str, notes: Sequence[str], entries: Sequence[Entry]) -> str:
    """The text of one part: its title and notes, then each entry under the day, heading and
    section it belongs to, written again wherever they change (and at the top of the part)."""
    out = [markup.title.format(text=heading)] if markup.title else []
    out += [markup.note.format(text=note) for note in notes]
    before = Entry("\0", "\0", "\0", "")  # matches no entry: the first one opens everything
    for entry in entries:
        new_day = entry.day != before.day
        new_heading = new_day or entry.heading != before.heading
        new_section = new_heading or entry.section != before.section
        if new_day and entry.day:
            out.append(markup.day.format(text=entry.day))
        if new_heading and entry.heading:
            out.append(markup.heading.format(text=entry.heading))
        if new_section and entry.section:
            out.append(markup.section.format(text=entry.section))
        out.append((markup.task if entry.task else markup.plain).format(text=entry.text))
        before = entry
    return markup.join.join(out)


Fits = Callable[[str, str], bool]
"""Whether a part with this title and text is within the platform's limit."""


def split(found: Digest, markup: Markup, fits: Fits, words: Words) -> list[Part]:
    """The message in as few parts as fit, cut only between tasks, numbered `（1/3）` when
    there are several. The number's width changes what fits, so the cut is made again
    until the count it assumed is the count it gives (it only grows, so this ends)."""
    total = 1
    while True:
        chunks = _chunks(found, markup, fits, words, total)
        if len(chunks) <= total:
            break
        total = len(chunks)
    return [Part(n, len(chunks), _numbered(found.title, n, len(chunks), words), text)
            for n, text in enumerate(chunks, 1)]


def _numbered(heading: str, n: int, total: int, words: Words) -> str:
    return heading + words["send.part"].format(n=n, total=total) if total > 1 else heading


def _chunks(found: Digest, markup: Markup, fits: Fits, words: Words, total: int) -> list[str]:
    """Greedy: each part takes entries while it fits; an entry too long for a part of its
    own is shortened (a task name of thousands of characters must not stop the post)."""
    done: list[str] = []
    current: list[Entry] = []

    def text(entries: Sequence[Entry]) -> tuple[str, str]:
        n = len(done) + 1
        heading = _numbered(found.title, n, total, words)
        return heading, draw(markup, heading, found.notes if n == 1 else (), entries)

    def close() -> None:
        done.append(text(current)[1])

    for entry in found.entries:
        if current and fits(*text([*current, entry])):
            current.append(entry)
            continue
        if current:
            close()
        current = [entry if fits(*text([entry])) else _shorten(entry, lambda e: fits(*text([e])))]
    close()
    return done


def _shorten(entry: Entry, fits: Callable[[Entry], bool]) -> Entry:
    """The entry with as much of its text as fits, and `…` where it was cut."""
    low, high = 0, len(entry.text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(Entry(entry.day, entry.heading, entry.section, entry.text[:middle] + ELLIPSIS, entry.task)):
            low = middle
        else:
            high = middle - 1
    return Entry(entry.day, entry.heading, entry.section, entry.text[:low] + ELLIPSIS, entry.task)

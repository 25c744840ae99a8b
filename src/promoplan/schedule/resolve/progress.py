"""Reading a status as a team writes it: a word (完成, √, done …), then a percentage, a day.

`read_status` is shared with the progress report, which reads the same words from the
状态 column of a workbook the team filled in; there the day may be written as a table
is (12/1, 12月1日), which that report reads with the import's date reading. In the plan
file's `progress:` the day is the one promoplan writes, 2024-10-20.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from promoplan.errors import Say, did_you_mean
from promoplan.schedule.dates import Unreadable, parse_day
from promoplan.schedule.plan import Progress
from promoplan.schedule.resolve.state import Resolution
from promoplan.vocabulary import Status
from promoplan.words.reading import PERCENT_SIGNS, STATUS_WORDS

_WORDS = sorted(STATUS_WORDS, key=len, reverse=True)
"""Longest first: 已完成 before 完成, `in progress` before anything shorter."""
_PERCENT = re.compile(rf"(\d+(?:\.\d+)?)\s*[{PERCENT_SIGNS}]")
_APART = " \t,，、:：;；()（）[]【】"
"""What teams put between a status and its date or percentage (完成，12/1 or 完成(12/1))."""


@dataclass(frozen=True)
class Written:
    """A status as written: its word's meaning, a percentage, and what follows (a day)."""

    status: Status
    percent: int | None
    rest: str


def read_status(text: str) -> Written:
    """`完成 12/1`, `进行中 50%`, `√`, `Done`: the status, the percentage and the day's text.

    A percentage alone (50%) is work in progress. Raises `Unreadable`.
    """
    src = " ".join(str(text).split())
    low = src.lower()
    word = next((w for w in _WORDS if low.startswith(w)
                 and not (w.isascii() and low[len(w):len(w) + 1].isalpha())), None)
    if word is None:
        if _PERCENT.fullmatch(src):
            return _percent(Status.DOING, src, src)
        raise Unreadable(Say("progress.not-a-status", text=src), Say("progress.how"))
    return _percent(STATUS_WORDS[word], src[:len(word)], src[len(word):].strip(_APART))


def _percent(status: Status, word: str, rest: str) -> Written:
    found = _PERCENT.search(rest)
    if found is None:
        return Written(status, None, rest)
    value = float(found.group(1))
    if not value.is_integer() or value > 100:
        raise Unreadable(Say("progress.bad-percent", text=found.group(0)), Say("progress.how-percent"))
    if status in (Status.DONE, Status.CANCELLED):
        raise Unreadable(Say("progress.no-percent", word=word), Say("progress.how-percent"))
    rest = f"{rest[:found.start()]} {rest[found.end():]}".strip(_APART)
    return Written(status, int(value), rest)


def parse_progress(text: str) -> Progress:
    """A plan file's entry: `完成`, `完成 2024-10-20`, `进行中 50%`. Raises `Unreadable`."""
    written = read_status(text)
    day = None
    if written.rest:
        try:
            day = parse_day(written.rest)
        except ValueError:
            raise Unreadable(Say("progress.not-a-day", text=written.rest),
                             Say("progress.how-plan-day")) from None
    return Progress(written.status, day, written.percent)


def read_progress(r: Resolution) -> dict[str, Progress]:
    """Each task's progress as the playbook's `progress:` gives it; a mistake is recorded."""
    out: dict[str, Progress] = {}
    for tid, (text, loc) in r.pb.progress.items():
        if tid not in r.defs:
            r.fail(Say("progress.plan-no-task", id=tid), loc, did_you_mean(tid, r.defs))
            continue
        try:
            out[tid] = parse_progress(text)
        except Unreadable as exc:
            r.fail(Say("playbook.about", place=r.defs[tid].said, what=exc.said), loc, exc.hint)
    return out

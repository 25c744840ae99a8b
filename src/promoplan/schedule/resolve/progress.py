"""Reading `progress:`: a status word per task (完成, 进行中, 受阻, 取消), optionally with a day.

`parse_progress` is shared with the progress report, which reads the same words from a
table the team filled in.
"""

from __future__ import annotations

from promoplan.errors import Say, did_you_mean
from promoplan.schedule.dates import Unreadable, parse_day
from promoplan.schedule.plan import Progress
from promoplan.schedule.resolve.state import Resolution
from promoplan.words.reading import STATUS_WORDS


def parse_progress(text: str) -> Progress:
    """`完成`, `完成 2024-10-20`, `done 2024-10-20`: a status word and an optional day."""
    word, _, rest = str(text).strip().partition(" ")
    status = STATUS_WORDS.get(word.lower())
    if status is None:
        raise Unreadable(Say("schedule.unknown-status", word=word))
    return Progress(status, parse_day(rest) if rest.strip() else None)


def read_progress(r: Resolution) -> dict[str, Progress]:
    """Each task's progress as the playbook's `progress:` gives it; a mistake is recorded."""
    out: dict[str, Progress] = {}
    for tid, (text, loc) in r.pb.progress.items():
        if tid not in r.defs:
            r.fail(Say("schedule.progress-unknown-task", id=tid), loc, did_you_mean(tid, r.defs))
            continue
        try:
            out[tid] = parse_progress(text)
        except Unreadable as exc:
            r.fail(Say("playbook.about", place=r.defs[tid].said, what=exc.said), loc,
                   Say("schedule.status-fix"))
    return out

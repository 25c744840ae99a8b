"""Words people write that promoplan reads back, in every language whatever the plan's:
a status in `progress:` or in the 状态 column, a phase in a task's `phase:`."""

from __future__ import annotations

from promoplan.vocabulary import Phase, Status

STATUS_WORDS: dict[str, Status] = {
    "完成": Status.DONE, "已完成": Status.DONE, "✓": Status.DONE, "√": Status.DONE, "✔": Status.DONE,
    "complete": Status.DONE, "completed": Status.DONE, "finished": Status.DONE,
    "进行中": Status.DOING, "处理中": Status.DOING, "in progress": Status.DOING,
    "受阻": Status.BLOCKED, "阻塞": Status.BLOCKED,
    "取消": Status.CANCELLED, "已取消": Status.CANCELLED, "canceled": Status.CANCELLED,
    **{status.value: status for status in Status},
}
"""Lower-cased: `Done` reads as done. A date or a percentage may follow (完成 12/1, 进行中 50%)."""

PERCENT_SIGNS = "%％"
"""A percentage as typed on a Chinese keyboard too (进行中 50％)."""

PHASE_WORDS: dict[str, Phase] = {
    "活动前": Phase.BEFORE, "活动中": Phase.DURING, "活动后": Phase.AFTER,
    **{phase.value: phase for phase in Phase if phase is not Phase.NONE},
}

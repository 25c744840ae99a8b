"""The built-in playbook `double-11-day` (双十一当天客服排班及售后) compiled for 2024-11-11.

Expected dates and times are worked out by hand from
../shared/seeds/003_a21f852a308d897f.txt, 篇二 (L113-289):
10月份 = 10-01..10-31 (event-41d..event-11d), 9月份 = 09-01..09-30 (event-71d..event-42d),
the 11.11 shift table L125-139, 双十一后两周 = 11-12..11-25, three-day shipping = 11-12..11-14.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pytest

from .conftest import compile_json

PLAYBOOK = "double-11-day"


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return compile_json(PLAYBOOK, "--event", "2024-11-11")



def test_header_and_anchor(plan: dict[str, Any]) -> None:
    assert plan["playbook"] == "double-11-day"
    assert plan["timezone"] == "Asia/Shanghai"
    assert plan["anchors"] == {"event": "2024-11-11T00:00"}  # L123: the day's 24 hours from 0点


def test_warnings(plan: dict[str, Any]) -> None:
    # The team works weekends (11-10 is a Sunday): no deadline of the day before warns.
    assert [(w["code"], w["tasks"], w["message"]) for w in plan["warnings"]] == []


EXPECTED = [
    # (task id, start, due)
    ("kf-training-manual", "2024-10-01", "2024-10-31"),  # L117: 10月份制定活动培训手册
    ("kf-part-time", "2024-10-01", "2024-11-10"),  # L119: 10月初开始培训和筛选兼职客服
    ("kf-transfer-staff", "2024-10-01", "2024-11-10"),  # L121: 10月初从各部门调入若干人
    ("shift-0000", "2024-11-11T00:00", "2024-11-11T02:00"),  # L125: 0点-2点
    ("monitor-0000", "2024-11-11T00:00", "2024-11-11T02:00"),  # L125: 专人数据监控、页面监控
    ("shift-0200", "2024-11-11T02:00", "2024-11-11T08:30"),  # L127: 2点-8点30
    ("shift-0830", "2024-11-11T08:30", "2024-11-11T11:00"),  # L129: 8点30-11点
    ("shift-1100", "2024-11-11T11:00", "2024-11-11T12:20"),  # L131: 11点-12点20 午饭
    ("shift-1220", "2024-11-11T12:20", "2024-11-11T17:00"),  # L133: 12点20-17点
    ("shift-1700", "2024-11-11T17:00", "2024-11-11T18:20"),  # L135: 17点-18点20 晚饭
    ("snacks-2000", "2024-11-11T20:00", "2024-11-11T20:00"),  # L137: 20点 糕点、饮料
    ("handover-midnight", "2024-11-12T00:00", "2024-11-12T00:00"),  # L139: 零点换下休息
    ("page-switch-1112", "2024-11-12T00:00", "2024-11-12T00:00"),  # L139: 换上11.12日的页面
    ("dunning-phone-am", "2024-11-11T09:00", "2024-11-11T11:30"),  # L165: no calls 0:00-9:00
    ("dunning-phone-pm", "2024-11-11T14:00", "2024-11-11T21:00"),  # L165: nor 11:30-14:00
    ("sales-1112", "2024-11-12", "2024-11-12"),  # L221: 十二日销售仍会较高
    ("presale-2-3", "2024-11-12", "2024-11-25"),  # L143 + L219: 双十一后两周
    ("after-sales-staffing", "2024-11-12", "2024-11-25"),  # L219: 双十一后两周售后客服
    ("wl-process-september", "2024-09-01", "2024-09-30"),  # L235: 9月份设定发货流程
    ("wl-process-october", "2024-10-01", "2024-10-31"),  # L235: 10月份确定负责人和演练测试
    ("wl-ship-all-3-days", "2024-11-12", "2024-11-14"),  # L249: 三天内把所有货都发出
]


@pytest.mark.parametrize(("task_id", "start", "due"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_dates_from_the_seed(tasks: dict[str, dict[str, Any]], task_id: str, start: str, due: str) -> None:
    task = tasks[task_id]
    assert (task["start"], task["due"]) == (start, due)


def test_customer_service_shifts_cover_the_day_without_gaps(tasks: dict[str, dict[str, Any]]) -> None:
    # L125-139: 0:00 → 2:00 → 8:30 → 11:00 → 12:20 → 17:00 → 18:20 → 零点.
    chain = [
        "shift-0000",
        "shift-0200",
        "shift-0830",
        "shift-1100",
        "shift-1220",
        "shift-1700",
        "shift-until-midnight",
    ]
    assert tasks[chain[0]]["start"] == "2024-11-11T00:00"
    for before, after in itertools.pairwise(chain):
        assert tasks[before]["due"] == tasks[after]["start"], (before, after)
    assert tasks[chain[-1]]["due"] == "2024-11-12T00:00"


def test_phases(plan: dict[str, Any]) -> None:
    by_phase: dict[str, set[str]] = {}
    for task in plan["tasks"]:
        by_phase.setdefault(task["phase"], set()).add(task["start"][:10])
    assert max(by_phase["活动前"]) < "2024-11-11"
    # every shift of the day, and the midnight hand-over that closes it, is 活动中
    assert by_phase["活动中"] == {"2024-11-11", "2024-11-12"}
    tasks = {t["id"]: t for t in plan["tasks"]}
    assert tasks["handover-midnight"]["phase"] == "活动中"
    assert min(by_phase["活动后"]) == "2024-11-12"


# Rows the source dates by month (L117-121: 10月份 / 10月初; L235: 9月份, 10月份) must give
# those months whatever the event's date. Worked out by hand: 10月份 = 10-01..10-31 and
# 9月份 = 09-01..09-30 of the event's year; 10月初 = 10-01. Day offsets from 11-11
# (event-41d …) would land there only for an event on 11-11; the month forms
# (双十一前10月初 / 双十一前10月底 / 双十一前9月初 / 双十一前9月底) hold for 11-20 too.
MONTH_ROWS = [
    ("kf-training-manual", "10-01", "10-31"),
    ("wl-process-october", "10-01", "10-31"),
    ("wl-process-september", "09-01", "09-30"),
    ("kf-part-time", "10-01", None),  # due 双十一前1天
]
MONTH_CASES = [
    pytest.param(task, event, f"{event[:4]}-{start}",
                 f"{event[:4]}-{due}" if due else None, id=f"{task}-{event}")
    for task, start, due in MONTH_ROWS
    for event in ("2024-11-11", "2027-11-11", "2024-11-20")
]


@pytest.mark.parametrize(("task_id", "event", "start", "due"), MONTH_CASES)
def test_month_rows_keep_their_month(task_id: str, event: str, start: str, due: str | None) -> None:
    task = next(t for t in month_plan(event)["tasks"] if t["id"] == task_id)
    assert task["start"] == start
    if due is not None:
        assert task["due"] == due


@functools.cache
def month_plan(event: str) -> dict[str, Any]:
    return compile_json(PLAYBOOK, "--event", event)

"""The built-in playbook `tmall-store-prep` (天猫双11店铺准备) compiled for 2024-11-11.

Expected dates are worked out by hand from ../shared/seeds/003_a21f852a308d897f.txt,
篇一 (L11-111), which counts from the big sale itself (大促 = 2024-11-11):
大促前21天 = 10-21, 大促前16天 = 10-26, 大促前3-5天 = 11-06..11-08,
提前一个月 = 10-11, 12月底——2月 = 2024-12-31..2025-02-28.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import compile_json

PLAYBOOK = "tmall-store-prep"


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return compile_json(PLAYBOOK, "--event", "2024-11-11")



def test_header_and_anchor(plan: dict[str, Any]) -> None:
    assert plan["playbook"] == "tmall-store-prep"
    assert plan["timezone"] == "Asia/Shanghai"
    assert plan["anchors"] == {"event": "2024-11-11T00:00"}


def test_warnings(plan: dict[str, Any]) -> None:
    # The team works weekends: 10-26 (a Saturday) and 11-10 (a Sunday) are working days.
    assert [(w["code"], w["tasks"], w["message"]) for w in plan["warnings"]] == []


EXPECTED = [
    # (task id, start, due)
    ("store-notice", "2024-10-21", "2024-10-25"),  # L27: 大促前21天预告期 (until the next phase)
    ("store-coupons", "2024-10-26", "2024-11-05"),  # L29: 大促前16天优惠券发放期
    ("store-early-access", "2024-11-06", "2024-11-08"),  # L31: 大促前3-5天销售前奏期
    ("goods-select", "2024-10-12", "2024-10-21"),  # L19: chosen before the notice period
    ("cs-temp-hire", "2024-10-11", "2024-10-11"),  # L77: 务必提前一个月招个"临时工"
    ("emergency-sku-presale", "2024-11-11", "2024-11-11"),  # L49-51: 断货改sku为预售, on the day
    ("emergency-patrol", "2024-11-11", "2024-11-11"),  # L55-57: 活动当天巡店检查
    ("emergency-replacement", "2024-11-06", "2024-11-10"),  # L53: 提前规划顶上的产品
    ("comm-supervisor", "2024-11-11T00:00", "2024-11-11T01:00"),  # L61: 晚上1点前要有主管在
    ("comm-cs-24h", "2024-11-11T00:00", "2024-11-12T00:00"),  # L65: 客服24小时亮灯
    ("wrapup-invoice", "2024-11-12", "2024-11-14"),  # L85-87: 随单寄送 (after the sale)
    ("wrapup-no-logistics", "2024-11-12", "2024-11-25"),  # L89-91: 主动跟进物流配送进度
    ("wrapup-clearance", "2024-12-31", "2025-02-28"),  # L107: 12月底——2月的清仓期
]


@pytest.mark.parametrize(("task_id", "start", "due"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_dates_from_the_seed(tasks: dict[str, dict[str, Any]], task_id: str, start: str, due: str) -> None:
    task = tasks[task_id]
    assert (task["start"], task["due"]) == (start, due)


def test_store_phases_follow_each_other(tasks: dict[str, dict[str, Any]]) -> None:
    # L25-31: 预告期 → 优惠发放期 → 销售前奏期, back to back and all before the sale.
    notice, coupons, early = (tasks[i] for i in ("store-notice", "store-coupons", "store-early-access"))
    assert notice["due"] < coupons["start"] <= coupons["due"] < early["start"] <= early["due"]
    assert early["due"] < "2024-11-11"


def test_sections_and_phases(plan: dict[str, Any]) -> None:
    sections = {t["section"] for t in plan["tasks"]}
    # L15, L23, L33, L45, L59, L75, L81: the seed's sub-headings.
    assert sections == {"商品准备", "店铺准备", "流量准备", "应急准备", "沟通准备", "客服工作", "扫尾整理"}
    for task in plan["tasks"]:
        if task["section"] == "扫尾整理":
            assert task["phase"] == "活动后", task["id"]
        if task["start"][:10] == "2024-11-11":
            assert task["phase"] == "活动中", task["id"]


# 清仓 (L107: 12月底——2月的清仓期) must hold for any year. Worked out by hand: the end
# of the December after the event, then the end of the February after that. 2028 is a
# leap year, so for 2027-11-11 the period runs 2027-12-31 to 2028-02-29, where day
# offsets (event+50d, event+109d) would give 2028-02-28: the month forms of the offset
# language (大促后12月底 / 大促后2月底) hold for any year.
MONTH_CASES = [
    pytest.param("2024-11-11", "2024-12-31", "2025-02-28", id="2024"),
    pytest.param("2027-11-11", "2027-12-31", "2028-02-29", id="2027"),
]


@pytest.mark.parametrize(("event", "start", "due"), MONTH_CASES)
def test_clearance_runs_from_end_of_december_to_end_of_february(event: str, start: str, due: str) -> None:
    tasks = {t["id"]: t for t in compile_json(PLAYBOOK, "--event", event)["tasks"]}
    assert (tasks["wrapup-clearance"]["start"], tasks["wrapup-clearance"]["due"]) == (start, due)

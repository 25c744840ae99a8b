"""The built-in playbook `campaign-workflow` (电商活动工作流程) compiled for a 2024-11-11 launch.

../shared/seeds/002_b4b089a8e3a9d1a3.txt gives an order but no dates: 流量规划 first,
as the base of 货品规划 (L13, L47); the theme and the page plan are handed down
before the pages are made (L119-131, L159); tracking runs during the campaign
(L133-137) and analysis after it (L139, L157, L163). The playbook lays that order
on a four-week run-up; the dates below are computed by hand from its offsets
(活动前28天 = 10-14, 前24天 = 10-18, 前21天 = 10-21, 前14天 = 10-28, 前7天 = 11-04,
前3天 = 11-08, 前1天 = 11-10) and its `after:` chains. The anchor is `launch`
(活动开始), so the command line is --launch, not --event.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import compile_json, promoplan

PLAYBOOK = "campaign-workflow"


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return compile_json(PLAYBOOK, "--launch", "2024-11-11")



def test_header_and_anchors(plan: dict[str, Any]) -> None:
    assert plan["playbook"] == "campaign-workflow"
    assert plan["timezone"] == "Asia/Shanghai"
    # A one-day campaign unless 活动结束 is given.
    assert plan["anchors"] == {"launch": "2024-11-11", "end": "2024-11-11"}


def test_warnings(plan: dict[str, Any]) -> None:
    # The run-up ends on Sunday 2024-11-10, the day before launch.
    assert [(w["code"], w["tasks"], w["message"]) for w in plan["warnings"]] == [
        ('deadline-on-day-off', ['goods-title', 'sync-warehouse-before', 'sync-cs-check', 'sync-ops-crosscheck'],
         '11月10日 周日（周末）有4项截止，请确认是否提前到11月8日 周五：货品规划第1项「标题设置：活动产品标题修改、副标题的更改」、部门协调第3项「与库房：库存精准性、大促活动前的工作安排」、部门协调第8项「与客服：产品了解程度考察、品牌程度了解考察、活动了解程度考察」、部门协调第10项「运营之间：活动任务完成的互查」'),
    ]


def test_event_option_is_not_an_anchor_here() -> None:
    out = promoplan("compile", PLAYBOOK, "--event", "2024-11-11", "--format", "json")
    assert out.returncode == 2
    assert "--event" in out.stderr


EXPECTED = [
    # (task id, start, due)
    ("traffic-plan", "2024-10-14", "2024-10-18"),  # L13: 流量规划 comes first
    ("traffic-budget", "2024-10-18", "2024-10-21"),  # L33-43: 费用预算 after the traffic plan
    ("goods-price-research", "2024-10-21", "2024-10-25"),  # L47 + L55-57: goods follow traffic
    ("goods-price-set", "2024-10-25", "2024-10-28"),  # L59-63: after the price research
    ("goods-value", "2024-10-28", "2024-11-01"),  # L105-111: 货值 from the set prices
    ("goods-stock-quantity", "2024-11-01", "2024-11-04"),  # L113: 备货量 from 货值
    ("goods-title", "2024-11-08", "2024-11-10"),  # L51: titles changed just before
    ("goods-stock-accuracy", "2024-11-11", "2024-11-11"),  # L101: 大促活动期间 stock accuracy
    ("visual-theme", "2024-10-21", "2024-10-24"),  # L119-123: 活动主题的确定
    ("visual-brief", "2024-10-24", "2024-10-28"),  # L125-131: 活动方案的下达 after the theme
    ("visual-own-page", "2024-10-28", "2024-11-08"),  # L149: pages after the brief
    ("visual-track-live", "2024-11-11", "2024-11-11"),  # L135: 与预期效果的实时对比
    ("visual-analysis", "2024-11-12", "2024-11-14"),  # L139: 活动结束之后的分析
    ("sync-warehouse-after", "2024-11-12", "2024-11-14"),  # L157: 大促之后的出货完成率
]


@pytest.mark.parametrize(("task_id", "start", "due"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_dates(tasks: dict[str, dict[str, Any]], task_id: str, start: str, due: str) -> None:
    task = tasks[task_id]
    assert (task["start"], task["due"]) == (start, due)


def test_goods_planning_follows_traffic_planning(
    plan: dict[str, Any], tasks: dict[str, dict[str, Any]]
) -> None:
    # L47: 货品规划是根据流量规划来制定.
    traffic_done = tasks["traffic-plan"]["due"]
    goods = [t for t in plan["tasks"] if t["section"] == "货品规划"]
    assert len(goods) >= 10
    assert all(t["start"] >= traffic_done for t in goods)


def test_a_longer_campaign_moves_tracking_and_analysis() -> None:
    moved = {t["id"]: t for t in compile_json(PLAYBOOK, "--launch", "2024-11-11", "--end", "2024-11-13")["tasks"]}
    assert (moved["visual-track-live"]["start"], moved["visual-track-live"]["due"]) == (
        "2024-11-11",
        "2024-11-13",
    )
    assert (moved["visual-analysis"]["start"], moved["visual-analysis"]["due"]) == (
        "2024-11-14",
        "2024-11-16",
    )
    assert moved["visual-analysis"]["phase"] == "活动后"
    assert moved["traffic-plan"]["start"] == "2024-10-14"  # counted from the launch, unchanged

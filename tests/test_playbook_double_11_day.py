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
    # 2024-11-10 is a Sunday: the prep deadlines of the day before are flagged, once.
    assert [(w["code"], w["tasks"], w["message"]) for w in plan["warnings"]] == [
        ('deadline-on-day-off', ['kf-part-time', 'kf-transfer-staff', 'kf-roster', 'kf-after-sales-plan', 'wl-jushita', 'wl-express-quota', 'wl-warehouse', 'wl-order-cutoff', 'wl-prepack', 'wl-supplies', 'wl-erp', 'wl-parcel-creative', 'wl-parcel-gifts'],
         '11月10日 周日（周末）有13项截止，请确认是否提前到11月8日 周五：客服第2项「10月初开始培训和筛选兼职客服人员」、客服第3项「10月初从公司各部门调入若干人以及从电子商务客服以外的各部门调入若干人，进行系统的培训」、客服第4项「把每个人的排班都很清楚的做到表单上：工作时间是几点到几点，几点吃饭，吃饭时间是多少，什么时间进行轮班」、客服第5项「针对突发情况（缺货，少发，漏发，丢件，质量问题，要求赔偿，退差价等）制定售后正常处理方案和应急方案，最高赔偿方案规则」、物流第1项「聚石塔项目：将整个IT系统部署在阿里云上面，经过详细的压力测试，保证大流量下系统稳定，双十一实现零丢单」、物流第4项「指标分配：双十一前与每家快递公司进行约谈，并确定发货单量；注意今年整个快递行业特点，并进行调整」、物流第7项「货仓摆放科学合理、爆款商品集中，便于快速发货」、物流第12项「提前设置截单时限，售前客服提前预警客户，避免悔单、追单、换货等行为影响发货流程」、物流第13项「根据订单量和品牌进行一定比例的商品预包装」、物流第15项「后勤保障有力：高速打印机、面单、纸张、水、食物等准备到位」、物流第16项「ERP系统检查整改（解决漏单，超卖等问题）」、物流第17项「包裹从外包盒、装胶带、面单、内包装、包裹中的赠品等都要有创意」、物流第18项「针对购买次数不同或会员等级不同用户，送不同的小礼物」'),
    ]


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

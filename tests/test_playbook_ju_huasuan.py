"""The built-in playbook `ju-huasuan` (聚划算单品团进程表) compiled for one group buy.

Every expected date below was worked out by hand from the seed, not read back
from the compiler. Seed = ../shared/seeds/004_4cd09d46a79f8a76.txt; "L" numbers
are its lines (the table 聚划算活动各部门事项及时间安排 is L349-411, with a
duplicated preview at L97-107; rules L55-66; 第一/二/三阶段 L204).

Anchors used: 报名 2024-10-14 (Mon), 竞拍 2024-10-21, 排期 2024-10-25,
开团 2024-11-01 10:00, 结束 = 开团当天 23:59. So, for example:
  报名前20天 = 09-24, 报名前10天 = 10-04, 报名前2天 = 10-12, 报名当天 = 10-14,
  竞拍前3天 = 10-18, 竞拍完后1天 = 10-22, 排期前20天 = 10-05, 排期前15天 = 10-10,
  开团前2天 = 10-30, 开团后1天 = 11-02, 结束后7天 = 11-08.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from .conftest import compile_json

PLAYBOOK = "ju-huasuan"
DATES = [
    "--signup",
    "2024-10-14",
    "--auction",
    "2024-10-21",
    "--schedule",
    "2024-10-25",
    "--open",
    "2024-11-01 10:00",
]


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return compile_json(PLAYBOOK, *DATES)



def test_header_and_anchors(plan: dict[str, Any]) -> None:
    assert plan["playbook"] == "ju-huasuan"
    assert plan["timezone"] == "Asia/Shanghai"
    assert plan["anchors"] == {
        "signup": "2024-10-14",
        "auction": "2024-10-21",
        "schedule": "2024-10-25",
        "open": "2024-11-01T10:00",
        "end": "2024-11-01T23:59",  # default open@23:59 (L56: 10:00-23:59 购买时间)
    }


def test_default_anchor_chain_from_signup_alone() -> None:
    # auction = signup+7d, schedule = auction+4d, open = schedule+7d at 10:00
    plan = compile_json(PLAYBOOK, "--signup", "2024-10-14")
    assert plan["anchors"] == {
        "signup": "2024-10-14",
        "auction": "2024-10-21",
        "schedule": "2024-10-25",
        "open": "2024-11-01T10:00",
        "end": "2024-11-01T23:59",
    }
    check_warnings(plan)


# Whole-day deadlines that fall on a day off in 2024 (weekends, 国庆节 10-01..10-07; 09-29 and
# 10-12 are make-up workdays). The playbook keeps the seed's calendar-day offsets (no roll),
# so these are reported and nothing else may warn. Worked out by hand from the dues:
# The team works weekends (`calendar: {weekends: work}`): only deadlines on 国庆 warn, each
# a row its lead could bring forward; a deadline on a Saturday (竞拍完后5天 on 10-26) no
# longer does.
DAY_OFF_DEADLINES = {
    "category-signup-analysis": "2024-10-04",  # 报名前10天, 国庆
    "season-product-selection": "2024-10-04",
    "style-test": "2024-10-04",
    "entry-image-test": "2024-10-04",
    "color-test": "2024-10-04",
    "promo-assets-test": "2024-10-04",
    "detail-logic": "2024-10-04",
    "listing-new": "2024-10-02",  # 报名前12天, 国庆
    "main-page-copy": "2024-10-02",
    "offsite-copy": "2024-10-02",
    "social-copy": "2024-10-02",
    "promo-copy": "2024-10-02",  # L412, the table's last row: 报名前12天
}


def check_warnings(plan: dict[str, Any]) -> None:
    # Only the day-off deadlines above may warn. Checked through the dates and ids the
    # messages name, so one warning per task or one per day (listing the ids) both pass.
    warnings = plan["warnings"]
    assert warnings
    assert {w["code"] for w in warnings} == {"deadline-on-day-off"}
    ids = {tid for w in warnings for tid in w["tasks"]}
    tasks = {t["id"]: t for t in plan["tasks"]}
    assert {tasks[tid]["due"] for tid in ids} == set(DAY_OFF_DEADLINES.values())
    assert ids <= set(DAY_OFF_DEADLINES)
    for task_id, day in DAY_OFF_DEADLINES.items():
        assert tasks[task_id]["due"] == day, task_id


def test_only_expected_warnings(plan: dict[str, Any]) -> None:
    check_warnings(plan)


def test_task_count_sections_and_ids(plan: dict[str, Any]) -> None:
    tasks = plan["tasks"]
    assert len(tasks) > 100
    ids = [t["id"] for t in tasks]
    assert len(ids) == len(set(ids))
    sections = Counter(t["section"] for t in tasks)
    assert list(sections) == ["运营", "推广", "美工", "文案", "客服", "物流"]  # seed order
    assert sections["运营"] >= 29  # 29 surviving table rows + rules/phases
    assert sections["推广"] >= 34
    assert sections["美工"] >= 28
    assert sections["文案"] == 11  # L377: ten surviving 文案 rows, and L412 the last row of the table
    owners = {t["owner"] for t in tasks}
    assert owners == {"运营主管", "推广主管", "美工主管", "文案", "客服主管", "物流主管"}


def test_duplicated_table_blocks_are_not_repeated(plan: dict[str, Any]) -> None:
    # L98-107 repeat L382-386/L396-397; each real row appears once. The only name the
    # table itself uses twice is 跟进销售及收藏数量 (L381: at 开团15分钟 and at 开团5分钟).
    names = Counter(t["name"] for t in plan["tasks"])
    assert {n for n, c in names.items() if c > 1} == {"跟进销售及收藏数量,与以往数据对比,及时汇报运营"}


EXPECTED = [
    # (task id, start, due)
    # 运营 rows 5-15: names L380, starts L350, dues L352-353
    ("category-signup-analysis", "2024-09-24", "2024-10-04"),  # 报名前20天 → 报名前10天
    ("signup-price", "2024-10-04", "2024-10-12"),  # 报名前10天 → 报名前2天
    ("auction-fee-range", "2024-10-11", "2024-10-13"),  # 报名前3天 → 报名前1天
    # 运营 row 32: L356 竞拍后2天, due L101 竞拍后3天
    ("contingency-plan", "2024-10-23", "2024-10-24"),
    # 运营 活动中: L357 开团前1小时 → L101 开团前半小时; L383 开团后50分钟 → L384 开团后1小时
    ("preopen-clicks-check", "2024-11-01T09:00", "2024-11-01T09:30"),
    ("first-hour-analysis", "2024-11-01T10:50", "2024-11-01T11:00"),
    # L386 开团当天15点 / 开团当天16点; dues L402 开团当天16点 / 开团当天18点
    ("ship-check", "2024-11-01T15:00", "2024-11-01T16:00"),
    ("reorder-production", "2024-11-01T16:00", "2024-11-01T18:00"),
    # 运营 活动后: L386 开团后5天, L402 开团后8天
    ("incentive-plan", "2024-11-06", "2024-11-09"),
    # 推广 rows 1-12: names/starts L386, dues L405 and L399
    ("style-test", "2024-09-24", "2024-10-04"),  # 报名前20天 → 报名前10天
    ("jhs-signup", "2024-10-13", "2024-10-14"),  # 报名前1天 → 报名当天
    ("auction-deposit", "2024-10-18", "2024-10-20"),  # 竞拍前3天 → 竞拍前1天
    ("slot-auction", "2024-10-05", "2024-10-10"),  # 排期前20天 → 排期前15天
    ("auction-fee", "2024-10-22", "2024-10-23"),  # 竞拍完后1天 → 竞拍完后2天
    # L396 (= L98): 改价格、改库存数量 starts 开团前2天 = 11-01 - 2 days = 10-30 (all day);
    # it ends 开团前1分钟 (L376, the one due of that group no other row can take):
    # 开团 11-01 10:00 - 1 minute = 11-01 09:59.
    ("price-stock", "2024-10-30", "2024-11-01T09:59"),
    # 推广 活动中/后: L381 times, L398 dues
    ("check-120min", "2024-11-01T12:00", "2024-11-01T12:00"),  # 开团120分钟
    ("traffic-curve", "2024-11-01T10:25", "2024-11-01T10:30"),  # 开团25分钟 → 开团30分钟
    ("roi-summary", "2024-11-03", "2024-11-05"),  # 开团后2天 → 开团后4天
    # 美工: L381 报名前25天 → L398 报名前20天; L370 开团前18天 → L398 开团前15天
    ("shoot-theme", "2024-09-19", "2024-09-24"),
    ("zuanzhan-image", "2024-10-14", "2024-10-17"),
    # L410 开团前3分钟 → L362 开团前1分钟
    ("take-down-preopen-promo", "2024-11-01T09:57", "2024-11-01T09:59"),
    # 文案: L377 报名前22天 → L387 报名前20天
    ("product-features", "2024-09-22", "2024-09-24"),
    # 文案 row 10, the table's last row (L412): 报名前15天 = 10-14 - 15 days = 09-29;
    # due the fourth 报名前12天 of L387 = 10-14 - 12 days = 10-02.
    ("promo-copy", "2024-09-29", "2024-10-02"),
    # 客服: L397 报名前6天 → L387 报名前4天
    ("cs-faq", "2024-10-08", "2024-10-10"),
    # rules: L56 8:00--9:59 展示; L59/L61 结束后隔天发货, 7天内完成
    ("display-window", "2024-11-01T08:00", "2024-11-01T09:59"),
    ("sale-window", "2024-11-01T10:00", "2024-11-01T23:59"),
    ("ship-within-7d", "2024-11-02", "2024-11-08"),
    # L61: 定制、大型家具类 付款后15天内 (paid on 开团当天)
    ("ship-custom-15d", "2024-11-02", "2024-11-16"),
    # L66: 保证金 高危类目30天 from 结束
    ("deposit-highrisk-30d", "2024-12-01", "2024-12-01"),
    # L66: 聚划算标志图片 from 确定上线 (排期当天) for a month (排期后30天)
    ("jhs-logo", "2024-10-25", "2024-11-24"),
    # L204 第二阶段: 前一天要做好库存检查与包邮的设置
    ("stock-shipping-setup", "2024-10-31", "2024-10-31"),
]


@pytest.mark.parametrize(("task_id", "start", "due"), EXPECTED)
def test_dates(tasks: dict[str, dict[str, Any]], task_id: str, start: str, due: str) -> None:
    task = tasks[task_id]
    assert (task["start"], task["due"]) == (start, due)


def test_acceptance_examples(tasks: dict[str, dict[str, Any]]) -> None:
    ship = tasks["ship-check"]
    assert ship["name"] == "跟进物流打单及打包情况,是否按计划执行"
    assert ship["start"] == "2024-11-01T15:00"
    assert ship["section"] == "运营"
    assert ship["owner"] == "运营主管"
    price = tasks["price-stock"]
    assert price["name"] == "改价格、改库存数量"
    assert price["start"] == "2024-10-30"
    assert price["due"] == "2024-11-01T09:59"  # 开团前1分钟
    copy = tasks["promo-copy"]
    assert (copy["name"], copy["section"], copy["owner"]) == ("根据推广要求,拟制推广和促销所需的文案", "文案", "文案")


def test_half_hourly_repeats_until_end(tasks: dict[str, dict[str, Any]]) -> None:
    # L381: 开团后每半个小时跟进 ... 开团25分钟; repeated every 30 min until 结束 (23:59)
    task = tasks["half-hourly"]
    starts = [o["start"] for o in task["occurrences"]]
    assert starts[0] == "2024-11-01T10:25"
    assert starts[1] == "2024-11-01T10:55"
    assert starts[-1] == "2024-11-01T23:55"
    assert len(starts) == 28


def test_phases(tasks: dict[str, dict[str, Any]]) -> None:
    assert tasks["signup-price"]["phase"] == "活动前"
    assert tasks["ship-check"]["phase"] == "活动中"
    assert tasks["adjust-pages"]["phase"] == "活动中"  # L410 开团当天, 活动中 in the table
    assert tasks["post-wrapup-meeting"]["phase"] == "活动后"


def test_reconstructed_rows_are_marked(tasks: dict[str, dict[str, Any]]) -> None:
    for task_id in (
        "traffic-plan",
        "deposit-freeze",
        "home-bounce",
        "next-event-copy",
        "cs-faq",
        "dept-review",
    ):
        assert "请核对" in tasks[task_id]["notes"], task_id
    for task_id in ("annual-category-plan", "annual-supply-chain"):  # 年末 → 年初
        assert "年末" in tasks[task_id]["notes"]

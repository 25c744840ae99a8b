"""The built-in playbook `double-11` (双十一进程表) compiled for 2024-11-11.

Every expected date below was worked out by hand from the seed documents, not
read back from the compiler:
  001 = ../shared/seeds/001_9f8a502e5c4fb726.txt (time nodes L106-115, duties L16-104)
  000 = ../shared/seeds/000_80c802c4a9fb7c2a.txt (活动前/中/后, L4-7)
With 11.11 as day 0: 10.10 = -32d, 10.14 = -28d, 10.15 = -27d, 10.22 = -20d,
10.23 = -19d, 10.28 = -14d, 10.29 = -13d, 10.31 = -11d, 11.12 = +1d.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from promoplan.playbook import library

from .conftest import compile_json

PLAYBOOK = "double-11"


def compile_d11(*extra: str) -> dict[str, Any]:
    return compile_json(PLAYBOOK, "--event", "2024-11-11", *extra)


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return compile_d11()



def test_header_and_anchors(plan: dict[str, Any]) -> None:
    assert plan["playbook"] == "double-11"
    assert plan["timezone"] == "Asia/Shanghai"
    assert plan["anchors"] == {
        "event": "2024-11-11T00:00",  # 001 L115: 11.11 0:00 the event kicks off
        "signup": "2024-10-14",  # 001 L109: 10.14 commodity declaration
        "close": "2024-10-29",  # 001 L113: 10.29 registration closes
        "preheat": "2024-10-31T00:00",  # 001 L114: 10.31 preheating begins
    }


def test_warnings(plan: dict[str, Any]) -> None:
    # The team works weekends and 预热 opens at the platform's midnight: nothing to move.
    assert [(w["code"], w["tasks"], w["message"]) for w in plan["warnings"]] == []


EXPECTED = [
    # (task id, start, due)
    ("node-coupons", "2024-10-10", "2024-11-11"),  # 001 L108: 10.10 start issuing coupons
    ("yy-coupon-entry", "2024-10-10", "2024-10-10"),  # 001 L24 + L108: coupon entrance by 10.10
    ("sp-declare-form", "2024-10-10", "2024-10-14"),  # 001 L41 + L109: declaration form ready 10.14
    ("yy-signup-declare", "2024-10-14", "2024-10-29"),  # 001 L18 + L109/L113: 申报 10.14-10.29
    ("node-full-reduction", "2024-10-14", "2024-10-29"),  # 001 L109: 满减、包邮报备 in the 申报 window
    ("node-juhuasuan", "2024-10-15", "2024-10-15"),  # 001 L110: 10.15 聚划算
    ("node-preheat-page", "2024-10-22", "2024-10-23T17:00"),  # 001 L111: 10.22 page, links by 10.23 5 pm
    ("node-preheat-link-1", "2024-10-23T17:00", "2024-10-23T17:00"),  # 001 L111: 10.23 5:00 pm
    ("node-preheat-link-2", "2024-10-28T20:00", "2024-10-28T20:00"),  # 001 L111: 10.28 8:00 pm
    ("node-gold-rush", "2024-10-28", "2024-10-28"),  # 001 L112: 10.28 gold-rush signup
    ("node-close", "2024-10-29", "2024-10-29"),  # 001 L113: 10.29 registration closes
    ("node-preheat", "2024-10-31T00:00", "2024-10-31T00:00"),  # 001 L114: 10.31 preheat begins
    ("node-event", "2024-11-11T00:00", "2024-11-11T00:00"),  # 001 L115: 11.11 0:00 亮剑
    ("yy-first-hour", "2024-11-11T00:00", "2024-11-11T01:00"),  # 000 L6: the first hour of 11.11
    ("yy-category-docking", "2024-11-11", "2024-11-11"),  # 001 L34: 双十一当天 category docking
    ("kf-online-24h", "2024-11-10", "2024-11-13"),  # 001 L75: online 24 h, "10- 13"
    ("kf-dunning-phone-am", "2024-11-11T09:00", "2024-11-11T11:30"),  # 001 L85: calls 9:00-11:30
    ("kf-dunning-phone-pm", "2024-11-11T14:00", "2024-11-11T21:00"),  # 001 L85: calls 14:00-21:00
    ("kf-dunning-wangwang", "2024-11-11", "2024-11-11"),  # 001 L83: Wangwang dunning on the day
    ("yy-thanks", "2024-11-12", "2024-11-12"),  # 001 L36: 11.12 thank you for your support
    ("hq-prepack-details", "2024-10-29", "2024-11-10"),  # 001 L90 after L101 (due 10.29)
]


@pytest.mark.parametrize(("task_id", "start", "due"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_dates_from_the_seed(tasks: dict[str, dict[str, Any]], task_id: str, start: str, due: str) -> None:
    task = tasks[task_id]
    assert (task["start"], task["due"]) == (start, due)


def test_sections_are_the_seed_departments(plan: dict[str, Any]) -> None:
    # 001 L17, L37, L47, L61, L74, L88: 运营, 商品, 美工, 推广, 客服, 后勤.
    assert {t["section"] for t in plan["tasks"]} == {"运营", "商品", "美工", "推广", "客服", "后勤"}


def test_every_numbered_duty_is_cited(plan: dict[str, Any]) -> None:
    """Each numbered duty line of 001 (L18-36, 38-46, 48-60, 62-73, 75-87, 89-104) has a task."""
    duty_lines = {
        *range(18, 37),
        *range(38, 47),
        *range(48, 61),
        *range(62, 74),
        *range(75, 88),
        *range(89, 105),
    }
    # The citations live in the YAML comments next to each task ("# 进程表文 L18"), not
    # in the notes the team reads; each cited line belongs to a task of the plan.
    text = library.find(PLAYBOOK).read_text(encoding="utf-8")  # type: ignore[union-attr]
    ids = {t["id"] for t in plan["tasks"]}
    cited: set[int] = set()
    for comment, task_id in re.findall(r"^  # (.*)\n  - id: (\S+)$", text, re.MULTILINE):
        assert task_id in ids
        for first, last in re.findall(r"进程表文 L(\d+)(?:-(\d+))?", comment):
            cited.update(range(int(first), int(last or first) + 1))
    assert duty_lines - cited == set()


# Tasks whose dates the source gives (the time nodes 10.10-11.12 of 001 L106-115, the
# 申报 window, the 10-13 online hours, the day-of dunning and shipping, 000 L6's first
# hour and L16-17's services during the event). Every other duty's dates were placed by
# the playbook's author, and its notes must tell the team so.
DATED_BY_THE_SOURCE = {
    "node-coupons", "node-coupons-cs", "node-full-reduction", "node-juhuasuan", "node-preheat-page",
    "node-preheat-link-1", "node-preheat-link-2", "node-gold-rush", "node-close", "node-preheat",
    "node-event", "yy-signup-declare", "yy-coupon-entry", "yy-category-docking", "yy-thanks",
    "yy-first-hour", "kf-online-24h", "kf-dunning-wangwang", "kf-dunning-sms", "kf-dunning-phone-am",
    "kf-dunning-phone-pm", "hq-onsite-control", "hq-services", "hq-netsec", "hq-ship-targets",
    "hq-daily-progress",
}


def test_assumed_dates_say_so(plan: dict[str, Any]) -> None:
    phrase = "原文未给出日期，日期为推定，请按实际调整"
    assumed = {t["id"] for t in plan["tasks"] if phrase in (t["notes"] or "")}
    assert assumed == {t["id"] for t in plan["tasks"]} - DATED_BY_THE_SOURCE
    assert len(assumed) == 102 - 26


def test_day_of_tasks_are_during_the_event(plan: dict[str, Any]) -> None:
    on_the_day = [t for t in plan["tasks"] if t["start"].startswith("2024-11-11")]
    assert len(on_the_day) >= 10
    assert {t["phase"] for t in on_the_day} == {"活动中"}
    assert {t["phase"] for t in plan["tasks"] if t["start"] < "2024-11-11"} == {"活动前"}
    assert {t["phase"] for t in plan["tasks"] if t["start"] >= "2024-11-12"} == {"活动后"}


def test_phone_dunning_avoids_rest_times(plan: dict[str, Any]) -> None:
    # 001 L85 / 003 L165: no calls 0:00-9:00, 11:30-14:00, 21:00-24:00.
    allowed = [("09:00", "11:30"), ("14:00", "21:00")]
    calls = [t for t in plan["tasks"] if t["id"].startswith("kf-dunning-phone")]
    assert len(calls) == 2
    for call in calls:
        start, due = call["start"][11:], call["due"][11:]
        assert any(lo <= start and due <= hi for lo, hi in allowed), call["id"]


def test_platform_dates_move_with_their_anchor() -> None:
    # The platform announces a later 申报 and preheat: only tasks counted from them move.
    moved = {
        t["id"]: t for t in compile_d11("--signup", "2024-10-16", "--preheat", "2024-10-20 20:00")["tasks"]
    }
    assert (moved["yy-signup-declare"]["start"], moved["yy-signup-declare"]["due"]) == (
        "2024-10-16",
        "2024-10-29",
    )
    assert moved["node-preheat"]["start"] == "2024-10-20T20:00"
    assert moved["yy-special-page"]["due"] == "2024-10-19"  # 预热前1天
    assert moved["node-coupons"]["start"] == "2024-10-10"  # counted from 11.11, unchanged

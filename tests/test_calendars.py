"""Calendars as real clients read them (issue 27): ju-huasuan's half-hourly 开团 check as
khal and ical.js list it, the 报名 date moved over the same calendar, a season's calendars
rewritten.

Hand-computed: with --signup 2024-10-14 ju-huasuan opens 2024-11-01 10:00 (竞拍 +7d, 排期
+4d, 开团 +7d) and ends 23:59; its check runs every 30 minutes from 开团25分钟 until the
end: 10:25 + 30k for k = 0..27, the last at 23:55. ju-huasuan has 153 tasks, so a
calendar holds 152 + 28 = 180 events.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from .conftest import PLAYBOOKS, Cli, need_client, need_installed
from .test_writer_ics import Khal, khal_exe, uids

__all__ = ["khal_exe"]  # the fixture, used here by name

ICALJS = Path(__file__).parent / "icaljs"
EVENTS = 152 + 28
CHECK = "开团后每半个小时跟进"


def half_hourly(day: str, first: str = "10:25") -> list[str]:
    """`day first`, then every 30 minutes, 28 times, as `YYYY-MM-DD HH:MM`."""
    start = datetime.fromisoformat(f"{day} {first}")
    return [f"{start + timedelta(minutes=30 * k):%Y-%m-%d %H:%M}" for k in range(28)]


@pytest.fixture
def icaljs() -> list[str]:
    node = need_client("node", "nodejs", package="nodejs")
    need_installed(ICALJS / "node_modules" / "ical.js", "ical.js", "npm ci --prefix tests/icaljs")
    return [node, str(ICALJS / "list.mjs")]


def icaljs_list(command: list[str], path: Path) -> list[dict[str, Any]]:
    """Every occurrence ical.js expands from the file (see tests/icaljs/list.mjs)."""
    done = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "")
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.client
def test_icaljs_lists_every_half_hourly_check_at_its_local_time(cli: Cli, tmp_path: Path,
                                                                icaljs: list[str]) -> None:
    out = tmp_path / "ju.ics"
    assert cli("compile", "ju-huasuan", "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    listed = icaljs_list(icaljs, out)
    assert len(listed) == len({row["uid"] for row in listed}) == EVENTS  # each once, none repeats
    checks = [row for row in listed if row["uid"].startswith("half-hourly.")]
    hand = half_hourly("2024-11-01")
    assert [(row["uid"], row["start"], row["zone"], row["utc"]) for row in checks] == [
        (f"half-hourly.{k + 1}@ju-huasuan-2024-10-14.promoplan", f"{hand[k].replace(' ', 'T')}:00",
         "Asia/Shanghai", f"{datetime.fromisoformat(hand[k]) - timedelta(hours=8):%Y-%m-%dT%H:%M}:00.000Z")
        for k in range(28)]
    assert {row["summary"] for row in checks} == {
        "[推广] 开团后每半个小时跟进,判断流量是否按预期计划,如超或低于20%,都要汇报给运营,及时确定措施及执行"}


@pytest.mark.client
def test_khal_lists_every_half_hourly_check_at_its_local_time(cli: Cli, tmp_path: Path,
                                                             khal_exe: str) -> None:
    out = tmp_path / "ju.ics"
    assert cli("compile", "ju-huasuan", "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    shanghai = Khal(khal_exe, tmp_path, "Asia/Shanghai")
    shanghai("import", "--batch", str(out))
    assert len(list(shanghai.vdir.iterdir())) == EVENTS
    fmt = "{start} {uid}"
    listed = [line for line in shanghai.day("2024-11-01", fmt) if " half-hourly." in line]
    assert listed == [f"{when} half-hourly.{k + 1}@ju-huasuan-2024-10-14.promoplan"
                      for k, when in enumerate(half_hourly("2024-11-01"))]
    # Berlin (CET, UTC+1) sees the same instants 7 hours earlier: 03:25 to 16:55
    berlin = Khal(khal_exe, tmp_path, "Europe/Berlin")
    assert [line.partition(" half")[0] for line in berlin.day("2024-11-01", fmt)
            if " half-hourly." in line] == half_hourly("2024-11-01", "03:25")


@pytest.mark.client
def test_a_moved_signup_over_the_same_calendar_doubles_nothing(cli: Cli, tmp_path: Path,
                                                               khal_exe: str) -> None:
    """--signup 2026-10-12, then 2026-10-13, over ju.ics: refused (file as it was, khal still
    holds 180 events); with the old campaign kept, every event moves and none is added.
    开团 is 报名 + 18 days: 2026-10-30, then 10-31."""
    out = tmp_path / "ju.ics"
    khal = Khal(khal_exe, tmp_path, "Asia/Shanghai")
    assert cli("compile", "ju-huasuan", "--signup", "2026-10-12", "-o", str(out)).exit_code == 0
    khal("import", "--batch", str(out))
    assert len(list(khal.vdir.iterdir())) == EVENTS
    first = out.read_bytes()
    refused = cli("compile", "ju-huasuan", "--signup", "2026-10-13", "-o", str(out))
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        f"{out}: 已有同一进程表另一次活动「ju-huasuan-2026-10-12」的{EVENTS}个事件，"
        "本次活动是「ju-huasuan-2026-10-13」")
    assert out.read_bytes() == first
    kept = cli("compile", "ju-huasuan", "--signup", "2026-10-13", "--campaign",
               "ju-huasuan-2026-10-12", "-o", str(out))
    assert kept.exit_code == 0, kept.stderr
    assert uids(out.read_bytes()) == uids(first)
    khal("import", "--batch", str(out))
    assert len(list(khal.vdir.iterdir())) == EVENTS  # replaced by UID, not added
    listed = khal("list", "--once", "--day-format", "", "--format", "{uid}",
                  "2026-08-01", "2027-03-01").split()
    assert sorted(listed) == sorted(uids(first))  # each event once
    fmt = "{start} {title}"
    assert [line for line in khal.day("2026-10-30", fmt) if CHECK in line] == []
    assert [line.partition(" [")[0] for line in khal.day("2026-10-31", fmt) if CHECK in line] == (
        half_hourly("2026-10-31"))


def test_a_seasons_calendars_rewritten_and_a_store_whose_date_moved(cli: Cli, tmp_path: Path) -> None:
    """The season's calendar holds every store: rewriting it is no clash. 店A has no
    `campaign:` here, so moving its 报名 from 10-14 to 10-20 makes it another campaign of
    the same playbook in 张伟's calendar (店A's 活动策划 is his only event of it): refused."""
    plans = tmp_path / "season"
    shutil.copytree(PLAYBOOKS / "season", plans)
    a = plans / "a.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("campaign: shop-a\n", ""), encoding="utf-8")
    cal = tmp_path / "cal"
    args = ("compile", str(plans), "--team", str(plans / "team.yaml"), "--split-by", "person",
            "-o", f"{cal}/")
    assert cli(*args).exit_code == 0
    first = {p.name: p.read_bytes() for p in cal.iterdir()}
    assert sorted(first) == ["刘洋.ics", "张伟.ics", "李娜.ics"]
    again = cli(*args)
    assert again.exit_code == 0, again.stderr
    assert {p.name: p.read_bytes() for p in cal.iterdir()} == first
    a.write_text(a.read_text(encoding="utf-8").replace("2024-10-14", "2024-10-20"), encoding="utf-8")
    moved = cli(*args)
    assert moved.exit_code == 2
    assert moved.stderr == (
        f"{cal / '张伟.ics'}: 已有同一进程表另一次活动「season-shop-2024-10-14」的1个事件，"
        "本次活动是「season-shop-2024-10-20」：写进同一个日历，每个人都会看到两份（若只是日期变了，"
        "在计划文件中写 campaign: season-shop-2024-10-14（只编译一个计划时也可加上 --campaign "
        "season-shop-2024-10-14）；若是新的一次活动，请写到另一个文件）\n")
    assert {p.name: p.read_bytes() for p in cal.iterdir()} == first

"""The ICS writer, read back with icalendar: times, UIDs, alarms, attendees, filters, split.

Dates are computed by hand from tests/playbooks/promo.yaml (see tests/test_resolve.py):
with --signup 2024-10-14 the group opens 2024-11-01 10:00 Asia/Shanghai.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from promoplan.i18n import words_for
from promoplan.plan import Plan
from promoplan.playbook import load
from promoplan.resolve import resolve
from promoplan.writers import WriterOptions, ics_

from .conftest import PLAYBOOKS, Cli, need_client

PROMO = str(PLAYBOOKS / "promo.yaml")
PLAN = str(PLAYBOOKS / "plan" / "plan.yaml")
TEAM = str(PLAYBOOKS / "promo-team.yaml")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def compile_(given: dict[str, str], path: str = PROMO) -> Plan:
    return resolve(load(path), given)


def ics(plan: Plan, lang: str | None = None, **kw: Any) -> bytes:
    return ics_.build(plan, words_for(plan.locale, lang), **kw)


def parse(data: bytes) -> Calendar:
    cal = Calendar.from_ical(data)
    assert isinstance(cal, Calendar)
    return cal


def events(data: bytes) -> dict[str, Any]:
    """UID (without the @playbook.promoplan tail) → VEVENT, in file order."""
    out = {}
    for ev in parse(data).walk("VEVENT"):
        key = str(ev["UID"]).removesuffix("@test-promo.promoplan")
        assert key not in out, f"duplicate UID {ev['UID']}"
        out[key] = ev
    return out


def moment(ev: Any, key: str) -> str:
    """`2024-11-01` for a DATE, `2024-11-01 15:00 Asia/Shanghai` for a zoned time."""
    prop = ev[key]
    value = prop.dt
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"{ev['UID']} {key} is floating"
        assert value == value.replace(tzinfo=None).replace(tzinfo=SHANGHAI)  # same instant
        return f"{value:%Y-%m-%d %H:%M} {prop.params['TZID']}"
    assert prop.params.get("VALUE") == "DATE"
    return f"{value.isoformat()}"


def span(ev: Any) -> tuple[str, str]:
    """DTSTART and DTEND, or `+P0D` for a moment (DURATION:P0D and no DTEND)."""
    if "DTEND" in ev:
        assert "DURATION" not in ev
        return moment(ev, "DTSTART"), moment(ev, "DTEND")
    assert ev["DURATION"].dt == timedelta(0)
    return moment(ev, "DTSTART"), "+P0D"


def triggers(ev: Any) -> list[timedelta]:
    alarms = [c for c in ev.subcomponents if c.name == "VALARM"]
    for alarm in alarms:
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm["DESCRIPTION"] == ev["SUMMARY"]
    return [a["TRIGGER"].dt for a in alarms]


def attendees(ev: Any) -> list[tuple[str, str]]:
    found = ev.get("ATTENDEE", [])
    found = found if isinstance(found, list) else [found]
    for att in found:
        assert (att.params["CUTYPE"], att.params["ROLE"], att.params["PARTSTAT"],
                att.params["RSVP"]) == ("INDIVIDUAL", "REQ-PARTICIPANT", "ACCEPTED", "FALSE")
    return [(str(a.params["CN"]), str(a)) for a in found]


# ------------------------------------------------------------------ times

HAND_COMPUTED = {
    # all-day: DTEND is the day after the due day (exclusive)
    "plan": ("2024-09-24", "2024-10-14"),
    "deposit": ("2024-10-22", "2024-10-23"),
    "price-stock": ("2024-10-29", "2024-10-31"),
    "follow-up": ("2024-10-30", "2024-11-03"),  # 10-30 .. 11-02 inclusive
    "ship": ("2024-11-01 15:00 Asia/Shanghai", "+P0D"),
    "restock": ("2024-11-01 16:30 Asia/Shanghai", "+P0D"),
    "review": ("2024-11-02", "2024-11-03"),
    "wd-task": ("2024-10-08", "2024-10-09"),  # 5 workdays back; Sat 10-12 is a make-up workday
    "chained": ("2024-10-31", "2024-11-03"),
    "detail": ("2024-10-05", "2024-10-23"),
    "preview": ("2024-11-01 09:00 Asia/Shanghai", "+P0D"),
    "half": ("2024-11-01 09:30 Asia/Shanghai", "+P0D"),
    "last-min": ("2024-11-01 09:59 Asia/Shanghai", "+P0D"),
    "check25": ("2024-11-01 10:25 Asia/Shanghai", "+P0D"),
    "check120": ("2024-11-01 12:00 Asia/Shanghai", "+P0D"),
    "half-hourly-1": ("2024-11-01 10:25 Asia/Shanghai", "+P0D"),
    "half-hourly-2": ("2024-11-01 10:55 Asia/Shanghai", "+P0D"),
    "half-hourly-3": ("2024-11-01 11:25 Asia/Shanghai", "+P0D"),
    "half-hourly-4": ("2024-11-01 11:55 Asia/Shanghai", "+P0D"),
    "cs-week": ("2024-11-01", "2024-11-10"),  # 11-01 .. 11-09 inclusive
    "evening": ("2024-10-31 18:00 Asia/Shanghai", "+P0D"),
}


def test_every_event_at_hand_computed_times_in_section_order() -> None:
    got = events(ics(compile_({"signup": "2024-10-14"})))
    assert {uid: span(ev) for uid, ev in got.items()} == HAND_COMPUTED
    assert list(got) == list(HAND_COMPUTED)  # sections 运营, 推广, 客服; playbook order within


def test_calendar_header_and_bounded_timezone() -> None:
    cal = parse(ics(compile_({"signup": "2024-10-14"})))
    assert (cal["VERSION"], cal["PRODID"], cal["CALSCALE"]) == (
        "2.0", "-//promoplan//promoplan//EN", "GREGORIAN")
    assert (cal["NAME"], cal["X-WR-CALNAME"], cal["X-WR-TIMEZONE"]) == (
        "测试进程表", "测试进程表", "Asia/Shanghai")
    assert "METHOD" not in cal  # not an iTIP message: ATTENDEE stays allowed
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Asia/Shanghai"
    assert tz["COMMENT"] == "This timezone only works from 2024-01-01 to 2025-01-01."
    [std] = tz.walk("STANDARD")
    assert (std["DTSTART"].to_ical(), std["TZOFFSETFROM"].td, std["TZOFFSETTO"].td) == (
        b"20240101T000000", timedelta(hours=8), timedelta(hours=8))


def test_timezone_spans_every_year_the_plan_touches() -> None:
    plan = compile_({"signup": "2024-10-14", "open": "2024-12-30"})
    got = events(ics(plan))
    assert span(got["cs-week"]) == ("2024-12-30", "2025-01-08")
    [tz] = parse(ics(plan)).walk("VTIMEZONE")
    assert tz["COMMENT"] == "This timezone only works from 2024-01-01 to 2026-01-01."


def test_a_daylight_saving_zone_gets_its_transitions_for_those_years_only(tmp_path: Path) -> None:
    path = tmp_path / "berlin.yaml"
    path.write_text(f"extends: {PROMO}\ntimezone: Europe/Berlin\n", encoding="utf-8")
    cal = parse(ics(compile_({"signup": "2024-10-14"}, str(path))))
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Berlin"
    assert sorted((c.name, c["DTSTART"].dt.date(), c["TZOFFSETTO"].td) for c in tz.subcomponents) == [
        ("DAYLIGHT", date(2024, 3, 31), timedelta(hours=2)),
        ("STANDARD", date(2024, 1, 1), timedelta(hours=1)),
        ("STANDARD", date(2024, 10, 27), timedelta(hours=1)),
    ]
    ship = next(ev for ev in cal.walk("VEVENT") if ev["UID"] == "ship@test-promo.promoplan")
    assert ship["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert ship["DTSTART"].dt == datetime(2024, 11, 1, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_one_timed_end_makes_both_ends_times(tmp_path: Path) -> None:
    """DTSTART and DTEND must be of one value type: a day end becomes a midnight."""
    path = tmp_path / "mixed.yaml"
    path.write_text(f"extends: {PROMO}\ntasks:\n"
                    "  - {id: page, name: 预热页面, section: 推广, owner: 推广主管, start: 开团前3天, due: open-1d@17:00}\n"
                    "  - {id: watch, name: 盯盘, section: 推广, owner: 推广主管, start: 开团前1小时, due: 开团后1天}\n",
                    encoding="utf-8")
    data = ics(compile_({"signup": "2024-10-14"}, str(path)))
    got = events(data)
    assert span(got["page"]) == ("2024-10-29 00:00 Asia/Shanghai", "2024-10-31 17:00 Asia/Shanghai")
    assert span(got["watch"]) == ("2024-11-01 09:00 Asia/Shanghai", "2024-11-03 00:00 Asia/Shanghai")
    assert b"DTSTART;TZID=Asia/Shanghai:20241029T000000\r\n" in data


# ------------------------------------------------------------------ content

def test_summary_description_and_categories() -> None:
    got = events(ics(compile_({}, PLAN)))
    price = got["price-stock"]
    assert price["SUMMARY"] == "[运营] 改价格、改库存数量"
    assert price["DESCRIPTION"] == ("负责岗位：运营主管\n责任人：张伟\n开始：开团前3天\n"
                                    "完成：开团前2天\n备注：以ERP库存为准\n"
                                    "⚠ 休息日截止")
    assert price["CATEGORIES"].cats == ["运营", "活动前"]
    assert price["TRANSP"] == "TRANSPARENT"
    check = got["check25"]
    assert (check["SUMMARY"], check["DESCRIPTION"]) == ("[推广] 跟进流量成交率",
                                                        "负责岗位：推广主管\n时间：开团后25分钟")
    assert check["CATEGORIES"].cats == ["推广", "活动中"]
    follow = got["follow-up"]
    assert follow["DESCRIPTION"] == "负责岗位：运营主管\n责任人：张伟\n时长：3d\n接在：price-stock"
    assert got["review"]["CATEGORIES"].cats == ["运营", "活动后"]


def test_repeating_check_is_one_event_per_occurrence() -> None:
    got = events(ics(compile_({"signup": "2024-10-14"})))
    repeats = {uid: ev for uid, ev in got.items() if uid.startswith("half-hourly")}
    assert list(repeats) == ["half-hourly-1", "half-hourly-2", "half-hourly-3", "half-hourly-4"]
    assert all("RRULE" not in ev for ev in got.values())
    assert [ev["DESCRIPTION"] for ev in repeats.values()] == [
        f"负责岗位：推广主管\n时间：open+25min\n每30分钟一次，共4次（第{n}次）" for n in range(1, 5)]
    assert {ev["SUMMARY"] for ev in repeats.values()} == {"[推广] 开团后每半个小时跟进流量"}
    assert [triggers(ev) for ev in repeats.values()] == [[timedelta(minutes=-15)]] * 4


def test_english_labels() -> None:
    price = events(ics(compile_({}, PLAN), "en"))["price-stock"]
    assert price["DESCRIPTION"] == ("Owner role: 运营主管\nPeople: 张伟\nStart: 开团前3天\n"
                                    "Due: 开团前2天\nNotes: 以ERP库存为准\n"
                                    "⚠ due on a day off")
    assert price["CATEGORIES"].cats == ["运营", "Before"]


def test_attendees_from_the_plan_team() -> None:
    got = events(ics(compile_({}, PLAN)))
    assert attendees(got["ship"]) == [("张伟", "urn:promoplan:person:%E5%BC%A0%E4%BC%9F")]
    assert attendees(got["cs-week"]) == [("李娜", "mailto:lina@example.com")]
    assert attendees(got["preview"]) == []  # 推广主管 has nobody in this plan


def test_attendees_from_a_team_file(cli: Cli, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("推广主管: [{name: 王芳, email: wangfang@example.com}, 赵磊]\n", encoding="utf-8")
    out = tmp_path / "plan.ics"
    result = cli("compile", PLAN, "--team", str(team), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    got = events(out.read_bytes())
    assert attendees(got["preview"]) == [
        ("王芳", "mailto:wangfang@example.com"),
        ("赵磊", "urn:promoplan:person:%E8%B5%B5%E7%A3%8A"),
    ]
    assert attendees(got["cs-week"]) == [("李娜", "mailto:lina@example.com")]  # plan file's team kept


# ------------------------------------------------------------------ alarms

def test_default_alarms_15_minutes_before_and_the_morning_before() -> None:
    got = events(ics(compile_({"signup": "2024-10-14"})))
    assert triggers(got["ship"]) == [timedelta(minutes=-15)]
    assert triggers(got["cs-week"]) == [timedelta(hours=-15)]  # 10-31 09:00 before 11-01 00:00
    assert str(got["cs-week"].subcomponents[0]["TRIGGER"].to_ical().decode()) == "-PT15H"


def test_alarms_from_the_playbook_and_the_task(tmp_path: Path) -> None:
    path = tmp_path / "remind.yaml"
    path.write_text(
        f"extends: {PROMO}\n"
        "reminders: {timed: 1h, all_day: 2d@18:00}\n"
        "tasks:\n"
        "  - {id: ship, remind: none}\n"
        "  - {id: check25, remind: 10min}\n"
        "  - {id: deposit, remind: 2wd@09:00}\n"
        "  - {id: cs-week, remind: 0min}\n",
        encoding="utf-8",
    )
    got = events(ics(compile_({"signup": "2024-10-14"}, str(path))))
    assert triggers(got["ship"]) == []
    assert triggers(got["check25"]) == [timedelta(minutes=-10)]
    assert triggers(got["preview"]) == [timedelta(hours=-1)]
    # 2 days before 10-29 at 18:00 = 10-27 18:00, 30 hours before the all-day start
    assert triggers(got["price-stock"]) == [timedelta(hours=-30)]
    # Tue 10-22: two working days back is Fri 10-18, at 09:00
    assert triggers(got["deposit"]) == [timedelta(days=-4, hours=9)]
    assert triggers(got["cs-week"]) == [timedelta(0)]


@pytest.mark.parametrize(("remind", "ship", "cs_week"), [
    ("30min", [timedelta(minutes=-30)], [timedelta(minutes=-30)]),
    ("1d@09:00", [timedelta(hours=-30)], [timedelta(hours=-15)]),  # ship 15:00 → 10-31 09:00
    ("none", [], []),
])
def test_remind_option_overrides_every_alarm(cli: Cli, tmp_path: Path, remind: str,
                                             ship: list[timedelta],
                                             cs_week: list[timedelta]) -> None:
    out = tmp_path / "plan.ics"
    result = cli("compile", PROMO, "--signup", "2024-10-14", "--remind", remind, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    got = events(out.read_bytes())
    assert (triggers(got["ship"]), triggers(got["cs-week"])) == (ship, cs_week)
    assert {len(triggers(ev)) for ev in got.values()} == {len(ship)}


# ------------------------------------------------------------------ identity and updates

def test_uids_unique_and_unchanged_when_open_moves() -> None:
    before = events(ics(compile_({"signup": "2024-10-14"})))
    after = events(ics(compile_({"signup": "2024-10-14", "open": "2024-11-05 20:00"})))
    assert list(before) == list(after) == list(HAND_COMPUTED)
    assert span(after["ship"]) == ("2024-11-05 15:00 Asia/Shanghai", "+P0D")
    assert span(after["check25"]) == ("2024-11-05 20:25 Asia/Shanghai", "+P0D")
    assert span(after["cs-week"]) == ("2024-11-05", "2024-11-14")
    assert span(after["plan"]) == span(before["plan"])  # counts from signup: unmoved
    assert {str(ev["UID"]) for ev in after.values()} == {
        f"{key}@test-promo.promoplan" for key in HAND_COMPUTED}


def test_same_input_same_bytes_without_a_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_clock(*args: object) -> None:
        raise AssertionError("the ICS writer read the clock")

    monkeypatch.setattr("promoplan.clock.now", no_clock)
    first = ics(compile_({"signup": "2024-10-14"}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    second = ics(compile_({"signup": "2024-10-14"}))
    assert first == second
    got = events(first)
    assert {(str(ev["DTSTAMP"].to_ical().decode()), ev["SEQUENCE"]) for ev in got.values()} == {
        ("20000101T000000Z", 0)}
    assert first.count(b"\r\n") == len(first.split(b"\r\n")) - 1  # CRLF line ends throughout


def test_sequence_goes_up_only_for_events_that_changed() -> None:
    first = ics(compile_({"signup": "2024-10-14"}))
    moved = ics(compile_({"signup": "2024-10-14", "open": "2024-11-05"}), previous=first)
    got = events(moved)
    changed = {uid for uid, ev in got.items() if ev["SEQUENCE"] == 1}
    assert changed == set(HAND_COMPUTED) - {"plan", "deposit", "wd-task", "detail"}
    assert {ev["SEQUENCE"] for uid, ev in got.items() if uid not in changed} == {0}
    assert got["ship"]["DTSTAMP"].to_ical() == b"20000101T000100Z"
    assert got["plan"]["DTSTAMP"].to_ical() == b"20000101T000000Z"
    # writing the same plan over its own output changes nothing
    again = ics(compile_({"signup": "2024-10-14", "open": "2024-11-05"}), previous=moved)
    assert again == moved
    # moving back is a new revision, not the first one: SEQUENCE keeps climbing
    back = events(ics(compile_({"signup": "2024-10-14"}), previous=moved))
    assert (back["ship"]["SEQUENCE"], back["plan"]["SEQUENCE"]) == (2, 0)
    assert span(back["ship"]) == HAND_COMPUTED["ship"]


def test_any_change_counts_not_only_dates() -> None:
    plan = compile_({}, PLAN)
    first = ics(plan)
    plan = replace(plan, tasks=[replace(t, notes="顺丰加急") if t.id == "ship" else t for t in plan.tasks])
    got = events(ics(plan, previous=first))
    assert {uid for uid, ev in got.items() if ev["SEQUENCE"] == 1} == {"ship"}


def test_render_takes_previous_and_name_from_writer_options() -> None:
    plan = compile_({"signup": "2024-10-14"})
    words = words_for(plan.locale, None)
    first = ics_.render(plan, words, WriterOptions())
    assert first == ics(plan)
    moved = compile_({"signup": "2024-10-14", "open": "2024-11-05"})
    out = ics_.render(moved, words, WriterOptions(previous=first, calendar_name="测试进程表 · 张伟"))
    assert events(out)["ship"]["SEQUENCE"] == 1
    assert parse(out)["X-WR-CALNAME"] == "测试进程表 · 张伟"


def refold(data: bytes, width: int) -> bytes:
    """The same calendar as another writer might lay it out: folded at `width`
    octets and with each ATTENDEE's parameters in reverse order."""
    lines = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    out = []
    for line in lines:
        if line.startswith("ATTENDEE;"):
            params = re.findall(r';([^;:"=]+=(?:"[^"]*"|[^;:"]*))', line)
            line = "ATTENDEE;" + ";".join(reversed(params)) + line[len("ATTENDEE;" + ";".join(params)):]
        piece = ""
        for char in line:
            if len((piece + char).encode()) > width:
                out.append(piece)
                piece = " "
            piece += char
        out.append(piece)
    return "\r\n".join(out).encode()


def test_lines_folded_at_75_octets_between_characters() -> None:
    data = ics(compile_({"signup": "2024-10-14"}, TEAM))
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) == 75
    assert sum(line.startswith(b" ") for line in lines) > 20
    for line in lines:
        line.decode("utf-8")  # a character is never cut in two
    price = events(data)["price-stock"]
    assert str(price["DESCRIPTION"]).endswith(
        "备注：以ERP库存为准; 价格, 库存 \\\\ 见共享表格：价格表第二页（含赠品、满减与平台补贴的叠加规则）")


def test_previous_laid_out_differently_counts_as_unchanged() -> None:
    plan = compile_({"signup": "2024-10-14"}, TEAM)
    first = ics(plan)
    other = refold(first, 40)
    assert other != first
    assert events(other).keys() == events(first).keys()
    assert ics(plan, previous=other) == first
    moved = events(ics(compile_({"signup": "2024-10-14", "open": "2024-11-05"}, TEAM), previous=other))
    assert (moved["ship"]["SEQUENCE"], moved["plan"]["SEQUENCE"]) == (1, 0)


def test_unreadable_previous_calendar_starts_over() -> None:
    plan = compile_({"signup": "2024-10-14"})
    assert ics(plan, previous=b"not a calendar") == ics(plan)


# ------------------------------------------------------------------ filters and split

def test_owner_and_person_filters(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "a.ics"
    assert cli("compile", PLAN, "--owner", "推广主管", "-o", str(out)).exit_code == 0
    assert list(events(out.read_bytes())) == ["detail", "preview", "half", "last-min", "check25",
                                              "check120"]
    assert cli("compile", PLAN, "--person", "李娜", "-o", str(out)).exit_code == 0
    got = events(out.read_bytes())
    assert list(got) == ["cs-week", "evening", "extra"]
    assert {a for ev in got.values() for a in attendees(ev)} == {("李娜", "mailto:lina@example.com")}


def test_split_by_owner_writes_one_calendar_per_role(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    result = cli("compile", PLAN, "--split-by", "owner", "-o", f"{folder}/")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["客服主管.ics", "推广主管.ics", "运营主管.ics"]
    roles = {p.stem: events(p.read_bytes()) for p in folder.iterdir()}
    assert list(roles["客服主管"]) == ["cs-week", "evening", "extra"]
    assert list(roles["推广主管"]) == ["detail", "preview", "half", "last-min", "check25", "check120"]
    assert list(roles["运营主管"]) == ["plan", "deposit", "price-stock", "follow-up", "ship",
                                   "restock", "review", "wd-task", "chained"]
    whole = events(ics(compile_({}, PLAN)))
    for part in roles.values():  # the same events, byte for byte, in each part
        for uid, ev in part.items():
            assert ev.to_ical() == whole[uid].to_ical()


def test_split_by_person_writes_one_calendar_per_person(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "people"
    result = cli("compile", PLAN, "--split-by", "person", "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["张伟.ics", "李娜.ics"]
    zhang = events((folder / "张伟.ics").read_bytes())
    assert list(zhang) == ["plan", "deposit", "price-stock", "follow-up", "ship", "restock",
                           "review", "wd-task", "chained"]
    assert {a for ev in zhang.values() for a in attendees(ev)} == {
        ("张伟", "urn:promoplan:person:%E5%BC%A0%E4%BC%9F")}
    assert list(events((folder / "李娜.ics").read_bytes())) == ["cs-week", "evening", "extra"]


def test_icalendar_is_imported_only_when_writing() -> None:
    code = ("import sys, promoplan.cli, promoplan.writers.ics_; "
            "print('icalendar' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


# ------------------------------------------------------------------ a real client

KHAL_CONFIG = """\
[calendars]
[[promo]]
path = {vdir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}
[default]
default_calendar = promo
[sqlite]
path = {db}
"""


class Khal:
    """khal with its own config, vdir calendar and cache, never the user's."""

    def __init__(self, exe: str, root: Path, zone: str) -> None:
        self.exe = exe
        self.root = root
        self.vdir = root / "promo"
        self.vdir.mkdir(exist_ok=True)
        self.config = root / f"khal-{zone.replace('/', '-')}.conf"
        self.config.write_text(KHAL_CONFIG.format(vdir=self.vdir, zone=zone,
                                                  db=root / f"{self.config.stem}.db"),
                               encoding="utf-8")

    def __call__(self, *args: str) -> str:
        env = {**os.environ, "XDG_CONFIG_HOME": str(self.root), "XDG_DATA_HOME": str(self.root),
               "LC_ALL": "C.UTF-8"}
        done = subprocess.run([self.exe, "--no-color", "-c", str(self.config), *args],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "warning" not in done.stderr.lower(), done.stderr
        return done.stdout

    def day(self, day: str) -> list[str]:
        out = self("list", "--day-format", "{date}", "--format", "{start} {end} {title}", day, day)
        return out.splitlines()


@pytest.fixture
def khal_exe() -> str:
    return need_client("khal", package="khal")


def test_missing_client_skips_unless_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("PROMOPLAN_REQUIRE_CLIENTS", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        need_client("khal", package="khal")
    monkeypatch.setenv("PROMOPLAN_REQUIRE_CLIENTS", "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        need_client("khal", package="khal")
    assert str(skipped.value) == "khal is not installed (apt-get install khal); this client test needs it"
    assert str(failed.value) == ("khal is not installed (apt-get install khal); this client test "
                                 "needs it, and PROMOPLAN_REQUIRE_CLIENTS=1 requires it")


@pytest.mark.client
def test_khal_imports_the_calendar_at_the_right_local_times(cli: Cli, tmp_path: Path,
                                                            khal_exe: str) -> None:
    out = tmp_path / "plan.ics"
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    shanghai = Khal(khal_exe, tmp_path, "Asia/Shanghai")
    shanghai("import", "--batch", str(out))
    assert len(list(shanghai.vdir.iterdir())) == len(HAND_COMPUTED)
    assert shanghai.day("2024-11-01") == [
        "2024-11-01",
        "2024-10-30 2024-11-02 [运营] 后续跟进",
        "2024-10-31 2024-11-02 [运营] 复核价格",
        "2024-11-01 2024-11-09 [客服] 售后跟进",
        "2024-11-01 09:00 2024-11-01 09:00 [推广] 开团前流量检查",
        "2024-11-01 09:30 2024-11-01 09:30 [推广] 开团前半小时检查",
        "2024-11-01 09:59 2024-11-01 09:59 [推广] 撤下预热页面",
        "2024-11-01 10:25 2024-11-01 10:25 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 10:25 2024-11-01 10:25 [推广] 跟进流量成交率",
        "2024-11-01 10:55 2024-11-01 10:55 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 11:25 2024-11-01 11:25 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 11:55 2024-11-01 11:55 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 12:00 2024-11-01 12:00 [推广] 两小时复盘",
        "2024-11-01 15:00 2024-11-01 15:00 [运营] 跟进物流打单及打包情况",
        "2024-11-01 16:30 2024-11-01 16:30 [运营] 补单给生产部",
    ]
    # The same file seen from Berlin (CET, UTC+1): every timed event 7 hours earlier.
    berlin = Khal(khal_exe, tmp_path, "Europe/Berlin")
    assert berlin.day("2024-11-01") == [
        "2024-11-01",
        "2024-10-30 2024-11-02 [运营] 后续跟进",  # all-day stays on its days
        "2024-10-31 2024-11-02 [运营] 复核价格",
        "2024-11-01 2024-11-09 [客服] 售后跟进",
        "2024-11-01 02:00 2024-11-01 02:00 [推广] 开团前流量检查",
        "2024-11-01 02:30 2024-11-01 02:30 [推广] 开团前半小时检查",
        "2024-11-01 02:59 2024-11-01 02:59 [推广] 撤下预热页面",
        "2024-11-01 03:25 2024-11-01 03:25 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 03:25 2024-11-01 03:25 [推广] 跟进流量成交率",
        "2024-11-01 03:55 2024-11-01 03:55 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 04:25 2024-11-01 04:25 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 04:55 2024-11-01 04:55 [推广] 开团后每半个小时跟进流量",
        "2024-11-01 05:00 2024-11-01 05:00 [推广] 两小时复盘",
        "2024-11-01 08:00 2024-11-01 08:00 [运营] 跟进物流打单及打包情况",
        "2024-11-01 09:30 2024-11-01 09:30 [运营] 补单给生产部",
    ]
    # The group opening moves to 11-05 20:00: re-importing updates, it does not duplicate.
    assert cli("compile", PROMO, "--signup", "2024-10-14", "--open", "2024-11-05 20:00",
               "-o", str(out)).exit_code == 0
    shanghai("import", "--batch", str(out))
    assert len(list(shanghai.vdir.iterdir())) == len(HAND_COMPUTED)
    assert shanghai.day("2024-11-01") == []  # everything that was on 11-01 moved away
    assert shanghai.day("2024-11-05") == [
        "2024-11-05",
        "2024-11-03 2024-11-06 [运营] 后续跟进",
        "2024-11-04 2024-11-06 [运营] 复核价格",
        "2024-11-05 2024-11-13 [客服] 售后跟进",
        "2024-11-05 15:00 2024-11-05 15:00 [运营] 跟进物流打单及打包情况",
        "2024-11-05 16:30 2024-11-05 16:30 [运营] 补单给生产部",
        "2024-11-05 19:00 2024-11-05 19:00 [推广] 开团前流量检查",
        "2024-11-05 19:30 2024-11-05 19:30 [推广] 开团前半小时检查",
        "2024-11-05 19:59 2024-11-05 19:59 [推广] 撤下预热页面",
        "2024-11-05 20:25 2024-11-05 20:25 [推广] 开团后每半个小时跟进流量",
        "2024-11-05 20:25 2024-11-05 20:25 [推广] 跟进流量成交率",
        "2024-11-05 20:55 2024-11-05 20:55 [推广] 开团后每半个小时跟进流量",
        "2024-11-05 21:25 2024-11-05 21:25 [推广] 开团后每半个小时跟进流量",
        "2024-11-05 21:55 2024-11-05 21:55 [推广] 开团后每半个小时跟进流量",
        "2024-11-05 22:00 2024-11-05 22:00 [推广] 两小时复盘",
    ]

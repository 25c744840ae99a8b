"""The ICS writer, read back with icalendar and vobject: times, UIDs, alarms, attendees,
filters, split, campaigns, cancellations, repeats, progress; khal as a real client.

Dates are computed by hand from tests/playbooks/promo.yaml (see tests/test_resolve.py):
with --signup 2024-10-14 the group opens 2024-11-01 10:00 Asia/Shanghai, and the
campaign key is test-promo-2024-10-14.
"""

from __future__ import annotations

import hashlib
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
import vobject
from icalendar import Calendar

from promoplan.playbook.assemble import load
from promoplan.playbook.schema import Person
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve
from promoplan.words import words_for
from promoplan.writers import WriterOptions
from promoplan.writers import ics as ics_writer

from .conftest import PLAYBOOKS, Cli, need_client

PROMO = str(PLAYBOOKS / "promo.yaml")
PLAN = str(PLAYBOOKS / "plan" / "plan.yaml")
TEAM = str(PLAYBOOKS / "promo-team.yaml")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def compile_(given: dict[str, str], path: str = PROMO) -> Plan:
    return resolve(load(path), given)


def ics(plan: Plan, lang: str | None = None, **kw: Any) -> bytes:
    return ics_writer.build(plan, words_for(plan.locale, lang), **kw)


DOMAIN = "@test-promo-2024-10-14.promoplan"


def parse(data: bytes) -> Calendar:
    """The calendar as icalendar reads it, after checking that vobject reads it the same."""
    cal = Calendar.from_ical(data)
    assert isinstance(cal, Calendar)
    other = vobject.readOne(data.decode("utf-8"))
    theirs = [(str(ev.uid.value), str(ev.summary.value), str(ev.description.value))
              for ev in getattr(other, "vevent_list", [])]
    assert theirs == [(str(ev["UID"]), str(ev["SUMMARY"]), str(ev["DESCRIPTION"]))
                      for ev in cal.walk("VEVENT")]
    return cal


def events(data: bytes, domain: str = DOMAIN) -> dict[str, Any]:
    """UID (without the @campaign.promoplan tail) → VEVENT, in file order."""
    out = {}
    for ev in parse(data).walk("VEVENT"):
        assert str(ev["UID"]).endswith(domain), ev["UID"]
        key = str(ev["UID"]).removesuffix(domain)
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


def attendees(ev: Any) -> list[tuple[str, str, str]]:
    """(CN, address, RSVP) of each ATTENDEE; the other parameters are checked here."""
    found = ev.get("ATTENDEE", [])
    found = found if isinstance(found, list) else [found]
    for att in found:
        assert (att.params["CUTYPE"], att.params["ROLE"], att.params["PARTSTAT"]) == (
            "INDIVIDUAL", "REQ-PARTICIPANT", "NEEDS-ACTION")
    return [(str(a.params["CN"]), str(a), str(a.params["RSVP"])) for a in found]


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
    # every 30min from open+25min until open+2h: an event each (12:25 is past 12:00)
    "half-hourly.1": ("2024-11-01 10:25 Asia/Shanghai", "+P0D"),
    "half-hourly.2": ("2024-11-01 10:55 Asia/Shanghai", "+P0D"),
    "half-hourly.3": ("2024-11-01 11:25 Asia/Shanghai", "+P0D"),
    "half-hourly.4": ("2024-11-01 11:55 Asia/Shanghai", "+P0D"),
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
    assert cal["METHOD"] == "PUBLISH"  # published data: no ORGANIZER, no ATTENDEE
    assert [ev for ev in cal.walk("VEVENT") if "ATTENDEE" in ev or "ORGANIZER" in ev] == []
    # an X- property: icalendar keeps its raw text, vobject unescapes it as the clients do
    described = vobject.readOne(ics(compile_({"signup": "2024-10-14"})).decode()).x_wr_caldesc
    assert described.value == (
        "⚠ 10月13日 周日（周末）有1项截止，请确认是否提前到10月12日 周六：运营第1项「活动策划」\n"
        "⚠ 11月2日 周六（周末）有3项截止，请确认是否提前到11月1日 周五：运营第4项「后续跟进」、"
        "运营第7项「活动后的评估」、运营第9项「复核价格」")
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
    ship = next(ev for ev in cal.walk("VEVENT") if ev["UID"] == f"ship{DOMAIN}")
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
    assert price["DESCRIPTION"] == "负责岗位：运营主管\n责任人：张伟\n备注：以ERP库存为准\n⚠ 休息日截止"
    assert price["CATEGORIES"].cats == ["运营", "活动前"]
    assert price["TRANSP"] == "TRANSPARENT"
    check = got["check25"]
    assert (check["SUMMARY"], check["DESCRIPTION"]) == ("[推广] 跟进流量成交率", "负责岗位：推广主管")
    assert check["CATEGORIES"].cats == ["推广", "活动中"]
    follow = got["follow-up"]
    assert follow["DESCRIPTION"] == "负责岗位：运营主管\n责任人：张伟"  # no `3d`, no task id
    assert got["review"]["CATEGORIES"].cats == ["运营", "活动后"]


def test_half_hourly_check_is_an_event_per_occurrence() -> None:
    """every 30min from open+25min until open+2h: 10:25, 10:55, 11:25, 11:55 (12:25 > 12:00),
    each an event of its own with its own UID, reminder and place in the series."""
    plan = compile_({"signup": "2024-10-14"})
    got = {key: ev for key, ev in events(ics(plan)).items() if key.startswith("half-hourly")}
    assert list(got) == ["half-hourly.1", "half-hourly.2", "half-hourly.3", "half-hourly.4"]
    [task] = [t for t in plan.tasks if t.id == "half-hourly"]
    assert [ev["DTSTART"].dt for ev in got.values()] == [
        o.start.begin.replace(tzinfo=SHANGHAI) for o in task.occurrences] == [
        datetime(2024, 11, 1, h, m, tzinfo=SHANGHAI) for h, m in ((10, 25), (10, 55), (11, 25), (11, 55))]
    for n, ev in enumerate(got.values(), 1):
        assert "RRULE" not in ev
        assert (ev["SUMMARY"], ev["DESCRIPTION"]) == (
            "[推广] 开团后每半个小时跟进流量", f"负责岗位：推广主管\n每30分钟一次，共4次（第{n}次）")
        assert triggers(ev) == [timedelta(minutes=-15)]


def test_ju_huasuan_half_hourly_check_until_the_end_of_the_day() -> None:
    """open 2024-11-01 10:00, at 开团25分钟, every 30min until end (open@23:59): 10:25 + 30k
    for k = 0..27 (23:55 is the last one before 23:59): 28 events, and no sub-daily RRULE
    anywhere in the calendar."""
    plan = compile_({"signup": "2024-10-14"}, "ju-huasuan")
    data = ics(plan)
    got = [ev for ev in parse(data).walk("VEVENT") if str(ev["UID"]).startswith("half-hourly")]
    assert [str(ev["UID"]) for ev in got] == [
        f"half-hourly.{n}@ju-huasuan-2024-10-14.promoplan" for n in range(1, 29)]
    hand = [datetime(2024, 11, 1, 10, 25, tzinfo=SHANGHAI) + timedelta(minutes=30 * k)
            for k in range(28)]
    assert [ev["DTSTART"].dt for ev in got] == hand
    assert hand[-1] == datetime(2024, 11, 1, 23, 55, tzinfo=SHANGHAI)
    assert [word for word in (b"RRULE", b"MINUTELY", b"HOURLY") if word in data] == []
    assert len(parse(data).walk("VEVENT")) == 153 - 1 + 28


def test_daily_and_weekly_repeats_are_rrules_working_day_steps_are_expanded(tmp_path: Path) -> None:
    path = tmp_path / "repeats.yaml"
    path.write_text(
        f"extends: {PROMO}\nremove: [half-hourly]\ntasks:\n"
        "  - {id: daily, name: 每日盘点, section: 运营, owner: 运营主管, at: open@09:00,"
        " repeat: {every: 1d, count: 3}}\n"
        "  - {id: weekly, name: 周报, section: 运营, owner: 运营主管, at: 开团当天,"
        " repeat: {every: 1w, count: 2}}\n"
        "  - {id: workdays, name: 工作日对账, section: 运营, owner: 运营主管, at: open+1d,"
        " repeat: {every: 1wd, count: 3}}\n"
        "  - {id: once, name: 只一次, section: 运营, owner: 运营主管, at: open+1d,"
        " repeat: {every: 1wd, count: 1}}\n",
        encoding="utf-8")
    got = events(ics(compile_({"signup": "2024-10-14"}, str(path))))
    assert got["daily"]["RRULE"].to_ical() == b"FREQ=DAILY;COUNT=3;INTERVAL=1"
    assert span(got["daily"]) == ("2024-11-01 09:00 Asia/Shanghai", "+P0D")
    assert got["weekly"]["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=2;INTERVAL=1"
    assert span(got["weekly"]) == ("2024-11-01", "2024-11-02")
    # Sat 11-02, then working days: Mon 11-04, Tue 11-05; one event each, numbered
    assert [span(got[f"workdays.{n}"]) for n in (1, 2, 3)] == [
        ("2024-11-02", "2024-11-03"), ("2024-11-04", "2024-11-05"), ("2024-11-05", "2024-11-06")]
    assert "workdays" not in got
    assert [got[f"workdays.{n}"]["DESCRIPTION"].splitlines()[-1] for n in (1, 2, 3)] == [
        f"每1个工作日一次，共3次（第{n}次）" for n in (1, 2, 3)]
    assert all("RRULE" not in got[f"workdays.{n}"] for n in (1, 2, 3))
    # a repeat that happens once is a plain event under the task's own UID
    assert (span(got["once"]), "RRULE" in got["once"]) == (("2024-11-02", "2024-11-03"), False)
    assert got["once"]["DESCRIPTION"] == (  # Sat 11-02: the warning's tag follows
        "负责岗位：运营主管\n每1个工作日一次，共1次\n⚠ 休息日截止")


def test_a_sub_daily_repeat_across_a_clock_change_keeps_the_wall_clock(tmp_path: Path) -> None:
    """Berlin leaves summer time on 2024-10-27 at 03:00: every 1h from 00:30 (open 10-26 10:00
    + 14h30min) follows the wall clock (the repeated 02:30 is listed once): four events, at
    the instants the plan gives, 02:30 being the first of the two (summer time)."""
    path = tmp_path / "berlin.yaml"
    path.write_text(
        f"extends: {PROMO}\ntimezone: Europe/Berlin\nremove: [half-hourly]\ntasks:\n"
        "  - {id: night, name: 夜间巡检, section: 运营, owner: 运营主管, at: open+14h30min,"
        " repeat: {every: 1h, count: 4}}\n",
        encoding="utf-8")
    plan = compile_({"signup": "2024-10-14", "open": "2024-10-26 10:00"}, str(path))
    [task] = [t for t in plan.tasks if t.id == "night"]
    assert [o.start.clock.isoformat("minutes") for o in task.occurrences if o.start.clock] == [
        "00:30", "01:30", "02:30", "03:30"]
    got = events(ics(plan))
    assert [key for key in got if key.startswith("night")] == [f"night.{n}" for n in (1, 2, 3, 4)]
    assert all("RRULE" not in got[f"night.{n}"] for n in (1, 2, 3, 4))
    assert [got[f"night.{n}"]["DTSTART"].dt.strftime("%H:%M %z") for n in (1, 2, 3, 4)] == [
        "00:30 +0200", "01:30 +0200", "02:30 +0200", "03:30 +0100"]


def test_english_labels() -> None:
    price = events(ics(compile_({}, PLAN), "en"))["price-stock"]
    assert price["DESCRIPTION"] == ("Owner role: 运营主管\nPeople: 张伟\nNotes: 以ERP库存为准\n"
                                    "⚠ due on a day off")
    assert price["CATEGORIES"].cats == ["运营", "Before"]


def test_published_calendar_names_people_in_the_description_only() -> None:
    got = events(ics(compile_({}, PLAN)))
    assert all("ATTENDEE" not in ev and "ORGANIZER" not in ev for ev in got.values())
    assert got["cs-week"]["DESCRIPTION"].splitlines()[:2] == ["负责岗位：客服主管", "责任人：李娜"]


def test_invite_writes_a_request_per_event_to_attendees_with_an_email(cli: Cli,
                                                                    tmp_path: Path) -> None:
    """The organizer once (also listed as 推广主管, never an attendee too); 赵磊 and 张伟 have no
    email: no ATTENDEE, named in one warning; an event with nobody to invite has no file."""
    team = tmp_path / "team.yaml"
    team.write_text("organizer: {name: 王芳, email: wangfang@example.com}\n"
                    "推广主管: [王芳, 赵磊, {name: 刘洋, email: liuyang@example.com}]\n", encoding="utf-8")
    folder = tmp_path / "invites"
    result = cli("compile", PLAN, "--team", str(team), "--invite", "-o", f"{folder}/")
    assert result.exit_code == 0, result.stderr
    promo = ["detail", "preview", "half", "last-min", "check25", "check120"]  # 推广主管's tasks
    wrote = "".join(f"已写入 {folder / key}.ics\n" for key in [*promo, "cs-week", "evening", "extra"])
    assert result.stderr == wrote + (
        "注意：2项截止日在休息日（10月13日 周日：1项、11月3日 周日：1项），请确认是否提前到前一个工作日；"
        "这些行标有“⚠ 休息日截止”。\n"
        "注意：没有邮箱、收不到邀请：张伟、赵磊（在计划文件或 --team 文件的团队名单中写上邮箱，"
        "如 {name: 张伟, email: …}）\n")
    for key in promo:
        data = (folder / f"{key}.ics").read_bytes()
        cal = parse(data)
        assert (cal["METHOD"], [str(ev["UID"]) for ev in cal.walk("VEVENT")]) == (
            "REQUEST", [f"{key}@test-promo-2024-10-14.promoplan"])
        [ev] = cal.walk("VEVENT")
        assert (str(ev["ORGANIZER"]), ev["ORGANIZER"].params["CN"]) == ("mailto:wangfang@example.com", "王芳")
        assert attendees(ev) == [("刘洋", "mailto:liuyang@example.com", "TRUE")]
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == (
            [] if key == "detail" else ["Asia/Shanghai"])  # a zone only for a timed event
    lina = events((folder / "cs-week.ics").read_bytes())
    assert attendees(lina["cs-week"]) == [("李娜", "mailto:lina@example.com", "TRUE")]


def test_invite_cancels_a_removed_task_in_its_own_file(cli: Cli, tmp_path: Path) -> None:
    """iTIP: a removed task's file becomes METHOD:CANCEL, with its attendees, a higher SEQUENCE
    and no alarm; the others keep their SEQUENCE, read back from the folder."""
    team = tmp_path / "team.yaml"
    team.write_text("organizer: {name: 王芳, email: wangfang@example.com}\n"
                    "运营主管: [{name: 张伟, email: zhangwei@example.com}]\n", encoding="utf-8")
    folder = tmp_path / "invites"
    args = ("--signup", "2024-10-14", "--team", str(team), "--invite", "-o", f"{folder}/")
    assert cli("compile", PROMO, *args).exit_code == 0
    assert cli("compile", without("ship", tmp_path), *args).exit_code == 0
    cal = parse((folder / "ship.ics").read_bytes())
    [ship] = cal.walk("VEVENT")
    assert (cal["METHOD"], ship["STATUS"], ship["SEQUENCE"], ship["SUMMARY"], triggers(ship)) == (
        "CANCEL", "CANCELLED", 1, "✗ [运营] 跟进物流打单及打包情况", [])
    assert attendees(ship) == [("张伟", "mailto:zhangwei@example.com", "TRUE")]
    restock = parse((folder / "restock.ics").read_bytes())
    assert (restock["METHOD"], restock.walk("VEVENT")[0]["SEQUENCE"]) == ("REQUEST", 0)


@pytest.mark.parametrize(("option", "message", "english"), [
    (["-o", "plan.ics"], "命令行：--invite 把每个事件的邀请写到一个文件夹里，而 -o plan.ics 是日历文件"
     "（请给一个文件夹，例如 -o plan/）\n",
     "command line: --invite writes one invitation per event into a folder, "
     "and -o plan.ics is a calendar file (give a folder, e.g. -o plan/)\n"),
    (["-o", "plan.xlsx"], "命令行：--invite 需要用 -o 给一个存放邀请的文件夹，每个事件一个文件"
     "（例如 -o invites/）\n",
     "command line: --invite needs -o FOLDER/ for the invitations, one file "
     "per event (e.g. -o invites/)\n"),
    (["-o", "cal/", "--split-by", "person"], "命令行：--invite 不能和 --split-by person 一起用：邀请发给"
     "事件的每位参与人，不是每人一个日历（去掉 --split-by；每个邀请都写明了参与人）\n",
     "command line: --invite and --split-by person: an "
     "invitation goes to every attendee of its event, not to one calendar per person (leave out "
     "--split-by; each invitation names its attendees)\n"),
])
def test_invite_needs_a_folder_of_its_own(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          option: list[str], message: str, english: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("compile", PLAN, "--invite", *option)
    assert (result.exit_code, result.stderr, list(tmp_path.iterdir())) == (2, message, [])
    result = cli("compile", PLAN, "--invite", *option, "--lang", "en")
    assert (result.exit_code, result.stderr, list(tmp_path.iterdir())) == (2, english, [])


def test_invite_without_an_organizer_is_refused(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "invites"
    result = cli("compile", PLAN, "--invite", "-o", f"{out}/")
    assert result.exit_code == 2
    assert result.stderr == ("命令行：--invite：团队中没有发出邀请的组织者"
                             "（在计划文件或 --team 文件的 team: 下加上 organizer: {name: …, email: …}）\n")
    result = cli("compile", PLAN, "--invite", "-o", f"{out}/", "--lang", "en")
    assert result.stderr == (
        "command line: --invite: the team has no organizer to send the invitations (add "
        "`organizer: {name: …, email: …}` under team, in the plan file or the --team file)\n")
    assert not out.exists()


def test_invite_needs_the_organizers_email(cli: Cli, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("organizer: 王芳\n", encoding="utf-8")
    out = tmp_path / "invites"
    result = cli("compile", PLAN, "--team", str(team), "--invite", "-o", f"{out}/")
    assert result.exit_code == 2
    assert result.stderr == ("命令行：--invite：组织者「王芳」没有邮箱，无法发出邀请"
                             "（在 team: 下写 organizer: {name: 王芳, email: …}）\n")
    result = cli("compile", PLAN, "--team", str(team), "--invite", "-o", f"{out}/", "--lang", "en")
    assert result.stderr == (
        "command line: --invite: the organizer '王芳' has no email to send the invitations from "
        "(write `organizer: {name: 王芳, email: …}` under team)\n")
    assert not out.exists()


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
        f"{key}{DOMAIN}" for key in HAND_COMPUTED}


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
    first = ics_writer.render(plan, words, WriterOptions())
    assert first == ics(plan)
    moved = compile_({"signup": "2024-10-14", "open": "2024-11-05"})
    out = ics_writer.render(moved, words, WriterOptions(previous=first, calendar_name="测试进程表 · 张伟"))
    assert events(out)["ship"]["SEQUENCE"] == 1
    assert parse(out)["X-WR-CALNAME"] == "测试进程表 · 张伟"


def refold(data: bytes, width: int) -> bytes:
    """The same calendar folded at `width` octets, as another program might lay it out."""
    lines = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    out = []
    for line in lines:
        piece = ""
        for char in line:
            if len((piece + char).encode()) > width:
                out.append(piece)
                piece = " "
            piece += char
        out.append(piece)
    return "\r\n".join(out).encode()


def test_the_file_is_what_icalendar_writes_for_the_calendar_it_holds(tmp_path: Path) -> None:
    """Every kind of event line, ATTENDEE parameters and SEQUENCE carried from an earlier file:
    the bytes are icalendar's own (sorted) serialisation of the calendar, and of each event."""
    path = tmp_path / "invite.yaml"
    path.write_text(
        f"extends: {PROMO}\nteam:\n  推广主管: [{{name: 王芳, email: wangfang@example.com}}, 赵磊,"
        " {name: 刘洋, email: liuyang@example.com}]\n"
        "  客服主管: [{name: 李娜, email: lina@example.com}]\nprogress:\n  restock: 取消\n"
        "tasks:\n  - {id: daily, name: 每日盘点, section: 运营, owner: 运营主管, at: open@09:00,"
        " repeat: {every: 1d, count: 3}}\n",
        encoding="utf-8")
    plan = compile_({"signup": "2024-10-14"}, str(path))
    organizer = Person(name="王芳", email="wangfang@example.com")
    earlier = ics(compile_({"signup": "2024-10-14"}))
    data = ics(replace(plan, organizer=organizer), invite=True, previous=earlier)
    seen = {re.split("[;:]", line)[0] for line in data.replace(b"\r\n ", b"").decode().splitlines()}
    assert {"RRULE", "ATTENDEE", "ORGANIZER", "STATUS", "DURATION", "DTEND", "TRIGGER"} <= seen
    assert events(data)["restock"]["SEQUENCE"] == 1
    assert events(data)["preview"]["SEQUENCE"] == 1  # attendees added
    # the same invitations over their own file (one ATTENDEE or several): nothing changed
    again = ics(replace(plan, organizer=organizer), invite=True, previous=data)
    assert again == data
    assert len(events(data)["cs-week"]["ATTENDEE"].params) == 5  # one ATTENDEE, not a list
    cal = Calendar.from_ical(data)
    assert cal.to_ical() == data
    for event in cal.walk("VEVENT"):
        assert event.to_ical() in data


def test_lines_folded_at_75_octets_between_characters() -> None:
    data = ics(compile_({"signup": "2024-10-14"}, TEAM))
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) == 75
    assert sum(line.startswith(b" ") for line in lines) > 10
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


MOVED = {"signup": "2024-10-14", "open": "2024-11-05"}
CHANGED_BY_MOVING = set(HAND_COMPUTED) - {"plan", "deposit", "wd-task", "detail"}


@pytest.mark.parametrize("sequence", ["²", "9" * 5000, "9" * 20, "2147483648", "-3", "abc", ""])
def test_a_sequence_that_is_no_rfc_integer_is_read_as_0(sequence: str, tmp_path: Path) -> None:
    """Not an INTEGER of RFC 5545 (0 to 2147483647): read as 0, as an unreadable SEQUENCE
    always was. The event still counts as known: a change raises it to 1, and a removed
    task is carried over as cancelled."""
    first = ics(compile_({"signup": "2024-10-14"}))
    hostile = first.replace(b"SEQUENCE:0", f"SEQUENCE:{sequence}".encode())
    assert hostile.count(f"SEQUENCE:{sequence}\r\n".encode()) == len(HAND_COMPUTED)
    assert ics(compile_({"signup": "2024-10-14"}), previous=hostile) == first
    moved = events(ics(compile_(MOVED), previous=hostile))
    assert {key for key, ev in moved.items() if ev["SEQUENCE"] == 1} == CHANGED_BY_MOVING
    assert {ev["SEQUENCE"] for key, ev in moved.items() if key not in CHANGED_BY_MOVING} == {0}
    smaller = events(ics(compile_({"signup": "2024-10-14"}, without("ship", tmp_path)),
                         previous=hostile))
    assert (smaller["ship"]["STATUS"], smaller["ship"]["SEQUENCE"]) == ("CANCELLED", 1)


NO_EARLIER_CALENDAR = {
    "garbage": lambda data: b"\x00\xff\xfe garbage\r\n:::\r\n",
    "cut in the middle": lambda data: data[: len(data) // 2],
    "no END:VCALENDAR": lambda data: data[: data.rindex(b"END:VCALENDAR")],
    "a fold before the first line": lambda data: b" x\r\n" + data,
    "3,000 nested events": lambda data: (b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * 3000
                                         + b"END:VEVENT\r\n" * 3000 + b"END:VCALENDAR\r\n"),
}
READ_ALL_THE_SAME = {
    "blank lines": lambda data: data.replace(b"\r\n", b"\r\n\r\n"),
    "LF line ends": lambda data: data.replace(b"\r\n", b"\n"),
    "a byte-order mark": lambda data: b"\xef\xbb\xbf" + data,
    "bytes that are not UTF-8": lambda data: data.replace("运营".encode(), b"\xff\xfe", 1),
    "the calendar twice": lambda data: data + data,
}


@pytest.mark.parametrize("damage", list(NO_EARLIER_CALENDAR))
def test_a_previous_file_icalendar_cannot_read_counts_as_none(damage: str) -> None:
    first = ics(compile_({"signup": "2024-10-14"}))
    damaged = NO_EARLIER_CALENDAR[damage](first)
    assert ics(compile_(MOVED), previous=damaged) == ics(compile_(MOVED))  # every SEQUENCE 0


@pytest.mark.parametrize("damage", list(READ_ALL_THE_SAME))
def test_a_previous_file_laid_out_oddly_is_read_all_the_same(damage: str) -> None:
    first = ics(compile_({"signup": "2024-10-14"}))
    damaged = READ_ALL_THE_SAME[damage](first)
    assert ics(compile_(MOVED), previous=damaged) == ics(compile_(MOVED), previous=first)


def test_a_damaged_line_counts_as_a_change_of_its_event_only() -> None:
    first = ics(compile_({"signup": "2024-10-14"}))
    damaged = first.replace(b"TRANSP:TRANSPARENT", b"TRANSP TRANSPARENT", 1)  # the first event's
    got = events(ics(compile_({"signup": "2024-10-14"}), previous=damaged))
    assert {key: ev["SEQUENCE"] for key, ev in got.items() if ev["SEQUENCE"]} == {"plan": 1}


# ------------------------------------------------------------------ filters and split

def test_owner_and_person_filters(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "a.ics"
    assert cli("compile", PLAN, "--owner", "推广主管", "-o", str(out)).exit_code == 0
    assert list(events(out.read_bytes())) == ["detail", "preview", "half", "last-min", "check25",
                                              "check120"]
    out = tmp_path / "b.ics"
    assert cli("compile", PLAN, "--person", "李娜", "-o", str(out)).exit_code == 0
    got = events(out.read_bytes())
    assert list(got) == ["cs-week", "evening", "extra"]
    assert {ev["DESCRIPTION"].splitlines()[1] for ev in got.values()} == {"责任人：李娜"}


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
    assert {ev["DESCRIPTION"].splitlines()[1] for ev in zhang.values()} == {"责任人：张伟"}
    assert list(events((folder / "李娜.ics").read_bytes())) == ["cs-week", "evening", "extra"]


def test_icalendar_is_imported_only_when_a_calendar_is_written() -> None:
    code = ("import sys\n"
            "from promoplan.words import words_for\n"
            "from promoplan.playbook.assemble import load\n"
            "from promoplan.schedule.resolve import resolve\n"
            "from promoplan import cli, writers\n"
            f"plan = resolve(load({PROMO!r}), {{'signup': '2024-10-14'}})\n"
            "words = words_for(plan.locale, None)\n"
            "writers.render(plan, 'json', words)\n"
            "print('icalendar' in sys.modules)\n"
            "writers.render(plan, 'ics', words)\n"
            "print('icalendar' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\nTrue\n"


# ------------------------------------------------------------------ campaigns

JU = "ju-huasuan"


def uids(data: bytes) -> set[str]:
    return {str(ev["UID"]) for ev in parse(data).walk("VEVENT")}


def test_two_campaigns_have_disjoint_uids() -> None:
    october = ics(compile_({"signup": "2024-10-14"}, JU))
    december = ics(compile_({"signup": "2024-12-02"}, JU))
    first, second = uids(october), uids(december)
    assert len(first) == len(second) == len(parse(october).walk("VEVENT"))
    assert first.isdisjoint(second)
    assert {u.partition("@")[2] for u in first} == {"ju-huasuan-2024-10-14.promoplan"}
    assert {u.partition("@")[2] for u in second} == {"ju-huasuan-2024-12-02.promoplan"}
    assert {u.partition("@")[0] for u in first} == {u.partition("@")[0] for u in second}


def test_a_campaign_key_in_chinese_gives_safe_stable_uids(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(f"extends: {PROMO}\ncampaign: 2024-双十一-旗舰店\n", encoding="utf-8")
    plan = compile_({"signup": "2024-10-14"}, str(path))
    assert plan.campaign == "2024-双十一-旗舰店"
    digest = hashlib.sha256("2024-双十一-旗舰店".encode()).hexdigest()[:10]
    domain = f"@2024-{digest}.promoplan"
    got = events(ics(plan), domain)
    assert list(got) == list(HAND_COMPUTED)
    assert all(str(ev["UID"]).isascii() for ev in got.values())
    # the key names the campaign, not the dates: moving the group keeps the UIDs
    moved = compile_({"signup": "2024-10-20", "open": "2024-11-08"}, str(path))
    assert list(events(ics(moved), domain)) == list(HAND_COMPUTED)
    assert ics_writer.safe_key("2024-双十二-旗舰店") != ics_writer.safe_key("2024-双十一-旗舰店")
    assert ics_writer.safe_key("双十一") == hashlib.sha256("双十一".encode()).hexdigest()[:10]


def test_moving_open_within_a_campaign_keeps_uids_and_bumps_sequence(cli: Cli,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    before = events(out.read_bytes())
    assert cli("compile", PROMO, "--signup", "2024-10-14", "--open", "2024-11-05 20:00",
               "-o", str(out)).exit_code == 0
    after = events(out.read_bytes())
    assert list(after) == list(before) == list(HAND_COMPUTED)
    assert {key: ev["SEQUENCE"] for key, ev in after.items() if ev["SEQUENCE"]} == {
        key: 1 for key in HAND_COMPUTED if key not in ("plan", "deposit", "detail", "wd-task")}
    assert span(after["ship"]) == ("2024-11-05 15:00 Asia/Shanghai", "+P0D")


def without(task_id: str, tmp_path: Path) -> str:
    path = tmp_path / f"without-{task_id}.yaml"
    path.write_text(f"extends: {PROMO}\nremove: [{task_id}]\n", encoding="utf-8")
    return str(path)


def test_a_removed_task_is_cancelled_until_dropped(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    old = events(out.read_bytes())["ship"]
    smaller = without("ship", tmp_path)
    assert cli("compile", smaller, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    got = events(out.read_bytes())
    assert list(got) == [*(k for k in HAND_COMPUTED if k != "ship"), "ship"]  # cancelled last
    ship = got["ship"]
    assert (ship["STATUS"], ship["SEQUENCE"], ship["DTSTAMP"].to_ical()) == (
        "CANCELLED", 1, b"20000101T000100Z")
    assert (span(ship), ship["SUMMARY"]) == (span(old), f"✗ {old['SUMMARY']}")  # Outlook shows no more
    assert triggers(ship) == []  # a cancelled task does not ring
    assert {ev["SEQUENCE"] for key, ev in got.items() if key != "ship"} == {0}
    # kept, unchanged, by the next compile over this file
    again = out.read_bytes()
    assert cli("compile", smaller, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == again
    # a task that comes back is live again, with a higher SEQUENCE still
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    back = events(out.read_bytes())["ship"]
    assert ("STATUS" not in back, back["SEQUENCE"], triggers(back)) == (
        True, 2, [timedelta(minutes=-15)])
    # until the flag drops the cancelled ones
    assert cli("compile", smaller, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    assert events(out.read_bytes())["ship"]["SEQUENCE"] == 3
    assert cli("compile", smaller, "--signup", "2024-10-14", "--drop-cancelled",
               "-o", str(out)).exit_code == 0
    assert "ship" not in events(out.read_bytes())


def test_a_file_of_another_campaign_of_the_playbook_is_refused(cli: Cli, tmp_path: Path) -> None:
    """The default key moves with the first date: writing --signup 12-02 over the 10-14 file
    would double everyone's calendar. Refused, file untouched; --campaign keeps the old key
    (every event updated, none added), another file takes a new campaign."""
    out = tmp_path / "plan.ics"
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    result = cli("compile", PROMO, "--signup", "2024-12-02", "-o", str(out))
    assert (result.exit_code, out.read_bytes()) == (2, before)
    assert result.stderr == (
        f"{out}: 已有同一进程表另一次活动「test-promo-2024-10-14」的{len(HAND_COMPUTED)}个事件，"
        "本次活动是「test-promo-2024-12-02」：写进同一个日历，每个人都会看到两份（若只是日期变了，"
        "在计划文件中写 campaign: test-promo-2024-10-14（只编译一个计划时也可加上 --campaign "
        "test-promo-2024-10-14）；若是新的一次活动，请写到另一个文件）\n")
    english = cli("compile", PROMO, "--signup", "2024-12-02", "--lang", "en", "-o", str(out))
    assert english.stderr == (
        f"{out}: holds {len(HAND_COMPUTED)} events of another campaign of this playbook, "
        "'test-promo-2024-10-14', and this plan is campaign 'test-promo-2024-12-02': written into "
        "one calendar, everyone would see both (if only the dates changed, write campaign: "
        "test-promo-2024-10-14 in the plan file (or, compiling one plan, add --campaign "
        "test-promo-2024-10-14); if this is a new campaign, write it to another file)\n")
    kept = cli("compile", PROMO, "--signup", "2024-12-02", "--campaign", "test-promo-2024-10-14",
               "-o", str(out))
    assert kept.exit_code == 0, kept.stderr
    got = events(out.read_bytes())
    assert list(got) == list(HAND_COMPUTED)
    assert span(got["ship"]) == ("2024-12-20 15:00 Asia/Shanghai", "+P0D")
    assert {ev["SEQUENCE"] for ev in got.values()} == {1}  # every date moved
    other = tmp_path / "december.ics"
    assert cli("compile", PROMO, "--signup", "2024-12-02", "-o", str(other)).exit_code == 0


def test_what_is_no_other_run_of_the_campaign(cli: Cli, tmp_path: Path) -> None:
    """Another playbook's events (no task in common) and events already cancelled are no clash;
    they are not carried into this campaign's file either."""
    out = tmp_path / "plan.ics"
    assert cli("compile", "double-11-day", "--event", "2024-11-11", "-o", str(out)).exit_code == 0
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    assert list(events(out.read_bytes())) == list(HAND_COMPUTED)
    cancelled = out.read_bytes().replace(b"TRANSP:TRANSPARENT", b"STATUS:CANCELLED\r\nTRANSP:TRANSPARENT")
    out.write_bytes(cancelled)
    assert cli("compile", PROMO, "--signup", "2024-12-02", "-o", str(out)).exit_code == 0
    got = events(out.read_bytes(), "@test-promo-2024-12-02.promoplan")
    assert list(got) == list(HAND_COMPUTED)
    assert {ev["SEQUENCE"] for ev in got.values()} == {0}
    assert all("STATUS" not in ev for ev in got.values())


@pytest.mark.parametrize(("args", "message", "english"), [
    (["--campaign", " "], "命令行：--campaign 后面要写活动编号（例如 --campaign ju-huasuan-2026-10-12）\n",
     "command line: --campaign needs a key (e.g. --campaign ju-huasuan-2026-10-12)\n"),
    ([str(PLAYBOOKS / "season"), "--campaign", "x"],
     "命令行：--campaign 只能给一个计划，这里有4个计划（改为在每个计划文件中写 campaign:）\n",
     "command line: --campaign names one plan's campaign, and 4 plans are given (write `campaign:` in "
     "each plan file instead)\n"),
])
def test_campaign_option_mistakes(cli: Cli, args: list[str], message: str, english: str) -> None:
    result = cli("compile", PROMO, "--signup", "2024-10-14", *args)
    assert (result.exit_code, result.stderr) == (2, message)
    result = cli("compile", PROMO, "--signup", "2024-10-14", *args, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, english)


def test_a_repeat_that_shrinks_cancels_its_lost_occurrences(tmp_path: Path) -> None:
    path = tmp_path / "wd.yaml"
    body = (f"extends: {PROMO}\nremove: [half-hourly]\ntasks:\n"
            "  - {{id: tally, name: 对账, section: 运营, owner: 运营主管, at: open+1d,"
            " repeat: {{every: 1wd, count: {n}}}}}\n")
    path.write_text(body.format(n=3), encoding="utf-8")
    first = ics(compile_({"signup": "2024-10-14"}, str(path)))
    path.write_text(body.format(n=2), encoding="utf-8")
    got = events(ics(compile_({"signup": "2024-10-14"}, str(path)), previous=first))
    assert [(k, ev.get("STATUS"), ev["SEQUENCE"]) for k, ev in got.items() if k.startswith("tally")] == [
        ("tally.1", None, 1), ("tally.2", None, 1), ("tally.3", "CANCELLED", 1)]
    # (1 and 2 changed too: their descriptions said 共3次)


# ------------------------------------------------------------------ reminders on the calendar

def test_working_day_reminders_follow_the_holiday_calendar(tmp_path: Path) -> None:
    """A deadline on Tue 2024-10-08, the first working day after 国庆 (10-01..10-07 off; Sun 09-29
    and Sat 10-12 are make-up working days). One working day before is Mon 09-30, not Mon
    10-07 (a holiday that Monday-to-Friday counting would pick); two working days before is
    Sun 09-29, the make-up day, which Monday-to-Friday counting would skip (to Fri 09-27)."""
    path = tmp_path / "national-day.yaml"
    path.write_text(
        f"extends: {PROMO}\ntasks:\n"
        "  - {id: one, name: 一个工作日, section: 运营, owner: 运营主管, due: 报名前6天, remind: 1wd@09:00}\n"
        "  - {id: two, name: 两个工作日, section: 运营, owner: 运营主管, due: 报名前6天, remind: 2wd@09:00}\n"
        "  - {id: timed, name: 定时, section: 运营, owner: 运营主管, at: 报名前6天10点, remind: 2wd}\n",
        encoding="utf-8")
    got = events(ics(compile_({"signup": "2024-10-14"}, str(path))))
    assert span(got["one"]) == ("2024-10-08", "2024-10-09")
    assert triggers(got["one"]) == [-timedelta(days=7, hours=15)]  # 10-08 00:00 → 09-30 09:00
    assert triggers(got["two"]) == [-timedelta(days=8, hours=15)]  # 10-08 00:00 → 09-29 09:00
    assert triggers(got["timed"]) == [-timedelta(days=9)]  # 10-08 10:00 → 09-29 10:00


# ------------------------------------------------------------------ progress

def test_progress_as_status_mark_and_description(tmp_path: Path) -> None:
    """The status as every other output shows it (✓ 完成, ▶ 进行中, ⚠ 受阻, ✗ 取消)."""
    path = tmp_path / "progress.yaml"
    path.write_text(
        f"extends: {PLAN}\nprogress:\n  ship: 完成 2024-11-05\n  restock: 取消\n"
        "  review: 进行中\n  cs-week: blocked\n", encoding="utf-8")
    got = events(ics(compile_({}, str(path))))
    ship, restock, review, cs_week = (got[k] for k in ("ship", "restock", "review", "cs-week"))
    assert (ship["SUMMARY"], "STATUS" in ship, triggers(ship)) == (
        "✓ [运营] 跟进物流打单及打包情况", False, [])
    assert ship["DESCRIPTION"].splitlines()[-1] == "进度：✓ 完成（2024-11-05）"
    assert "COMPLETED" not in ship  # a VTODO property, invalid on a VEVENT
    assert (restock["SUMMARY"], restock["STATUS"], triggers(restock)) == (
        "✗ [运营] 补单给生产部", "CANCELLED", [])
    assert restock["DESCRIPTION"].splitlines()[-1] == "进度：✗ 取消"
    assert (review["SUMMARY"], "STATUS" in review, review["DESCRIPTION"].splitlines()[-1]) == (
        "[运营] 活动后的评估", False, "进度：▶ 进行中")
    assert len(triggers(review)) == 1
    assert cs_week["DESCRIPTION"].splitlines()[-1] == "进度：⚠ 受阻"


# ------------------------------------------------------------------ text

def test_control_characters_are_left_out_tabs_and_line_breaks_kept(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(f"extends: {PROMO}\ntasks:\n"
                    '  - {id: ship, name: "响铃\\a与\\x1b转义\\ttab", notes: "一\\r\\n二\\r三"}\n',
                    encoding="utf-8")
    data = ics(compile_({"signup": "2024-10-14"}, str(path)))
    ship = events(data)["ship"]
    assert ship["SUMMARY"] == "[运营] 响铃与转义\ttab"
    assert ship["DESCRIPTION"].endswith("备注：一\n二\n三")
    assert not re.search(rb"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]", data)


def test_backslashes_round_trip_across_folds(tmp_path: Path) -> None:
    """Backslashes everywhere, so folds fall beside and between escapes: icalendar's job."""
    notes = "".join(f"路径{i}\\\\共享\\,价格;" + "\\" * i for i in range(1, 30))
    path = tmp_path / "notes.yaml"
    path.write_text(f"extends: {PROMO}\ntasks:\n  - id: ship\n    notes: '{notes}'\n",
                    encoding="utf-8")
    data = ics(compile_({"signup": "2024-10-14"}, str(path)))
    assert re.search(rb"\\\r\n \\", data)  # a fold between the two halves of an escape
    description = str(events(data)["ship"]["DESCRIPTION"])
    assert description.endswith(f"备注：{notes}")
    [ev] = [e for e in vobject.readOne(data.decode()).vevent_list if e.uid.value == f"ship{DOMAIN}"]
    assert ev.description.value == description


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

    def day(self, day: str, fmt: str = "{start} {end} {title}") -> list[str]:
        out = self("list", "--day-format", "{date}", "--format", fmt, day, day)
        return out.splitlines()

    def stored(self) -> dict[str, Any]:
        """What khal keeps in its vdir: one file per UID."""
        out = {}
        for path in self.vdir.iterdir():
            cal = parse(path.read_bytes())
            [event] = cal.walk("VEVENT")
            out[str(event["UID"])] = event
        return out


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
    stored = shanghai.stored()
    assert (stored[f"ship{DOMAIN}"]["SEQUENCE"], stored[f"plan{DOMAIN}"]["SEQUENCE"]) == (1, 0)
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


@pytest.mark.client
def test_khal_keeps_two_campaigns_side_by_side(cli: Cli, tmp_path: Path, khal_exe: str) -> None:
    khal = Khal(khal_exe, tmp_path, "Asia/Shanghai")
    files = {}
    for signup in ("2024-10-14", "2024-12-02"):
        files[signup] = tmp_path / f"ju-{signup}.ics"
        assert cli("compile", JU, "--signup", signup, "-o", str(files[signup])).exit_code == 0
        khal("import", "--batch", str(files[signup]))
    october, december = (uids(files[s].read_bytes()) for s in ("2024-10-14", "2024-12-02"))
    assert len(list(khal.vdir.iterdir())) == len(october) + len(december) == 2 * (152 + 28)
    listed = khal("list", "--once", "--day-format", "", "--format", "{uid}",
                  "2024-09-01", "2025-02-01").split()
    assert sorted(listed) == sorted(october | december)  # every event of each, none replaced
    # the same task on each campaign's opening day, once per campaign
    fmt = "{start} {title}"
    assert [line for line in khal.day("2024-11-01", fmt) if "打单" in line] == [
        "2024-11-01 15:00 [运营] 跟进物流打单及打包情况,是否按计划执行"]
    assert [line for line in khal.day("2024-12-20", fmt) if "打单" in line] == [
        "2024-12-20 15:00 [运营] 跟进物流打单及打包情况,是否按计划执行"]
    # the half-hourly check of each: 28 events each day
    for day in ("2024-11-01", "2024-12-20"):
        assert sum("开团后每半个小时跟进" in line for line in khal.day(day, fmt)) == 28


@pytest.mark.client
def test_khal_marks_a_removed_task_cancelled(cli: Cli, tmp_path: Path, khal_exe: str) -> None:
    """khal 0.10 has no way to hide cancelled events; it replaces the stored event by UID and
    shows it as CANCELLED, with the ✗ that Outlook users see (see the README)."""
    khal = Khal(khal_exe, tmp_path, "Asia/Shanghai")
    out = tmp_path / "plan.ics"
    assert cli("compile", PROMO, "--signup", "2024-10-14", "-o", str(out)).exit_code == 0
    khal("import", "--batch", str(out))
    fmt = "{cancelled}{start} {title}"
    assert [line for line in khal.day("2024-11-01", fmt) if "15:00" in line] == [
        "2024-11-01 15:00 [运营] 跟进物流打单及打包情况"]
    assert cli("compile", without("ship", tmp_path), "--signup", "2024-10-14",
               "-o", str(out)).exit_code == 0
    khal("import", "--batch", str(out))
    assert len(list(khal.vdir.iterdir())) == len(HAND_COMPUTED)  # replaced, not added
    assert [line for line in khal.day("2024-11-01", fmt) if "15:00" in line] == [
        "CANCELLED 2024-11-01 15:00 ✗ [运营] 跟进物流打单及打包情况"]
    assert khal.stored()[f"ship{DOMAIN}"]["STATUS"] == "CANCELLED"


@pytest.mark.client
def test_khal_imports_every_example_calendar(tmp_path: Path, khal_exe: str) -> None:
    examples = sorted((Path(__file__).parent.parent / "examples" / "out").glob("*.ics"))
    assert len(examples) == 5
    for path in examples:
        root = tmp_path / path.stem
        root.mkdir()
        khal = Khal(khal_exe, root, "Asia/Shanghai")
        khal("import", "--batch", str(path))  # no error, no warning
        assert set(khal.stored()) == uids(path.read_bytes())


def test_the_same_instant_in_two_zones_keeps_each_zone(tmp_path: Path) -> None:
    """22:00 in Shanghai is 15:00 in Berlin (both UTC 14:00): equal datetimes, different DTSTARTs."""
    late = tmp_path / "late.yaml"
    late.write_text(f"extends: {PROMO}\ntasks:\n  - {{id: ship, at: 开团当天22点}}\n", encoding="utf-8")
    berlin = tmp_path / "berlin.yaml"
    berlin.write_text(f"extends: {PROMO}\ntimezone: Europe/Berlin\n", encoding="utf-8")
    first = ics(compile_({"signup": "2024-10-14"}, str(late)))
    second = ics(compile_({"signup": "2024-10-14"}, str(berlin)))
    assert b"DTSTART;TZID=Asia/Shanghai:20241101T220000\r\n" in first
    assert b"DTSTART;TZID=Europe/Berlin:20241101T150000\r\n" in second
    assert b"Asia/Shanghai" not in second

"""Calendars written over a hostile earlier one, and names that need escaping in calendars.

An earlier .ics is anybody's file: a SEQUENCE that is no RFC 5545 INTEGER (`²`, five
thousand digits, 2³²) is read as 0, as documented in writers/ics/revisions.py, and neither
this compile nor any later one to that path fails. Names with a line break or a control
character are refused when the plan is read (tests/bad/216-219); every one-line name,
however many characters iCalendar must escape or quote in it, reaches icalendar and khal
as it was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar, Event

from .conftest import PLAYBOOKS, Cli
from .test_writer_ics import Khal, khal_exe  # noqa: F401  (khal_exe is a fixture)

PROMO = str(PLAYBOOKS / "promo.yaml")
DATES = ["--signup", "2024-10-14"]
MOVED = ["--signup", "2024-10-14", "--open", "2024-11-05 10:00"]


@pytest.mark.parametrize("sequence", ["²", "9" * 5000, "4294967295", "4294967296", str(2**63), "-3"])
def test_a_hostile_sequence_never_stops_a_compile(cli: Cli, tmp_path: Path, sequence: str) -> None:
    out = tmp_path / "plan.ics"
    assert cli("compile", PROMO, *DATES, "-o", str(out), "-q").exit_code == 0
    clean = out.read_bytes()
    out.write_bytes(clean.replace(b"SEQUENCE:0\r\n", f"SEQUENCE:{sequence}\r\n".encode()))
    assert out.read_bytes().count(f"SEQUENCE:{sequence}\r\n".encode()) == 21  # every event: the half-hourly check is four of them
    again = cli("compile", PROMO, *DATES, "-o", str(out), "-q")
    assert (again.exit_code, again.stderr) == (0, f"已写入 {out}\n")
    assert out.read_bytes() == clean  # read as 0, and nothing changed
    out.write_bytes(clean.replace(b"SEQUENCE:0\r\n", f"SEQUENCE:{sequence}\r\n".encode()))
    for _ in range(2):  # and every later compile to that path
        moved = cli("compile", PROMO, *MOVED, "-o", str(out), "-q")
        assert (moved.exit_code, moved.stderr) == (0, f"已写入 {out}\n")
    sequences = {str(e["UID"]).split("@")[0]: e["SEQUENCE"] for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert sequences["ship"] == 1  # moved once from the hostile file's 0
    assert sequences["plan"] == 0  # counts from signup: never moved


TEAM = """\
运营主管: ["王芳;运营"]
推广主管: ['Li "Lina", Jr.']
客服主管: ["张伟\\\\备: 😀"]
"""
# What each person's calendar file is called, and the name it shows.
FILES = {"王芳;运营": "王芳;运营.ics", 'Li "Lina", Jr.': "Li _Lina_, Jr.ics", "张伟\\备: 😀": "张伟_备_ 😀.ics"}


def _as_text(value: object) -> str:
    """An X- value as the apps that show it read it: TEXT, escapes undone (icalendar keeps an
    X- property as written, so it is read here as a SUMMARY would be)."""
    raw = value.to_ical().decode("utf-8")  # type: ignore[attr-defined]
    return str(Event.from_ical(f"BEGIN:VEVENT\r\nSUMMARY:{raw}\r\nEND:VEVENT\r\n")["SUMMARY"])


def _split(cli: Cli, tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(TEAM, encoding="utf-8")
    result = cli("compile", PROMO, *DATES, "--team", str(tmp_path / "team.yaml"), "--split-by", "person",
                 "-o", str(tmp_path / "cal"), "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "cal").iterdir()) == sorted(FILES.values())
    return tmp_path / "cal"


def test_names_that_need_escaping_reach_icalendar_whole(cli: Cli, tmp_path: Path) -> None:
    folder = _split(cli, tmp_path)
    for person, file in FILES.items():
        cal = Calendar.from_ical((folder / file).read_bytes())
        assert _as_text(cal["X-WR-CALNAME"]) == f"测试进程表 · {person}"
        people = {str(e["DESCRIPTION"]).split("\n")[1] for e in cal.walk("VEVENT")}
        assert people == {f"责任人：{person}"}


@pytest.mark.client
def test_names_that_need_escaping_reach_khal_whole(cli: Cli, tmp_path: Path, khal_exe: str) -> None:  # noqa: F811
    folder = _split(cli, tmp_path)
    khal = Khal(khal_exe, tmp_path, "Asia/Shanghai")
    for file in FILES.values():
        khal("import", "--batch", str(folder / file))
    listed = khal("list", "--once", "--day-format", "", "--format", "{description}",
                  "2024-09-01", "2024-12-01")
    people = {line for line in listed.splitlines() if line.startswith("责任人：")}
    assert people == {f"责任人：{person}" for person in FILES}

"""Roles, people and campaigns as file names: safe on every system, never two on one file.

Two outputs that would land on one file (after cleaning, compared as Windows and macOS
compare names) are refused naming both (tests/bad/210-213 for the command line); here the
cleaning itself, and names that stay apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promoplan.batch.targets import file_name

from .conftest import Cli, examples

PLAN = """\
name: names
campaign: names-2024
anchors:
  open: {label: 开团, time: "10:00"}
roles: [运营主管, 推广主管]
team:
  运营主管: [%s]
  推广主管: [%s]
tasks:
  - {id: ship, name: 跟进物流, owner: 运营主管, at: 开团当天15点}
  - {id: ads, name: 开团后流量检查, owner: 推广主管, at: 开团后25分钟}
"""
LONG = "很长的名字" * 20  # 300 bytes in UTF-8


@pytest.mark.parametrize(("key", "name"), [
    ("王芳/运营", "王芳_运营"), ("王芳:运营", "王芳_运营"), ('a*b?c"d<e>f|g\\h', "a_b_c_d_e_f_g_h"),
    ("张伟.", "张伟"), ("张伟 ", "张伟"), (" .隐藏", "隐藏"), (".", "_"), ("..", "_"), ("", "_"),
    ("tab\there", "tab_here"), ("del\x7f", "del_"),
    # Windows opens a device for these, with any extension and in any case
    ("CON", "CON_"), ("con", "con_"), ("NUL.txt", "NUL_.txt"), ("COM1", "COM1_"), ("LPT9", "LPT9_"),
    ("COM\u00b9", "COM\u00b9_"), ("AUX .x", "AUX _.x"), ("CONOUT$", "CONOUT$_"),
    ("CONSOLE", "CONSOLE"), ("COM10", "COM10"), ("NULL", "NULL"),
    # over 120 bytes: cut on a character, and a suffix from the whole name
    (LONG, "很长的名字" * 7 + "很长~03c568a3"), ("a" * 200, "a" * 111 + "~c2a908d9"),
])
def test_file_names(key: str, name: str) -> None:
    assert file_name(key) == name
    assert len(name.encode("utf-8")) <= 120


@settings(max_examples=examples(300))
@given(key=st.text(max_size=200))
def test_any_name_becomes_a_name_every_file_system_takes(key: str) -> None:
    name = file_name(key)
    assert name
    assert name == file_name(key)
    assert not set(name) & set('/\\:*?"<>|')
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in name)
    assert name[-1] not in ". "
    assert name[0] not in ". "
    assert len(name.encode("utf-8", "surrogatepass")) <= 120
    device = name.partition(".")[0].rstrip(" ").upper()
    assert device not in {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    assert not (device[:3] in ("COM", "LPT") and device[3:] in list("123456789\u00b9\u00b2\u00b3"))


def test_long_names_that_share_their_start_stay_apart() -> None:
    first, second = file_name(LONG + "甲"), file_name(LONG + "乙")
    assert first[:-9] == second[:-9]
    assert first != second


def test_a_long_name_gets_the_same_file_every_run(cli: Cli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run, a day later, finds the first's calendar under the same name: the moved
    event gets SEQUENCE 1, which it could not without the old file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN % (LONG, "CON"), encoding="utf-8")
    for day in ("2024-11-01", "2024-11-02"):
        result = cli("compile", "plan.yaml", "--open", day, "--split-by", "person", "-o", "cal/")
        assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "cal").iterdir())
    assert names == ["CON_.ics", "很长的名字" * 7 + "很长~03c568a3.ics"]
    text = (tmp_path / "cal" / names[1]).read_bytes().decode("utf-8")
    assert "DTSTART;TZID=Asia/Shanghai:20241102T150000\r\n" in text
    assert text.count("SEQUENCE:1\r\n") == 1


def test_stems_that_differ_only_in_case_are_one_file(cli: Cli, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for stem in ("Store", "store"):
        (tmp_path / f"{stem}.yaml").write_text(PLAN % ("张伟", "李娜"), encoding="utf-8")
    result = cli("compile", "Store.yaml", "store.yaml", "--open", "2024-11-01", "-o", "out-{stem}.json")
    assert (result.exit_code, result.stderr) == (2, (
        "命令行：-o out-{stem}.json：「Store.yaml」和「store.yaml」会写到同一个文件 out-store.json"
        "（换一个各计划不同的占位符，例如 {stem}）\n"))
    english = cli("compile", "Store.yaml", "store.yaml", "--open", "2024-11-01", "-o", "out-{stem}.json",
                  "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        "command line: -o out-{stem}.json: 'Store.yaml' and 'store.yaml' would both be written to "
        "out-store.json (use a placeholder that differs between them, e.g. {stem})\n"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Store.yaml", "store.yaml"]

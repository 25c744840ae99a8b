"""Odd but valid input works; failed runs leave earlier outputs as they were."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import PLAYBOOKS, Cli

PROMO = (PLAYBOOKS / "promo.yaml").read_text(encoding="utf-8")


def test_bom_and_crlf_files_compile_like_plain_ones(cli: Cli, tmp_path: Path) -> None:
    plain, windows = tmp_path / "plain.yaml", tmp_path / "windows.yaml"
    plain.write_text(PROMO, encoding="utf-8")
    windows.write_bytes(b"\xef\xbb\xbf" + PROMO.replace("\n", "\r\n").encode())
    outputs = []
    for path in (plain, windows):
        result = cli("compile", str(path), "--signup", "2024-10-14", "--format", "json")
        assert result.exit_code == 0, result.stderr
        outputs.append(json.loads(result.stdout)["tasks"])
    assert outputs[0] == outputs[1]


def test_errors_in_crlf_files_keep_their_columns(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: w\r\nanchors: {open: {}}\r\ntasks:\r\n  - {name: x, at: opne}\r\n")
    result = cli("compile", str(path), "--open", "2024-11-01")
    assert result.exit_code == 2
    assert result.stderr == f"{path}:4:19: task #1 › at: unknown anchor 'opne' in 'opne' (did you mean 'open'?)\n"


def test_control_characters_and_long_names_are_written(cli: Cli, tmp_path: Path) -> None:
    long_name = "超长的事项名称" * 300
    path = tmp_path / "odd.yaml"
    path.write_text(
        "name: odd\nanchors: {open: {label: 开团, time: '10:00'}}\ntasks:\n"
        f"  - {{id: bell, name: \"响铃\\a与\\x1b转义\\ttab\", at: open}}\n"
        f"  - {{id: long, name: {long_name}, at: open+1h, notes: '=cmd|calc'}}\n",
        encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    targets = [out / f"p.{ext}" for ext in ("json", "csv", "md", "ics")]
    args = [arg for t in targets for arg in ("-o", str(t))]
    result = cli("compile", str(path), "--open", "2024-11-01", *args)
    assert result.exit_code == 0, result.stderr
    tasks = json.loads((out / "p.json").read_text(encoding="utf-8"))["tasks"]
    assert tasks[0]["name"] == "响铃\a与\x1b转义\ttab"
    assert len(tasks[1]["name"]) == 2100
    csv_text = (out / "p.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|calc" in csv_text  # a formula is kept as text

    from icalendar import Calendar

    cal = Calendar.from_ical((out / "p.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert summaries[1].endswith(long_name)
    assert all(len(line) <= 75 for line in (out / "p.ics").read_bytes().split(b"\r\n"))


def test_all_or_nothing_when_one_output_fails(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROMO, encoding="utf-8")
    kept = tmp_path / "plan.json"
    kept.write_text("yesterday's plan", encoding="utf-8")
    (tmp_path / "taken.md").mkdir()
    result = cli("compile", str(path), "--signup", "2024-10-14",
                 "-o", str(kept), "-o", str(tmp_path / "taken.md"))
    assert result.exit_code == 2
    assert result.stderr == f"command line: -o {tmp_path / 'taken.md'}: is a folder (give a file name)\n"
    assert kept.read_text(encoding="utf-8") == "yesterday's plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "plan.json", "taken.md"]

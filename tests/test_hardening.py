"""Odd but valid input works; failed runs leave earlier outputs as they were."""

from __future__ import annotations

import json
from pathlib import Path

from promoplan.errors import PromoplanError
from promoplan.playbook.yaml_reader import Document, parse_yaml

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
    assert result.stderr == f"{path}:4:19: 第1项「x」的「at」：未知的时间节点「opne」（在「opne」中）（是不是「open」？）\n"


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
    assert result.stderr == f"命令行：-o {tmp_path / 'taken.md'}：这是一个文件夹（请给一个文件名）\n"
    assert kept.read_text(encoding="utf-8") == "yesterday's plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "plan.json", "taken.md"]


def _read(text: str, pure_python: bool = False) -> tuple[Document | None, str]:
    """The document, or our error as the CLI prints it (anything else is a crash)."""
    try:
        return parse_yaml(text, "x.yaml", pure_python=pure_python), ""
    except PromoplanError as exc:
        return None, str(exc)


def test_the_pure_python_loader_reads_like_the_c_one() -> None:
    """libyaml's nesting limit hands files to the pure-Python loader: both must agree."""
    built_in = sorted((Path(__file__).parents[1] / "playbooks").glob("*.yaml"))
    assert len(built_in) >= 5
    for path in built_in:
        text = path.read_text(encoding="utf-8")
        fast, _ = _read(text)
        slow, _ = _read(text, pure_python=True)
        assert fast is not None, path
        assert slow is not None, path
        assert (slow.data, slow.raw, slow.marks, slow.key_marks) == (
            fast.data, fast.raw, fast.marks, fast.key_marks), path


def test_a_million_levels_end_in_a_place_not_a_crash() -> None:
    deep = "nested more than 100 levels deep (a playbook needs only a few levels: check the brackets)"
    assert _read("[" * 10**6) == (None, f"x.yaml:1:101: {deep}")
    assert _read("- " * 10**6 + "x") == (None, f"x.yaml:1:201: {deep}")
    assert _read("a: " + "{b: " * 10**6) == (None, f"x.yaml:1:400: {deep}")


def test_an_alias_inside_its_own_node_is_reported_at_that_node() -> None:
    _, error = _read("top:\n  - &loop {every: 30min, until: [1, *loop]}\n")
    assert error == ("x.yaml:2:5: too many aliases expanded (over 100,000): "
                     "the file repeats itself without end")

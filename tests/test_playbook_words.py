"""Every built-in playbook speaks only the team's words (issue 16).

What a team reads around its plan — warnings, notes, task names — must not carry the
playbook author's working material: internal task ids, citations of source documents
("001 L111", a seed file's name), English glosses, or dates frozen into a task's name
("10.31 双十一预热开始" printed on 10月20日 when the preheat moves). These checks run on
the compiled plans, so they see exactly what the writers print.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from promoplan.playbook import library

from .conftest import compile_json

# One run per playbook that crosses day-offs (so there are warnings to read), and the
# double-11 of 2027, whose holiday schedule is not published yet (its own warning).
RUNS = {
    "ju-huasuan": ["--signup", "2025-10-13"],
    "double-11": ["--event", "2027-11-11"],
    "double-11-day": ["--event", "2025-11-11"],
    "tmall-store-prep": ["--event", "2025-11-11"],
    "campaign-workflow": ["--launch", "2025-10-01"],
}
LANGS = ["zh", "en"]

# Three or more Latin words in a row: an English sentence or gloss, not a product
# word like ERP, SNS, BANNER or an option like --open.
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[\s,.;:'\"’-]+[A-Za-z]{2,}){2,}")
# A line citation ("L111", "L17-36"), a seed's number before it ("001 L"), a seed file name.
CITATION = re.compile(r"(?<![A-Za-z])L\d+|\b\d{3} ?L\d|\b\d{3}_[0-9a-f]{6,}|seed|\.txt\b", re.IGNORECASE)
# A calendar date in a name: "10.31", "11.11", "10月23日", "11月12号".
DATE_IN_NAME = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.])|\d{1,2}月\d{1,2}[日号]")


@cache
def plan(name: str, lang: str) -> dict[str, Any]:
    return compile_json(name, *RUNS[name], "--lang", lang)


def test_every_built_in_playbook_is_checked() -> None:
    assert sorted(RUNS) == sorted(library.names())


def test_the_patterns_catch_what_they_are_for() -> None:
    # Each pattern against the kind of text the playbooks used to carry, and against
    # the team's own wording that must pass.
    assert ENGLISH_RUN.search('001 L109（"Store full reduction, free filing"）')
    assert not ENGLISH_RUN.search("确认本品开团时刻后用 --open 指定；ERP库存、SNS预热、BANNER")
    assert CITATION.search("001 L111（before …）")
    assert CITATION.search("申报期见 L109、L113")
    assert CITATION.search("见 004_4cd09d46a79f8a76.txt")
    assert not CITATION.search("聚划算规则：每日8:00--9:59为当日商品展示")
    assert DATE_IN_NAME.search("10.31 双十一预热开始")
    assert DATE_IN_NAME.search("10月23日下午5:00前提供预热页面链接")
    assert not DATE_IN_NAME.search("电话催付（9:00~11:30）")
    assert not DATE_IN_NAME.search("双十一当天分时段排班")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(RUNS))
def test_warnings_never_name_a_task_by_its_id(name: str, lang: str) -> None:
    compiled = plan(name, lang)
    ids = [t["id"] for t in compiled["tasks"]]
    for warning in compiled["warnings"]:
        text = warning["message"]
        for task_id in ids:
            assert not re.search(rf"(?<![\w-]){re.escape(task_id)}(?![\w-])", text), (task_id, text)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_zh_warnings_are_chinese(name: str) -> None:
    for warning in plan(name, "zh")["warnings"]:
        assert not ENGLISH_RUN.search(warning["message"]), warning["message"]


def test_the_runs_do_warn() -> None:
    # The checks above read real warnings: day-offs in 2025, the 2027 schedule.
    assert len(plan("ju-huasuan", "zh")["warnings"]) >= 3
    codes = [w["code"] for w in plan("double-11", "zh")["warnings"]]
    assert codes[0] == "schedule-unpublished"
    assert plan("double-11", "zh")["warnings"][0]["message"].startswith("2027年的法定节假日安排尚未公布")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(RUNS))
def test_notes_hold_only_the_teams_words(name: str, lang: str) -> None:
    for task in plan(name, lang)["tasks"]:
        notes = task["notes"] or ""
        assert not CITATION.search(notes), (task["id"], notes)
        assert not ENGLISH_RUN.search(notes), (task["id"], notes)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_task_names_carry_no_dates(name: str) -> None:
    for task in plan(name, "zh")["tasks"]:
        assert not DATE_IN_NAME.search(task["name"]), (task["id"], task["name"])


@pytest.mark.parametrize("name", sorted(RUNS))
def test_title_and_description_cite_no_source_file(name: str) -> None:
    from promoplan.playbook.assemble import load

    pb = load(name)
    for text in (pb.title, pb.description or ""):
        assert not CITATION.search(text), text
        assert not ENGLISH_RUN.search(text), text


@pytest.mark.parametrize("name", sorted(RUNS))
def test_playbook_files_point_to_no_unshipped_file(name: str) -> None:
    # Comments keep the citations (line numbers, glosses) but name the source in words.
    entry = library.find(name)
    assert entry is not None
    text = entry.read_text(encoding="utf-8")
    assert "../" not in text
    assert not re.search(r"\b00\d_[0-9a-f]+|\.txt\b|\bseeds?\b", text, re.IGNORECASE)


# ------------------------------------------------------------------ the outputs (issue 24)
# What the team reads in every output — the terminal table, Markdown, the JSON's names,
# notes and warnings, every visible cell of the workbook, the calendar's summaries and
# descriptions — holds none of the playbook author's working words: no anchor id
# (open, signup), no compact offset (open+2h, event-32d, task:x.due), no option name
# (--open) and no playbook key (until, due, weekends).
COMPACT = re.compile(r"(?<![A-Za-z])[a-z_]+(?:[+-]\d+(?:wd|min|mo|[dwh])\b|@\d{1,2}:\d{2}|@month-)"
                     r"|\btask:[\w-]+")
OPTION = re.compile(r"(?<![\w-])--[a-z]")
KEYS = ("until", "due", "start", "at", "after", "duration", "repeat", "every", "roll", "remind",
        "phase", "notes", "owner", "section", "calendar", "weekends", "holidays", "workdays",
        "anchors", "default", "extends", "progress", "team", "locale")
KEY_WRITTEN = re.compile(r"\b(?:" + "|".join(KEYS) + r")\s*:")


def _ascii_words(text: str) -> set[str]:
    return set(re.findall(r"(?<![A-Za-z0-9_-])[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_-])", text))


@cache
def outputs(name: str, lang: str) -> dict[str, str]:
    """The team-facing text of each output of one run, by format."""
    import tempfile
    from pathlib import Path

    from icalendar import Calendar
    from openpyxl import load_workbook

    from .conftest import run_here

    folder = Path(tempfile.mkdtemp())
    args = ["compile", name, *RUNS[name], "--lang", lang]
    made = run_here(*args, *(f"-o{folder / ('plan.' + ext)}" for ext in ("md", "json", "xlsx", "ics")))
    assert made.returncode == 0, made.stderr
    table = run_here(*args, "--format", "table")
    data = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    in_json = [data["title"],
               *(t[k] or "" for t in data["tasks"] for k in ("name", "section", "owner", "notes")),
               *(w["message"] for w in data["warnings"])]
    book = load_workbook(folder / "plan.xlsx")
    cells = [str(c.value) for ws in book.worksheets if ws.sheet_state == "visible"
             for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and not ws.column_dimensions[c.column_letter].hidden]
    cal = Calendar.from_ical((folder / "plan.ics").read_bytes())
    ics = [str(cal.get("X-WR-CALDESC", "")), str(cal.get("X-WR-CALNAME", ""))]
    ics += [str(e.get(k, "")) for e in cal.walk("VEVENT") for k in ("SUMMARY", "DESCRIPTION")]
    return {"table": table.stdout, "md": (folder / "plan.md").read_text(encoding="utf-8"),
            "json": "\n".join(in_json), "xlsx": "\n".join(cells), "ics": "\n".join(ics),
            "stderr": made.stderr}


def test_the_output_patterns_catch_what_they_are_for() -> None:
    assert COMPACT.search("在计划文件中把 until 改为 open+2h")
    assert COMPACT.search("event-32d")
    assert COMPACT.search("open@23:59")
    assert COMPACT.search("task:a.due")
    assert not COMPACT.search("聚划算规则：每日8:00--9:59为当日商品展示；ERP-2")
    assert OPTION.search("确认本品开团时刻后用 --open 指定")
    assert not OPTION.search("每日8:00--9:59")
    assert KEY_WRITTEN.search("repeat: {every: 30min, until: open+2h}")
    assert "open" in _ascii_words("开始：open / 完成：end")
    assert "open" not in _ascii_words("ERP库存、SNS预热、open-source")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(RUNS))
def test_outputs_hold_no_internal_word(name: str, lang: str) -> None:
    from promoplan.playbook.assemble import load

    anchor_ids = set(load(name).anchors)
    for fmt, text in outputs(name, lang).items():
        assert not COMPACT.search(text), (fmt, COMPACT.search(text))
        assert not OPTION.search(text), (fmt, OPTION.search(text))
        assert not KEY_WRITTEN.search(text), (fmt, KEY_WRITTEN.search(text))
        if lang == "zh":  # in English, "open" and "end" are words of the sentence
            assert not anchor_ids & _ascii_words(text), (fmt, anchor_ids & _ascii_words(text))
            assert not set(KEYS) & _ascii_words(text), (fmt, set(KEYS) & _ascii_words(text))


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_task_named_before_an_anchor_starts_before_it(name: str) -> None:
    # 「开团前十五分钟…」 at 10:15, after 开团 at 10:00, read as a mistake: the name says
    # 开团头十五分钟 and the note says why (issue 24).
    compiled = plan(name, "zh")
    from promoplan.playbook.assemble import load

    labels = {a.name: a.label for a in load(name).anchors.values()}
    for anchor, when in compiled["anchors"].items():
        for task in compiled["tasks"]:
            if task["name"].startswith(labels[anchor] + "前"):
                assert task["start"] < when, (task["id"], task["name"], task["start"], when)

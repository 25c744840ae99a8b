"""`promoplan import`: a team's 进程表 (XLSX or CSV) becomes a playbook that compiles back
to exactly the dates of the table.

Dates below are counted by hand from the anchors. For ju-huasuan with --signup
2024-10-14 (a Monday): auction = signup+7d = 10-21, schedule = auction+4d = 10-25,
open = schedule+7d = 11-01 10:00, end = open@23:59.
"""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promoplan.playbook.assemble import load
from promoplan.schedule.resolve import resolve

from .conftest import Cli
from .tables import damage, write_xlsx

HEADER = ["版块", "详细项目内容", "负责岗位", "开始时间", "预计完成时间", "备注"]
TITLE = "聚划算活动各部门事项及时间安排"
# The 版块 column written once per block; rows as a team writes them, offsets in their words.
ROWS: list[list[Any]] = [
    ["运营", "聚划算活动官方品类规划报名分析", "运营主管", "报名前20天", "报名前10天", None],
    [None, "改价格、改库存数量", "运营主 管", "开团前3天", "开团前2天", "先核对库存"],
    [None, "跟进物流打单及打包情况,是否按计划执行", "运营主管", "开团当天15点", "开团当天16点", None],
    ["推广", "交竞拍费", "推广主管", "竞拍完后1天", "竞拍完后2天", None],
    [None, "跟进聚划算流量、成交率,并确定是否启用\n预备方案", "推广主管", "开团后25 分钟", "开团后半小时", None],
    [None, "开团前流量检查", "推广主管", "开团前半小时", None, None],
]
# What each row compiles to with --signup 2024-10-14: (section, name, owner, start, due).
EXPECTED = [
    ("运营", "聚划算活动官方品类规划报名分析", "运营主管", "2024-09-24", "2024-10-04"),
    ("运营", "改价格、改库存数量", "运营主管", "2024-10-29", "2024-10-30"),
    ("运营", "跟进物流打单及打包情况,是否按计划执行", "运营主管", "2024-11-01T15:00", "2024-11-01T16:00"),
    ("推广", "交竞拍费", "推广主管", "2024-10-22", "2024-10-23"),
    ("推广", "跟进聚划算流量、成交率,并确定是否启用预备方案", "推广主管", "2024-11-01T10:25",
     "2024-11-01T10:30"),
    ("推广", "开团前流量检查", "推广主管", "2024-11-01T09:30", "2024-11-01T09:30"),
]


def _dates(playbook: str, *args: str) -> list[tuple[str, str, str, str, str]]:
    plan = resolve(load(playbook), dict(a.split("=", 1) for a in args))
    return [(t.section, t.name, t.owner, t.start.iso(), t.due.iso()) for t in plan.tasks]


def _merged_xlsx(path: Path) -> Path:
    """The table with a title across it, 版块 in merged cells, a subtotal and a blank row."""
    rows = [[TITLE], HEADER, *ROWS, [], ["合计", "6项"]]
    return write_xlsx(path, [{"title": "Sheet1", "rows": rows,
                              "merged": ["A1:F1", "A3:A5", "A6:A8"]}])


def test_xlsx_with_merged_sections_and_offsets(cli: Cli, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _merged_xlsx(tmp_path / "进程表.xlsx")
    result = cli("import", "进程表.xlsx", "-o", "ju.yaml", "--playbook", "ju-huasuan")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "已写入 ju.yaml：6项任务，来自 进程表.xlsx（Sheet1）\n"
    text = (tmp_path / "ju.yaml").read_text(encoding="utf-8")
    head, _, tasks = text.partition("tasks:\n")
    assert head == (
        "# 由 promoplan 导入自 进程表.xlsx（Sheet1），表头在第2行。\n"
        "# 编译：promoplan compile ju.yaml\n"
        "name: ju\n"
        f"title: {TITLE}\n"
        "locale: zh-CN\n"
        "timezone: Asia/Shanghai\n"
        "calendar: {country: CN, holidays: [], workdays: []}\n"
        "event: {start: open, end: end}\n"
        "anchors:\n"
        "  signup: {label: 报名}\n"
        "  auction: {label: 竞拍, default: signup+7d}\n"
        "  schedule: {label: 排期, default: auction+4d}\n"
        '  open: {label: 开团, aliases: [团购开始], time: "10:00", default: schedule+7d}\n'
        '  end: {label: 结束, aliases: [团购结束, 活动结束], default: "open@23:59"}\n'
        "sections: [运营, 推广]\n"
        "roles: [运营主管, 推广主管]\n")
    # One comment per task naming its row; offsets kept exactly as the team wrote them.
    assert [line.strip() for line in tasks.splitlines() if line.strip().startswith("#")] == [
        "# 第3行", "# 第4行", "# 第5行", "# 第6行", "# 第7行", "# 第8行"]
    assert "    start: 开团后25 分钟\n    due: 开团后半小时\n" in tasks
    assert "    notes: 先核对库存\n" in tasks
    assert _dates("ju.yaml", "signup=2024-10-14") == EXPECTED


def test_csv_in_gb18030_gives_the_same_playbook(cli: Cli, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel on Chinese Windows saves CSV as GB18030; the 版块 is written once above its block."""
    monkeypatch.chdir(tmp_path)
    _merged_xlsx(tmp_path / "进程表.xlsx")
    assert cli("import", "进程表.xlsx", "-o", "ju.yaml", "--playbook", "ju-huasuan").exit_code == 0
    with (tmp_path / "ju.csv").open("w", encoding="gb18030", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerows([[TITLE], HEADER, *ROWS, [], ["合计"]])
    assert (tmp_path / "ju.csv").read_bytes().startswith(TITLE.encode("gb18030"))
    result = cli("import", "ju.csv", "-o", "from-csv.yaml", "--name", "ju", "--playbook", "ju-huasuan")
    assert result.exit_code == 0, result.stderr
    assert _dates("from-csv.yaml", "signup=2024-10-14") == EXPECTED
    from_xlsx = (tmp_path / "ju.yaml").read_text(encoding="utf-8")
    from_csv = (tmp_path / "from-csv.yaml").read_text(encoding="utf-8")
    # Same ids, same rows: only the header comment names another file.
    assert from_csv.split("\n", 2)[2] == from_xlsx.split("\n", 2)[2]


def test_csv_utf8_with_bom(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "t.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *ROWS])
    result = cli("import", "t.csv", "-o", "t.yaml", "--playbook", "ju-huasuan")
    assert result.exit_code == 0, result.stderr
    assert _dates("t.yaml", "signup=2024-10-14") == EXPECTED


def test_ids_are_stable_when_rows_move(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    def ids(rows: list[list[Any]], name: str) -> dict[str, str]:
        with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([HEADER, *rows])
        assert cli("import", f"{name}.csv", "-o", f"{name}.yaml", "--playbook", "ju-huasuan").exit_code == 0
        return {t.name: t.id for t in resolve(load(f"{name}.yaml"), {"signup": "2024-10-14"}).tasks}

    first = ids([["推广", *ROWS[3][1:]], ["运营", *ROWS[1][1:]]], "a")
    moved = ids([["运营", *ROWS[1][1:]], ["推广", *ROWS[3][1:]]], "b")
    assert first == moved
    assert all(tid.startswith("t-") and tid.isascii() for tid in first.values())


def test_real_dates_become_offsets_from_the_nearest_anchor(cli: Cli, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Last campaign's real dates, in every form Excel holds them, with the anchors on the
    command line: each becomes an offset from the nearest anchor, in the team's words."""
    monkeypatch.chdir(tmp_path)
    rows = [
        ["部门", "事项", "岗位", "开始", "截止"],
        ["运营", "品类规划", "运营主管", {"date": "2024-09-24"}, "10月4日"],   # an Excel date; no year
        [None, "改价格", "运营主管", "2024/10/29", 10.29],                   # text; 10.29 as a number
        [None, "备货", "运营主管", 45595, "2024-11-01 15:00"],              # a serial: 2024-10-30
        [None, "流量检查", "推广主管", "11月1日 10:25", "2024-11-01 09:30"],
        [None, "客服培训", "客服主管", {"datetime": "2024-10-16 14:00"}, "11.1"],
    ]
    write_xlsx(tmp_path / "去年.xlsx", [{"title": "进程表", "rows": rows}])
    result = cli("import", "去年.xlsx", "-o", "last.yaml", "--signup", "2024-10-14",
                 "--anchor", "open=2024-11-01 10:00", "--label", "signup=报名", "--label", "open=开团")
    assert result.exit_code == 0, result.stderr
    pb = load("last.yaml")
    written = [(t.spec.start, t.spec.due) for t in pb.tasks]
    assert written == [
        ("报名前20天", "报名前10天"),          # 09-24 = 10-14 - 20 days; 10-04 = 10-14 - 10
        ("开团前3天", "开团前3天"),            # 10-29 is 3 days before 11-01, 15 after signup
        ("开团前2天", "开团当天15点"),          # 15:00 is 5 hours after 10:00: said as a clock time
        ("开团后25分钟", "开团前半小时"),        # within three hours of the opening: minutes
        ("报名后2天14点", "开团当天"),          # a time on another day; 11.1 as text is Nov 1
    ]
    assert {a.name: (a.spec.label, a.spec.time) for a in pb.anchors.values()} == {
        "signup": ("报名", None), "open": ("开团", "10:00")}
    text = (tmp_path / "last.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 由 promoplan 导入自 去年.xlsx（进程表），表头在第1行。\n"
                           '# 编译：promoplan compile last.yaml --signup 2024-10-14 '
                           '--open "2024-11-01 10:00"\n')
    assert _dates("last.yaml", "signup=2024-10-14", "open=2024-11-01 10:00") == [
        ("运营", "品类规划", "运营主管", "2024-09-24", "2024-10-04"),
        ("运营", "改价格", "运营主管", "2024-10-29", "2024-10-29"),
        ("运营", "备货", "运营主管", "2024-10-30", "2024-11-01T15:00"),
        ("运营", "流量检查", "推广主管", "2024-11-01T10:25", "2024-11-01T09:30"),
        ("运营", "客服培训", "客服主管", "2024-10-16T14:00", "2024-11-01"),
    ]


def test_english_table_gets_english_locale_and_compact_offsets(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = [["Department", "Task", "Owner", "Start", "Due", "Notes"],
            ["Ops", "Price change", "ops lead", "2024-10-29", "2024-11-01 10:25", "check stock"],
            [None, "Ship check", "ops lead", "2024-11-01 15:00", "2024-11-02", None]]
    write_xlsx(tmp_path / "plan.xlsx", [{"title": "Schedule", "rows": rows}])
    result = cli("import", "plan.xlsx", "-o", "en.yaml", "--anchor", "open=2024-11-01 10:00")
    assert result.exit_code == 0, result.stderr
    pb = load("en.yaml")
    assert pb.locale == "en"
    assert [(t.id, t.spec.start, t.spec.due) for t in pb.tasks] == [
        ("price-change", "open-3d", "open+25min"), ("ship-check", "open@15:00", "open+1d")]
    assert "  # row 2\n" in (tmp_path / "en.yaml").read_text(encoding="utf-8")
    assert _dates("en.yaml", "open=2024-11-01 10:00") == [
        ("Ops", "Price change", "ops lead", "2024-10-29", "2024-11-01T10:25"),
        ("Ops", "Ship check", "ops lead", "2024-11-01T15:00", "2024-11-02")]


def test_the_ju_huasuan_table_of_seed_004(cli: Cli, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The 聚划算 table as reconstructed in playbooks/ju-huasuan.yaml, written out as the
    team's xlsx (one row per task: 版块 once per block, 详细项目内容, 负责岗位, 开始时间,
    预计完成时间), imported and compiled: every task on the same dates as the built-in."""
    monkeypatch.chdir(tmp_path)
    builtin = load("ju-huasuan")
    rows: list[list[Any]] = [["聚划算活动各部门事项及时间安排"], ["版块", "详细项目内容", "负责岗位",
                                                             "开始时间", "预计完成时间"]]
    last = None
    for task in builtin.tasks:
        spec = task.spec
        # A point in time is one 开始时间 with no 预计完成时间; a repeating check is listed
        # at its first time, as the seed's table does.
        start, due = (spec.at, None) if spec.at else (spec.start, spec.due)
        rows.append([spec.section if spec.section != last else None, spec.name, spec.owner, start, due])
        last = spec.section
    write_xlsx(tmp_path / "聚划算.xlsx", [{"title": "Sheet1", "rows": rows}])
    result = cli("import", "聚划算.xlsx", "-o", "ju.yaml", "--playbook", "ju-huasuan")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"已写入 ju.yaml：{len(builtin.tasks)}项任务，来自 聚划算.xlsx（Sheet1）\n"
    mine = resolve(load("ju.yaml"), {"signup": "2024-10-14"}).tasks
    theirs = resolve(builtin, {"signup": "2024-10-14"}).tasks
    assert len(mine) == len(theirs) == 153  # every row of the playbook file
    repeat = {t.id for t in builtin.tasks if t.spec.repeat is not None}
    for got, want in zip(mine, theirs, strict=True):
        assert (got.section, got.name, got.owner, got.start) == (want.section, want.name, want.owner,
                                                                 want.start)
        if want.id in repeat:  # the table gives its first time; the playbook repeats it
            assert got.due == want.occurrences[0].due
        else:
            assert got.due == want.due
    by_name = {t.name: t for t in mine}
    assert by_name["改价格、改库存数量"].start.iso() == "2024-10-30"
    assert by_name["跟进物流打单及打包情况,是否按计划执行"].due.iso() == "2024-11-01T16:00"


# ------------------------------------------------------------------ bad tables

BAD = Path(__file__).parent / "bad_tables"


def _bad_stems() -> list[str]:
    return sorted(p.stem for p in BAD.glob("*.err"))


def _materialize(stem: str, tmp_path: Path) -> list[Path]:
    """Copy a case's inputs; an `.xlsx.json` spec becomes the workbook it describes (its
    `damage`, if any, then breaks one of its parts: `{"part", "old", "new"}`)."""
    made = []
    for path in BAD.glob(f"{stem}.*"):
        if path.suffix in (".err", ".args"):
            continue
        if path.name.endswith(".xlsx.json"):
            target = tmp_path / path.name.removesuffix(".json")
            spec = json.loads(path.read_text(encoding="utf-8"))
            write_xlsx(target, spec["sheets"])
            if "damage" in spec:
                damage(target, **spec["damage"])
        else:
            target = tmp_path / path.name
            target.write_bytes(path.read_bytes())
        made.append(target)
    return made


def test_bad_table_corpus_is_complete() -> None:
    stems = _bad_stems()
    assert len(stems) >= 10
    for stem in stems:
        assert (BAD / f"{stem}.args").exists(), stem
        assert [p for p in BAD.glob(f"{stem}.*") if p.suffix not in (".err", ".args")], stem


@pytest.mark.parametrize("stem", _bad_stems())
def test_bad_table(stem: str, tmp_path: Path) -> None:
    """Exit 2, one message per unreadable cell naming sheet!cell, nothing written or changed."""
    import shlex

    from .conftest import run_here

    inputs = _materialize(stem, tmp_path)
    before = {p.name: p.read_bytes() for p in inputs}
    args = shlex.split((BAD / f"{stem}.args").read_text(encoding="utf-8"))
    out = run_here(*args, cwd=tmp_path)
    assert out.stderr == (BAD / f"{stem}.err").read_text(encoding="utf-8")
    assert "Traceback" not in out.stdout + out.stderr
    assert out.returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)
    assert {name: (tmp_path / name).read_bytes() for name in before} == before


def test_the_sheet_with_the_table_is_found_or_named(cli: Cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "book.xlsx", [
        {"title": "说明", "rows": [["本表为聚划算进程表"]]},
        {"title": "进程表", "rows": [HEADER, ROWS[1]]},
        {"title": "上次", "rows": [HEADER, ["运营", "上次的事项", "运营主管", "报名前1天", "报名当天"]]},
    ])
    result = cli("import", "book.xlsx", "-o", "a.yaml", "--playbook", "ju-huasuan")
    assert result.stderr == "已写入 a.yaml：1项任务，来自 book.xlsx（进程表）\n"
    result = cli("import", "book.xlsx", "-o", "b.yaml", "--playbook", "ju-huasuan", "--sheet", "上次")
    assert result.stderr == "已写入 b.yaml：1项任务，来自 book.xlsx（上次）\n"
    assert [t.spec.name for t in load("b.yaml").tasks] == ["上次的事项"]


def test_the_round_trip_check_catches_a_wrong_offset(tmp_path: Path) -> None:
    """The check compiles what would be written: a date that does not come back is an error."""
    from promoplan.errors import PromoplanError
    from promoplan.reports import table_import as importer

    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["事项", "开始"], ["改价格", "2024-10-29"]])
    table = importer.read_table(importer.read_grid(tmp_path / "t.csv", "t.csv", None))
    anchors = importer.campaign_anchors(None, {"open": "2024-11-01 10:00"}, {"open": "开团"})
    tasks = importer.convert(table, anchors)
    text = importer.render(table, tasks, anchors, importer.Options(name="t", file_name="t.yaml"))
    assert importer.round_trip(text, "t.yaml", tasks, anchors) == 1
    with pytest.raises(PromoplanError) as caught:
        importer.round_trip(text.replace("开团前3天", "开团前4天"), "t.yaml", tasks, anchors)
    assert str(caught.value) == (
        "t.csv:B2: round trip: start reads back as '开团前4天', not '开团前3天'\n"
        "t.csv:B2: round trip: start '开团前3天' compiles to 2024-10-28, the table says 2024-10-29")



DAYS = st.dates(min_value=date(2024, 8, 1), max_value=date(2025, 1, 31))
CLOCKS = st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0))


@settings(max_examples=40, deadline=None)
@given(cells=st.lists(st.tuples(DAYS, CLOCKS), min_size=1, max_size=8), chinese=st.booleans())
def test_any_date_comes_back_from_its_offset(cells: list[tuple[date, time | None]],
                                             chinese: bool) -> None:
    """Whatever day and time a cell holds, in Chinese or compact words, from whichever
    anchor is nearest, the written offset compiles back to it (the round trip raises if not)."""
    from promoplan.reports import table_import as importer

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["事项", "开始"])
            for i, (day, clock) in enumerate(cells):
                writer.writerow([f"task {i}", f"{day:%Y/%m/%d}" + (f" {clock:%H:%M}" if clock else "")])
        table = importer.read_table(importer.read_grid(path, "t.csv", None))
    labels = {"signup": "报名", "open": "开团"} if chinese else {}
    anchors = importer.campaign_anchors(None, {"signup": "2024-10-14", "open": "2024-11-01 10:00"},
                                        labels)
    tasks = importer.convert(table, anchors)
    text = importer.render(table, tasks, anchors, importer.Options(name="t", file_name="t.yaml"))
    assert importer.round_trip(text, "t.yaml", tasks, anchors) == len(cells)


def test_two_word_headers_and_block_counts(cli: Cli, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A header cell may name its column twice (版块/部门), and a block may open with its
    count (共2项) in the name column: that row is no task."""
    monkeypatch.chdir(tmp_path)
    rows = [["序号", "版块/\n部门", "详细项目内容", "开始时间", "预计完成时间", "负责岗位", "阶段"],
            [None, "运营", "共2项"],
            [1, "运营", "改价格、改库存数量", "开团前3天", "开团前2天", "运营主管", "活动前"],
            [2, "运营", "活动后的总结会", "开团后3天", "开团后4天", "运营主管", "活动后"]]
    write_xlsx(tmp_path / "t.xlsx", [{"title": "进程表", "rows": rows}])
    result = cli("import", "t.xlsx", "-o", "t.yaml", "--playbook", "ju-huasuan")
    assert result.exit_code == 0, result.stderr
    assert _dates("t.yaml", "signup=2024-10-14") == [
        ("运营", "改价格、改库存数量", "运营主管", "2024-10-29", "2024-10-30"),
        ("运营", "活动后的总结会", "运营主管", "2024-11-04", "2024-11-05")]


def test_a_compiled_workbook_imports_back_to_the_same_plan(cli: Cli, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """promoplan's own 进程表 (days as text such as `10月13日 周日 休`, bands such as 运营（37项）)
    imported with the same anchors: the same plan."""
    monkeypatch.chdir(tmp_path)
    assert cli("compile", "ju-huasuan", "--signup", "2024-10-14", "-o", "ju.xlsx").exit_code == 0
    result = cli("import", "ju.xlsx", "-o", "back.yaml", "--playbook", "ju-huasuan",
                 "--signup", "2024-10-14")
    assert result.exit_code == 0, result.stderr
    mine = _dates("back.yaml", "signup=2024-10-14")
    theirs = _dates("ju-huasuan", "signup=2024-10-14")
    assert len(mine) == 153
    assert mine == theirs


def test_an_english_workbook_by_phase_imports_back_to_the_same_dates(cli: Cli, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The English 进程表 grouped by phase: days such as `Sun 13 Oct off`, bands such as
    Before (98); every task comes back with its dates."""
    monkeypatch.chdir(tmp_path)
    assert cli("compile", "ju-huasuan", "--signup", "2024-10-14", "--lang", "en", "--group-by", "phase",
               "-o", "ju.xlsx").exit_code == 0
    result = cli("import", "ju.xlsx", "-o", "back.yaml", "--playbook", "ju-huasuan",
                 "--signup", "2024-10-14")
    assert result.exit_code == 0, result.stderr
    mine = sorted((name, start, due) for _, name, _, start, due in _dates("back.yaml", "signup=2024-10-14"))
    theirs = sorted((name, start, due) for _, name, _, start, due in _dates("ju-huasuan", "signup=2024-10-14"))
    assert len(mine) == 153
    assert mine == theirs


# ------------------------------------------------------------------ tables as teams keep them

# The 聚划算 table as a team keeps it (seed 004's columns, with the names beside the roles):
# a title across it, a note row, the header in row 3, 版块 merged over its block, 负责岗位 and
# 责任人 side by side, and a column promoplan has no field for (完成情况).
TEAM_ROWS: list[list[Any]] = [
    ["2025聚划算活动各部门事项及时间安排"],
    ["制表：运营部", None, None, None, None, None, None, None, "更新：10月8日"],
    ["序号", "版块", "详细项目内容", "负责岗位", "责任人", "开始时间", "预计完成时间", "备注", "完成情况"],
    [1, "运营", "年度聚划算品类规划", "运营主管", "张伟", "报名前20天", "报名前10天", None, None],
    [2, None, "改价格、改库存数量", "运营主管", "张伟、李娜", "开团前1天晚上8点", "开团当天8点半", "先核对库存",
     "已确认"],
    [3, "推广", "交竞拍费", "推广主管", "王芳", "竞拍完后1天", "竞拍完后2天", None, None],
    [4, None, "开团前流量检查", "推广主管", "王芳", "开团前半小时", None, None, None],
    [5, "客服", "客服培训", "客服主管", "刘洋 赵敏", "开团前叁天", "开团当天凌晨1点", None, None],
]


def test_a_team_workbook_keeps_people_sections_and_owners(cli: Cli, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """责任人 beside 负责岗位 becomes the team; the plan compiles for 2025's dates.

    ju-huasuan with --signup 2025-10-13 (a Monday): auction = 10-20, schedule = 10-24,
    open = 10-31 10:00. 报名前20天 = 09-23, 报名前10天 = 10-03; 开团前1天晚上8点 = 10-30 20:00;
    开团当天8点半 = 10-31 08:30; 竞拍完后1天/2天 = 10-21/10-22; 开团前半小时 = 10-31 09:30;
    开团前叁天 = 10-28; 开团当天凌晨1点 = 10-31 01:00 (the same day, before the opening).
    """
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "进程表.xlsx", [{"title": "进程表", "rows": TEAM_ROWS,
                                          "merged": ["A1:I1", "B4:B5", "B6:B7"]}])
    result = cli("import", "进程表.xlsx", "-o", "ju.yaml", "--playbook", "ju-huasuan")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "已写入 ju.yaml：5项任务，来自 进程表.xlsx（进程表）\n"
    text = (tmp_path / "ju.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 由 promoplan 导入自 进程表.xlsx（进程表），表头在第3行。\n")
    assert ("sections: [运营, 推广, 客服]\n"
            "roles: [运营主管, 推广主管, 客服主管]\n"
            "team:\n"
            "  运营主管: [张伟, 李娜]\n"
            "  推广主管: [王芳]\n"
            "  客服主管: [刘洋, 赵敏]\n") in text
    plan = resolve(load("ju.yaml"), {"signup": "2025-10-13"})
    assert [(t.section, t.name, t.owner, [p.name for p in t.people], t.start.iso(), t.due.iso())
            for t in plan.tasks] == [
        ("运营", "年度聚划算品类规划", "运营主管", ["张伟", "李娜"], "2025-09-23", "2025-10-03"),
        ("运营", "改价格、改库存数量", "运营主管", ["张伟", "李娜"], "2025-10-30T20:00", "2025-10-31T08:30"),
        ("推广", "交竞拍费", "推广主管", ["王芳"], "2025-10-21", "2025-10-22"),
        ("推广", "开团前流量检查", "推广主管", ["王芳"], "2025-10-31T09:30", "2025-10-31T09:30"),
        ("客服", "客服培训", "客服主管", ["刘洋", "赵敏"], "2025-10-28", "2025-10-31T01:00"),
    ]
    # The column with no field is kept under its header, after the 备注.
    assert [t.notes for t in plan.tasks] == ["", "先核对库存；完成情况：已确认", "", "", ""]


def test_a_gb18030_csv_by_date_and_node(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 000's way: 日期 / 节点 / 工作内容 / 负责部门, last year's real dates, saved by Excel on
    Chinese Windows. 节点 is the section (written once per block), 负责部门 the owner.

    With 双十一 on 2024-11-11: 2024/10/20 is 22 days before, 10月25日 17 days, 11.1 ten days,
    11月10日 20:00 the day before at 20:00, 2024-11-11 the day itself. For 2025-11-11 the same
    offsets give 2025-10-20, 10-25, 11-01, 11-10 20:00 and 11-11.
    """
    monkeypatch.chdir(tmp_path)
    rows = [["双11进程表"], [],
            ["日期", "节点", "工作内容", "负责部门"],
            ["2024/10/20", "预热期", "商品结构梳理、确定主推款", "商品部"],
            ["10月25日", None, "页面设计定稿", "策划部"],
            ["11.1", "预售期", "直通车加大预算", "推广部"],
            ["11月10日 20:00", "爆发期", "客服排班到位", "客服部"],
            ["2024-11-11", None, "双十一当天巡店", "运营部"]]
    with (tmp_path / "双11.csv").open("w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = cli("import", "双11.csv", "-o", "d11.yaml", "--anchor", "event=2024-11-11",
                 "--label", "event=双十一")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "已写入 d11.yaml：5项任务，来自 双11.csv\n"
    pb = load("d11.yaml")
    assert [(t.spec.section, t.spec.owner, t.spec.start) for t in pb.tasks] == [
        ("预热期", "商品部", "双十一前22天"), ("预热期", "策划部", "双十一前17天"),
        ("预售期", "推广部", "双十一前10天"), ("爆发期", "客服部", "双十一前1天20点"),
        ("爆发期", "运营部", "双十一当天")]
    assert [(t.section, t.owner, t.start.iso()) for t in resolve(pb, {"event": "2025-11-11"}).tasks] == [
        ("预热期", "商品部", "2025-10-20"), ("预热期", "策划部", "2025-10-25"),
        ("预售期", "推广部", "2025-11-01"), ("爆发期", "客服部", "2025-11-10T20:00"),
        ("爆发期", "运营部", "2025-11-11")]


@pytest.mark.parametrize(("header", "fields", "extra"), [
    # seed 004 (聚划算): 版块, 详细项目内容, 负责岗位, 开始时间, 预计完成时间
    (["序号", "版块", "详细项目内容", "负责岗位", "开始时间", "预计完成时间"],
     {"section": 2, "name": 3, "owner": 4, "start": 5, "due": 6}, {}),
    # seed 000 (双十一进程表), in the traditional characters it is written in
    (["序號", "部門", "主要內容", "責任人", "備註", "日期", "工作內容"],
     {"section": 2, "people": 4, "notes": 5, "start": 6, "name": 7}, {3: "主要內容"}),
    # seed 001, its English twin
    (["Serial number", "Department", "Main content", "Person in charge", "Remarks", "Date", "Work content"],
     {"section": 2, "people": 4, "notes": 5, "start": 6, "name": 7}, {3: "Main content"}),
    # seed 003's time nodes of the day, and the issue's CSV
    (["時間", "工作內容", "負責人"], {"start": 1, "name": 2, "people": 3}, {}),
    (["日期", "节点", "工作内容", "负责部门"], {"start": 1, "stage": 2, "name": 3, "section": 4}, {}),
    # words as teams write them: 事项, 内容, 开始日期/截止日期, 执行人, a 日期 with its 时间
    (["事项", "开始日期", "截止日期", "执行人", "阶段"],
     {"name": 1, "start": 2, "due": 3, "people": 4, "stage": 5}, {}),
    (["部门", "内容", "日期", "时间", "完成时间", "负责人", "预算"],
     {"section": 1, "name": 2, "start": 3, "clock": 4, "due": 5, "people": 6}, {7: "预算"}),
])
def test_header_words_of_each_seed(header: list[str], fields: dict[str, int], extra: dict[int, str]) -> None:
    from promoplan.reports.table_import.headers import is_header, read_columns

    columns = read_columns(header)
    assert is_header(header)
    assert columns.fields == fields
    assert columns.extra == extra


def test_messages_in_the_tables_language_whatever_lang_says(tmp_path: Path) -> None:
    """A Chinese table is answered in Chinese under an English LANG, an English one in English."""
    from .conftest import run_here

    _materialize("031-many-dates-without-anchors", tmp_path)
    out = run_here("import", "031-many-dates-without-anchors.csv", "-o", "out.yaml", cwd=tmp_path,
                   env={"LANG": "en_US.UTF-8"})
    assert out.returncode == 2
    assert out.stderr == (BAD / "031-many-dates-without-anchors.err").read_text(encoding="utf-8")
    _materialize("033-vague-dates-english", tmp_path)
    out = run_here("import", "033-vague-dates-english.csv", "-o", "out.yaml", "--anchor", "open=2024-11-01",
                   cwd=tmp_path, env={"LANG": "zh_CN.UTF-8"})
    assert out.stderr.splitlines()[0] == ("033-vague-dates-english.csv:C2: 'TBD' is not a date: write a date "
                                          "or an offset (such as 2024-10-14, 10月14日, open-3d or 开团前3天)")


def test_the_vague_and_the_shared(tmp_path: Path) -> None:
    """待定, 年未/年初, 10月下旬 and 11.11当天 each get their own line; 56 dates without the
    campaign's dates are one line with the count and the first three cells."""
    assert (BAD / "030-vague-dates.err").read_text(encoding="utf-8").splitlines() == [
        "030-vague-dates.csv:D2: 「年未」不是日期：请填写日期或相对时间（年度工作不随活动推算：写一个相对时间占位，"
        "如 报名前30天，再按年度计划调整）",
        "030-vague-dates.csv:E2: 「年初」不是日期：请填写日期或相对时间（年度工作不随活动推算：写一个相对时间占位，"
        "如 报名前30天，再按年度计划调整）",
        "030-vague-dates.csv:D3: 「待定」不是日期：请填写日期或相对时间（如 10月14日、2024-10-14 或 开团前3天）",
        "030-vague-dates.csv:D4: 「10月下旬」不是日期：请填写日期或相对时间（如 10月14日、2024-10-14 或 开团前3天）",
        "030-vague-dates.csv:E4: 「11.11当天」不是日期：请填写日期或相对时间（如 10月14日、2024-10-14 或 开团前3天）",
    ]
    assert (BAD / "031-many-dates-without-anchors.err").read_text(encoding="utf-8") == (
        "031-many-dates-without-anchors.csv:D2: 56个单元格写的是日期（D2、E2、D3等）：要换成相对时间，"
        "需要这张表当时所用活动的节点日期（给出这张表当时的日期，如 --playbook ju-huasuan --signup 2024-10-14，"
        "或 --anchor open=2024-11-01 --label open=开团）\n")


def test_import_refuses_an_existing_file_without_force(cli: Cli, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *ROWS])
    (tmp_path / "ju.yaml").write_text("# mine\n", encoding="utf-8")
    result = cli("import", "t.csv", "-o", "ju.yaml", "--playbook", "ju-huasuan")
    assert result.exit_code == 2
    assert result.stderr == "命令行：ju.yaml 已存在（加 --force 覆盖它，或用 -o 换一个文件名）\n"
    assert (tmp_path / "ju.yaml").read_text(encoding="utf-8") == "# mine\n"
    result = cli("import", "t.csv", "-o", "ju.yaml", "--playbook", "ju-huasuan", "--force")
    assert result.exit_code == 0, result.stderr
    assert _dates("ju.yaml", "signup=2024-10-14") == EXPECTED


def test_a_number_excel_kept_is_the_one_day_it_can_be(cli: Cli, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """11.5 can only be 11月5日 (there is no 11月50日), 2.3 only 2月3日; 10.2 stays a question."""
    monkeypatch.chdir(tmp_path)
    rows = [["事项", "开始", "截止"], ["备货", 11.5, 11.25], ["年货节预热", 2.3, 2.28]]
    write_xlsx(tmp_path / "t.xlsx", [{"title": "Sheet1", "rows": rows}])
    result = cli("import", "t.xlsx", "-o", "t.yaml", "--anchor", "open=2024-11-11", "--label", "open=开团")
    assert result.exit_code == 0, result.stderr
    # 11-05 is 6 days before 11-11; 2025-02-03 is 84 days after (20 + 31 + 31 + 2)
    assert [(t.spec.start, t.spec.due) for t in load("t.yaml").tasks] == [
        ("开团前6天", "开团后14天"), ("开团后84天", "开团后109天")]

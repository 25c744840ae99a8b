"""`progress --into` changes only the `progress:` block's own lines, and reads only what a
teammate can see in the workbook.

The plan file is the team's, in git, with comments anywhere: every line outside the entries
that change stays byte for byte, also when the block ends up empty (the probe lost the
comment `# 团队名单：勿删` that way).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from promoplan.reports.plan_edit import edit_block

from .conftest import Cli, examples
from .test_tracking import PLAN, workbook

BLOCK = """\
# 聚划算 plan
extends: ju-huasuan
anchors:
  signup: {date: 2024-10-14}
progress:
  # 周一例会
  price-stock: 完成   # 王芳
  jhs-signup: 受阻
  ship-check: 进行中
# 团队名单：勿删
team:
  运营主管: [张伟]
"""


def test_the_probes_comment_after_an_emptied_block_stays(cli: Cli, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = PLAN + "progress:\n  price-stock: 完成\n# 团队名单：勿删\ncampaign: ju-huasuan-2024-10-14\n"
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    workbook(tmp_path / "plan.xlsx", tmp_path / "plan.yaml", {})
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "推广第16项「改价格、改库存数量」：完成 → 未记录\n已写入 plan.yaml\n"
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == PLAN + (
        "progress: {}\n# 团队名单：勿删\ncampaign: ju-huasuan-2024-10-14\n")
    # and back: the empty block grows lines of its own again
    workbook(tmp_path / "plan.xlsx", tmp_path / "plan.yaml", {"price-stock": "完成"})
    assert cli("progress", "plan.xlsx", "--into", "plan.yaml").exit_code == 0
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == text


def test_set_remove_and_add_touch_only_their_lines() -> None:
    edited = edit_block(BLOCK, "progress", {"jhs-signup": None, "ship-check": "完成 2024-11-01",
                                            "price-stock": None, "detail": "取消"})
    assert edited == BLOCK.replace("  price-stock: 完成   # 王芳\n", "").replace(
        "  jhs-signup: 受阻\n", "").replace("ship-check: 进行中\n", "ship-check: 完成 2024-11-01\n  detail: 取消\n")


def test_the_last_entry_removed_keeps_the_comments_around_it() -> None:
    edited = edit_block(BLOCK, "progress", {"price-stock": None, "jhs-signup": None, "ship-check": None})
    assert edited == (
        "# 聚划算 plan\nextends: ju-huasuan\nanchors:\n  signup: {date: 2024-10-14}\n"
        "progress: {}\n  # 周一例会\n# 团队名单：勿删\nteam:\n  运营主管: [张伟]\n")
    assert yaml.safe_load(edited)["progress"] == {}


def test_a_flow_block_stays_a_flow_block() -> None:
    text = "extends: ju-huasuan  # base\nprogress: {a: 完成, b: 受阻}  # 进度\nteam: {}\n"
    assert edit_block(text, "progress", {"a": None, "c": "done 2024-10-20", "b": "进行中"}) == (
        "extends: ju-huasuan  # base\nprogress: {b: 进行中, c: done 2024-10-20}  # 进度\nteam: {}\n")


def test_a_new_block_is_indented_like_the_file_and_quoted_where_yaml_would_misread() -> None:
    text = "extends: ju-huasuan\nteam:\n    运营主管: [张伟]\n# end"
    assert edit_block(text, "progress", {"10": "完成", "yes": "受阻", "a": None}) == (
        'extends: ju-huasuan\nteam:\n    运营主管: [张伟]\n# end\nprogress:\n    "10": 完成\n    "yes": 受阻\n')


def test_a_block_scalar_value_is_replaced_whole() -> None:
    text = "progress:\n  a: |\n    完成\n  b: 受阻\n"
    assert edit_block(text, "progress", {"a": "进行中"}) == "progress:\n  a: 进行中\n  b: 受阻\n"


IDS = ["price-stock", "jhs-signup", "ship-check", "detail", "t-1", "10", "on"]
STATUSES = st.sampled_from(["完成", "受阻", "进行中 2024-10-20", "取消", "done"])


@settings(max_examples=examples(200))
@given(changes=st.dictionaries(st.sampled_from(IDS), st.none() | STATUSES))
def test_any_edit_reads_back_as_meant_and_keeps_every_comment_line(
        changes: dict[str, str | None]) -> None:
    before = yaml.safe_load(BLOCK)["progress"]
    edited = edit_block(BLOCK, "progress", changes)
    expected = {**before, **changes}
    assert yaml.safe_load(edited)["progress"] == {k: v for k, v in expected.items() if v is not None}
    comments = [line for line in BLOCK.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in edited.splitlines() if line.lstrip().startswith("#")] == comments
    rest = {k: v for k, v in yaml.safe_load(edited).items() if k != "progress"}
    assert rest == {k: v for k, v in yaml.safe_load(BLOCK).items() if k != "progress"}


def test_a_very_hidden_sheet_is_not_the_teams(cli: Cli, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet nobody can see in Excel (veryHidden needs a macro to show) carries statuses:
    they are not recorded; the visible 进程表 says nothing changed."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    workbook(tmp_path / "plan.xlsx", tmp_path / "plan.yaml", {})
    book = load_workbook(tmp_path / "plan.xlsx")
    hidden = book.create_sheet("x")
    hidden.append(["状态", "id"])
    hidden.append(["完成", "price-stock"])
    hidden.sheet_state = "veryHidden"
    book.save(tmp_path / "plan.xlsx")
    result = cli("progress", "plan.xlsx", "--into", "plan.yaml")
    assert (result.exit_code, result.stderr) == (0, "plan.yaml: 状态没有变化\n")
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == PLAN


def test_a_file_written_as_one_flow_mapping_gets_its_block_inside() -> None:
    text = "{extends: ju-huasuan, anchors: {signup: {date: 2024-10-14}}}  # all on one line\n"
    edited = edit_block(text, "progress", {"price-stock": "完成"})
    assert edited == ("{extends: ju-huasuan, anchors: {signup: {date: 2024-10-14}}, "
                      "progress: {price-stock: 完成}}  # all on one line\n")
    assert yaml.safe_load(edited)["progress"] == {"price-stock": "完成"}

"""Plan versions in git (`diff`) and the morning post (`agenda`), on a small plan whose
dates are worked out by hand: signup 2024-10-14 (Mon), open = signup+18d = 11-01 10:00."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import Ran, run_here

BASE = """\
name: small
title: 小测试
anchors:
  signup: {label: 报名}
  open: {label: 开团, time: "10:00", default: signup+18d}
sections: [运营, 客服]
roles: [运营主管, 客服主管]
tasks:
  - {id: brief, name: 活动策划, section: 运营, owner: 运营主管, start: 报名前5天, due: 报名前1天}
  - {id: price, name: 改价格, section: 运营, owner: 运营主管, at: 开团前2天}
  - {id: check, name: 开团检查, section: 客服, owner: 客服主管, at: 开团后25分钟}
  - {id: review, name: 复盘, section: 运营, owner: 运营主管, at: 开团后1天}
"""
PLAN_V1 = "extends: base.yaml\nanchors:\n  signup: {date: 2024-10-14}\nteam:\n  运营主管: [张伟]\n"
PLAN_V2 = """\
extends: base.yaml
anchors:
  signup: {date: 2024-10-14}
  open: {date: "2024-11-03 20:00"}
team:
  运营主管: [张伟]
tasks:
  - {id: price, owner: 客服主管, notes: 以ERP为准}
  - {id: thanks, name: 感谢信, section: 客服, owner: 客服主管, at: 开团后2天}
remove: [review]
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com",
                    *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN_V1, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "plan")
    (tmp_path / "plan.yaml").write_text(PLAN_V2, encoding="utf-8")
    return tmp_path


def run(cwd: Path, *args: str) -> Ran:
    return run_here(*args, cwd=cwd)


def test_diff_table(repo: Path) -> None:
    out = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml")
    assert (out.returncode, out.stderr) == (1, "")
    # open moves from Fri 11-01 10:00 to Sun 11-03 20:00: 2 days 10 hours later;
    # 改价格 (开团前2天) from Wed 10-30 to Fri 11-01; 开团检查 from 10:25 to 20:25 two days on.
    assert out.stdout == """\
--- HEAD:plan.yaml
+++ plan.yaml

时间节点
  开团：11月1日 周五 10:00 → 11月3日 周日 20:00（推迟2天10小时）

运营
  ~ 变更 运营第2项「改价格」
      负责岗位：运营主管 → 客服主管
      时间：10月30日 周三 → 11月1日 周五（推迟2天）
      备注：（无） → 以ERP为准
      责任人：张伟 → （无）
  - 删除 运营第3项「复盘」  11月2日 周六

客服
  ~ 变更 客服第1项「开团检查」
      时间：11月1日 周五 10:25 → 11月3日 周日 20:25（推迟2天10小时）
  + 新增 客服第2项「感谢信」  11月5日 周二

1个时间节点、2项变更、新增1项、删除1项
"""


def test_diff_table_in_english(repo: Path) -> None:
    out = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml", "--lang", "en")
    assert out.returncode == 1
    assert out.stdout == """\
--- HEAD:plan.yaml
+++ plan.yaml

Key dates
  开团: Fri 1 Nov 10:00 → Sun 3 Nov 20:00 (2d10h later)

运营
  ~ changed 运营 #2 “改价格”
      owner: 运营主管 → 客服主管
      at: Wed 30 Oct → Fri 1 Nov (2d later)
      notes: (none) → 以ERP为准
      people: 张伟 → (none)
  - removed 运营 #3 “复盘”  Sat 2 Nov

客服
  ~ changed 客服 #1 “开团检查”
      at: Fri 1 Nov 10:25 → Sun 3 Nov 20:25 (2d10h later)
  + added 客服 #2 “感谢信”  Tue 5 Nov

1 anchor, 2 tasks changed, 1 added, 1 removed
"""


def test_diff_markdown(repo: Path) -> None:
    out = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml", "--format", "md")
    assert out.returncode == 1
    assert out.stdout == """\
**HEAD:plan.yaml → plan.yaml**：1个时间节点、2项变更、新增1项、删除1项

| 时间节点 | 原 | 新 | 变动 |
|---|---|---|---|
| 开团 | 11月1日 周五 10:00 | 11月3日 周日 20:00 | 推迟2天10小时 |

### 运营

- **变更** 运营第2项「改价格」：负责岗位 运营主管 → 客服主管；时间 10月30日 周三 → 11月1日 周五（推迟2天）；备注 （无） → 以ERP为准；责任人 张伟 → （无）
- **删除** 运营第3项「复盘」：11月2日 周六

### 客服

- **变更** 客服第1项「开团检查」：时间 11月1日 周五 10:25 → 11月3日 周日 20:25（推迟2天10小时）
- **新增** 客服第2项「感谢信」：11月5日 周二
"""


def test_diff_markdown_in_english(repo: Path) -> None:
    out = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml", "--format", "md", "--lang", "en")
    assert out.stdout == """\
**HEAD:plan.yaml → plan.yaml**: 1 anchor, 2 tasks changed, 1 added, 1 removed

| Key dates | old | new | shift |
|---|---|---|---|
| 开团 | Fri 1 Nov 10:00 | Sun 3 Nov 20:00 | 2d10h later |

### 运营

- **changed** 运营 #2 “改价格”: owner 运营主管 → 客服主管; at Wed 30 Oct → Fri 1 Nov (2d later); notes (none) → 以ERP为准; people 张伟 → (none)
- **removed** 运营 #3 “复盘”: Sat 2 Nov

### 客服

- **changed** 客服 #1 “开团检查”: at Fri 1 Nov 10:25 → Sun 3 Nov 20:25 (2d10h later)
- **added** 客服 #2 “感谢信”: Tue 5 Nov
"""


def test_moves_earlier_and_to_all_day_are_said(repo: Path) -> None:
    (repo / "plan.yaml").write_text(PLAN_V1 + "tasks:\n  - {id: check, at: 开团前30分钟}\n"
                                    "  - {id: review, at: 开团前1天18点}\n  - {id: price, at: 开团当天}\n",
                                    encoding="utf-8")
    out = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml")
    # check: 11-01 10:25 → 09:30, 55 minutes earlier; review: Sat 11-02 → Thu 10-31 18:00;
    # price: Wed 10-30 → Fri 11-01, all day both.
    assert out.stdout.splitlines()[3:] == [
        "运营",
        "  ~ 变更 运营第2项「改价格」",
        "      时间：10月30日 周三 → 11月1日 周五（推迟2天）",
        "  ~ 变更 运营第3项「复盘」",
        "      时间：11月2日 周六 → 10月31日 周四 18:00（提前1天6小时）",
        "",
        "客服",
        "  ~ 变更 客服第1项「开团检查」",
        "      时间：11月1日 周五 10:25 → 11月1日 周五 09:30（提前55分钟）",
        "",
        "3项变更",
    ]


def test_diff_json(repo: Path) -> None:
    out = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml", "--format", "json")
    assert out.returncode == 1
    assert json.loads(out.stdout) == {
        "old": "HEAD:plan.yaml", "new": "plan.yaml", "same": False,
        "anchors": [{"name": "open", "label": "开团", "old": "2024-11-01T10:00",
                     "new": "2024-11-03T20:00", "shift": "+2d10h"}],
        "added": [{"id": "thanks", "name": "感谢信", "section": "客服", "owner": "客服主管",
                   "start": "2024-11-05", "due": "2024-11-05"}],
        "removed": [{"id": "review", "name": "复盘", "section": "运营", "owner": "运营主管",
                     "start": "2024-11-02", "due": "2024-11-02"}],
        "changed": [
            {"id": "price", "name": "改价格", "section": "运营", "changes": {
                "owner": {"old": "运营主管", "new": "客服主管"},
                "at": {"old": "2024-10-30", "new": "2024-11-01", "shift": "+2d"},
                "notes": {"old": "", "new": "以ERP为准"},
                "people": {"old": "张伟", "new": ""}}},
            {"id": "check", "name": "开团检查", "section": "客服", "changes": {
                "at": {"old": "2024-11-01T10:25", "new": "2024-11-03T20:25", "shift": "+2d10h"}}},
        ],
    }


def test_diff_same_plans_and_command_line_dates(repo: Path) -> None:
    same = run(repo, "diff", "HEAD:plan.yaml", "HEAD:plan.yaml")
    assert (same.returncode, same.stdout.splitlines()[-1]) == (0, "没有变化")
    assert run(repo, "diff", "HEAD:plan.yaml", "HEAD:plan.yaml", "--lang", "en").stdout.splitlines()[-1] == (
        "no differences")
    # The same --open on both sides leaves only the task edits.
    both = run(repo, "diff", "HEAD:plan.yaml", "plan.yaml", "--open", "2024-11-05", "--format", "json")
    data = json.loads(both.stdout)
    assert both.returncode == 1
    assert data["anchors"] == []
    assert [c["id"] for c in data["changed"]] == ["price"]


def test_diff_bad_revision_is_exit_2(repo: Path) -> None:
    out = run(repo, "diff", "nosuchrev:plan.yaml", "plan.yaml")
    assert out.returncode == 2
    # the wording is the playbook stage's (reading git REV:path)
    assert out.stderr.startswith("nosuchrev:plan.yaml: ")
    assert out.stderr.count("\n") == 1


def test_old_side_extends_from_the_same_revision(repo: Path) -> None:
    (repo / "base.yaml").write_text(BASE.replace("signup+18d", "signup+20d"), encoding="utf-8")
    out = run(repo, "diff", "HEAD:plan.yaml", "HEAD:plan.yaml")
    assert out.returncode == 0  # both sides read base.yaml as committed, not the edited file


def test_agenda_day_with_overdue_from_the_weekend(repo: Path) -> None:
    # Monday 10-14: the last working day was Saturday 10-12 (a make-up workday, 调休),
    # so the Sunday deadline of 活动策划 (报名前1天 = 10-13) is asked about.
    out = run(repo, "agenda", "HEAD:plan.yaml", "--on", "2024-10-14")
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout == ("小测试 · 10月14日 周一\n已到期（请确认完成）\n"
                          "  10月13日 周日 截止 运营第1项「活动策划」 — 运营主管（张伟）\n")
    english = run(repo, "agenda", "HEAD:plan.yaml", "--on", "2024-10-14", "--lang", "en")
    assert english.stdout == ("小测试 · Mon 14 Oct\nWas due (check it is done)\n"
                              "  Sun 13 Oct due 运营 #1 “活动策划” — 运营主管 (张伟)\n")


def test_agenda_day_by_time_of_day(repo: Path) -> None:
    # Sunday 11-03 in the new plan: price moved to Friday 11-01, the last working day.
    out = run(repo, "agenda", "plan.yaml", "--on", "2024-11-03")
    assert out.stdout == ("小测试 · 11月3日 周日\n已到期（请确认完成）\n"
                          "  11月1日 周五 截止 运营第2项「改价格」 — 客服主管\n"
                          "晚上\n  20:25 客服第1项「开团检查」 — 客服主管\n")


def test_agenda_week_in_markdown(repo: Path) -> None:
    out = run(repo, "agenda", "HEAD:plan.yaml", "--week", "--on", "2024-10-30", "--format", "md")
    assert out.stdout == """\
### 小测试 · 10月30日 周三
**全天**
- **运营第2项「改价格」** — 运营主管（张伟）

### 小测试 · 11月1日 周五
**上午**
- 10:25 **客服第1项「开团检查」** — 客服主管

### 小测试 · 11月2日 周六
**全天**
- **运营第3项「复盘」** — 运营主管（张伟）
"""


def test_agenda_owner_filter_and_empty_day(repo: Path) -> None:
    out = run(repo, "agenda", "HEAD:plan.yaml", "--on", "2024-11-01", "--owner", "运营主管")
    assert out.stdout == "小测试 · 11月1日 周五\n没有事项\n"
    spans = run(repo, "agenda", "HEAD:plan.yaml", "--on", "2024-10-09")
    assert spans.stdout == "小测试 · 10月9日 周三\n全天\n  开始 运营第1项「活动策划」 — 运营主管（张伟）\n"


def test_with_progress_recorded_everything_past_due_and_not_done_is_overdue(repo: Path) -> None:
    (repo / "tracked.yaml").write_text(PLAN_V1 + "progress:\n  brief: 完成 2024-10-13\n"
                                       "  check: 进行中\n", encoding="utf-8")
    # Sunday 11-03 of the first plan: 活动策划 (10-13) is done; 改价格 (Wed 10-30), 开团检查
    # (Fri 11-01) and 复盘 (Sat 11-02) are past due and not done, oldest first, however
    # long ago (the last working day, Friday, would have dropped 改价格).
    out = run(repo, "agenda", "tracked.yaml", "--on", "2024-11-03")
    assert out.stdout == ("小测试 · 11月3日 周日\n已过期未完成\n"
                          "  10月30日 周三 截止 运营第2项「改价格」 — 运营主管（张伟）\n"
                          "  11月1日 周五 截止 客服第1项「开团检查」 — 客服主管 · ▶ 进行中\n"
                          "  11月2日 周六 截止 运营第3项「复盘」 — 运营主管（张伟）\n")
    (repo / "tracked.yaml").write_text(PLAN_V1 + "progress:\n  brief: 完成\n  price: done\n"
                                       "  check: 取消\n  review: 完成\n", encoding="utf-8")
    done = run(repo, "agenda", "tracked.yaml", "--on", "2024-11-03", "--lang", "en")
    assert done.stdout == "小测试 · Sun 3 Nov\nNothing on this day\n"
    today = run(repo, "agenda", "tracked.yaml", "--on", "2024-11-02", "--format", "md")
    assert today.stdout == "### 小测试 · 11月2日 周六\n**全天**\n- **运营第3项「复盘」** — 运营主管（张伟） · ✓ 完成\n"


def test_diff_shows_progress_recorded(repo: Path) -> None:
    (repo / "tracked.yaml").write_text(PLAN_V1 + "progress:\n  brief: 完成 2024-10-13\n  check: 受阻\n",
                                       encoding="utf-8")
    out = run(repo, "diff", "HEAD:plan.yaml", "tracked.yaml")
    assert out.returncode == 1
    assert out.stdout.splitlines()[3:] == [
        "运营", "  ~ 变更 运营第1项「活动策划」", "      状态：（无） → ✓ 完成 2024-10-13", "",
        "客服", "  ~ 变更 客服第1项「开团检查」", "      状态：（无） → ⚠ 受阻", "", "2项变更"]
    data = json.loads(run(repo, "diff", "HEAD:plan.yaml", "tracked.yaml", "--format", "json").stdout)
    assert [(c["id"], c["changes"]) for c in data["changed"]] == [
        ("brief", {"progress": {"old": "", "new": "done 2024-10-13"}}),
        ("check", {"progress": {"old": "", "new": "blocked"}})]

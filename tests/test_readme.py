"""Every command the README shows works as written, and prints what the README says.

The two quick-start commands install the project (CI and a fresh clone run those); every
other fenced command is run here, in README order, in one temporary git repository that
holds the small plan the README's story is about (tests/test_diff_agenda.py's plan:
base.yaml, and plan.yaml extending it, signup 2024-10-14), a team's 进程表.xlsx for
`import`, the posted plan.xlsx with one 状态 filled in for `progress`, and an agency's
season (tests/playbooks/season: plans/ and team.yaml). For a
`console` block, what the README shows after a command is its exact output.
A comment line of a console block that says to add `KEY: VALUE` under a file's anchors
is done as said, since that is the edit the story makes before the next command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from promoplan.playbook.assemble import load

from .conftest import run_here
from .tables import write_xlsx
from .test_diff_agenda import BASE, PLAN_V1

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
EDIT = re.compile(r"add `(?P<yaml>[^`]+)` under (?P<file>\S+)'s anchors")


def commands() -> list[tuple[str, str | None]]:
    """(command, expected output or None) for every command of the README, in order."""
    out: list[tuple[str, str | None]] = []
    for kind, body in FENCE.findall(README.read_text(encoding="utf-8")):
        if kind == "sh":
            out += [(line, None) for line in body.splitlines()
                    if line.strip() and "python3 -m venv" not in line]
        elif kind == "console":
            current: list[Any] | None = None
            for line in body.splitlines():
                if line.startswith("$ "):
                    current = [line[2:], []]
                    out.append(current)  # type: ignore[arg-type]
                elif current is not None:
                    current[1].append(line)
    return [(cmd, None if not isinstance(lines, list) else "\n".join(lines))
            for cmd, lines in out]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the README's commands run in, as its story describes it."""
    root = tmp_path_factory.mktemp("readme")
    (root / "base.yaml").write_text(BASE, encoding="utf-8")
    (root / "plan.yaml").write_text(PLAN_V1, encoding="utf-8")
    run_shell("git init -q && git add base.yaml plan.yaml", root)
    shutil.copytree(README.parent / "examples", root / "examples", ignore=shutil.ignore_patterns("out"))
    # An agency's season: three stores' plan files and the team they share.
    shutil.copytree(Path(__file__).parent / "playbooks" / "season", root / "plans")
    (root / "plans" / "team.yaml").rename(root / "team.yaml")
    # The team's own 进程表: the 聚划算 table, one row per task of the built-in playbook.
    rows: list[list[Any]] = [["版块", "详细项目内容", "负责岗位", "开始时间", "预计完成时间"]]
    last = None
    for task in load("ju-huasuan").tasks:
        spec = task.spec
        start, due = (spec.at, None) if spec.at else (spec.start, spec.due)
        rows.append([spec.section if spec.section != last else None, spec.name, spec.owner, start, due])
        last = spec.section
    write_xlsx(root / "进程表.xlsx", [{"title": "Sheet1", "rows": rows}])
    # The workbook posted to the group, where a teammate marked 改价格 as done.
    assert run_here("compile", "plan.yaml", "-o", "plan.xlsx", "-q", cwd=root, env=ENV).returncode == 0
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(root / "plan.xlsx")
    sheet = book["进程表"]
    header = next(row for row in sheet.iter_rows() if any(c.value == "状态" for c in row))
    status = next(c.column for c in header if c.value == "状态")
    name = next(c.column for c in header if c.value == "详细项目内容")
    row = next(r for r in range(header[0].row + 1, sheet.max_row + 1)
               if sheet.cell(r, name).value == "改价格")
    sheet.cell(row, status).value = "完成"
    book.save(root / "plan.xlsx")
    return root


ENV = {"NO_COLOR": "1", "COLUMNS": "100", "PYTHONUTF8": "1", "GIT_AUTHOR_NAME": "t",
       "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com", "SOURCE_DATE_EPOCH": "1729000000"}


def run_shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The README's commands run in a shell, as written: its pipes, quotes and exit codes."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **ENV}
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, check=False)


def test_the_readme_has_commands_to_run() -> None:
    found = [cmd for cmd, _ in commands()]
    assert any(cmd.startswith("promoplan diff") for cmd in found)
    assert any(cmd.startswith("promoplan import") for cmd in found)
    assert len(found) >= 8


def test_every_readme_command_works_as_written(story: Path) -> None:
    for command, shown in commands():
        edit = EDIT.search(command)
        if command.lstrip().startswith("#"):
            if edit:  # the story's edit, said in words
                path = story / edit["file"]
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("anchors:\n", f"anchors:\n  {edit['yaml']}\n", 1),
                                encoding="utf-8")
            continue
        done = run_shell(command, story)
        # diff exits 1 on differences, load on a day over the limit (刘洋's 2 a day, 10-17)
        expected_code = 1 if command.startswith(("promoplan diff", "promoplan load")) else 0
        assert done.returncode == expected_code, (command, done.stderr)
        assert "Traceback" not in done.stderr
        if shown is not None:
            printed = (done.stdout + done.stderr).rstrip("\n")
            assert printed == shown.rstrip("\n"), command

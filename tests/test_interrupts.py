"""Real SIGTERM and SIGINT sent to a real `python -m promoplan compile` at each stage of
writing five outputs over yesterday's five: afterwards the outputs are all yesterday's or
all today's, and no hidden file is left.

To stop the process at a chosen stage, the test (not promoplan) installs a Python audit
hook through a `sitecustomize` module on PYTHONPATH: before each file operation of the
write (creating a temporary file, linking an old file aside, a rename, a removal) the hook
names the operation on a pipe and waits for the test to say go. The test sends the signal
while the process waits there, then lets it go on. promoplan's code is the code that runs
for any user; nothing in it knows about the test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PLAYBOOKS

OUTPUTS = ["plan.json", "plan.csv", "plan.md", "plan.ics", "plan.xlsx"]
YESTERDAY = ["--signup", "2024-10-14"]
TODAY = ["--signup", "2024-10-14", "--open", "2024-11-05 10:00"]  # the same campaign, moved
HOOK = '''\
import os
import sys

if "PROMOPLAN_TEST_STAGES" in os.environ:
    _say, _wait = map(int, os.environ["PROMOPLAN_TEST_STAGES"].split(","))
    _EVENTS = {"os.link": "link", "os.rename": "rename", "os.remove": "remove"}

    def _stage(event, args):
        path = str(args[0]) if args and isinstance(args[0], (str, os.PathLike)) else ""
        if event == "open" and path.endswith(".tmp"):
            what = "write"
        elif event == "open" and path.endswith("plan.ics") and str(args[1]).startswith("r"):
            what = "read"  # the old calendar, read while the new one is rendered
        elif event in _EVENTS:
            what = _EVENTS[event]
        else:
            return
        if os.path.dirname(os.path.abspath(path)) != os.getcwd():
            return  # not the outputs' folder (openpyxl's own temporary files)
        os.write(_say, f"{what} {os.path.basename(path)}\\n".encode())
        os.read(_wait, 1)

    sys.addaudithook(_stage)
'''


def _compile(folder: Path, dates: list[str], env: dict[str, str] | None = None,
             pass_fds: tuple[int, ...] = ()) -> subprocess.Popen[bytes]:
    args = [arg for name in OUTPUTS for arg in ("-o", name)]
    return subprocess.Popen([sys.executable, "-m", "promoplan", "compile", str(PLAYBOOKS / "promo.yaml"),
                             *dates, *args, "-q"], cwd=folder, env={**os.environ, **(env or {})},
                            pass_fds=pass_fds, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """Yesterday's outputs, in a folder; and what today's run writes over them once the
    platform moved 开团 to 11-05 (the calendar's SEQUENCE counts from yesterday's)."""
    old = tmp_path_factory.mktemp("old")
    assert _compile(old, YESTERDAY).wait(timeout=60) == 0
    new = tmp_path_factory.mktemp("new")
    shutil.copytree(old, new, dirs_exist_ok=True)
    assert _compile(new, TODAY).wait(timeout=60) == 0
    before, after = _files(old), _files(new)
    assert sorted(before) == sorted(after) == sorted(OUTPUTS)
    assert all(before[name] != after[name] for name in OUTPUTS)
    return old, before, after


class Paused:
    """Today's compile over a copy of yesterday's outputs, stopping at every file operation."""

    def __init__(self, folder: Path, old: Path) -> None:
        shutil.copytree(old, folder, dirs_exist_ok=True)
        hook = folder.parent / f"{folder.name}-hook"
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
        self.said, say = os.pipe()
        wait, self.go = os.pipe()
        self.proc = _compile(folder, TODAY, {"PYTHONPATH": str(hook),
                                                    "PROMOPLAN_TEST_STAGES": f"{say},{wait}"}, (say, wait))
        os.close(say)
        os.close(wait)
        self.stages = os.fdopen(self.said, "r", encoding="utf-8")
        self.seen: list[str] = []

    def run(self, at: str, count: int, signum: int) -> int:
        """Go on until the `count`th stage named `at`, send the signal there, then let the
        process go on to its end; its exit status."""
        sent = False
        for line in self.stages:
            self.seen.append(line.strip())
            if not sent and sum(s.startswith(at) for s in self.seen) == count:
                self.proc.send_signal(signum)
                sent = True
            try:
                os.write(self.go, b"x")
            except BrokenPipeError:
                break  # it ended at the signal
        os.close(self.go)
        self.stages.close()
        assert self.proc.stderr is not None
        self.err = self.proc.stderr.read().decode("utf-8")
        assert sent, self.seen
        return self.proc.wait(timeout=60)


# (stage, which one): where the signal comes, in the order a run goes through them. Until
# every temporary file is written the run stops with every output as it was; once the
# renames have begun (the first old file linked aside), they all finish.
STAGES = {
    "while rendering (reading the old calendar)": ("read", 1),
    "at the first temporary file": ("write", 1),
    "while writing temporary files (the third)": ("write", 3),
    "at the last temporary file, before the renames": ("write", 5),
    "at the first rename (its old file linked aside)": ("link", 1),
    "between the first and the second rename": ("link", 2),
    "between the third and the fourth rename": ("rename", 4),
    "before the last rename": ("rename", 5),
    "after the last rename": ("remove", 1),
}
ALL_OLD = list(STAGES)[:4]


def test_sigterm_at_every_stage_leaves_all_old_or_all_new(
        versions: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    old, before, after = versions
    runs = {name: Paused(tmp_path / f"run{n}", old) for n, name in enumerate(STAGES)}
    for name, run in runs.items():
        at, count = STAGES[name]
        assert run.run(at, count, signal.SIGTERM) == -signal.SIGTERM, (name, run.err)
    pid = runs["after the last rename"].proc.pid
    assert runs["after the last rename"].seen == [
        "read plan.ics", *(f"write .{name}.{pid}-0.tmp" for name in OUTPUTS),
        *(stage for name in OUTPUTS for stage in (f"link {name}", f"rename .{name}.{pid}-0.tmp")),
        *(f"remove .{name}.{pid}-0.old" for name in OUTPUTS)]
    for n, name in enumerate(STAGES):
        found = _files(tmp_path / f"run{n}")
        assert found == (before if name in ALL_OLD else after), name
        assert runs[name].err == "", name


def test_sigint_before_and_during_the_renames(
        versions: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    """Ctrl-C while temporary files are written changes nothing; during the renames, they all
    finish. Either way the run ends as Ctrl-C ends promoplan while it renders: exit 130."""
    old, before, after = versions
    runs = {stage: Paused(tmp_path / stage, old) for stage in ("read", "write", "rename")}
    assert [run.run(stage, 2 if stage != "read" else 1, signal.SIGINT) for stage, run in runs.items()] \
        == [130, 130, 130]
    assert [run.err for run in runs.values()] == ["", "", ""]
    assert _files(tmp_path / "read") == _files(tmp_path / "write") == before
    assert _files(tmp_path / "rename") == after

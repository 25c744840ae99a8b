"""The progress bar (rich.progress): only on a terminal, only when slow, erased at the end."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from pathlib import Path

from promoplan.cli.progressbar import Steps

from .conftest import PLAYBOOKS, Cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def shown(stream: io.StringIO) -> str:
    """What the terminal got, without rich's colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())


def wait_for(stream: io.StringIO, text: str) -> None:
    deadline = time.monotonic() + 10
    while text not in shown(stream):
        assert time.monotonic() < deadline, f"{text!r} never drawn: {shown(stream)[-300:]!r}"
        time.sleep(0.01)


def test_a_slow_compile_on_a_terminal_shows_steps_then_erases_the_bar() -> None:
    term = Terminal()
    with Steps(4, stream=term, delay=0, width=60) as bar:
        bar.step("reading promo.yaml")
        wait_for(term, "0/4 reading promo.yaml")
        bar.step("resolving 100,000 tasks")
        wait_for(term, "1/4 resolving 100,000 tasks")
        bar.step("writing 进程表.xlsx")
        wait_for(term, "2/4 writing 进程表.xlsx")
    drawn = shown(term)
    # rich hides the cursor while it draws, then erases the bar's line and shows the cursor again;
    # with no delay the first frame may come before the first step's label
    assert drawn.startswith("\x1b[?25l━━━━━━━━━━━━━━━━━━━━ 0/4 ")
    assert drawn.endswith("\x1b[?25h\r\x1b[1A\x1b[2K")  # cursor back, the bar's line erased


def test_a_fast_compile_shows_nothing_and_imports_no_rich() -> None:
    code = ("import io, sys\n"
            "from promoplan.cli.progressbar import Steps\n"
            "class T(io.StringIO):\n    def isatty(self): return True\n"
            "t = T()\n"
            "with Steps(3, stream=t, delay=5) as bar:\n    bar.step('reading')\n    bar.step('resolving')\n"
            "print(repr(t.getvalue()), 'rich' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "'' False\n"


def test_nothing_is_written_where_stderr_is_not_a_terminal() -> None:
    pipe = io.StringIO()
    with Steps(2, stream=pipe, delay=0) as bar:
        bar.step("reading")
        time.sleep(0.3)
    assert pipe.getvalue() == ""


def test_the_bar_is_erased_when_the_compile_fails() -> None:
    term = Terminal()
    try:
        with Steps(2, stream=term, delay=0) as bar:
            bar.step("reading")
            wait_for(term, "reading")
            raise KeyError("boom")
    except KeyError:
        pass
    assert term.getvalue().endswith("\x1b[?25h\r\x1b[1A\x1b[2K")


def test_more_steps_learnt_on_the_way_move_the_total() -> None:
    term = Terminal()
    with Steps(3, stream=term, delay=0, width=60) as bar:
        bar.step("reading")
        wait_for(term, "0/3 reading")
        bar.steps += 2
        bar.step("writing cal/张伟.ics")
        wait_for(term, "1/5 writing cal/张伟.ics")


def test_the_cli_writes_no_progress_into_a_pipe(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cli("compile", str(PLAYBOOKS / "promo.yaml"), "--signup", "2024-10-14", "-o", str(out),
                 "--quiet")
    assert result.exit_code == 0
    assert result.stderr == f"已写入 {out}\n"

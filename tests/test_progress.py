"""The progress line: only on a terminal, only when slow, wiped before anything else prints."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from promoplan.progress import Progress, _cut

from .conftest import PLAYBOOKS, Cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def wait_for(stream: io.StringIO, text: str) -> None:
    deadline = time.monotonic() + 10
    while text not in stream.getvalue():
        assert time.monotonic() < deadline, f"{text!r} never drawn: {stream.getvalue()!r}"
        time.sleep(0.01)


def test_a_slow_compile_on_a_terminal_shows_steps_then_wipes_the_line() -> None:
    term = Terminal()
    with Progress(4, stream=term, delay=0, width=60) as progress:
        progress.step("reading promo.yaml")
        wait_for(term, "reading")
        progress.step("resolving 100,000 tasks")
        progress.step("writing 进程表.xlsx")
    shown = re.sub(r"· \d+ s", "· N s", term.getvalue())  # seconds since the start
    assert shown == ("\r░░░░░░░░░░░░░░░░░░░░ 0/4 reading promo.yaml · N s\x1b[K"
                     "\r█████░░░░░░░░░░░░░░░ 1/4 resolving 100,000 tasks · N s\x1b[K"
                     "\r██████████░░░░░░░░░░ 2/4 writing 进程表.xlsx · N s\x1b[K"
                     "\r\x1b[K")  # and nothing of it is left on the screen


def test_a_fast_compile_shows_nothing() -> None:
    term = Terminal()
    with Progress(3, stream=term, delay=5) as progress:
        progress.step("reading")
        progress.step("resolving")
    assert term.getvalue() == ""


def test_nothing_is_written_where_stderr_is_not_a_terminal() -> None:
    pipe = io.StringIO()
    with Progress(2, stream=pipe, delay=0) as progress:
        progress.step("reading")
        time.sleep(0.3)
    assert pipe.getvalue() == ""


def test_the_line_is_wiped_when_the_compile_fails() -> None:
    term = Terminal()
    try:
        with Progress(2, stream=term, delay=0) as progress:
            progress.step("reading")
            wait_for(term, "reading")
            raise KeyError("boom")
    except KeyError:
        pass
    assert term.getvalue().endswith("\r\x1b[K")


def test_long_labels_are_cut_to_the_terminal_in_cells() -> None:
    assert _cut("writing plan.xlsx", 17) == "writing plan.xlsx"
    assert _cut("writing plan.xlsx", 10) == "writing p…"
    assert _cut("写入进程表.xlsx", 9) == "写入进程…"  # four wide characters, then …
    assert _cut("写入进程表.xlsx", 8) == "写入进…"


def test_the_cli_writes_no_progress_into_a_pipe(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cli("compile", str(PLAYBOOKS / "promo.yaml"), "--signup", "2024-10-14", "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out}\n"

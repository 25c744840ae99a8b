"""A progress bar on the terminal while a long compile runs, drawn by rich.progress.

A playbook of a few hundred tasks compiles in a blink, and a bar that flashes by
is noise; a portfolio of 100,000 tasks takes long enough that a silent terminal
looks hung. So the bar appears only once a compile has run for a second and
only when stderr is a terminal (never in pipes, CI logs or files); it is
transient, so nothing of it is left once the compile ends. rich is imported
only when the bar is about to show, so a quick compile never pays for it.

The bar counts the compile's steps (reading, resolving, each file written):
they are what the CLI knows without reaching into the pure core.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from promoplan.errors import Say, english

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from promoplan.words import Words


class Steps:
    """`with Steps(3) as bar: bar.step("reading …")`: silent unless slow and on a terminal."""

    def __init__(self, steps: int, *, stream: TextIO | None = None, delay: float = 1.0,
                 width: int | None = None, words: Words | None = None) -> None:
        self._total = max(steps, 1)
        self.words = words
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.width = width
        self.done = -1
        self.label = ""
        self._lock = threading.Lock()
        self._closed = False
        self._timer: threading.Timer | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    @property
    def steps(self) -> int:
        return self._total

    @steps.setter
    def steps(self, value: int) -> None:
        """The CLI learns of more steps (one per split calendar) once the plan is resolved."""
        with self._lock:
            self._total = max(value, 1)
            self._update()

    def __enter__(self) -> Steps:
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if tty:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._bar is not None:
                self._bar.stop()  # transient: the bar is erased

    def step(self, label: str | Say) -> None:
        """Start the next step; the bar changes at once if it is showing. A `Say` is worded in
        the command's language (English when none was given)."""
        if isinstance(label, Say):
            label = label.text(self.words or english())
        with self._lock:
            self.done += 1
            self.label = label
            self._update()

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._closed:
                return
            console = Console(file=self.stream, width=self.width)
            self._bar = Progress(BarColumn(bar_width=20), MofNCompleteColumn(),
                                 TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=console, transient=True)
            self._task = self._bar.add_task(self.label, total=self._total,
                                            completed=max(self.done, 0))
            self._bar.start()

    def _update(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, total=self._total, completed=min(max(self.done, 0), self._total),
                             description=self.label)

"""A progress line on the terminal while a long compile runs.

A playbook of a few hundred tasks compiles in a blink, and a status line that
flashes by is noise; a portfolio of 100,000 tasks takes long enough that a
silent terminal looks hung. So the line appears only once a compile has run
for a second, only when stderr is a terminal (never in pipes, CI logs or
files), and is wiped before anything else is printed, so what a script reads
from stderr is the same with or without it.

The bar counts the compile's steps (reading, resolving, each file written):
they are what the CLI knows without reaching into the pure core, and each
step of a large compile lasts seconds, so the bar moves often enough. A
background thread redraws it with the elapsed time; the compile itself only
names the step it starts.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import unicodedata
from types import TracebackType
from typing import TextIO

BAR = 20
"""Cells in the bar."""


class Progress:
    """`with Progress(steps) as p: p.step("reading …")` — silent unless slow and on a terminal."""

    def __init__(self, steps: int, *, stream: TextIO | None = None, delay: float = 1.0,
                 width: int | None = None) -> None:
        self.steps = max(steps, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.width = width
        self.done = -1
        self.label = ""
        self.shown = False
        self.last = ""
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if tty:
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self.shown:
                self._write("\r\x1b[K")
                self.shown = False

    def step(self, label: str) -> None:
        """Start the next step; the line changes at once if it is already showing."""
        with self._lock:
            self.done += 1
            self.label = label
            if self.shown:
                self._draw()

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while True:
            with self._lock:
                if self.done >= 0:  # a step has been named
                    self.shown = True
                    self._draw()
            if self._stop.wait(0.1):
                return

    def _draw(self) -> None:
        done = min(max(self.done, 0), self.steps)
        filled = BAR * done // self.steps
        bar = "█" * filled + "░" * (BAR - filled)
        seconds = time.monotonic() - self.started
        head = f"{bar} {done}/{self.steps} "
        tail = f" · {seconds:.0f} s"
        width = self.width or _columns(self.stream)
        room = max(width - 1 - len(head) - len(tail), 8)
        line = f"\r{head}{_cut(self.label, room)}{tail}\x1b[K"
        if line != self.last:
            self._write(line)
            self.last = line

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: nothing to show it on
            self._stop.set()


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


def _cut(text: str, room: int) -> str:
    """`text` in at most `room` terminal cells (Chinese characters take two), with … if cut."""
    sizes = [2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text]
    if sum(sizes) <= room:
        return text
    cells = 0
    for index, size in enumerate(sizes):
        if cells + size > room - 1:
            return text[:index] + "…"
        cells += size
    return text

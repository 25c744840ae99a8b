"""Write outputs all or nothing, also when the run fails or is interrupted half-way.

Every file is rendered to bytes before this is called. Then:

1. folders that are missing are made (and removed again if the run does not finish);
2. each file is written whole to a new hidden file beside its destination
   (`.plan.xlsx.PID-N.tmp`), none of them in place;
3. only once every one is complete, each destination that exists gets a second name
   (`.plan.xlsx.PID-N.old`, a hard link, so the file never goes missing; moved there on a
   file system without hard links), and the new file is renamed over it. If a rename
   fails (a file locked by Excel on Windows, another user's file in a shared folder),
   the renames done are undone from those names;
4. the second names are removed.

SIGINT and SIGTERM are held while this runs: one that comes while the new files are being
written stops the run at the next file, removes every new file and folder and leaves every
earlier output as it was; one that comes during the renames is acted on once they are all
done (they take microseconds), so the outputs are all new. Either way the process then
ends as the signal asks: Ctrl-C as everywhere else in promoplan, SIGTERM by that signal.
So "between the renames" is no state anybody can see: not after a signal, and not after
a failed rename. (SIGKILL and power loss are out of reach of any process; the hidden names
are what is left then, and the next run writes past them.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from promoplan.errors import COMMAND_LINE, PromoplanError, Say

MAX_NAME_BYTES = 255
"""The longest file name Linux and macOS file systems take (UTF-8 bytes)."""
_HELD = (signal.SIGINT, signal.SIGTERM)


def write_all(outputs: list[tuple[Path, bytes]], folders: Sequence[Path] = ()) -> None:
    """Write every file or none; `folders` (--split-by's, those an -o template lays out) are
    made first."""
    outputs = _one_each(outputs)
    with _Held() as held:
        made: list[Path] = []
        staged: list[tuple[str, Path]] = []
        done = False
        try:
            for folder in folders:
                made += _make(folder)
            _check(outputs)
            for path, data in outputs:
                if held.signum is not None:
                    break
                try:
                    fd, tmp = _new_beside(path, "tmp")
                    staged.append((tmp, path))
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(data)
                except OSError as exc:
                    raise _cannot_write(path, exc) from None
            if held.signum is None:
                _replace(staged)
                done = True
        finally:
            if not done:
                for tmp, _ in staged:
                    _remove(tmp)
                for folder in reversed(made):
                    with contextlib.suppress(OSError):  # something put a file there meanwhile
                        folder.rmdir()
    held.deliver()


def same_file(path: Path) -> str:
    """A path as file systems that ignore case and Unicode normalisation (Windows, macOS) see
    it: two paths with the same key are one file there. casefold errs on the safe side (ß is
    ss): a false alarm is an error message, a missed one a lost calendar."""
    return unicodedata.normalize("NFC", os.path.abspath(path)).casefold()


def _one_each(outputs: list[tuple[Path, bytes]]) -> list[tuple[Path, bytes]]:
    """The same file asked for twice with the same bytes is written once; two outputs that
    would be one file with different contents are an error naming both."""
    seen: dict[str, tuple[Path, bytes]] = {}
    kept = []
    for path, data in outputs:
        key = same_file(path)
        if key not in seen:
            seen[key] = (path, data)
            kept.append((path, data))
            continue
        other, before = seen[key]
        if os.path.abspath(other) == os.path.abspath(path):
            if before == data:
                continue
            raise PromoplanError(Say("outputs.written-twice", path=path), COMMAND_LINE,
                                 Say("outputs.written-twice.hint"))
        raise PromoplanError(Say("outputs.one-file-on-windows", other=other, path=path), COMMAND_LINE,
                             Say("outputs.one-file-on-windows.hint"))
    return kept


def _make(folder: Path) -> list[Path]:
    """Make `folder` and the folders above it that are missing; the ones made, outermost first."""
    missing = []
    at = folder
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    made = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue  # made meanwhile by another run
        except OSError as exc:
            raise PromoplanError(Say("outputs.cannot-make-folder", path=path, reason=os_reason(exc)),
                                 COMMAND_LINE) from None
        made.append(path)
    return made


def _check(outputs: list[tuple[Path, bytes]]) -> None:
    for path, _ in outputs:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise PromoplanError(Say("outputs.no-folder", path=path, folder=folder), COMMAND_LINE)
        size = len(path.name.encode("utf-8", "surrogateescape"))
        if size > MAX_NAME_BYTES:
            raise PromoplanError(Say("outputs.name-too-long", path=path, size=size, most=MAX_NAME_BYTES),
                                 COMMAND_LINE, Say("outputs.name-too-long.hint"))
        if path.is_dir():
            raise PromoplanError(Say("outputs.is-folder", path=path), COMMAND_LINE,
                                 Say("outputs.is-folder.hint"))


def _replace(staged: list[tuple[str, Path]]) -> None:
    """Each new file renamed over its destination, every old one kept under a second name
    until all are in place; a rename that fails undoes the ones before it."""
    done: list[tuple[Path, str | None]] = []  # destinations replaced, and their old file's second name
    for tmp, path in staged:
        try:
            old = _aside(path)
        except OSError as exc:  # nothing changed for this one
            _undo(done)
            raise _cannot_write(path, exc) from None
        try:
            os.replace(tmp, path)
        except OSError as exc:
            _undo([*done, (path, old)] if old is not None else done)
            raise _cannot_write(path, exc) from None
        done.append((path, old))
    for _, old in done:
        if old is not None:
            _remove(old)


def _undo(done: list[tuple[Path, str | None]]) -> None:
    """Every destination back to its old file (or to none), last first."""
    for path, old in reversed(done):
        try:
            if old is None:
                _remove(str(path))
            else:
                os.replace(old, path)  # when `old` is a second name of `path` itself, nothing moves
                _remove(old)
        except OSError:
            pass  # cannot be put back: the old file stays under its second name


def _cannot_write(path: Path, exc: OSError) -> PromoplanError:
    """The destination named, not the hidden file beside it that the system refused."""
    return PromoplanError(Say("outputs.cannot-write", path=path, reason=os_reason(exc)), COMMAND_LINE)


# What the system says about a file, by its error number, in the words of the messages:
# strerror is the C library's English (and on Windows the system's language).
_REASONS = {errno.EACCES: "EACCES", errno.EPERM: "EACCES", errno.ENOENT: "ENOENT",
            errno.ENOSPC: "ENOSPC", errno.EROFS: "EROFS", errno.ENOTDIR: "ENOTDIR",
            errno.EISDIR: "EISDIR", errno.ENAMETOOLONG: "ENAMETOOLONG", errno.EBUSY: "EBUSY",
            getattr(errno, "ETXTBSY", errno.EBUSY): "EBUSY"}
# Windows' "used by another process" (a workbook open in Excel) comes as EACCES.
_SHARING_VIOLATIONS = (32, 33)


def os_reason(exc: OSError) -> Say | str:
    """Why the system refused a file, in the plan's language where the reason is a common one."""
    known = _REASONS.get(exc.errno or 0)
    if getattr(exc, "winerror", None) in _SHARING_VIOLATIONS:
        known = "EBUSY"
    return Say(f"outputs.os.{known}") if known else exc.strerror or type(exc).__name__


def _aside(path: Path) -> str | None:
    """A second name for the file at `path` (None when there is none): a hard link, or where
    the file system has none (FAT, some network shares) the file itself moved there."""
    if not os.path.lexists(path):
        return None
    n = 0
    while True:
        old = _hidden(path, n, "old")
        try:
            os.link(path, old, follow_symlinks=False)
            return old
        except FileExistsError:
            n += 1
        except OSError:
            os.replace(path, old)
            return old


def _new_beside(path: Path, kind: str) -> tuple[int, str]:
    """A new hidden file in `path`'s folder, created exclusively. Its mode is what the
    user's umask makes of 0o666, as for any file they create (tempfile's are 0o600)."""
    n = 0
    while True:
        tmp = _hidden(path, n, kind)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                           0o666), tmp
        except FileExistsError:
            n += 1


def _hidden(path: Path, n: int, kind: str) -> str:
    """`.NAME.PID-N.KIND` beside `path`, NAME cut so the whole stays a name file systems take."""
    tail = f".{os.getpid()}-{n}.{kind}"
    room = MAX_NAME_BYTES - 1 - len(tail)
    name = path.name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return str(path.with_name(f".{name}{tail}"))


def _remove(path: str) -> None:
    """Tidying up: a file already gone, or one that cannot be removed, is no reason to fail."""
    with contextlib.suppress(OSError):
        os.unlink(path)


class _Held:
    """SIGINT and SIGTERM noted instead of acted on while outputs are written (see above).

    Only the main thread may set handlers; a signal the process ignores stays ignored, and
    one whose handler is not Python's is left alone.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}  # what signal.getsignal gave back

    def __enter__(self) -> _Held:
        if threading.current_thread() is threading.main_thread():
            for signum in _HELD:
                previous = signal.getsignal(signum)
                if previous is None or previous is signal.SIG_IGN:
                    continue
                self._previous[signum] = previous
                signal.signal(signum, self._note)
        return self

    def _note(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)

    def deliver(self) -> None:
        """The signal that came meanwhile, now that the outputs are all old or all new."""
        if self.signum is None:
            return
        signal.raise_signal(self.signum)
        raise KeyboardInterrupt  # its handler let the process go on: nothing more is done

"""Write outputs all or nothing: every file is rendered first, then each goes to a
temporary file beside its destination and is renamed into place, so a failed
run never leaves a half-written or missing plan behind.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from promoplan.errors import COMMAND_LINE, PromoplanError


def write_all(outputs: list[tuple[Path, bytes]], folders: Sequence[Path] = ()) -> None:
    """Write every file or none; `folders` (--split-by's, those an -o template lays out) are
    made first."""
    for made in folders:
        made.mkdir(parents=True, exist_ok=True)
    for path, _ in outputs:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise PromoplanError(f"-o {path}: folder '{folder}' does not exist", COMMAND_LINE)
        if path.is_dir():
            raise PromoplanError(f"-o {path}: is a folder", COMMAND_LINE, "give a file name")
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            fd, tmp = _new_beside(path)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise PromoplanError(f"cannot write {exc.filename or 'output'}: {exc.strerror}",
                             COMMAND_LINE) from None


def _new_beside(path: Path) -> tuple[int, str]:
    """A new hidden file in `path`'s folder, created exclusively. Its mode is what the
    user's umask makes of 0o666, as for any file they create (tempfile's are 0o600)."""
    n = 0
    while True:
        tmp = str(path.with_name(f".{path.name}.{os.getpid()}-{n}.tmp"))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                           0o666), tmp
        except FileExistsError:
            n += 1

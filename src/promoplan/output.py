"""Write outputs all or nothing: every file is rendered first, then each goes to a
temporary file beside its destination and is renamed into place, so a failed
run never leaves a half-written or missing plan behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from promoplan.errors import COMMAND_LINE, PromoplanError


def write_all(outputs: list[tuple[Path, bytes]]) -> None:
    for path, _ in outputs:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise PromoplanError(f"-o {path}: folder '{folder}' does not exist", COMMAND_LINE)
        if path.is_dir():
            raise PromoplanError(f"-o {path}: is a folder", COMMAND_LINE, "give a file name")
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                       dir=path.parent if str(path.parent) else ".")
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise PromoplanError(f"cannot write {exc.filename or 'output'}: {exc.strerror}",
                             COMMAND_LINE) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

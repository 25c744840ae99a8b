"""Where a playbook's text comes from: a file on disk, or a file in a git revision.

`promoplan diff HEAD~1:plan.yaml plan.yaml` reads the old side with `git show`,
and an `extends: ../base.yaml` inside it is read from the same revision, so the
old plan compiles exactly as it was committed.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from promoplan.errors import PromoplanError, Say


@dataclass(frozen=True)
class GitFile:
    """A file as committed in a revision of a repository."""

    root: Path
    rev: str
    path: str
    """Relative to the repository root, with forward slashes."""


@dataclass(frozen=True)
class Source:
    """Where one playbook file is read from: a path on disk or a file in git (exactly one)."""

    shown: str
    """The name messages use: the path as typed, or REV:path."""
    path: Path | None = None
    git: GitFile | None = None

    @property
    def key(self) -> str:
        """Identity for extends cycles."""
        if self.git is not None:
            return f"{self.git.rev}:{self.git.path}"
        assert self.path is not None
        return str(self.path.resolve())

    def sibling(self, ref: str) -> Source:
        """A path written inside this file, relative to its folder (and revision)."""
        if self.git is not None:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(self.git.path), ref))
            return Source(f"{self.git.rev}:{joined}", git=GitFile(self.git.root, self.git.rev, joined))
        assert self.path is not None
        local = self.path.parent / ref
        return Source(shown(local), path=local)

    def read(self) -> bytes:
        if self.git is None:
            assert self.path is not None
            return _read_disk(self.path, self.shown)
        spec = f"{self.git.rev}:{self.git.path}"
        done = subprocess.run(["git", "-C", str(self.git.root), "show", spec],
                              capture_output=True, check=False)
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PromoplanError(Say("playbook.git-unreadable", ref=spec,
                                     reason=(reason or ["git show failed"])[-1].removeprefix("fatal: ")))
        return done.stdout


def disk(path: Path, shown: str | None = None) -> Source:
    return Source(shown or str(path), path=path)


def read_disk(path: Path, name: str) -> bytes:
    return _read_disk(path, name)


def git_ref(ref: str, cwd: Path) -> Source | None:
    """`REV:path` (path from the repository root, or ./ and ../ from here), or None."""
    rev, colon, path = ref.partition(":")
    if not colon or not rev or not path or (cwd / ref).exists():
        return None
    top = _git(cwd, "rev-parse", "--show-toplevel")
    if top is None:
        raise PromoplanError(Say("playbook.git-no-repo", ref=ref, folder=str(cwd)))
    if _git(cwd, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is None:
        raise PromoplanError(Say("playbook.git-no-rev", ref=ref, rev=rev),
                             hint=Say("playbook.git-no-rev-fix"))
    if path.startswith(("./", "../")):
        prefix = _git(cwd, "rev-parse", "--show-prefix") or ""
        path = posixpath.normpath(posixpath.join(prefix, path))
    return Source(ref, git=GitFile(Path(top), rev, path))


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                              check=False)
    except FileNotFoundError:
        raise PromoplanError(Say("playbook.git-missing")) from None
    return done.stdout.strip() if done.returncode == 0 else None


def _read_disk(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PromoplanError(Say("playbook.no-file", file=name)) from None
    except IsADirectoryError:
        raise PromoplanError(Say("playbook.is-folder", file=name)) from None
    except OSError as exc:
        raise PromoplanError(Say("playbook.unreadable", file=name, reason=exc.strerror or "")) from None


def shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)

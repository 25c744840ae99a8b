"""The bad-input corpus: every mistake a user can make ends in one clear message.

Each case in ``tests/bad/`` is a set of files sharing a stem ``NNN-what``:

- ``NNN-what.yaml``: the file the user wrote wrong (raw bytes: BOMs, other
  encodings and broken YAML are all fair game);
- ``NNN-what.<anything>.yaml``: extra files the case needs (a team file, a
  parent for ``extends``);
- ``NNN-what.args``: optional, the command line after ``promoplan`` as one
  shell-like line, ``{file}`` standing for the case's YAML file name; by
  default ``compile {file} --signup 2024-10-14``; ``compile`` commands get
  ``-o out.json`` appended unless they carry their own ``-o``;
- ``NNN-what.err``: the exact expected stderr.

The design's promise ("Bad input"): exit code 2, a message naming the file,
line and column, what is wrong and the fix, no traceback, and no output file.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "bad"
DEFAULT_ARGS = "compile {file} --signup 2024-10-14"
OUTPUT = "out.json"
MIN_CASES = 30


def _stems() -> list[str]:
    return sorted(p.stem for p in BAD.glob("*.err"))


def _args(stem: str) -> list[str]:
    args_file = BAD / f"{stem}.args"
    line = args_file.read_text(encoding="utf-8").strip() if args_file.exists() else DEFAULT_ARGS
    args = [a.replace("{file}", f"{stem}.yaml") for a in shlex.split(line)]
    has_output = any(a in ("-o", "--output") or a.startswith("--output=") for a in args)
    if args and args[0] == "compile" and not has_output:
        args += ["-o", OUTPUT]
    return args


def _run(stem: str, tmp_path: Path) -> tuple[int, str, str, list[str]]:
    """Run the case in `tmp_path`; also returns the files it created or changed."""
    inputs = [p for p in BAD.glob(f"{stem}.*") if p.suffix in (".yaml", ".yml")]
    for path in inputs:
        shutil.copyfile(path, tmp_path / path.name)
    before = {p.name for p in tmp_path.iterdir()}
    args = _args(stem)
    proc = subprocess.run(
        [sys.executable, "-m", "promoplan", *args],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "140", "NO_COLOR": "1"},
    )
    created = sorted({p.name for p in tmp_path.iterdir()} - before)
    created += [p.name for p in inputs if (tmp_path / p.name).read_bytes() != p.read_bytes()]
    return (
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        created,
    )


def test_corpus_is_big_enough() -> None:
    stems = _stems()
    assert len(stems) >= MIN_CASES, f"only {len(stems)} bad-input cases"


def test_every_case_is_complete() -> None:
    """Every case has its YAML file, and no stray file lacks an expected message."""
    stems = set(_stems())
    inputs = {p.name.split(".", 1)[0] for p in BAD.iterdir() if p.suffix in (".yaml", ".args")}
    assert sorted(inputs - stems) == []
    assert sorted(s for s in stems if not (BAD / f"{s}.yaml").exists()) == []


@pytest.mark.parametrize("stem", _stems())
def test_bad_input(stem: str, tmp_path: Path) -> None:
    expected = (BAD / f"{stem}.err").read_text(encoding="utf-8")
    rc, out, err, created = _run(stem, tmp_path)
    assert err == expected
    assert "Traceback" not in out + err
    assert rc == 2
    assert not (tmp_path / OUTPUT).exists()
    assert created == [], "files written or changed"

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

Every case runs in this process through the real entry point (``run_here``: a fresh
process per case cost a minute); a few, chosen to take different paths, run again as
``python -m promoplan`` and must show exactly the same.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_here

BAD = Path(__file__).parent / "bad"
DEFAULT_ARGS = "compile {file} --signup 2024-10-14"
OUTPUT = "out.json"
MIN_CASES = 30
# What the process environment gave the corpus: a wide terminal's COLUMNS, no colours, and
# an English locale, so a message in Chinese comes from the plan, never from the machine.
ENV = {"COLUMNS": "140", "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
# Cases that also run as real processes, one per path through the program.
IN_A_PROCESS = {
    "002-cn-unit-typo": "a plain compile with the default command line",
    "107-deep-extends": "an extends chain, file after file",
    "032-not-utf8": "a file that is not UTF-8",
    "025-unknown-cli-anchor-option": "a mistake on the command line",
    "175-one-plan-of-two-invalid": "several plans, one of them wrong",
}


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


Outcome = tuple[int, str, str, list[str]]


def _run(stem: str, tmp_path: Path, *, process: bool = False) -> Outcome:
    """Run the case in `tmp_path`, in this process or a fresh one; also returns the files it
    created or changed."""
    inputs = [p for p in BAD.glob(f"{stem}.*") if p.suffix in (".yaml", ".yml")]
    for path in inputs:
        shutil.copyfile(path, tmp_path / path.name)
    before = {p.name for p in tmp_path.iterdir()}
    args = _args(stem)
    if process:
        proc = subprocess.run(
            [sys.executable, "-m", "promoplan", *args],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", **ENV},
        )
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    else:
        ran = run_here(*args, cwd=tmp_path, env=ENV)
        code, out, err = ran.returncode, ran.stdout_bytes, ran.stderr_bytes
    created = sorted({p.name for p in tmp_path.iterdir()} - before)
    created += [p.name for p in inputs if (tmp_path / p.name).read_bytes() != p.read_bytes()]
    return code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), created


def _check(stem: str, outcome: Outcome, tmp_path: Path) -> None:
    rc, out, err, created = outcome
    expected = (BAD / f"{stem}.err").read_text(encoding="utf-8")
    assert err == expected
    assert "Traceback" not in out + err
    assert rc == 2
    assert not (tmp_path / OUTPUT).exists()
    assert created == [], "files written or changed"


def test_corpus_is_big_enough() -> None:
    stems = _stems()
    assert len(stems) >= MIN_CASES, f"only {len(stems)} bad-input cases"


def test_every_case_is_complete() -> None:
    """Every case has its YAML file, and no stray file lacks an expected message."""
    stems = set(_stems())
    inputs = {p.name.split(".", 1)[0] for p in BAD.iterdir() if p.suffix in (".yaml", ".args")}
    assert sorted(inputs - stems) == []
    assert sorted(s for s in stems if not (BAD / f"{s}.yaml").exists()) == []


def test_the_cases_run_as_processes_take_the_paths_they_name() -> None:
    assert sorted(set(IN_A_PROCESS) - set(_stems())) == []
    assert not (BAD / "002-cn-unit-typo.args").exists()  # the default command line
    assert len(list(BAD.glob("107-deep-extends.*.yaml"))) > 2
    with pytest.raises(UnicodeDecodeError):
        (BAD / "032-not-utf8.yaml").read_text(encoding="utf-8")
    assert "--opne" in _args("025-unknown-cli-anchor-option")
    assert "175-one-plan-of-two-invalid.second.yaml" in _args("175-one-plan-of-two-invalid")


@pytest.mark.parametrize("stem", _stems())
def test_bad_input(stem: str, tmp_path: Path) -> None:
    _check(stem, _run(stem, tmp_path), tmp_path)


@pytest.mark.parametrize("stem", sorted(IN_A_PROCESS))
def test_bad_input_in_a_process_of_its_own(stem: str, tmp_path: Path) -> None:
    """`python -m promoplan` as the shell runs it, and the same as in-process, byte for byte."""
    process, here = tmp_path / "process", tmp_path / "here"
    process.mkdir()
    here.mkdir()
    outcome = _run(stem, process, process=True)
    _check(stem, outcome, process)
    assert _run(stem, here) == outcome

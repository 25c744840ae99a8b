"""A console that cannot encode every character (a Chinese Windows console writes GBK)
still gets every command's output: stand-ins for the symbols it lacks, never a traceback.

`PYTHONIOENCODING=gbk` makes Python's streams what they are in a redirect or a pipe on
Chinese Windows (cp936). Every command of the README is run so, in a subprocess, with the
exit code test_readme expects; what it prints must decode as GBK.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from promoplan.cli import streams

from .test_readme import EDIT, ENV, commands
from .test_readme import story as story  # the fixture, used here by name

GBK = {"PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"}


def _through(encoding: str, text: str) -> bytes:
    streams.prepare()  # registers the handler (the test's own streams are UTF-8: left alone)
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=streams.HANDLER)
    stream.write(text)
    stream.flush()
    return raw.getvalue()


def test_each_symbol_gets_the_best_stand_in_its_encoding_has() -> None:
    # GBK has √, × and ▓ but no ⚠, ✓, ✗, ▶, ► or ▒; → is GBK's own.
    assert _through("gbk", "⚠ ✓ ✗ ▶ ▒ → 休息日截止 😀").decode("gbk") == "! √ × > ▓ → 休息日截止 ?"
    # Latin-1 has × but no √, nor any 汉字
    assert _through("latin-1", "⚠ ✓ ✗ → 张伟").decode("latin-1") == "! v × -> ??"
    assert _through("ascii", "✗ … — ·").decode("ascii") == "x ... -- ."


def test_only_a_stream_that_lacks_our_symbols_is_changed() -> None:
    assert streams.can_encode(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    assert not streams.can_encode(io.TextIOWrapper(io.BytesIO(), encoding="gbk"))


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, check=False,
                          env={**os.environ, "PATH": path, **ENV, **env})


def test_the_issue_s_redirect_prints_the_plan_in_gbk(tmp_path: Path) -> None:
    done = _run("promoplan compile ju-huasuan --signup 2026-10-12 > plan.txt", tmp_path, GBK)
    assert (done.returncode, done.stderr) == (0, b"")
    table = (tmp_path / "plan.txt").read_bytes().decode("gbk")
    assert "聚划算单品团进程表" in table
    assert "⚠" not in table
    assert "! 休息日截止" in table
    done = _run("promoplan compile ju-huasuan --signup 2026-10-12 -o plan.json", tmp_path, GBK)
    assert done.returncode == 0
    said = done.stderr.decode("gbk")
    assert said.startswith("已写入 plan.json\n")
    assert "这些行标有“! 休息日截止”" in said


def test_every_readme_command_prints_on_a_gbk_console(story: Path) -> None:
    for command, _ in commands():
        edit = EDIT.search(command)
        if command.lstrip().startswith("#"):
            if edit:  # the story's edit, as test_readme makes it
                path = story / edit["file"]
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("anchors:\n", f"anchors:\n  {edit['yaml']}\n", 1),
                                encoding="utf-8")
            continue
        done = _run(command, story, GBK)
        expected_code = 1 if command.startswith(("promoplan diff", "promoplan load")) else 0
        assert done.returncode == expected_code, (command, done.stderr)
        assert b"Traceback" not in done.stderr, command
        done.stdout.decode("gbk")
        done.stderr.decode("gbk")

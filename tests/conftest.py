from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from promoplan.cli import app

HERE = Path(__file__).parent
PLAYBOOKS = HERE / "playbooks"


class Cli:
    """Runs promoplan in-process, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args))


@pytest.fixture
def cli() -> Cli:
    return Cli()


def promoplan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a fresh process, as a user's shell would."""
    return subprocess.run([sys.executable, "-m", "promoplan", *args], capture_output=True,
                          text=True, encoding="utf-8", check=False, cwd=cwd,
                          env={**os.environ, "PYTHONUTF8": "1"})


def compile_json(playbook: str, *args: str) -> dict[str, Any]:
    out = promoplan("compile", playbook, *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def need_client(*names: str, package: str) -> str:
    """A real client program's path. Missing, the test skips, or fails where CI demands it."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    reason = f"{names[0]} is not installed (apt-get install {package}); this client test needs it"
    if os.environ.get("PROMOPLAN_REQUIRE_CLIENTS") == "1":
        pytest.fail(f"{reason}, and PROMOPLAN_REQUIRE_CLIENTS=1 requires it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def tasks(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A compiled plan's tasks by id; each playbook test module provides its `plan`."""
    return {t["id"]: t for t in plan["tasks"]}

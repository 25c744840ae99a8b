"""The committed example outputs are exactly what the current code produces.

examples/regenerate.py writes them; here its `python -m promoplan` commands run in this
process (run_here), which writes the same bytes in a fraction of the time.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from .conftest import run_here

EXAMPLES = Path(__file__).parent.parent / "examples"


def _promoplan_here(argv: list[str], *, check: bool = False, **_: Any) -> subprocess.CompletedProcess[bytes]:
    """`subprocess.run` for regenerate.py: its `python -m promoplan …`, run in this process."""
    assert argv[:3] == [sys.executable, "-m", "promoplan"], argv
    ran = run_here(*argv[3:])
    done = subprocess.CompletedProcess(argv, ran.returncode, ran.stdout_bytes, ran.stderr_bytes)
    if check:
        done.check_returncode()
    return done


def _regenerate() -> Callable[[Path], list[Path]]:
    spec = importlib.util.spec_from_file_location("regenerate", EXAMPLES / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.subprocess = SimpleNamespace(run=_promoplan_here)
    regenerate: Callable[[Path], list[Path]] = module.regenerate
    return regenerate


def test_examples_are_up_to_date(tmp_path: Path) -> None:
    written = _regenerate()(tmp_path)
    assert len(written) == 5 * len(list(EXAMPLES.glob("*.yaml")))
    stale = [p.name for p in written if p.read_bytes() != (EXAMPLES / "out" / p.name).read_bytes()]
    assert stale == [], "run: .venv/bin/python examples/regenerate.py"


@pytest.mark.parametrize("plan", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_plan_has_a_team(plan: str) -> None:
    assert "\nteam:\n" in (EXAMPLES / plan).read_text(encoding="utf-8")

"""Regenerate examples/out/ from the plan files in examples/.

Run from the repository root after changing a playbook or a writer:

    .venv/bin/python examples/regenerate.py

The outputs are committed so reviewers see what a change does to real plans;
tests/test_examples.py fails when they are stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("json", "csv", "md", "xlsx", "ics")


def regenerate(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for plan in sorted(HERE.glob("*.yaml")):
        targets = [out / f"{plan.stem}.{ext}" for ext in FORMATS]
        for target in targets:  # from scratch: a calendar rewritten in place would raise SEQUENCE
            target.unlink(missing_ok=True)
        args = [arg for path in targets for arg in ("-o", str(path))]
        subprocess.run([sys.executable, "-m", "promoplan", "compile", str(plan), *args],
                       check=True, capture_output=True)
        written += targets
    return written


if __name__ == "__main__":
    for path in regenerate(HERE / "out"):
        print(path.relative_to(HERE.parent))

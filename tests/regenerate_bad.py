"""Write the corpora's expected messages again after a wording change: `python -m tests.regenerate_bad`.

Both corpora, `tests/bad/` (plans) and `tests/bad_tables/` (tables to import or read
progress from): each `.err` is rewritten with what the case prints now, only where it still fails as bad input
must (exit 2, nothing written); the change is then read in `git diff` like any other.
Names given on the command line limit it to the cases whose stem starts with them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conftest import run_here
from tests.test_bad_inputs import BAD, _run, _stems
from tests.test_import import BAD as BAD_TABLES
from tests.test_import import _bad_stems, _materialize


def main(prefixes: list[str]) -> None:
    plans(prefixes)
    tables(prefixes)


def tables(prefixes: list[str]) -> None:
    import shlex

    for stem in _bad_stems():
        if prefixes and not stem.startswith(tuple(prefixes)):
            continue
        with tempfile.TemporaryDirectory() as folder:
            _materialize(stem, Path(folder))
            args = shlex.split((BAD_TABLES / f"{stem}.args").read_text(encoding="utf-8"))
            out = run_here(*args, cwd=Path(folder))
        if out.returncode != 2 or "Traceback" in out.stderr:
            print(f"tables/{stem}: exit {out.returncode}: left as it was", file=sys.stderr)
            continue
        path = BAD_TABLES / f"{stem}.err"
        if path.read_text(encoding="utf-8") != out.stderr:
            path.write_text(out.stderr, encoding="utf-8")
            print(f"tables/{stem}: rewritten")


def plans(prefixes: list[str]) -> None:
    for stem in _stems():
        if prefixes and not stem.startswith(tuple(prefixes)):
            continue
        with tempfile.TemporaryDirectory() as folder:
            code, _, err, created = _run(stem, Path(folder))
        if code != 2 or created or "Traceback" in err:
            print(f"{stem}: exit {code}, wrote {created}: left as it was", file=sys.stderr)
            continue
        path = BAD / f"{stem}.err"
        if path.read_text(encoding="utf-8") != err:
            path.write_text(err, encoding="utf-8")
            print(f"{stem}: rewritten")


if __name__ == "__main__":
    main(sys.argv[1:])

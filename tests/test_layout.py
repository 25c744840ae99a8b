"""The shape of the code: small modules, named for what they hold, on the libraries' public APIs.

These are the house rules a maintainer relies on when opening the package (issue 23):
they fail as soon as a module grows past what one person reads in a sitting, a module
takes a standard library name, or a library's private names creep back in.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "promoplan"
MODULES = sorted(SRC.rglob("*.py"))
MAX_LINES = 600
LIBRARIES = ("openpyxl", "icalendar", "yaml", "rich", "pydantic", "typer", "click", "dateutil",
             "holidays", "ruamel")


def test_the_package_has_its_stages() -> None:
    stages = sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())
    assert stages == ["batch", "cli", "playbook", "reports", "schedule", "words", "writers"]


def test_every_package_is_installed() -> None:
    """pyproject.toml lists the packages `pip install .` copies: a new folder must be in it."""
    import tomllib

    config = tomllib.loads((SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(SRC.parent).parts) for p in SRC.rglob("__init__.py")}
    assert found | {"promoplan.playbook.builtin"} == listed


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)}: {lines} lines"


def test_no_module_is_named_like_the_standard_library() -> None:
    taken = [str(p.relative_to(SRC)) for p in MODULES
             if p.stem in sys.stdlib_module_names or p.parent.name in sys.stdlib_module_names]
    assert taken == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_libraries_are_used_through_their_public_names(path: Path) -> None:
    """No `from openpyxl.x import _y`, no private submodule, and no `obj._private` but an object's
    own (`self._x`): a library's objects (openpyxl's `cell._style`) are reached by their public
    names only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
            parts = node.module.split(".")
            found += [f"{node.module}" for part in parts if part.startswith("_")]
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES:
                    found += [alias.name for part in alias.name.split(".") if part.startswith("_")]
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"{ast.unparse(node.value)}.{node.attr}")
    assert found == [], f"{path.relative_to(SRC)}: {found}"

"""The built-in playbooks shipped inside the package (`promoplan.playbook.builtin`)."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path


def _folder() -> Path:
    # Installed as plain files (never zipped), so the package's folder is where they are;
    # importlib.resources would find the same folder for 1 ms of imports on every compile.
    return Path(import_module("promoplan.playbook.builtin").__path__[0])


def names() -> list[str]:
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in _folder().iterdir()
        if entry.name.endswith(".yaml")
    )


def find(name: str) -> Path | None:
    entry = _folder() / f"{name}.yaml"
    return entry if entry.is_file() else None


def looks_like_path(ref: str) -> bool:
    """A playbook reference with a folder or a YAML suffix is a file, anything else a name."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))

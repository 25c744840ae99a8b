"""The built-in playbooks shipped inside the package (`promoplan.playbooks`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _folder() -> Path:
    # Installed as plain files (never zipped), so the resource folder is a real path.
    return Path(str(resources.files("promoplan.playbooks")))


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

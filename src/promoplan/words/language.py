"""Which language a command speaks before, or without, reading a plan.

Messages are in the plan's language (design: "Messages"), but the mistake being reported
may be in the plan itself, so the plan cannot be read to learn it. Its `locale:` line (or
that of the playbook it extends) is found in the text instead; a plan without one is
zh-CN, the schema's default. Where no plan is named, `--lang` decides, then the
environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

PLAN_DEFAULT = "zh"
# The top-level keys that say a plan's language, or where it comes from.
_LOCALE = re.compile(r"^locale:[ \t]*['\"]?([A-Za-z-]+)", re.MULTILINE)
_PARENT = re.compile(r"^(?:extends|playbook):[ \t]*['\"]?([^\s'\"#]+)", re.MULTILINE)
_SNIFF_BYTES = 65536
_MAX_PARENTS = 8


def choose(lang: str | None, plans: Iterable[str]) -> str:
    """`--lang`, else the first named plan's language, else the environment's."""
    if lang:
        return str(lang)
    for ref in plans:
        found = of_plan(ref)
        if found:
            return found
    return of_environment()


def of_plan(ref: str) -> str | None:
    """The language of the plan or playbook `ref` names; None when there is none to read."""
    path = _file(ref, Path.cwd())
    for depth in range(_MAX_PARENTS):
        if path is None:  # a plan whose parent is missing is still a plan: its default
            return PLAN_DEFAULT if depth else None
        try:
            with path.open("rb") as stream:
                text = stream.read(_SNIFF_BYTES).decode("utf-8", "replace")
        except OSError:
            return None
        locale = _LOCALE.search(text)
        if locale:
            return "en" if locale.group(1).startswith("en") else "zh"
        parent = _PARENT.search(text)
        if not parent:
            return PLAN_DEFAULT
        path = _file(parent.group(1), path.parent)
    return PLAN_DEFAULT


def of_environment() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.startswith("zh") else "en"
    return "en"


def _file(ref: str, folder: Path) -> Path | None:
    from promoplan.playbook import library

    path = folder / ref
    if path.is_dir():
        plans = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        return plans[0] if plans else None
    if path.is_file():
        return path if path.suffix in (".yaml", ".yml") else None
    return library.find(ref)

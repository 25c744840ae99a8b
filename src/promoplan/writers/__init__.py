"""Writers turn a Plan into bytes; the CLI decides where the bytes go.

Each writer module has `render(plan, words) -> bytes` and is imported only
when asked for, so `promoplan --help` never pays for openpyxl or rich.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from promoplan.errors import PromoplanError
from promoplan.i18n import Words
from promoplan.plan import Plan

BY_EXTENSION = {".json": "json", ".csv": "csv", ".md": "md"}
STDOUT_FORMATS = ("table", "json", "csv", "md")


def format_for(path: Path) -> str:
    fmt = BY_EXTENSION.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(BY_EXTENSION))
        raise PromoplanError(f"-o {path}: cannot tell the format from '{path.suffix or path.name}'",
                             hint=f"use one of {known}")
    return fmt


def render(plan: Plan, fmt: str, words: Words) -> bytes:
    module = import_module(f"promoplan.writers.{'table' if fmt == 'table' else fmt + '_'}")
    out: bytes = module.render(plan, words)
    return out

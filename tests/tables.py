"""Workbooks built in the tests, as a team would have them (openpyxl writes them)."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]


def cell(value: Any) -> Any:
    """A cell from a JSON-able spec: {"date": "2024-10-14"} or {"datetime": "2024-10-14 10:00"}."""
    if isinstance(value, dict) and "date" in value:
        return datetime.fromisoformat(value["date"])
    if isinstance(value, dict) and "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    return value


def write_xlsx(path: Path, sheets: list[dict[str, Any]]) -> Path:
    """Sheets as `{"title", "rows", "merged": ["A3:A5"], "hidden": bool or state, "hidden_columns": ["H"]}`."""
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec["title"])
        for row in spec.get("rows", []):
            ws.append([cell(v) for v in row])
        for merged in spec.get("merged", []):
            ws.merge_cells(merged)
        for col in spec.get("hidden_columns", []):
            ws.column_dimensions[col].hidden = True
        if spec.get("hidden"):  # true, or a state: "veryHidden" (Excel shows no way to unhide it)
            ws.sheet_state = spec["hidden"] if isinstance(spec["hidden"], str) else "hidden"
    book.save(path)
    return path


def damage(path: Path, part: str, old: str, new: str) -> Path:
    """The workbook with `old` replaced by `new` in one of its parts (broken XML, say)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    assert part in [info.filename for info, _ in parts]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            if info.filename == part:
                assert old.encode() in data, f"{old!r} is not in {part}"
                data = data.replace(old.encode(), new.encode(), 1)
            archive.writestr(info, data)
    return path

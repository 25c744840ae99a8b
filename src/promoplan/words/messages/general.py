"""Messages every stage uses: how an error is put together, where it points."""

from __future__ import annotations

ZH: dict[str, str] = {
    "error.hint": "（{hint}）",
    "error.command-line": "命令行",
    "error.at-command-line": "命令行：{text}",
    "error.did-you-mean": "是不是「{name}」？",
}

EN: dict[str, str] = {
    "error.hint": " ({hint})",
    "error.command-line": "command line",
    "error.at-command-line": "command line: {text}",
    "error.did-you-mean": "did you mean '{name}'?",
}

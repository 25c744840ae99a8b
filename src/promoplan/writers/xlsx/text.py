"""Text as a cell can hold it, and how much room it takes.

A playbook is typed by people (pasted from chat, from other sheets): one odd
character in it must not stop the team's schedule, so text is cleaned rather than
refused. Widths are in Excel's column units, where CJK characters count twice: the
sheets size their columns and set their row heights from them.
"""

from __future__ import annotations

import math
import re
import unicodedata

REPLACEMENT = "\ufffd"
MAX_TEXT = 32767  # Excel's limit for the text of one cell
# XML 1.0 cannot hold C0 controls other than tab and newline, lone surrogates, U+FFFE/F;
# DEL is legal XML but nobody means it.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_FOOTER_MAX = 255  # Excel's limit for a header or footer, its codes (&L, &P) included
_SHEET_NAME_MAX = 31  # Excel refuses a longer sheet name


def clean(text: str) -> str:
    """Text a cell can hold: line breaks kept (\\r\\n and \\r become \\n), other control
    characters replaced, cut at Excel's limit. Replacing rather than refusing: one odd
    character pasted into a playbook must not stop the team's schedule."""
    if not text.isprintable() and _NEEDS_CLEANING.search(text.replace("\r", "\n")):
        text = _NEEDS_CLEANING.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))
    elif "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT]


def text_width(text: str) -> int:
    """Width in Excel column units: CJK and full-width characters count twice."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_count(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` units wide (less its padding):
    the row heights are worked out from it."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def footer_text(title: str, right: str) -> str:
    """The footer's left part: the title with every & doubled (a single & starts a code
    such as &P), cut so the whole footer stays within Excel's 255 characters."""
    budget = _FOOTER_MAX - len("&L&R") - len(right)
    out = ""
    for ch in clean(title).replace("\n", " "):
        piece = "&&" if ch == "&" else ch
        if len(out) + len(piece) > budget:
            break
        out += piece
    return out


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, not blank.
    Owner roles and labels come from the playbook, so any of these can happen."""
    base = re.sub(r"[\[\]:*?/\\]", "_", clean(name)).strip("' ") or "_"
    base = base[:_SHEET_NAME_MAX]
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[:_SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate

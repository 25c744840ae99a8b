"""stdout and stderr that cannot encode every character still print: a Chinese Windows console.

Where stdout is a redirect or a pipe on Chinese Windows (`promoplan compile … > plan.txt`),
Python encodes it in the console's code page, GBK, which has 汉字 but no ⚠, ✓ or ▶: the
first warning ended the run in a UnicodeEncodeError. Python's own mechanism for this is
an error handler (`codecs.register_error`): the streams that cannot encode our symbols
are reconfigured with one that writes, for each character the encoding lacks, the first
of its stand-ins that the encoding has (✓ → √ in GBK, ⚠ → !), else `?`. rich writes
through sys.stdout too, so its tables get the same treatment (and, on a stream that is
not UTF-8, draw their lines in ASCII of their own accord).

Machine formats are not text for the console: `--format json`, `csv` and `schema` write
UTF-8 bytes, as the formats define them (terminal.write_stdout).
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

HANDLER = "promoplan-fallback"
# The symbols promoplan itself prints; a stream that cannot encode them gets the handler.
SYMBOLS = "⚠✓✗▶→›⏎▒"
# Stand-ins for a character an encoding lacks, best first; `?` when none fits.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "⚠": ("!",), "✓": ("√", "v"), "✔": ("√", "v"), "✗": ("×", "x"), "✘": ("×", "x"),
    "❌": ("×", "x"), "▶": ("►", ">"), "►": (">",), "→": ("->",), "←": ("<-",),
    "⇒": ("=>",), "›": (">",), "‹": ("<",), "⏎": ("↵", "|"), "▒": ("▓", "#"), "█": ("■", "#"),
    "…": ("...",), "—": ("--",), "–": ("-",), "·": (".",), "•": ("·", "*"), "×": ("x",),
    "√": ("v",), "“": ('"',), "”": ('"',), "‘": ("'",), "’": ("'",), "「": ('"',), "」": ('"',),
    "²": ("2",), "³": ("3",), "¹": ("1",), "µ": ("u",), "ß": ("ss",), "\u00a0": (" ",),
    "\u202f": (" ",), "★": ("*",), "☆": ("*",), "●": ("*",), "○": ("o",),
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    """The stand-ins for the characters `error` could not encode, in its own encoding."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    said = []
    for char in error.object[error.start:error.end]:
        for option in (*FALLBACKS.get(char, ()), "?"):
            try:
                option.encode(error.encoding)
            except UnicodeEncodeError:
                continue
            said.append(option)
            break
    return "".join(said), error.end


def _registered() -> None:
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _fallback)


def can_encode(stream: TextIO, text: str = SYMBOLS) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def prepare() -> None:
    """stdout and stderr, where they cannot encode our symbols, write stand-ins instead."""
    _registered()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not can_encode(stream):
            reconfigure(errors=HANDLER)

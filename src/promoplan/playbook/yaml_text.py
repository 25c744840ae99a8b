"""Values written into YAML text so that promoplan's reader gives them back unchanged.

`import` writes a whole playbook and `progress` edits a plan file's block, both as text
(no YAML library's emitter: ruamel's took minutes for 100,000 tasks, and a round trip
through it rewrote what it did not understand). A value is written plain when promoplan's
YAML 1.1 reader (PyYAML's resolver) reads it back as the same text and nothing in it can
start or end a YAML construct; otherwise double-quoted, with JSON's escapes (which YAML's
double-quoted style shares) plus the characters YAML may not hold unescaped. The rule is
deliberately cautious: a few more quotes than needed, never a value read back differently.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from typing import Any

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
# Characters YAML does not allow as they are, or reads as line breaks; JSON leaves them as they are.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x1f]")


def scalar(value: object, flow: bool = False) -> str:
    """`value` as YAML text: plain when that reads back the same, else double-quoted.

    `flow`: inside `{…}` or `[…]`, where commas and brackets end a value.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _plain(text, flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ":" in text or " #" in text or "\t" in text or _CONTROL.search(text) or _UNSAFE.search(text):
        return False  # `:` also keeps 10:00 (600 in YAML 1.1) and open@23:59 obviously text
    if flow and not _FLOW_INDICATORS.isdisjoint(text):
        return False
    return _resolves_to_text(text)


def _resolves_to_text(text: str) -> bool:
    """What promoplan's reader makes of it unquoted: text, not a number, date, yes/no or null."""
    import yaml

    tag: str = _resolver().resolve(yaml.ScalarNode, text, (True, False))
    return tag == "tag:yaml.org,2002:str"


@lru_cache(maxsize=1)
def _resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()

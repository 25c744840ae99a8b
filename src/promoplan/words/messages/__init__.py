"""What the command line says — errors, their fixes, status lines — in each language.

One module per stage, each with a `ZH` and an `EN` table under the same keys (a test holds
them to that); a key is named after its stage (`playbook.`, `schedule.`, `tables.` …).
`Words` looks these up beside the words of the outputs (`zh.py`, `en.py`), so an error
raised as `Say("schedule.unknown-anchor", name=…)` is worded in the plan's language.
"""

from __future__ import annotations

from types import ModuleType


def modules() -> list[ModuleType]:
    from promoplan.words.messages import commands, general, outputs, playbook, progress, schedule, tables

    return [general, playbook, schedule, tables, progress, outputs, commands]


def table(lang: str) -> dict[str, str]:
    """Every message of `lang` ("zh" or "en"), all stages together."""
    found: dict[str, str] = {}
    for module in modules():
        found.update(module.EN if lang == "en" else module.ZH)
    return found

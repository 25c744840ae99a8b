"""Many plans in one command: which files in a folder are plans, and where each one's
outputs go (`-o 'out/{campaign}.xlsx'`).

A folder given to `compile` or `load` means every plan file directly in it: each
`*.yaml` / `*.yml` whose top level has `extends:` or `tasks:` (a plan file extends a
playbook; a whole playbook has tasks), in file-name order, except a playbook that
another file there extends (the stores' shared playbook kept beside their plans is
their base, not a plan of its own). Anything else there (a shared team file, notes
kept as YAML) is not a plan and is skipped; a file that is not even readable YAML is
taken as a plan, so its mistake is reported instead of hidden.

An output template names each plan's files with `{campaign}` (the plan's campaign
key), `{name}` (its playbook's name) and `{stem}` (its file name without the
extension, or the built-in name). With several plans every template must give each
plan a file of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from promoplan.errors import COMMAND_LINE, PromoplanError, did_you_mean
from promoplan.playbook.yaml_reader import read_yaml

KEYS = ("campaign", "name", "stem")
_PLACEHOLDER = re.compile(r"\{([^{}/\\]*)\}")
PLAN_KEYS = ("extends", "tasks")


def plan_files(folder: Path) -> list[Path]:
    """The plan files directly in `folder`, by name; not the playbooks they extend."""
    found = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
    tops = {path: _top(path) for path in found}
    bases = {(folder / str(data["extends"])).resolve() for data in tops.values()
             if data is not None and isinstance(data.get("extends"), str)}
    return [path for path, data in tops.items() if path.resolve() not in bases
            and (data is None or any(key in data for key in PLAN_KEYS))]


def _top(path: Path) -> dict[str, object] | None:
    """The file's top-level keys and values; None when it cannot be read as YAML (taken as a
    plan, so its mistake is reported), {} when it is not a mapping (not a plan)."""
    try:
        data = read_yaml(path, str(path)).data
    except PromoplanError:
        return None
    return data if isinstance(data, dict) else {}


def placeholders(template: str) -> list[str]:
    """The placeholders written in an -o value; an unknown one is an error."""
    found = _PLACEHOLDER.findall(template)
    for key in found:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS)
            raise PromoplanError(
                f"-o {template}: unknown placeholder '{{{key}}}'", COMMAND_LINE,
                f"did you mean '{{{hint.split(chr(39))[1]}}}'?" if hint
                else "placeholders: {campaign}, {name}, {stem}")
    return found


def expand(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def distinct(template: str, paths: list[tuple[str, str]]) -> None:
    """Each plan (by the name it was given) must get its own file from `template`."""
    seen: dict[str, str] = {}
    for ref, path in paths:
        other = seen.setdefault(path, ref)
        if other != ref:
            raise PromoplanError(
                f"-o {template}: {other} and {ref} would both be written to {path}", COMMAND_LINE,
                "use a placeholder that differs between them, e.g. {stem}")


def several_need_placeholder(template: str) -> PromoplanError:
    return PromoplanError(
        f"-o {template}: several plans would all be written to this one file", COMMAND_LINE,
        "put {campaign}, {name} or {stem} in it, e.g. -o 'out/{campaign}"
        f"{Path(template).suffix}'")

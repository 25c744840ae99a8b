"""Reading the plans a command names: files, built-in names, folders of plan files; the
anchor dates typed on the command line; the team file; every plan resolved.

A folder given to `compile` or `load` means every plan file directly in it: each
`*.yaml` / `*.yml` whose top level has `extends:` or `tasks:` (a plan file extends a
playbook; a whole playbook has tasks), in file-name order, except a playbook that
another file there extends (the stores' shared playbook kept beside their plans is
their base, not a plan of its own). Anything else there (a shared team file, notes
kept as YAML) is not a plan and is skipped; a file that is not even readable YAML is
taken as a plan, so its mistake is reported instead of hidden.

Mistakes of every plan are collected, so one run reports them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from promoplan.errors import COMMAND_LINE, Listed, PromoplanError, Say, closest, raise_all
from promoplan.playbook.assemble import load
from promoplan.playbook.merged import Playbook
from promoplan.playbook.team import add_team, load_team
from promoplan.playbook.yaml_reader import read_yaml
from promoplan.schedule.plan import Plan
from promoplan.schedule.resolve import resolve

PLAN_KEYS = ("extends", "tasks")


class Progress(Protocol):
    """What reading and compiling tell a progress bar: how many steps, and each one's start."""

    steps: int

    def step(self, label: Say) -> None: ...


class Silent:
    """No progress shown: for commands too quick to need a bar."""

    steps = 0

    def step(self, label: Say) -> None:
        pass


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


def expand(refs: Sequence[str]) -> tuple[list[str], list[PromoplanError]]:
    """Every plan named, a folder standing for its plan files; each one once."""
    names: list[str] = []
    errors: list[PromoplanError] = []
    for ref in refs:
        if Path(ref).is_dir():
            found = plan_files(Path(ref))
            if not found:
                errors.append(PromoplanError(Say("outputs.no-plan-files", ref=ref), COMMAND_LINE,
                                             Say("outputs.no-plan-files.hint")))
            names += [str(p) for p in found]
        else:
            names.append(ref)
    return list(dict.fromkeys(names)), errors


def given_dates(anchors: Mapping[str, object], typed: Mapping[str, str | None], pairs: Sequence[str],
                problems: Sequence[PromoplanError] = ()) -> dict[str, str]:
    """`--<anchor> DATE` options and `--anchor NAME=DATE` pairs, checked against the anchors
    the playbooks declare.

    A mistake here is reported with the playbooks' own `problems`, which resolving would
    otherwise report: one run lists them all.
    """
    given: dict[str, str] = {}
    errors: list[PromoplanError] = []
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq:
            errors.append(PromoplanError(Say("outputs.anchor-pair", pair=pair), COMMAND_LINE,
                                         Say("outputs.anchor-pair.hint")))
        given[name.strip()] = value
    for option, typed_value in typed.items():
        name = option if option in anchors else option.replace("-", "_")
        if name not in anchors:
            if not anchors:
                continue  # the playbook's own error (no anchors) says it all
            meant = closest(option, anchors)
            errors.append(PromoplanError(
                Say("outputs.unknown-option", option=option), COMMAND_LINE,
                Say("error.did-you-mean", name=f"--{meant}") if meant
                else Say("outputs.anchor-options", options=Listed(f"--{a}" for a in anchors))))
        elif typed_value is None:
            errors.append(PromoplanError(Say("outputs.needs-date", option=option), COMMAND_LINE,
                                         Say("outputs.needs-date.hint", option=option)))
        else:
            given[name] = typed_value
    if errors:
        raise_all([*problems, *errors])
    return given


def compile_all(names: Sequence[str], typed: Mapping[str, str | None], pairs: Sequence[str],
                team: Path | None, progress: Progress,
                ) -> tuple[list[tuple[str, Plan]], list[PromoplanError]]:
    """Every plan named (see `expand`), resolved; the errors of all of them.

    Anchor options apply to every plan that declares that anchor, the team file to every
    plan. A mistake on the command line or in the team file stops all plans at once.
    """
    progress.steps = 3 * len(names)
    errors: list[PromoplanError] = []
    books: list[tuple[str, Playbook]] = []
    for ref in names:
        progress.step(Say("outputs.step.reading", ref=ref))
        try:
            books.append((ref, load(ref)))
        except PromoplanError as exc:
            errors.extend(exc.errors)
    known = {name: a for _, pb in books for name, a in pb.anchors.items()}
    given = given_dates(known, typed, pairs, [e for _, pb in books for e in pb.problems]) if books else {}
    try:
        members = load_team(team, str(team)) if team is not None else None
    except PromoplanError as exc:
        raise_all([*errors, *exc.errors])
        raise
    plans: list[tuple[str, Plan]] = []
    for ref, pb in books:
        progress.step(Say("outputs.step.resolving", n=len(pb.tasks)))
        try:
            if members is not None:
                add_team(pb, *members)
            # an anchor of another plan is not this one's business; one of no plan is a mistake
            own = {k: v for k, v in given.items() if k in pb.anchors or k not in known}
            plans.append((ref, resolve(pb, own)))
        except PromoplanError as exc:
            errors.extend(exc.errors)
    return plans, errors


def compile_one(ref: str, typed: Mapping[str, str | None], pairs: Sequence[str],
                team: Path | None = None) -> Plan:
    """One plan file or playbook, resolved; its mistakes raised."""
    plans, errors = compile_all([ref], typed, pairs, team, Silent())
    raise_all(errors)
    return plans[0][1]

"""The team: who fills each role, from a plan file's `team:` or a `--team` file.

A team file is read apart from the playbook (one team serves many plans), so its roles
are checked against the playbook's only when the two meet.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from promoplan.errors import Loc, PromoplanError, Say, did_you_mean, raise_all
from promoplan.playbook.merged import Playbook, listed
from promoplan.playbook.schema import Person, PlaybookFile, normalize_team
from promoplan.playbook.schema_errors import dedupe_errors, schema_error
from promoplan.playbook.yaml_reader import Path_, read_yaml

ORGANIZER = "organizer"
"""The team entry that is not a role: who sends calendar invitations."""


def load_team(path: Path, shown: str) -> tuple[dict[str, list[Person]], dict[str, Loc]]:
    """A `--team` file: `role: [people]`, optionally under a top-level `team:` key."""
    doc = read_yaml(path, shown)
    data = doc.data
    prefix: Path_ = ()
    if isinstance(data, dict) and set(data) == {"team"}:
        data, prefix = data["team"], ("team",)
    if not isinstance(data, dict):
        raise PromoplanError(Say("playbook.team-file-shape"), doc.loc(prefix))
    try:
        layer = PlaybookFile.model_validate({"team": normalize_team(data)})
    except ValidationError as exc:
        raise_all([schema_error(doc, err, (*prefix, *tuple(err["loc"])[1:]))
                   for err in dedupe_errors(exc.errors(include_url=False))])
        raise
    return dict(layer.team), {role: doc.key_loc((*prefix, role)) for role in layer.team}


def add_team(pb: Playbook, team: dict[str, list[Person]], locs: dict[str, Loc]) -> None:
    """Put a team file's people on the playbook's roles; every role must be one it knows."""
    team = dict(team)
    organizer = team.pop(ORGANIZER, None)
    if organizer:
        pb.organizer = organizer[0]
    raise_all(unknown_roles(pb, team, locs))
    pb.team.update(team)


def unknown_roles(pb: Playbook, team: dict[str, list[Person]],
                  locs: dict[str, Loc]) -> list[PromoplanError]:
    """A role the playbook does not know is almost always misspelt: the same check for a plan file's
    `team:` and a `--team` file. Without `roles:`, the tasks' owners are the roles."""
    known = pb.roles or sorted({t.spec.owner for t in pb.tasks if t.spec.owner})
    return [PromoplanError(Say("playbook.team-unknown-role", role=role), locs.get(role),
                           did_you_mean(role, known) or Say("playbook.roles", names=listed(list(known))))
            for role in team if role not in known]


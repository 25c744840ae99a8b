"""Reading what people write: a playbook or plan file (a built-in name, a path or git
REV:path) → one merged, checked `Playbook` whose every value knows its file, line and column.

sources (bytes from disk, the package or git) → yaml_reader (data and positions) → layers
(each file against schema, the pydantic models) → assemble (extends, overrides, remove) →
checks (what only the whole playbook can tell) and team. `merged` holds the result,
`library` the built-in playbooks, `starter` writes `init`'s plan file.
"""

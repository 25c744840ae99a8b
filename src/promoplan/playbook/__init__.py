"""Reading what people write: a playbook or plan file (a name, a path or git REV:path) →
one merged, checked `Playbook`, every value still knowing its file, line and column.

sources → yaml_reader → schema (the pydantic models) → assemble (extends, overrides,
remove, team); `library` holds the built-in playbooks, `starter` writes `init`'s plan file.
"""

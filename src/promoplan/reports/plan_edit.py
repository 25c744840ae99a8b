"""One top-level block of a plan file edited as text: every other byte stays as written.

`progress --into` writes statuses into the team's own file, kept in git with its
comments. A YAML library's round trip writes the whole document back and attaches each
comment to a neighbouring entry, so a comment after the block's last entry went away with
that entry. Here the file is only composed (PyYAML, which knows where each node starts
and ends) to find the block and its entries; then exactly those spans change:

- a value set: the old value's text is replaced, the entry's key and comment stay;
- an entry removed: its line goes (with a comment on that line), the lines around it stay;
- entries added: new lines after the block's last entry, indented like it (a new block
  goes at the end of the file, indented like the file's other blocks);
- a block left empty becomes `key: {}` on its own line, which keeps its comment.

A flow block (`progress: {a: 完成}`) is rewritten in flow style, in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from promoplan.playbook.yaml_text import scalar


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def block_values(text: str, key: str) -> dict[str, str]:
    """The entries of the top-level mapping `key` as written (keys and values as text)."""
    found = _find(_compose(text), key)
    return {} if found is None else {k.value: v.value for k, v in found[1].value}


def edit_block(text: str, key: str, changes: dict[str, str | None]) -> str:
    """`text` with the top-level mapping `key` changed: a value sets or adds its entry, None
    removes it. `text` is a valid plan file (LF line ends), whose `key` is a mapping if present."""
    root = _compose(text)
    found = _find(root, key)
    if found is None:
        added = {k: v for k, v in changes.items() if v is not None}
        if not added:
            return text
        if isinstance(root, yaml.MappingNode) and root.flow_style:  # a file that is one {…}
            end = text.rindex("}", 0, root.end_mark.index)
            flow = ", ".join(f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in added.items())
            return text[:end] + f"{', ' if root.value else ''}{key}: {{{flow}}}" + text[end:]
        indent = " " * _indent(root)
        lines = "".join(f"{indent}{scalar(k)}: {scalar(v)}\n" for k, v in added.items())
        return text + ("" if text.endswith("\n") or not text else "\n") + f"{key}:\n{lines}"
    key_node, block = found
    entries = {k.value: (k, v) for k, v in block.value}
    if block.flow_style and not entries and any(v is not None for v in changes.values()):
        # `key: {}` (what an emptied block became) grows back into lines of its own.
        colon = text.index(":", key_node.end_mark.index) + 1
        at = _line_end(text, block.end_mark.index)
        lines = "".join(f"{' ' * _indent(root)}{scalar(k)}: {scalar(v)}\n"
                        for k, v in changes.items() if v is not None)
        tail = text[block.end_mark.index:at]
        return text[:colon] + tail + ("" if tail.endswith("\n") else "\n") + lines + text[at:]
    if block.flow_style:
        kept = {k: v.value for k, (_, v) in entries.items()}
        for name, value in changes.items():
            if value is None:
                kept.pop(name, None)
            else:
                kept[name] = value
        flow = ", ".join(f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in kept.items())
        return text[:block.start_mark.index] + "{" + flow + "}" + text[block.end_mark.index:]
    edits: list[_Edit] = []
    removed = 0
    for name, value in changes.items():
        if name not in entries:
            continue
        k, v = entries[name]
        if value is None:
            edits.append(_Edit(_line_start(text, k.start_mark.index), _line_end(text, v.end_mark.index), ""))
            removed += 1
        else:
            ends_line = text[v.end_mark.index - 1:v.end_mark.index] == "\n"  # a block scalar
            edits.append(_Edit(v.start_mark.index, v.end_mark.index, scalar(value) + "\n" * ends_line))
    added = {k: v for k, v in changes.items() if v is not None and k not in entries}
    if added:
        column = block.value[0][0].start_mark.column
        at = _line_end(text, block.value[-1][1].end_mark.index)
        lines = "".join(f"{' ' * column}{scalar(k)}: {scalar(v)}\n" for k, v in added.items())
        edits.append(_Edit(at, at, lines if text[at - 1:at] == "\n" else "\n" + lines))
    elif removed == len(entries):
        colon = text.index(":", key_node.end_mark.index) + 1
        edits.append(_Edit(colon, colon, " {}"))
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _find(root: yaml.Node | None, key: str) -> tuple[yaml.ScalarNode, yaml.MappingNode] | None:
    """The key and the mapping it holds at the top of the file, if it is there."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.MappingNode):
            return k, v
    return None


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Past the newline of the line `index` is on; a value that already ends its line (a block
    scalar) ends there."""
    if index > 0 and text[index - 1] == "\n":
        return index
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _indent(root: yaml.Node | None) -> int:
    """How far the file indents its blocks' keys (the first block mapping under a top-level key)."""
    if isinstance(root, yaml.MappingNode):
        for _, value in root.value:
            if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                return int(value.value[0][0].start_mark.column)
    return 2

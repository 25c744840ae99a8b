"""Read YAML into plain data while remembering where every value was written.

PyYAML's constructed objects forget their position, so we compose the node
graph (with the C loader when present) and build the data ourselves, keeping a
mark for each path. That is also the place to catch what PyYAML would hide:
duplicate keys, unquoted clock times (YAML 1.1 reads ``10:00`` as 600), and
tags that would construct Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from promoplan.errors import Loc, PromoplanError

Path_ = tuple[str | int, ...]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# Past this many nodes reached again through aliases, a file is an alias bomb.
MAX_ALIAS_VISITS = 100_000


@dataclass
class Document:
    """One parsed YAML file: its data and the position of each value and key."""

    data: Any
    name: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    """Numbers and booleans as written (10.30, not 10.3), for messages."""

    def loc(self, path: Path_ = ()) -> Loc:
        """Where the value at `path` was written, or its nearest written parent."""
        path = tuple(path)
        while path and path not in self.marks:
            path = path[:-1]
        line, col = self.marks.get(path, (1, 1))
        return Loc(self.name, line, col)

    def key_loc(self, path: Path_) -> Loc:
        """Where the key that holds `path` was written (for unknown or duplicate keys)."""
        if tuple(path) in self.key_marks:
            line, col = self.key_marks[tuple(path)]
            return Loc(self.name, line, col)
        return self.loc(path)


def decode(raw: bytes, name: str) -> str:
    """File bytes as UTF-8 text (a BOM is dropped; CRLF is fine for YAML)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise PromoplanError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            Loc(name, line, col),
            "save the file as UTF-8",
        ) from None


def parse_yaml(text: str, name: str) -> Document:
    """Compose `text` and build its data with positions; YAML errors carry file:line:col."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, name) from None
    except yaml.YAMLError as exc:
        raise PromoplanError(f"YAML syntax: {exc}", Loc(name, 1, 1)) from None
    doc = Document(data=None, name=name)
    if root is None:
        return doc
    builder = _Builder(doc)
    doc.data = builder.build(root, ())
    return doc


def _syntax_error(exc: yaml.MarkedYAMLError, name: str) -> PromoplanError:
    """PyYAML reports where it gave up; for an unclosed quote or bracket, point where it opened."""
    what = exc.problem or exc.context or "not valid YAML"
    if exc.context and exc.problem:
        what = f"{exc.context}, {exc.problem}"
    context = exc.context or ""
    opened = exc.context_mark is not None and (
        "quoted scalar" in context or "flow sequence" in context or "flow mapping" in context)
    mark = exc.context_mark if opened else (exc.problem_mark or exc.context_mark)
    loc = Loc(name, mark.line + 1, mark.column + 1) if mark else Loc(name)
    hint = None
    if opened and "quoted scalar" in context:
        hint = "the quote opened here is never closed"
    elif opened and exc.problem_mark is not None:
        bracket = "[" if "sequence" in context else "{"
        hint = f"the '{bracket}' opened here is not closed before line {exc.problem_mark.line + 1}"
    elif "mapping values are not allowed" in what:
        hint = "check the indentation of this line against the lines above"
    elif "\t" in what or "tab" in what:
        hint = "indent with spaces, not tabs"
    return PromoplanError(f"YAML syntax: {what}", loc, hint)


def read_yaml(path: Path, name: str | None = None) -> Document:
    from promoplan.sources import read_disk

    name = name or str(path)
    return parse_yaml(decode(read_disk(path, name), name), name)


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.revisits = 0

    def _loc(self, node: yaml.Node) -> Loc:
        return Loc(self.doc.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            self.revisits += 1
            if self.revisits > MAX_ALIAS_VISITS:
                raise PromoplanError(
                    f"too many aliases expanded (over {MAX_ALIAS_VISITS:,}): "
                    "the file repeats itself without end",
                    self._loc(node),
                )
        else:
            self.seen.add(id(node))
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _COLLECTIONS:
            raise _tag_error(node, self._loc(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        value = self._scalar(node)
        if not isinstance(value, str):
            self.doc.raw[path] = node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise PromoplanError(
                    "merge keys ('<<') are not supported", self._loc(key_node),
                    "write the keys out, or use 'extends:'",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise PromoplanError("a key must be a plain word", self._loc(key_node))
            key_value = self._scalar(key_node)
            if key_value is None or key_value == "":
                raise PromoplanError("empty key", self._loc(key_node), "write a name before the ':'")
            key = str(key_value)
            if key in first:
                raise PromoplanError(
                    f"duplicate key '{key}' (first at line {first[key]})",
                    self._loc(key_node),
                    "YAML keeps only the last one: remove or rename one of them",
                )
            first[key] = key_node.start_mark.line + 1
            self.doc.key_marks[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return node.value
        if tag == "tag:yaml.org,2002:timestamp":
            # Dates are parsed by promoplan itself, the same way as on the command line.
            return node.value
        if tag in _PLAIN_TAGS:
            if ":" in node.value:  # YAML 1.1 base-60: `10:00` would become 600
                return node.value
            try:
                return _SCALARS.construct_object(node)
            except (yaml.YAMLError, ValueError):
                raise PromoplanError(
                    f"cannot read {node.value!r} as {tag.rsplit(':', 1)[-1]}", self._loc(node)
                ) from None
        raise _tag_error(node, self._loc(node))


def _tag_error(node: yaml.Node, loc: Loc) -> PromoplanError:
    return PromoplanError(
        f"YAML tag '{node.tag}' is not allowed: promoplan reads plain data only",
        loc,
        "remove the tag",
    )

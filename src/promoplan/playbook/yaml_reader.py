"""Read YAML into plain data while remembering where every value was written.

PyYAML's constructed objects forget their position, so we let it compose the node graph
(the C loader when present), then build the data from the nodes ourselves, noting where
each value and each key was written. That is also the place to catch what PyYAML would
hide: duplicate keys (it keeps the last silently), unquoted clock times (YAML 1.1 reads
``10:00`` as 600), merge keys, and tags that would construct Python objects.

The composer's own errors (undefined alias, duplicate anchor, a second document) come
before ours because the whole stream is composed before anything is built. Aliases are
shared nodes in the graph, so an alias bomb is a graph that is small to compose but huge
to walk: each node reached again is counted, and too many is an error.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from promoplan.errors import Loc, PromoplanError, Say

Path_ = tuple[str | int, ...]

_STR: Final = "tag:yaml.org,2002:str"
_TIMESTAMP: Final = "tag:yaml.org,2002:timestamp"
_MERGE: Final = "tag:yaml.org,2002:merge"
# What the resolver gives a collection without an explicit tag; either passes on either kind.
_COLLECTION_TAGS: Final = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_TAGS: Final = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
# Past this many nodes reached again through aliases, a file is an alias bomb.
MAX_ALIAS_VISITS = 100_000
# A playbook nests five or six levels; far deeper is a broken or hostile file, and reading
# it recursively would exhaust Python's stack.
MAX_DEPTH = 100


@dataclass
class Document:
    """One parsed YAML file: its data, and where each value and each key was written."""

    data: Any
    name: str
    raw: dict[Path_, str] = field(default_factory=dict)
    """Numbers and booleans as written (10.30, not 10.3), for messages."""
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    """Each value's (line, column), from 1, by path."""
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    """Each mapping key's (line, column), from 1, by the path of the value it holds."""

    def loc(self, path: Path_ = ()) -> Loc:
        """Where the value at `path` was written, or its nearest written parent.

        Validation errors name paths that may not exist (a missing key, an item past the
        end), so the path is trimmed until it names something written.
        """
        path = tuple(path)
        for end in range(len(path), -1, -1):
            at = self.marks.get(path[:end])
            if at is not None:
                return Loc(self.name, *at)
        return Loc(self.name, 1, 1)

    def key_loc(self, path: Path_) -> Loc:
        """Where the key that holds `path` was written (for unknown or duplicate keys)."""
        at = self.key_marks.get(tuple(path))
        return Loc(self.name, *at) if at is not None else self.loc(path)


class TooDeep(PromoplanError):
    """Data nested far deeper than any playbook: a broken or hostile file."""

    def __init__(self, loc: Loc) -> None:
        super().__init__(Say("playbook.too-deep", depth=MAX_DEPTH), loc, Say("playbook.too-deep-fix"))


def decode(raw: bytes, name: str) -> str:
    """File bytes as UTF-8 text (a BOM is dropped; CRLF is fine for YAML)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise PromoplanError(
            Say("playbook.not-utf8", byte=f"0x{raw[exc.start]:02x}"),
            Loc(name, line, col),
            Say("playbook.not-utf8-fix"),
        ) from None


class _DepthLimitedLoader(yaml.SafeLoader):
    """The pure-Python loader, stopping at `MAX_DEPTH`: its composer recurses per level.

    Used when libyaml is missing, and when libyaml's own nesting limit trips: that limit
    is far above ours and is met while scanning ahead, so it cannot say where ours is.
    """

    def __init__(self, stream: str, name: str) -> None:
        super().__init__(stream)
        self.file = name
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # A node this deep is inside a collection at `MAX_DEPTH`: that collection is too deep.
        self.depth += 1
        if parent is not None and self.depth > MAX_DEPTH + 1:
            mark = parent.start_mark
            raise TooDeep(Loc(self.file, mark.line + 1, mark.column + 1))
        node = super().compose_node(parent, index)
        self.depth -= 1
        return node


def parse_yaml(text: str, name: str, pure_python: bool = False) -> Document:
    """Read `text` into data with positions; YAML errors carry file:line:col."""
    c_loader: Any = None if pure_python else getattr(yaml, "CSafeLoader", None)
    try:
        # The pure-Python reader checks the text as it is made, hence inside the `try`.
        loader = c_loader(text) if c_loader else _DepthLimitedLoader(text, name)
        try:
            with _no_cycle_collection():
                return _Builder(loader, name).document(loader.get_single_node())
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        if c_loader and "nesting depth" in str(exc.problem or ""):
            return parse_yaml(text, name, pure_python=True)
        raise _syntax_error(exc, name, text) from None
    except yaml.YAMLError as exc:
        raise PromoplanError(Say("playbook.yaml-other", what=str(exc)), Loc(name, 1, 1)) from None


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the node graph is made and read.

    The graph is several objects per scalar, made at once, and the collector would walk it
    again and again as it grows: two thirds of the time to read a 10,000-task playbook.
    It has no cycles unless an alias sits inside its own node, and that is collected later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _syntax_error(exc: yaml.MarkedYAMLError, name: str, text: str) -> PromoplanError:
    """PyYAML's complaint in our words: where it gave up, or for an unclosed quote or bracket,
    where it opened; the common problems (tabs, quotes, brackets, indentation) said plainly."""
    context = exc.context or ""
    opened = exc.context_mark is not None and (
        "quoted scalar" in context or "flow sequence" in context or "flow mapping" in context)
    mark = exc.context_mark if opened else (exc.problem_mark or exc.context_mark)
    loc = Loc(name, mark.line + 1, mark.column + 1) if mark else Loc(name)
    message, hint = _syntax_words(exc, text, opened)
    return PromoplanError(message, loc, hint)


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    """The character PyYAML stopped at (its marks count lines and characters from 0)."""
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


def _syntax_words(exc: yaml.MarkedYAMLError, text: str, opened: bool) -> tuple[Say, Say | None]:
    """The message and fix for one of PyYAML's problems (its own words only for rare ones)."""
    problem, context = exc.problem or "", exc.context or ""
    if opened and "quoted scalar" in context:
        return Say("playbook.yaml-quote"), Say("playbook.yaml-quote-fix")
    if opened and exc.problem_mark is not None:
        bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
        return (Say("playbook.yaml-bracket", open=bracket, close=close),
                Say("playbook.yaml-bracket-fix", open=bracket, line=exc.problem_mark.line + 1))
    char = _char_at(text, exc.problem_mark)
    if "tab" in problem or "'\\t'" in problem or ("cannot start any token" in problem and char == "\t"):
        return Say("playbook.yaml-tab"), Say("playbook.yaml-tab-fix")
    if "mapping values are not allowed" in problem:
        return Say("playbook.yaml-colon"), Say("playbook.yaml-colon-fix")
    if "cannot start any token" in problem and char:
        return Say("playbook.yaml-start", char=char), Say("playbook.yaml-start-fix")
    if ("did not find expected" in problem or "expected <block end>" in problem
            or "document start" in problem):
        return Say("playbook.yaml-indent"), Say("playbook.yaml-indent-fix")
    if "undefined alias" in problem:
        return Say("playbook.yaml-alias"), None
    if "duplicate anchor" in context or "duplicate anchor" in problem:
        return Say("playbook.yaml-duplicate-anchor"), None
    if "single document" in context:
        return Say("playbook.yaml-documents"), Say("playbook.yaml-documents-fix")
    if "escape character" in problem:
        return Say("playbook.yaml-escape"), Say("playbook.yaml-escape-fix")
    what = f"{context}, {problem}" if context and problem else (problem or context)
    return Say("playbook.yaml-other", what=what or "?"), None


def read_yaml(path: Path, name: str | None = None) -> Document:
    """`parse_yaml` of a file on disk, shown to the user as `name`."""
    from promoplan.playbook.sources import read_disk

    name = name or str(path)
    return parse_yaml(decode(read_disk(path, name), name), name)


class _Builder:
    """Plain data from one composed node graph, with positions and promoplan's checks.

    Each path gets its own copy of an aliased node, with the anchored node's positions, as
    if the alias had been written out; `seen` tells a node reached again through an alias
    (counted), `open` one reached again from inside itself (it would never end).
    """

    def __init__(self, loader: Any, name: str) -> None:
        self.loader = loader
        self.doc = Document(None, name)
        self.seen: set[yaml.Node] = set()
        self.open: set[yaml.Node] = set()
        self.revisits = 0

    def document(self, root: yaml.Node | None) -> Document:
        if root is not None:
            self.doc.data = self._value(root, ())
        return self.doc

    def _loc(self, node: yaml.Node) -> Loc:
        """Where a node was written, as editors count (from 1)."""
        return Loc(self.doc.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def _value(self, node: yaml.Node, path: Path_) -> Any:
        if node in self.seen:  # an alias: the node is written out once more
            self._count(node, endless=node in self.open)
        else:
            self.seen.add(node)
        mark = node.start_mark
        self.doc.marks[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
            if not isinstance(value, str):
                self.doc.raw[path] = node.value
            return value
        if node.tag not in _COLLECTION_TAGS:
            raise _tag_error(node.tag, self._loc(node))
        if len(path) >= MAX_DEPTH:
            raise TooDeep(self._loc(node))
        self.open.add(node)
        if isinstance(node, yaml.MappingNode):
            data: Any = self._mapping(node, path)
        else:
            data = [self._value(item, (*path, i)) for i, item in enumerate(node.value)]
        self.open.discard(node)
        return data

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = self._key(key_node)
            if name in lines:
                raise PromoplanError(
                    Say("playbook.duplicate-key", key=name, line=lines[name]), self._loc(key_node),
                    Say("playbook.duplicate-key-fix"))
            mark = key_node.start_mark
            lines[name] = mark.line + 1
            self.doc.key_marks[(*path, name)] = (mark.line + 1, mark.column + 1)
            out[name] = self._value(value_node, (*path, name))
        return out

    def _key(self, node: yaml.Node) -> str:
        """A key as text; it is never built as a value, so never counted as one."""
        if node.tag == _MERGE:
            raise PromoplanError(Say("playbook.merge-key"), self._loc(node), Say("playbook.merge-key-fix"))
        if not isinstance(node, yaml.ScalarNode):
            raise PromoplanError(Say("playbook.key-not-word"), self._loc(node))
        value = self._scalar(node)
        if value is None or value == "":
            raise PromoplanError(Say("playbook.empty-key"), self._loc(node), Say("playbook.empty-key-fix"))
        return value if isinstance(value, str) else str(value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """Text, unless the tag (written or resolved) makes it plain data.

        Dates are parsed by promoplan itself, the same way as on the command line, and
        numbers written like clock times stay text; other tags would make Python objects.
        """
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            return node.value
        if tag not in _PLAIN_TAGS:
            raise _tag_error(tag, self._loc(node))
        if ":" in node.value:  # YAML 1.1 base-60: `10:00` would become 600
            return node.value
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, KeyError):  # KeyError: `!!bool maybe` is no word
            raise PromoplanError(
                Say("playbook.bad-scalar", value=node.value, tag=tag.rsplit(":", 1)[-1]), self._loc(node)
            ) from None

    def _count(self, node: yaml.Node, endless: bool) -> None:
        """One more node reached again through an alias; too many is an alias bomb.

        A node reached from inside itself would be written out for ever: that is said at
        once, at the node, rather than after walking it round to the limit.
        """
        self.revisits += 1
        if endless or self.revisits > MAX_ALIAS_VISITS:
            raise PromoplanError(
                Say("playbook.alias-bomb", limit=f"{MAX_ALIAS_VISITS:,}"),
                self._loc(node),
            )


def _tag_error(tag: str, loc: Loc) -> PromoplanError:
    return PromoplanError(
        Say("playbook.yaml-tag", tag=tag),
        loc,
        Say("playbook.yaml-tag-fix"),
    )

"""Read YAML into plain data while remembering where every value was written.

PyYAML's constructed objects forget their position, so we read the parser's
event stream (the C parser when present) and build the data ourselves, noting
where each value and each key was written. We do not let PyYAML compose its
node graph first: for a big playbook that graph takes several times the memory
of the data it describes, and walking it costs as much again. That is also the
place to catch what PyYAML would hide: duplicate keys, unquoted clock times
(YAML 1.1 reads ``10:00`` as 600), and tags that would construct Python objects.

The result must be what ``yaml.compose`` followed by a walk of its nodes gave,
errors included, so the composer's own duties are done here too: anchors are
remembered as the events that wrote them and replayed for each alias (counted,
so an alias bomb stops), and the composer's errors (undefined alias, duplicate
anchor, a second document) keep its wording. PyYAML composed the whole stream
before anything was built, so its errors win wherever they are in the file: a
mistake of ours is held while the rest of the stream is read, and raised only
if the stream turns out to be sound.

Positions are kept compactly, in a tree shaped like the data, because a flat
table keyed by path tuples costs more memory than the playbook's data itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NoReturn

import yaml
from yaml.composer import Composer, ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from promoplan.errors import Loc, PromoplanError

Path_ = tuple[str | int, ...]

# Events come untyped from the C parser; the stubs' optional marks are always set.
Event_ = Any
NextEvent = Callable[[], Event_]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()
_CONSTRUCTORS = yaml.constructor.SafeConstructor.yaml_constructors
_STR: Final = "tag:yaml.org,2002:str"
_TIMESTAMP: Final = "tag:yaml.org,2002:timestamp"
_MERGE: Final = "tag:yaml.org,2002:merge"
# A collection without an explicit tag: what SafeLoader's resolver gives (it has no path resolvers).
_MAP: Final = "tag:yaml.org,2002:map"
_SEQ: Final = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
# Plain scalars repeat (keys, owners, offsets): reading each text once also shares one string
# object between its uses. Bounded, because most texts of a big playbook are unique.
_CACHE_MAX = 20_000
_MISS: Any = object()
# Past this many nodes reached again through aliases, a file is an alias bomb.
MAX_ALIAS_VISITS = 100_000
# A playbook nests five or six levels; far deeper is a broken or hostile file, and reading
# it recursively would exhaust Python's stack.
MAX_DEPTH = 100

# A position is one int, line << 32 | column, both 0-based as in PyYAML's marks; a value under
# a key carries the key's position above bit 64. One int per value, where a (line, column)
# tuple of ints costs three objects. See `Document.positions`.
_LOW: Final = (1 << 64) - 1
_COL: Final = (1 << 32) - 1


@dataclass
class Document:
    """One parsed YAML file: its data and the position of each value and key.

    `positions` mirrors the data, so that a path finds its position the way it finds its
    value, and costs no tuple per value: a scalar's entry is an int, a mapping's a dict from
    its keys to their entries plus ``None`` for the mapping's own position, a sequence's a
    list of its own position and then its items' entries. Each own position packs the
    value's position and, under a mapping, its key's: ``value | key << 64``, a position
    being ``line << 32 | column`` (0-based). `marks` and `key_marks` give the flat tables.
    """

    data: Any
    name: str
    raw: dict[Path_, str] = field(default_factory=dict)
    """Numbers and booleans as written (10.30, not 10.3), for messages."""
    positions: Any = field(default=None, repr=False)

    def loc(self, path: Path_ = ()) -> Loc:
        """Where the value at `path` was written, or its nearest written parent."""
        entry = self.positions
        if entry is None:
            return Loc(self.name, 1, 1)
        for part in path:
            child = _child(entry, part)
            if child is None:
                break
            entry = child
        return self._at(_own(entry) & _LOW)

    def key_loc(self, path: Path_) -> Loc:
        """Where the key that holds `path` was written (for unknown or duplicate keys)."""
        path = tuple(path)
        entry = self.positions
        for part in path[:-1]:
            if entry is None:
                break
            entry = _child(entry, part)
        if path and isinstance(entry, dict) and isinstance(path[-1], str) and path[-1] in entry:
            return self._at(_own(entry[path[-1]]) >> 64)
        return self.loc(path)

    @property
    def marks(self) -> dict[Path_, tuple[int, int]]:
        """Every value's (line, column) by path: a flat table for tools and tests, built on demand."""
        return {path: _split(own & _LOW) for path, own, _ in self._walk()}

    @property
    def key_marks(self) -> dict[Path_, tuple[int, int]]:
        """Every mapping key's (line, column) by the path it holds, built on demand."""
        return {path: _split(own >> 64) for path, own, keyed in self._walk() if keyed}

    def _walk(self) -> Iterator[tuple[Path_, int, bool]]:
        """Every entry with its path: iterative, as data can nest deeper than Python recurses."""
        if self.positions is None:
            return
        stack: list[tuple[Path_, Any, bool]] = [((), self.positions, False)]
        while stack:
            path, entry, keyed = stack.pop()
            yield path, _own(entry), keyed
            if isinstance(entry, dict):
                stack.extend(((*path, k), e, True) for k, e in reversed(entry.items()) if k is not None)
            elif isinstance(entry, list):
                stack.extend(((*path, i), e, False) for i, e in reversed(list(enumerate(entry[1:]))))

    def _at(self, position: int) -> Loc:
        """A packed position (see `positions`) as a place in this file."""
        return Loc(self.name, (position >> 32) + 1, (position & _COL) + 1)


def _own(entry: Any) -> int:
    """The packed own position of any entry of `Document.positions`."""
    if isinstance(entry, dict):
        return int(entry[None])
    if isinstance(entry, list):
        return int(entry[0])
    return int(entry)


def _child(entry: Any, part: object) -> Any:
    """The entry under `part`, or None: the same paths a table keyed by path tuples would match."""
    if isinstance(entry, dict):
        return entry.get(part) if isinstance(part, str) else None
    if isinstance(entry, list) and isinstance(part, int) and 0 <= part < len(entry) - 1:
        return entry[part + 1]
    return None


def _split(position: int) -> tuple[int, int]:
    """A packed position as (line, column) from 1, the form of the old flat tables."""
    return (position >> 32) + 1, (position & _COL) + 1


class TooDeep(PromoplanError):
    """Data nested far deeper than any playbook: a broken or hostile file."""

    def __init__(self, loc: Loc) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep", loc,
                         "a playbook needs only a few levels: check the brackets")


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


def parse_yaml(text: str, name: str, loader_class: Any = None) -> Document:
    """Read `text` into data with positions; YAML errors carry file:line:col."""
    try:
        loader = (loader_class or _Loader)(text)  # the pure-Python reader checks the text here
        try:
            return _Reader(loader, name).read()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem or "") and loader_class is None:
            # libyaml's own depth limit (PyYAML 6.0.4 on) tripped before ours, as its scanner
            # reads ahead: the pure-Python parser has none, so ours says where, as always.
            return parse_yaml(text, name, yaml.SafeLoader)
        raise _syntax_error(exc, name) from None
    except yaml.YAMLError as exc:
        raise PromoplanError(f"YAML syntax: {exc}", Loc(name, 1, 1)) from None


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
    """`parse_yaml` of a file on disk, shown to the user as `name`."""
    from promoplan.playbook.sources import read_disk

    name = name or str(path)
    return parse_yaml(decode(read_disk(path, name), name), name)


class _Anchor:
    """An anchored node: the events that wrote it, kept to be replayed for each alias.

    Nested anchors share the log of the outermost one, as a slice of it. `end` is -1 while
    the node is still being read.
    """

    __slots__ = ("end", "event", "log", "start")

    def __init__(self, event: Event_, log: list[Event_] | None = None, start: int = 0) -> None:
        self.event = event
        self.log = log
        self.start = start
        self.end = -1 if log is not None else 0


def _recorder(nxt: NextEvent, log: list[Event_]) -> NextEvent:
    """`nxt`, also keeping each event in `log` (for an anchored node, to replay its aliases)."""
    append = log.append

    def record() -> Event_:
        event = nxt()
        append(event)
        return event

    return record


class _Reader:
    """One pass over the events of one file: data, positions, and the composer's checks.

    The builders take `nxt`, where the next event comes from: the parser, the parser while
    recording an anchored node, or the replay of one (`replay` true: no composer checks, as
    it passed them once, and every node counts as reached again through an alias).
    """

    def __init__(self, loader: Any, name: str) -> None:
        self.loader = loader
        self.name = name
        self.raw: dict[Path_, str] = {}
        self.anchors: dict[str, _Anchor] = {}
        self.seen: set[str] = set()  # anchors already built as a value (keys are not built)
        self.log: list[Event_] | None = None  # events of the outermost open anchored node
        self.revisits = 0
        self.cache: dict[str, Any] = {}
        self.python_composer = isinstance(loader, Composer)  # its messages name the anchor
        # A plain scalar whose first character no implicit resolver looks at is text as it
        # stands; a resolver for any first character (key None) would look at them all.
        resolvers = loader.yaml_implicit_resolvers
        self.resolved_first: frozenset[str] | None = (
            None if None in resolvers else frozenset(resolvers))

    def read(self) -> Document:
        """The whole stream, as `yaml.compose` reads it: one document or none."""
        get = self.loader.get_event
        get()  # StreamStartEvent
        doc = Document(None, self.name, self.raw)
        if get().__class__ is StreamEndEvent:  # else DocumentStartEvent
            return doc
        root = get()
        try:
            doc.data, doc.positions = self._value(root, get, (), 0, False)
        except (yaml.YAMLError, TooDeep):
            raise  # a depth limit is ours to report wherever libyaml's own limit would trip
        except Exception as exc:
            # PyYAML composed the whole stream before we built: its errors come first.
            self._drain(get, root)
            raise exc from None
        get()  # DocumentEndEvent
        self._single(get, root)
        return doc

    def _single(self, get: NextEvent, root: Event_) -> None:
        """After the document's end, the stream must end too."""
        after = get()
        if after.__class__ is not StreamEndEvent:
            raise ComposerError("expected a single document in the stream", root.start_mark,
                                "but found another document", after.start_mark)

    def _drain(self, get: NextEvent, root: Event_) -> None:
        """Read the rest of the stream for syntax and composer errors only."""
        while True:
            event = get()
            kind = event.__class__
            if kind is AliasEvent:
                self._alias(event)
            elif kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None:
                    self._register(event, None)
            elif kind is DocumentEndEvent:
                self._single(get, root)
                return

    # ------------------------------------------------------------------ composer duties

    def _register(self, event: Event_, log: list[Event_] | None, start: int = 0) -> _Anchor:
        """Note an anchor where the composer did: before anything of ours can fail on its node."""
        name = event.anchor
        first = self.anchors.get(name)
        if first is not None:
            what = (f"found duplicate anchor {name!r}; first occurrence" if self.python_composer
                    else "found duplicate anchor; first occurrence")
            raise ComposerError(what, first.event.start_mark, "second occurrence", event.start_mark)
        record = self.anchors[name] = _Anchor(event, log, start)
        return record

    def _alias(self, event: Event_) -> _Anchor:
        """The anchored node an alias names; an alias before its anchor is the composer's error."""
        record = self.anchors.get(event.anchor)
        if record is None:
            what = (f"found undefined alias {event.anchor!r}" if self.python_composer
                    else "found undefined alias")
            raise ComposerError(None, None, what, event.start_mark)
        return record

    def _count(self, event: Event_) -> None:
        """One more node reached again through an alias; too many is an alias bomb."""
        self.revisits += 1
        if self.revisits > MAX_ALIAS_VISITS:
            raise PromoplanError(
                f"too many aliases expanded (over {MAX_ALIAS_VISITS:,}): "
                "the file repeats itself without end",
                self._loc(event),
            )

    # ------------------------------------------------------------------ building

    def _loc(self, event: Event_) -> Loc:
        """Where an event was written, as editors count (from 1)."""
        mark = event.start_mark
        return Loc(self.name, mark.line + 1, mark.column + 1)

    def _at(self, position: int) -> Loc:
        """A packed position (see `Document.positions`) as a place in this file."""
        return Loc(self.name, (position >> 32) + 1, (position & _COL) + 1)

    def _too_deep(self, own: int) -> PromoplanError:
        return TooDeep(self._at(own & _LOW))

    def _value(self, event: Event_, nxt: NextEvent, path: Path_, key: int,
               replay: bool) -> tuple[Any, Any]:
        """Any node as a value: its data and its entry in `Document.positions`.

        The loops of `_mapping` and `_sequence` read plain scalars and plain collections
        themselves; this is for aliases, anchors, tags and replays.
        """
        record: _Anchor | None = None
        outermost = False
        kind = event.__class__
        if kind is AliasEvent:
            found = self._alias(event)
            event = found.event
            kind = event.__class__
            if event.anchor in self.seen:
                self._count(event)
            else:  # a scalar so far only used as a key
                self.seen.add(event.anchor)
            if found.end < 0:
                self._endless(found)
            if found.log is not None:
                nxt = iter(found.log[found.start + 1 : found.end]).__next__
                replay = True
        elif replay:
            self._count(event)
        elif event.anchor is not None:
            self.seen.add(event.anchor)
            if kind is ScalarEvent:
                self._register(event, None)
            elif self.log is None:  # record this node's events, to replay them for its aliases
                log = self.log = [event]
                record = self._register(event, log)
                nxt = _recorder(nxt, log)
                outermost = True
            else:  # an anchor inside an anchored node: a slice of the same record
                record = self._register(event, self.log, len(self.log) - 1)
        mark = event.start_mark
        own = mark.line << 32 | mark.column | key << 64
        if kind is ScalarEvent:
            value = self._scalar(event)
            if value.__class__ is not str:
                self.raw[path] = event.value
            return value, own
        tag = event.tag
        if tag is not None and tag != "!" and tag != _MAP and tag != _SEQ:
            # Either collection tag passes on either collection, as it did on PyYAML's nodes.
            raise _tag_error(tag, self._loc(event))
        try:
            if kind is MappingStartEvent:
                return self._mapping(nxt, path, own, replay)
            return self._sequence(nxt, path, own, replay)
        finally:
            if record is not None:
                assert record.log is not None
                record.end = len(record.log)
                if outermost:
                    self.log = None

    def _endless(self, record: _Anchor) -> NoReturn:
        """An alias inside the value it names: walk on as PyYAML's looping nodes were walked.

        That walk never ends, so it ends at the alias limit, on the node where the old
        recursive walk would have passed it (had Python let it recurse that deep). Each turn
        of the loop reaches the same nodes again: we walk one turn, skip the whole turns that
        stay under the limit, and walk the turn that crosses it. The caller counted the
        target for this turn.
        """
        assert record.log is not None
        target = record.event
        turn = record.log[record.start + 1 : len(record.log) - 1]  # up to this very alias
        before = self.revisits - 1
        self._walk_turn(target, turn)
        per_turn = self.revisits - before
        self.revisits += (MAX_ALIAS_VISITS - self.revisits) // per_turn * per_turn
        while True:
            self._count(target)
            self._walk_turn(target, turn)

    def _walk_turn(self, target: Event_, turn: list[Event_]) -> None:
        """The nodes of `turn` counted as reached again; its events run out before it closes."""
        build = self._mapping if target.__class__ is MappingStartEvent else self._sequence
        try:
            build(iter(turn).__next__, (), 0, True)
        except StopIteration:
            return
        raise AssertionError("the events of an open node cannot close it")

    def _mapping(self, nxt: NextEvent, path: Path_, own: int,
                 replay: bool) -> tuple[dict[str, Any], dict[str | None, Any]]:
        """The pairs of a mapping up to its end, with PyYAML's key checks in PyYAML's order.

        Most of a playbook's events pass through this loop, so the common cases are read
        inline rather than by calls.
        """
        if len(path) >= MAX_DEPTH:
            raise self._too_deep(own)
        out: dict[str, Any] = {}
        tree: dict[str | None, Any] = {None: own}
        cache = self.cache
        while True:
            event = nxt()
            kind = event.__class__
            if kind is MappingEndEvent:
                return out, tree
            # The key: nearly always a plain word, read here without a call.
            if kind is ScalarEvent and event.tag is None and (replay or event.anchor is None):
                text = event.value
                if event.implicit[0]:
                    value = cache.get(text, _MISS)
                    if value is _MISS:
                        value = self._plain(text, event, True)
                else:
                    value = text
                mark = event.start_mark
                at = mark.line << 32 | mark.column
            else:
                value, at = self._odd_key(event, replay)
            if value.__class__ is str:
                if not value:
                    raise PromoplanError("empty key", self._at(at), "write a name before the ':'")
                name = value
            elif value is None:
                raise PromoplanError("empty key", self._at(at), "write a name before the ':'")
            else:
                name = str(value)
            if name in out:
                raise PromoplanError(
                    f"duplicate key '{name}' (first at line {(_own(tree[name]) >> 96) + 1})",
                    self._at(at),
                    "YAML keeps only the last one: remove or rename one of them",
                )
            # The value: plain scalars and plain collections here, anything else in `_value`.
            event = nxt()
            kind = event.__class__
            if kind is ScalarEvent and event.tag is None and event.anchor is None and not replay:
                text = event.value
                if event.implicit[0]:
                    value = cache.get(text, _MISS)
                    if value is _MISS:
                        value = self._plain(text, event)
                    if value.__class__ is not str:
                        self.raw[(*path, name)] = text
                else:
                    value = text
                mark = event.start_mark
                out[name] = value
                tree[name] = mark.line << 32 | mark.column | at << 64
            elif (kind is MappingStartEvent or kind is SequenceStartEvent) and event.tag is None \
                    and (replay or event.anchor is None):
                # One call per level of nesting: data nests as deep as it did on PyYAML's nodes.
                if replay:
                    self._count(event)
                mark = event.start_mark
                child = mark.line << 32 | mark.column | at << 64
                if kind is MappingStartEvent:
                    out[name], tree[name] = self._mapping(nxt, (*path, name), child, replay)
                else:
                    out[name], tree[name] = self._sequence(nxt, (*path, name), child, replay)
            else:
                out[name], tree[name] = self._value(event, nxt, (*path, name), at, replay)

    def _sequence(self, nxt: NextEvent, path: Path_, own: int,
                  replay: bool) -> tuple[list[Any], list[Any]]:
        """The items of a sequence up to its end; as in `_mapping`, common cases inline."""
        if len(path) >= MAX_DEPTH:
            raise self._too_deep(own)
        out: list[Any] = []
        tree: list[Any] = [own]
        entry: Any
        cache = self.cache
        while True:
            event = nxt()
            kind = event.__class__
            if kind is SequenceEndEvent:
                return out, tree
            if kind is ScalarEvent and event.tag is None and event.anchor is None and not replay:
                text = event.value
                if event.implicit[0]:
                    value = cache.get(text, _MISS)
                    if value is _MISS:
                        value = self._plain(text, event)
                    if value.__class__ is not str:
                        self.raw[(*path, len(out))] = text
                else:
                    value = text
                mark = event.start_mark
                out.append(value)
                tree.append(mark.line << 32 | mark.column)
            elif (kind is MappingStartEvent or kind is SequenceStartEvent) and event.tag is None \
                    and (replay or event.anchor is None):
                if replay:
                    self._count(event)
                mark = event.start_mark
                child = mark.line << 32 | mark.column
                if kind is MappingStartEvent:
                    value, entry = self._mapping(nxt, (*path, len(out)), child, replay)
                else:
                    value, entry = self._sequence(nxt, (*path, len(out)), child, replay)
                out.append(value)
                tree.append(entry)
            else:
                value, entry = self._value(event, nxt, (*path, len(out)), 0, replay)
                out.append(value)
                tree.append(entry)

    def _odd_key(self, event: Event_, replay: bool) -> tuple[Any, int]:
        """A key with an anchor, a tag, an alias or not a scalar at all: PyYAML's checks, in order."""
        kind = event.__class__
        if kind is AliasEvent:
            target = self._alias(event).event
        else:
            target = event
            if not replay and event.anchor is not None:
                self._register(event, None)  # only scalar keys are built, so none is replayed
        mark = target.start_mark
        at = mark.line << 32 | mark.column
        tag = target.tag
        if target.__class__ is ScalarEvent:
            if tag is None or tag == "!":
                tag = self._resolve(target.value) if target.implicit[0] else _STR
        elif tag is None or tag == "!":
            tag = _MAP if target.__class__ is MappingStartEvent else _SEQ
        if tag == _MERGE:
            raise _merge_error(self._at(at))
        if target.__class__ is not ScalarEvent:
            raise PromoplanError("a key must be a plain word", self._at(at))
        return self._construct(tag, target.value, target), at

    # ------------------------------------------------------------------ scalars

    def _scalar(self, event: Event_) -> Any:
        """A scalar's value: text unless the tag (written or resolved) makes it plain data."""
        tag = event.tag
        text = event.value
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return text
            value = self.cache.get(text, _MISS)
            return self._plain(text, event) if value is _MISS else value
        return self._construct(tag, text, event)

    def _resolve(self, text: str) -> str:
        """The implicit tag of a plain scalar, as the composer resolves it."""
        if text and self.resolved_first is not None and text[0] not in self.resolved_first:
            return _STR
        tag: str = self.loader.resolve(yaml.ScalarNode, text, (True, False))
        return tag

    def _plain(self, text: str, event: Event_, key: bool = False) -> Any:
        """A plain scalar not in the cache yet: resolve, construct, remember.

        As a key, a plain ``<<`` is a merge key, which we refuse by name.
        """
        first = self.resolved_first
        if text and first is not None and text[0] not in first:
            value: Any = text  # most misses are unique names: no resolver, no construction
        else:
            tag = self._resolve(text)
            if key and tag == _MERGE:
                raise _merge_error(self._loc(event))
            value = self._construct(tag, text, event)
        cache = self.cache
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        cache[text] = value
        return value

    def _construct(self, tag: str, text: str, event: Event_) -> Any:
        """A scalar of a known tag as plain data, by PyYAML's own constructors.

        Tags that would make Python objects are refused, and numbers written like clock
        times stay text.
        """
        if tag in (_STR, _TIMESTAMP):
            # Dates are parsed by promoplan itself, the same way as on the command line.
            return text
        if tag in _PLAIN_TAGS:
            if ":" in text:  # YAML 1.1 base-60: `10:00` would become 600
                return text
            try:
                return _CONSTRUCTORS[tag](_SCALARS, yaml.ScalarNode(tag, text))
            except (yaml.YAMLError, ValueError, KeyError):  # KeyError: `!!bool maybe` is no word
                raise PromoplanError(
                    f"cannot read {text!r} as {tag.rsplit(':', 1)[-1]}", self._loc(event)
                ) from None
        raise _tag_error(tag, self._loc(event))


def _merge_error(loc: Loc) -> PromoplanError:
    """PyYAML's safe constructor would merge; we never construct, so refuse the key outright."""
    return PromoplanError("merge keys ('<<') are not supported", loc,
                          "write the keys out, or use 'extends:'")


def _tag_error(tag: str, loc: Loc) -> PromoplanError:
    return PromoplanError(
        f"YAML tag '{tag}' is not allowed: promoplan reads plain data only",
        loc,
        "remove the tag",
    )

"""Building the YAML node tree from libyaml's events, without recursion and no deeper than a bound.

PyYAML's composers (the C one behind ``CSafeLoader`` above all) build the node tree by calling
themselves once per level of nesting: 30,000 nested ``[`` in a 60 KB file overflow the C stack
and kill the process. libyaml's parser itself keeps its state on the heap, so this module pulls
its events one at a time and assembles the same nodes as PyYAML's composer (tags resolved the
same way, anchors registered before their children, so a self-reference is a cycle found later),
with an explicit stack that refuses to grow past :data:`ketacover.interop.nesting.MAX_DEPTH`.
It stops at the first event past the bound, before libyaml's scanner (whose bookkeeping grows
with each open flow collection) reads the rest of the file.

Authority: the YAML 1.1 event model as PyYAML implements it (``yaml/composer.py``).
"""

from __future__ import annotations

from typing import Protocol, cast

import yaml
from yaml.composer import ComposerError
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from ketacover.interop.nesting import MAX_DEPTH, NestingError


class _Open:
    """A collection being filled, and for a mapping the key that waits for its value."""

    __slots__ = ("key", "node")

    def __init__(self, node: CollectionNode) -> None:
        self.node = node
        self.key: Node | None = None


def compose_single(loader: yaml.CSafeLoader, *, limit: int = MAX_DEPTH) -> Node | None:
    """The node tree of the one document in ``loader``'s stream (None for an empty stream).

    Raises ``ComposerError`` as PyYAML does (a second document, an undefined or repeated
    anchor), ``yaml.YAMLError`` for syntax, and :class:`NestingError` at the first collection
    nested deeper than ``limit``.
    """
    _next(loader)  # stream start
    root: Node | None = None
    if not loader.check_event(StreamEndEvent):
        _next(loader)  # document start
        root = _compose(loader, limit)
        _next(loader)  # document end
        if not loader.check_event(StreamEndEvent):
            extra = _next(loader)
            raise ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                _mark(extra.start_mark),
            )
    _next(loader)  # stream end
    return root


def _compose(loader: yaml.CSafeLoader, limit: int) -> Node:
    anchors: dict[str, Node] = {}
    stack: list[_Open] = []
    while True:
        event = _next(loader)
        if isinstance(event, SequenceEndEvent | MappingEndEvent):
            finished: Node = stack.pop().node
            finished.end_mark = _mark(event.end_mark)
        elif isinstance(event, AliasEvent):
            found = anchors.get(str(event.anchor))
            if found is None:
                raise ComposerError(None, None, "found undefined alias", _mark(event.start_mark))
            finished = found
        else:
            node = _new_node(loader, event)
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                if anchor in anchors:
                    raise ComposerError(
                        "found duplicate anchor; first occurrence",
                        anchors[anchor].start_mark,
                        "second occurrence",
                        _mark(event.start_mark),
                    )
                anchors[anchor] = node
            if isinstance(node, CollectionNode):
                if len(stack) >= limit:
                    raise NestingError(_mark(event.start_mark).line + 1, limit=limit)
                stack.append(_Open(node))
                continue
            finished = node
        if not stack:
            return finished
        _attach(stack[-1], finished)


class _Resolver(Protocol):
    """The loader's tag resolver (typed here; PyYAML's stubs leave it untyped)."""

    def resolve(self, kind: type[Node], value: str | None, implicit: object) -> str: ...


def _new_node(loader: _Resolver, event: Event) -> Node:
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", None)
    if isinstance(event, ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, implicit)
        start, end = _mark(event.start_mark), _mark(event.end_mark)
        return ScalarNode(tag, event.value, start, end, style=event.style)
    if isinstance(event, SequenceStartEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(SequenceNode, None, implicit)
        return SequenceNode(tag, [], _mark(event.start_mark), None, flow_style=event.flow_style)
    if isinstance(event, MappingStartEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(MappingNode, None, implicit)
        return MappingNode(tag, [], _mark(event.start_mark), None, flow_style=event.flow_style)
    raise ComposerError(
        None, None, f"found unexpected {type(event).__name__}", _mark(event.start_mark)
    )


def _next(loader: yaml.CSafeLoader) -> Event:
    event = loader.get_event()
    if event is None:
        raise ComposerError(None, None, "found the end of the text too early", None)
    return event


def _mark(mark: object) -> Mark:
    """libyaml's mark, typed as PyYAML's own: both carry ``line`` and ``column``, all that is
    read of a mark here (converting one per event would cost a third of the reading)."""
    return cast(Mark, mark)


def _attach(parent: _Open, child: Node) -> None:
    if isinstance(parent.node, SequenceNode):
        parent.node.value.append(child)
    elif parent.key is None:
        parent.key = child
    else:
        parent.node.value.append((parent.key, child))
        parent.key = None

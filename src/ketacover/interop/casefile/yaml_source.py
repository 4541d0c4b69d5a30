"""Reading a case file written in YAML, keeping the node tree so problems can name their line.

YAML 1.1 guesses types from how a value looks: ``000123`` becomes the number 123, ``no`` becomes
false, ``2026-13-01`` becomes an error and ``450.10`` a binary float. A case file holds member
numbers, ZIP codes, dates and money, so the loader here resolves every plain scalar to a string
except the null forms (``~``, ``null``, empty) and the merge key ``<<``. Validation then converts
strings to whole numbers, dates, yes/no and exact amounts where the case model asks for them, and
reports each value it cannot convert with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ketacover.core.errors import Problem
from ketacover.interop.casefile.yaml_composer import compose_single
from ketacover.interop.nesting import MAX_DEPTH, NestingError

MAX_VALUES = 100_000
"""Most values a case file may hold once its aliases are expanded (a case needs a few hundred)."""

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class CaseFileLoader(yaml.CSafeLoader):
    """A safe YAML loader (libyaml) whose plain scalars are strings, except the null forms."""


# A fresh table, so the resolvers of yaml.SafeLoader itself stay untouched.
CaseFileLoader.yaml_implicit_resolvers = {}
CaseFileLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
CaseFileLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML case file: the plain data, the node tree it came from, and the problems
    found while reading it that do not stop validation (keys given twice)."""

    data: Any
    root: Node | None
    problems: list[Problem]


def read_yaml(text: str) -> YamlDocument | list[Problem]:
    """Parse ``text``; the document, or the problems that stop it from being read at all.

    Syntax errors, nesting deeper than :data:`MAX_DEPTH` (counted while the tree is built, and
    again once aliases are expanded), self-referencing aliases and alias bombs stop the reading;
    keys given twice are reported with the document. Each problem carries its line.
    """
    loader = CaseFileLoader(text)
    try:
        root = compose_single(loader)
        if root is None:
            return YamlDocument(None, None, [])
        fatal, duplicates = _structure_problems(root)
        if fatal:
            return fatal
        return YamlDocument(loader.construct_document(root), root, duplicates)
    except NestingError as error:
        return [Problem("", error.what, error.line)]
    except yaml.MarkedYAMLError as error:
        return [_syntax_problem(error)]
    except yaml.YAMLError as error:
        return [Problem("", f"is not valid YAML ({_first_line(str(error))})")]
    finally:
        loader.dispose()


def line_of(root: Node | None, loc: tuple[object, ...]) -> int | None:
    """The 1-based line of the value at ``loc`` (a validation error location), or of the nearest
    enclosing value that exists (a missing field is reported on its parent's line)."""
    if root is None:
        return None
    node = root
    line = root.start_mark.line + 1
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        key_node, node = child
        line = (key_node or node).start_mark.line + 1
    return line


def _child(node: Node, part: object) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        found: tuple[Node | None, Node] | None = None
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == part:
                found = (key_node, value_node)
        return found
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return (None, node.value[part])
    return None


def _syntax_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "unreadable YAML"
    if mark is None:
        return Problem("", f"is not valid YAML: {what}")
    return Problem("", f"is not valid YAML: {what} (column {mark.column + 1})", mark.line + 1)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable YAML"


def _structure_problems(root: Node) -> tuple[list[Problem], list[Problem]]:
    """Problems that stop reading (aliases that contain themselves, more values than any case
    needs, nesting deeper than :data:`MAX_DEPTH` once aliases are expanded), and keys given
    twice in one mapping.

    One walk of the node graph with an explicit stack (no recursion); a node reached again
    through an alias is counted from what was already found, so the work is linear in the
    number of nodes however many times aliases repeat them.
    """
    duplicates: list[Problem] = []
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    open_nodes: set[int] = set()
    frames: list[tuple[Node, str, list[tuple[Node, str]], int]] = []

    def enter(node: Node, path: str) -> Problem | None:
        if id(node) in open_nodes:
            return Problem(path or "the case", "refers to itself through an alias", _line(node))
        if len(frames) >= MAX_DEPTH and isinstance(node, MappingNode | SequenceNode):
            return _too_deep(path, node)
        open_nodes.add(id(node))
        frames.append((node, path, list(_parts(node, path)), 0))
        return None

    fatal = enter(root, "")
    while fatal is None and frames:
        node, path, parts, index = frames[-1]
        if index < len(parts):
            frames[-1] = (node, path, parts, index + 1)
            child, child_path = parts[index]
            if id(child) not in sizes:
                fatal = enter(child, child_path)
            elif len(frames) + depths[id(child)] > MAX_DEPTH:
                fatal = _too_deep(child_path, child)
            continue
        frames.pop()
        open_nodes.discard(id(node))
        sizes[id(node)] = 1 + sum(sizes[id(child)] for child, _ in parts)
        inner = max((depths[id(child)] for child, _ in parts), default=0)
        depths[id(node)] = inner + 1 if isinstance(node, MappingNode | SequenceNode) else 0
        if sizes[id(node)] > MAX_VALUES:
            message = f"holds more than {MAX_VALUES} values once aliases are expanded"
            fatal = Problem("", message, 1)
        if isinstance(node, MappingNode):
            duplicates.extend(_duplicate_keys(node, path))
    if fatal is not None:
        return [fatal], []
    return [], duplicates


def _too_deep(path: str, node: Node) -> Problem:
    message = f"is nested more than {MAX_DEPTH} levels deep once aliases are expanded"
    return Problem(path, message, _line(node))


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _parts(node: Node, path: str) -> Iterator[tuple[Node, str]]:
    for key, child, child_path in _children(node, path):
        if key is not None:
            yield key, child_path
        yield child, child_path


def _children(node: Node, path: str) -> Iterator[tuple[Node | None, Node, str]]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else "?"
            yield key_node, value_node, f"{path}.{name}" if path else str(name)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield None, item, f"{path}[{index}]"


def _duplicate_keys(node: MappingNode, path: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        line = key_node.start_mark.line + 1
        name = str(key_node.value)
        if name in seen:
            where = f"{path}.{name}" if path else name
            yield Problem(where, f"appears more than once (first on line {seen[name]})", line)
        else:
            seen[name] = line

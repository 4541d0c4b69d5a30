"""How deep untrusted JSON and plain data may nest, and the one JSON reader that enforces it.

Python's ``json`` module and the validators after it recurse once per level of nesting: a few
kilobytes of ``[[[[...`` either exhaust the interpreter's recursion limit (a ``RecursionError``
deep inside a request) or, in C code that does not check it, the process's stack. Every JSON
text that comes from outside (case files, FHIR bundles, API bodies, workspace archives) is read
through :func:`load_json`, which first measures the nesting in one linear pass over the text
without recursing and refuses anything deeper than :data:`MAX_DEPTH` before ``json`` sees it.
YAML case files get the same bound from their own event-based reader
(:mod:`ketacover.interop.casefile.yaml_source`).

>>> load_json('{"a": [1, 2]}')
{'a': [1, 2]}
>>> load_json("[" * 100 + "]" * 100)
Traceback (most recent call last):
...
ketacover.interop.nesting.NestingError: is nested more than 64 levels deep (line 1)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import accumulate
from typing import Any, Final

from ketacover.core.errors import KetacoverError

MAX_DEPTH: Final = 64
"""Deepest nesting of lists and mappings read from outside. A case file needs about 6 levels, a
FHIR R4 bundle from an EHR about 12 (bundle, entry, resource, extension, value, coding)."""

# A JSON string (an unterminated one runs to the end, so the scan never starts over inside it),
# an opening bracket, or a closing one.
_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]+")
_TOKEN: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}


class NestingError(KetacoverError, ValueError):
    """Input nests lists or mappings deeper than :data:`MAX_DEPTH`; ``line`` is where it went
    past the bound, when known. The message names no value, only the depth and the line."""

    def __init__(self, line: int | None = None, *, limit: int = MAX_DEPTH) -> None:
        self.line = line
        self.limit = limit
        self.path = ""
        """Where the nesting went too deep, when known (a top-level field of plain data)."""
        self.what = f"is nested more than {limit} levels deep"
        """The message without the line, for a problem that carries its line apart."""
        super().__init__(self.what + (f" (line {line})" if line is not None else ""))


def json_nesting_error(text: str, *, limit: int = MAX_DEPTH) -> NestingError | None:
    """The error for ``text`` when its lists and objects nest deeper than ``limit``, else None.

    Linear in the length of ``text`` and without recursion: strings are cut out (so brackets
    inside them do not count), then the remaining brackets are summed.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if len(brackets) <= limit or max(accumulate(_STEP[each] for each in brackets)) <= limit:
        return None
    depth = 0
    for match in _TOKEN.finditer(text):
        step = _STEP.get(match.group())
        if step is None:
            continue
        depth += step
        if depth > limit:
            return NestingError(text.count("\n", 0, match.start()) + 1, limit=limit)
    return NestingError(limit=limit)


def load_json(
    text: str,
    *,
    limit: int = MAX_DEPTH,
    parse_float: Callable[[str], Any] | None = None,
    parse_constant: Callable[[str], Any] | None = None,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
) -> object:
    """``json.loads(text, ...)`` for untrusted text, refusing nesting deeper than ``limit``.

    Raises :class:`NestingError` (before parsing) or ``json.JSONDecodeError`` as ``json`` does;
    hooks raise what they raise.
    """
    error = json_nesting_error(text, limit=limit)
    if error is not None:
        raise error
    return json.loads(
        text,
        parse_float=parse_float,
        parse_constant=parse_constant,
        object_pairs_hook=object_pairs_hook,
    )


def data_nesting_error(data: object, *, limit: int = MAX_DEPTH) -> NestingError | None:
    """The error when plain data (dicts, lists, tuples) nests deeper than ``limit``, else None;
    its ``path`` names the top-level field that holds the deepest part (``notes``).

    For data that did not come through :func:`load_json` (a form, a parsed request body handed
    on by a framework). Iterative: the containers at each depth in turn, never recursion.
    """
    level: list[tuple[str, object]] = [("", data)]
    for depth in range(1, limit + 2):
        # Keyed by identity: data built from YAML aliases shares containers, counted once.
        containers = {
            id(each): (path, each) for path, each in level if isinstance(each, dict | list | tuple)
        }
        if not containers:
            return None
        if depth > limit:
            break
        level = []
        for path, each in containers.values():
            if isinstance(each, dict):
                level.extend((path or str(key), value) for key, value in each.items())
            else:
                level.extend((path or f"[{index}]", value) for index, value in enumerate(each))
    error = NestingError(limit=limit)
    error.path = next(iter(containers.values()))[0]
    return error

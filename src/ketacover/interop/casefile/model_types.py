"""What the case model expects at a given place in a case file.

Validation errors come with a location such as ``("treatment_history", 2, "start")``. Walking the
case model's type hints along that location tells which field names were allowed there (for "did
you mean" hints) and which values an enum field takes.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache

from ketacover.core.model import Case

Loc = tuple[int | str, ...]


@cache
def field_types(model: type) -> dict[str, object]:
    """The resolved type of each field of a case-model dataclass, in declaration order."""
    hints = typing.get_type_hints(model)
    return {field.name: hints[field.name] for field in dataclasses.fields(model)}


def unwrap(tp: object) -> object:
    """``X | None`` becomes ``X``; any other type is returned unchanged."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return tp


def item_type(tp: object) -> object | None:
    """The element type of ``tuple[X, ...]``, or None for anything else."""
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            element: object = args[0]
            return element
    return None


def type_at(loc: Loc) -> object | None:
    """The (unwrapped) type the case model declares at ``loc``, or None if the path leaves it."""
    tp: object = Case
    for part in loc:
        if isinstance(part, int):
            tp = item_type(tp)
        elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
            tp = field_types(tp).get(part)
        else:
            return None
        if tp is None:
            return None
        tp = unwrap(tp)
    return tp


def field_names_at(loc: Loc) -> tuple[str, ...]:
    """The field names allowed in the mapping at ``loc`` (empty if it is not a mapping)."""
    tp = type_at(loc)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tuple(field_types(tp))
    return ()

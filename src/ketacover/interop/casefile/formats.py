"""Checks on how dates and times are written, made on the raw file before validation.

The validator is lenient with dates: it would read ``20260101`` or ``0`` as a Unix timestamp and
accept a time without a time zone. A case file must say what it means, so dates are written
``YYYY-MM-DD`` and times ``YYYY-MM-DDTHH:MM[:SS]`` with a time zone (``Z`` or ``-05:00``), as the
case model documents.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from typing import TypeGuard

from ketacover.core.model import Case
from ketacover.interop.casefile.messages import DATE_HINT, DATETIME_HINT, ZONE_HINT, with_value
from ketacover.interop.casefile.model_types import Loc, field_types, item_type, unwrap

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?"
    r"(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)


def format_problems(data: object) -> Iterator[tuple[Loc, str]]:
    """Each date or date-time in ``data`` that is not written the way a case file requires."""
    yield from _walk_model(data, Case, ())


_Step = tuple[str, str, type | None]


@cache
def _date_fields(model: type) -> tuple[_Step, ...]:
    """The fields of ``model`` that hold a date somewhere below them, with how to reach it.

    Computed once per model class, so each file is walked only where dates can be.
    """
    steps: list[_Step] = []
    for name, declared in field_types(model).items():
        tp = unwrap(declared)
        element = item_type(tp)
        if element is not None:
            element = unwrap(element)
            if _is_model(element) and _date_fields(element):
                steps.append((name, "items", element))
        elif _is_model(tp) and _date_fields(tp):
            steps.append((name, "model", tp))
        elif tp is datetime:
            steps.append((name, "datetime", None))
        elif tp is date:
            steps.append((name, "date", None))
    return tuple(steps)


def _is_model(tp: object) -> TypeGuard[type]:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _walk_model(value: object, model: type | None, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if model is None or not isinstance(value, dict):
        return
    for name, kind, target in _date_fields(model):
        if name not in value:
            continue
        child = value[name]
        here = (*loc, name)
        if kind == "date":
            yield from _date_problem(child, here)
        elif kind == "datetime":
            yield from _datetime_problem(child, here)
        elif kind == "model":
            yield from _walk_model(child, target, here)
        elif isinstance(child, list):
            for index, item in enumerate(child):
                yield from _walk_model(item, target, (*here, index))


def _date_problem(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return
    if isinstance(value, str) and _DATE.fullmatch(value):
        return
    yield loc, with_value(value, f"is not a date ({DATE_HINT})")


def _datetime_problem(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            yield loc, with_value(value.isoformat(), f"needs a time zone ({ZONE_HINT})")
        return
    if not isinstance(value, str):
        if value is not None:
            yield loc, with_value(value, f"is not a date and time ({DATETIME_HINT})")
        return
    match = _DATETIME.fullmatch(value)
    if match is None:
        yield loc, with_value(value, f"is not a date and time ({DATETIME_HINT})")
    elif match.group("zone") is None:
        yield loc, with_value(value, f"needs a time zone ({ZONE_HINT})")

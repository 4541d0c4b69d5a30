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
    yield from _walk(data, Case, ())


def _walk(value: object, tp: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    tp = unwrap(tp)
    element = item_type(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if isinstance(value, dict):
            fields = field_types(tp)
            for key, child in value.items():
                if isinstance(key, str) and key in fields:
                    yield from _walk(child, fields[key], (*loc, key))
    elif element is not None:
        if isinstance(value, list):
            for index, child in enumerate(value):
                yield from _walk(child, element, (*loc, index))
    elif tp is datetime:
        yield from _datetime_problem(value, loc)
    elif tp is date:
        yield from _date_problem(value, loc)


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

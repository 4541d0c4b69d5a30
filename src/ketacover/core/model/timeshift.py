"""A case moved in time: every date and date-time in it shifted by the same number of days.

The example cases are written for one day (their header comments and golden files say what
ketacover concludes on 2026-11-23). A demo loaded weeks later would show every deadline
overdue; shifting the whole case by whole weeks keeps each case's story (what is past, what is
due, what comes next) and its weekdays (sessions twice a week stay on the same days) while
placing it around today. Ages stay as written because birth dates move too.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date, timedelta
from typing import TypeVar, cast

T = TypeVar("T")


def weeks_between(written_for: date, today: date) -> int:
    """Whole weeks from ``written_for`` to ``today`` (negative when today is earlier)."""
    return (today - written_for).days // 7


def shifted(value: T, days: int) -> T:
    """``value`` with every ``date`` and ``datetime`` inside it moved by ``days`` days.

    Walks frozen dataclasses, tuples and dicts; everything else (text, numbers, enums) is kept
    as it is, so free-text notes that mention a date keep their wording.
    """
    if days == 0:
        return value
    return cast(T, _shift(value, timedelta(days=days)))


def _shift(value: object, delta: timedelta) -> object:
    # datetime is a subclass of date: both move by the same delta, the time of day is kept.
    if isinstance(value, date):
        return value + delta
    if isinstance(value, tuple):
        return tuple(_shift(item, delta) for item in value)
    if isinstance(value, dict):
        return {key: _shift(item, delta) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            spec.name: _shift(getattr(value, spec.name), delta)
            for spec in fields(value)
            if spec.init
        }
        return replace(value, **changes)
    return value


__all__ = ["shifted", "weeks_between"]

"""Readers of the navigator's answer values: each takes the question's name and a raw value (from
stored answers or a form) and returns the checked value, or raises :class:`AnswersError` naming
the question and the problem, never the value (answers are health data).

>>> whole(1, 100)("sessions", "6")
6
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from ketacover.core.errors import KetacoverError


class AnswersError(KetacoverError, ValueError):
    """An answer that cannot be read; the message names the field, never the value."""


E = TypeVar("E", bound=StrEnum)


def choice(kind: type[E]) -> Callable[[str, object], E]:
    def read(name: str, value: object) -> E:
        try:
            return kind(str(value))
        except ValueError:
            raise AnswersError(f"{name}: not one of the choices") from None

    return read


def flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise AnswersError(f"{name}: must be yes or no")


def text(limit: int) -> Callable[[str, object], str]:
    def read(name: str, value: object) -> str:
        if not isinstance(value, str):
            raise AnswersError(f"{name}: must be text")
        text = " ".join(value.split())
        if not text:
            raise AnswersError(f"{name}: is empty")
        if len(text) > limit:
            raise AnswersError(f"{name}: is longer than {limit} characters")
        return text

    return read


def whole(low: int, high: int) -> Callable[[str, object], int]:
    def read(name: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise AnswersError(f"{name}: must be a whole number")
        try:
            number = int(value)
        except ValueError:
            raise AnswersError(f"{name}: must be a whole number") from None
        if not low <= number <= high:
            raise AnswersError(f"{name}: must be between {low} and {high}")
        return number

    return read


def money(limit: Decimal) -> Callable[[str, object], Decimal]:
    def read(name: str, value: object) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            raise AnswersError(f"{name}: must be a number")
        try:
            number = Decimal(str(value).replace(",", "").replace("$", "").strip())
        except InvalidOperation:
            raise AnswersError(f"{name}: must be a number") from None
        if not number.is_finite() or number < 0 or number > limit:
            raise AnswersError(f"{name}: must be between 0 and {limit:,}")
        return number.quantize(Decimal("0.01"))

    return read


def day(name: str, value: object) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise AnswersError(f"{name}: is not a date (YYYY-MM-DD)") from None

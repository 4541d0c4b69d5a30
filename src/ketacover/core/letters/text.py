"""How letters write dates, money and lists: as US business letters do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ketacover.core.model import cents


def long_date(day: date) -> str:
    """``November 23, 2026``: the date line and running text of a US letter.

    >>> long_date(date(2026, 11, 3))
    'November 3, 2026'
    """
    return f"{day:%B} {day.day}, {day.year}"


def short_date(day: date) -> str:
    """``11/23/2026``: dates in tables and identifier lines (MM/DD/YYYY, as on US claim forms)."""
    return f"{day:%m/%d/%Y}"


def money(amount: Decimal) -> str:
    """``$1,234.50``.

    >>> money(Decimal("1234.5"))
    '$1,234.50'
    """
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 session``, ``6 sessions``."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"

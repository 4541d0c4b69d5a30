"""How letters write dates, money and lists: as US business letters do, in English or Spanish.

Dates are spelled from a fixed table of month names, never from the machine's locale.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core.letters.language import Language
from ketacover.core.model import cents

_MONTHS: Final = {
    Language.EN: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    Language.ES: (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def long_date(day: date, language: Language = Language.EN) -> str:
    """``November 23, 2026``: the date line and running text of a US letter.

    In Spanish the day comes first and the month is spelled out, so ``08/09/1975`` cannot be
    read as the 8th of September.

    >>> long_date(date(2026, 11, 3))
    'November 3, 2026'
    >>> long_date(date(1975, 8, 9), Language.ES)
    '9 de agosto de 1975'
    """
    month = _MONTHS[language][day.month - 1]
    if language is Language.ES:
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


def short_date(day: date) -> str:
    """``11/23/2026``: dates in tables and identifier lines (MM/DD/YYYY, as on US claim forms)."""
    return f"{day:%m/%d/%Y}"


def money(amount: Decimal) -> str:
    """``$1,234.50`` (Spanish documents for US readers write dollars the same way).

    >>> money(Decimal("1234.5"))
    '$1,234.50'
    """
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def join_words(
    items: Sequence[str], conjunction: str = "and", *, language: Language = Language.EN
) -> str:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma).

    In Spanish ``and`` is *y* (*e* before a word that starts with the sound *i*) and ``or`` is *o*
    (*u* before the sound *o*), as the Real Academia Española's spelling rules have it.

    >>> join_words(["F33.2", "F41.1"], language=Language.ES)
    'F33.2 y F41.1'
    >>> join_words(["español", "inglés"], language=Language.ES)
    'español e inglés'
    """
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    last = items[-1]
    if language is Language.ES:
        conjunction = _spanish_conjunction(conjunction, last.lower())
    return f"{', '.join(items[:-1])} {conjunction} {last}"


def _spanish_conjunction(conjunction: str, next_word: str) -> str:
    if conjunction == "and":
        sound_i = next_word.startswith(("i", "í", "hi", "hí")) and not next_word.startswith(
            ("hia", "hie", "hio", "hiu")
        )
        return "e" if sound_i else "y"
    if conjunction == "or":
        return "u" if next_word.startswith(("o", "ó", "ho", "hó")) else "o"
    raise ValueError(f"no Spanish for the conjunction {conjunction!r}; use 'and' or 'or'")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 session``, ``6 sessions``."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"

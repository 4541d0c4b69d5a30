"""What the PDF, DOCX and HTML renderers share: date wording, table shape, column widths.

These are layout decisions about given facts, not content: a renderer adds no words of its own.
"""

from __future__ import annotations

from datetime import date

from ketacover.core.letters.letter import Table
from ketacover.render.errors import RenderError

_MONTHS = (
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
)


def us_date(day: date) -> str:
    """A date as US letters write it, whatever the machine's locale.

    >>> us_date(date(2026, 11, 23))
    'November 23, 2026'
    """
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


_MESES = (
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
)


def written_date(day: date, language: str = "en") -> str:
    """The date line of a document: US style in English, day first in Spanish.

    >>> written_date(date(2026, 11, 23), "es")
    '23 de noviembre de 2026'
    """
    if language == "es":
        return f"{day.day} de {_MESES[day.month - 1]} de {day.year}"
    return us_date(day)


def page_label(number: int, total: int, language: str = "en") -> str:
    """``Page 2 of 5`` (``Página 2 de 5`` in Spanish)."""
    if language == "es":
        return f"Página {number} de {total}"
    return f"Page {number} of {total}"


_WORDS = {"es": {"Page": "Página", "of": "de", "References": "Referencias"}}


def word(english: str, language: str = "en") -> str:
    """One of the few words a renderer adds (``Page``, ``of``, ``References``) in ``language``.

    >>> word("References", "es")
    'Referencias'
    """
    return _WORDS.get(language, {}).get(english, english)


def check_table(table: Table) -> None:
    """Raise :class:`RenderError` when a table's rows or widths do not match its columns."""
    count = len(table.columns)
    name = repr(table.caption) if table.caption else "with columns " + repr(table.columns[:2])
    if count == 0:
        raise RenderError(f"table {name} has no columns")
    for number, row in enumerate(table.rows, start=1):
        if len(row) != count:
            raise RenderError(
                f"table {name}: row {number} has {len(row)} cells for {count} columns"
            )
    if table.widths is not None and (
        len(table.widths) != count or any(width <= 0 for width in table.widths)
    ):
        raise RenderError(f"table {name}: widths {table.widths!r} do not fit {count} columns")


def column_fractions(table: Table) -> tuple[float, ...]:
    """Each column's share of the line width, from ``widths`` or else from the text it holds.

    Without given widths a column gets room for its longest word and a fair share of its
    average cell, so a short "Weeks" column does not take as much as a long "Outcome" one.
    """
    if table.widths is not None:
        weights = [float(width) for width in table.widths]
    else:
        weights = []
        for index, header in enumerate(table.columns):
            cells = [header, *(row[index] for row in table.rows)]
            longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
            average = sum(len(cell) for cell in cells) / len(cells)
            weights.append(max(float(longest_word), min(average, 28.0)) + 2.0)
    total = sum(weights)
    return tuple(weight / total for weight in weights)

"""The path converter of database ids: ``<id:pk>`` in every URL pattern that names a row.

Django's ``<id:...>`` matches any run of digits, so ``/cases/18446744073709551616/`` reaches the
view and then the database driver, which cannot hold the number (a 500 on SQLite and
PostgreSQL alike). Ids here are positive 64-bit integers (``BigAutoField`` and ``AutoField``
both fit), so this converter matches at most 19 digits and refuses anything above
2**63 - 1 as "no such page" (404) before any view runs. Registered once, by
:mod:`ketacover.web.urls`, before the apps' URL modules are included.

>>> IdConverter().to_python("42")
42
"""

from __future__ import annotations

from typing import Final

from django.urls import register_converter

MAX_ID: Final = 2**63 - 1
"""The largest id a row may have (PostgreSQL's ``bigint``, SQLite's ``INTEGER``)."""


class IdConverter:
    """A positive database id of at most 19 digits and at most :data:`MAX_ID`."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            # Django's resolver reads ValueError as "this pattern does not match": a 404.
            raise ValueError("not a row id")
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


def is_id(value: object) -> bool:
    """Whether ``value`` (a query or form value) is a row id: digits only, 1 to :data:`MAX_ID`."""
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 19 and 0 < int(text) <= MAX_ID


def register() -> None:
    """Make ``<id:...>`` available to URL patterns (once per process)."""
    register_converter(IdConverter, "id")

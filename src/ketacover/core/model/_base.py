"""Shared plumbing for the case model's frozen dataclasses.

``CONFIG`` is read by the case-file loader (outside the core) to forbid unknown keys and to use
each field's attribute docstring as its JSON Schema description. It is a plain dict, so the core
imports no validation library.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

CONFIG: Final[dict[str, Any]] = {
    "extra": "forbid",
    "use_attribute_docstrings": True,
    "coerce_numbers_to_str": True,
}

CENT: Final = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round a money amount to cents, half up, as bills and remittances do."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)

"""Shared plumbing for the case model's frozen dataclasses.

``CONFIG`` is read by the case-file loader (outside the core) to forbid unknown keys. It is a plain
dict, so the core imports no validation library. Each field's attribute docstring becomes its
JSON Schema description only when the loader builds the schema: reading the docstrings means
parsing the model's source (about half the time of building the validator), which validating a
case file does not need.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

CONFIG: Final[dict[str, Any]] = {
    "extra": "forbid",
    "use_attribute_docstrings": False,
    "coerce_numbers_to_str": True,
}

CENT: Final = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round a money amount to cents, half up, as bills and remittances do."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)

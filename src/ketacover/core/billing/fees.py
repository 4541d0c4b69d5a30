"""The clinic's fee schedule: a charge per billing unit of each code it bills.

A claim line charges the fee for its code times its units (J0013 is billed per 1 mg, so 84 mg is
84 units; 99417 and G2212 per 15 minutes; 96366 per additional hour). A code the schedule lacks
is a missing fact named by code, never priced from the session's total charge: the CMS-1500 and
the 837P carry a charge on every line (NUCC 1500 instructions, item 24F; 837P ``SV102``), and
payers price each line on its own.

>>> from decimal import Decimal
>>> from ketacover.core.model import Fee
>>> FeeSchedule((Fee(code="J0013", charge=Decimal("8.50")),)).charge("J0013", 84)
Decimal('714.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from ketacover.core.model import Fee, cents

__all__ = ["UNIT_NAMES", "FeeSchedule", "billing_unit"]

UNIT_NAMES: Final = {
    "J0013": "per 1 mg",
    "S0013": "per 1 mg",
    "99417": "per 15 minutes",
    "G2212": "per 15 minutes",
    "96366": "per additional hour",
    "99416": "per additional 30 minutes",
}
"""The billing unit of each code billed in more than one unit (HCPCS and CPT descriptors, as
:mod:`ketacover.core.billing.coding` counts them); every other code is one unit per service."""


def billing_unit(code: str) -> str:
    """What one unit of ``code`` is, in words: ``per 1 mg`` for J0013, ``per unit`` otherwise."""
    return UNIT_NAMES.get(_key(code), "per unit")


class FeeSchedule:
    """The charges of one clinic, by code (codes compared without case or spaces)."""

    __slots__ = ("_fees",)

    def __init__(self, fees: Iterable[Fee]) -> None:
        self._fees: dict[str, Decimal] = {_key(fee.code): fee.charge for fee in fees}

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and _key(code) in self._fees

    def unit_charge(self, code: str) -> Decimal | None:
        """The charge for one unit of ``code``, or None when the schedule does not price it."""
        return self._fees.get(_key(code))

    def charge(self, code: str, units: int) -> Decimal | None:
        """The charge for ``units`` units of ``code`` in cents, or None when it is not priced."""
        each = self.unit_charge(code)
        return None if each is None else cents(each * units)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes priced, in the order given."""
        return tuple(self._fees)


def _key(code: str) -> str:
    return "".join(code.split()).upper()

"""Money and rate inputs of the cost math: checked, rounded to cents and written out.

Every amount is a :class:`~decimal.Decimal` in US dollars, rounded half up to cents with
:func:`ketacover.core.model.cents`; every rate is a percent between 0 and 100 (20 means 20%), the
way plans print coinsurance and lenders print APRs. Nothing here is ever a float.

>>> usd(Decimal("1234.5"))
'$1,234.50'
>>> percent_of(Decimal("333.33"), Decimal("20"))
Decimal('66.67')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from ketacover.core.errors import KetacoverError
from ketacover.core.model import cents

CENT: Final = Decimal("0.01")
ZERO: Final = Decimal("0.00")
HUNDRED: Final = Decimal("100")


class CostInputError(KetacoverError, ValueError):
    """A cost input is out of range (a negative amount, a rate above 100%, ...).

    The message names the field, never a person.
    """


def amount(field: str, value: Decimal) -> Decimal:
    """``value`` rounded to cents; raises :class:`CostInputError` unless it is finite and >= 0."""
    if not value.is_finite():
        raise CostInputError(f"{field}: {value} is not a number of dollars")
    if value < 0:
        raise CostInputError(f"{field}: {value} is negative; amounts are zero or more")
    return cents(value)


def percent(field: str, value: Decimal) -> Decimal:
    """``value`` as a percent; raises :class:`CostInputError` unless 0 <= value <= 100."""
    if not value.is_finite():
        raise CostInputError(f"{field}: {value} is not a percent")
    if not ZERO <= value <= HUNDRED:
        raise CostInputError(f"{field}: {value} is outside 0 to 100 (a percent, 20 means 20%)")
    return value


def count(field: str, value: int) -> int:
    """``value`` as a count of sessions or months; raises :class:`CostInputError` if negative."""
    if value < 0:
        raise CostInputError(f"{field}: {value} is negative; a count is zero or more")
    return value


def percent_of(base: Decimal, rate_percent: Decimal) -> Decimal:
    """``rate_percent`` percent of ``base``, rounded to cents."""
    return cents(base * rate_percent / HUNDRED)


def usd(value: Decimal) -> str:
    """A dollar amount as people read it: ``$1,234.50``."""
    return f"${cents(value):,.2f}"


def missing(fact: str, ask: str) -> str:
    """One missing fact as ketacover reports it: the case-file path, then what to ask whom."""
    return f"{fact}: {ask}"


def gap_ask(gap: str) -> str:
    """What to do about one missing fact, for a person: the ask of :func:`missing`, capitalized,
    without the case-file path (``plan_apr: ask the clinic ...`` -> ``Ask the clinic ...``)."""
    _field, separator, ask = gap.partition(":")
    text = (ask if separator else gap).strip()
    return text[:1].upper() + text[1:]

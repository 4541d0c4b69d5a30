"""A payment plan: a self-pay course financed in equal monthly installments.

The first payment falls due on the plan's start date (the day the balance is financed), so no
interest has run when it is paid: the schedule is an annuity due. With a monthly rate
``r = APR / 12`` the level payment on a principal ``P`` over ``n`` months is
``P * r / ((1 - (1 + r) ** -n) * (1 + r))``, rounded to cents. The first payment carries no
interest; each later month's interest is the balance left after the month before times ``r`` in
cents, the rest of the payment reduces the balance, and the last payment is whatever clears the
balance to exactly $0.00. At 0% APR the principal is
split into equal payments, rounded down to cents, with the remainder on the last one. Payments
fall due monthly from the first due date, on the same day of the month, or the month's last day
when it is shorter (Jan 31, Feb 28, Mar 31, ...). Financing is part of the product's cost step
(``shared/design/product.md``, step 8).

>>> plan = amortization_schedule(Decimal("1000"), Decimal("0"), 3, date(2026, 1, 31))
>>> [(i.due.isoformat(), str(i.payment)) for i in plan.installments]
[('2026-01-31', '333.33'), ('2026-02-28', '333.33'), ('2026-03-31', '333.34')]
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal, localcontext
from typing import Final

from ketacover.core.costs.amounts import CENT, HUNDRED, ZERO, CostInputError, amount, percent
from ketacover.core.model import cents

_MONTHS_PER_YEAR: Final = 12
_PRECISION: Final = 40
"""Digits kept while computing the level payment, well beyond what cents need."""


@dataclass(frozen=True, slots=True)
class Installment:
    """One monthly payment: how much, how it splits into interest and principal, what is left."""

    number: int
    """1 for the first payment."""
    due: date
    payment: Decimal
    interest: Decimal
    principal: Decimal
    balance: Decimal
    """Balance left after this payment."""


@dataclass(frozen=True, slots=True)
class PaymentPlan:
    """The whole schedule with its totals. ``total_paid == principal + total_interest``."""

    principal: Decimal
    apr_percent: Decimal
    months: int
    installments: tuple[Installment, ...]
    total_paid: Decimal
    total_interest: Decimal


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` calendar months, clamped to the last day of a short month.

    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    index = start.year * _MONTHS_PER_YEAR + start.month - 1 + months
    year, month = divmod(index, _MONTHS_PER_YEAR)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def level_payment(principal: Decimal, apr_percent: Decimal, months: int) -> Decimal:
    """The monthly payment that pays off ``principal`` over ``months`` months at the APR, the
    first payment on the start date (an annuity due: one month's discount less than a loan whose
    first payment is a month after it starts).

    At 0% APR it is the principal divided by the months, rounded down to cents (the last
    payment of a schedule takes the remainder).
    """
    balance = amount("principal", principal)
    apr = percent("apr_percent", apr_percent)
    term = _months(months)
    if apr == 0:
        return (balance / term).quantize(CENT, rounding=ROUND_DOWN)
    with localcontext() as context:
        context.prec = _PRECISION
        rate = _monthly_rate(apr)
        exact = balance * rate / ((1 - (1 + rate) ** -term) * (1 + rate))
    return cents(exact)


def amortization_schedule(
    principal: Decimal, apr_percent: Decimal, months: int, first_due: date
) -> PaymentPlan:
    """The amortization schedule; the final balance is exactly $0.00.

    Raises :class:`~ketacover.core.costs.amounts.CostInputError` for a negative principal, an APR
    outside 0-100% or fewer than one month.
    """
    balance = amount("principal", principal)
    apr = percent("apr_percent", apr_percent)
    payment = level_payment(balance, apr, months)
    rate = _monthly_rate(apr)
    installments: list[Installment] = []
    for number in range(1, months + 1):
        # The first payment is due on the start date: no time has passed, so no interest.
        interest = ZERO if number == 1 else cents(balance * rate)
        # Rounding the level payment up can pay the balance off early; never overpay.
        due_now = balance + interest
        pay = due_now if number == months else min(payment, due_now)
        balance = due_now - pay
        installments.append(
            Installment(
                number=number,
                due=add_months(first_due, number - 1),
                payment=pay,
                interest=interest,
                principal=pay - interest,
                balance=balance,
            )
        )
    total_paid = sum((i.payment for i in installments), ZERO)
    return PaymentPlan(
        principal=amount("principal", principal),
        apr_percent=apr,
        months=months,
        installments=tuple(installments),
        total_paid=total_paid,
        total_interest=sum((i.interest for i in installments), ZERO),
    )


def _months(months: int) -> int:
    if months < 1:
        raise CostInputError(f"months: {months} is fewer than one month")
    return months


def _monthly_rate(apr_percent: Decimal) -> Decimal:
    with localcontext() as context:
        context.prec = _PRECISION
        return apr_percent / HUNDRED / _MONTHS_PER_YEAR

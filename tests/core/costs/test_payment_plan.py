from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.payment_plan import (
    Installment,
    add_months,
    amortization_schedule,
    level_payment,
)
from ketacover.core.model import cents

D = Decimal


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 31), 2, date(2026, 3, 31)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 8, 30), 0, date(2026, 8, 30)),
        (date(2026, 11, 30), 15, date(2028, 2, 29)),
    ],
)
def test_months_are_added_with_month_end_clamping(start: date, months: int, expected: date):
    assert add_months(start, months) == expected


def test_at_zero_apr_the_remainder_goes_on_the_last_payment():
    plan = amortization_schedule(D("1000"), D("0"), 3, date(2026, 1, 31))
    assert [(i.due, i.payment) for i in plan.installments] == [
        (date(2026, 1, 31), D("333.33")),
        (date(2026, 2, 28), D("333.33")),
        (date(2026, 3, 31), D("333.34")),
    ]
    assert plan.total_paid == D("1000.00")
    assert plan.total_interest == D("0.00")
    assert plan.installments[-1].balance == D("0.00")


def test_a_schedule_at_12_percent_apr_is_exact_to_the_cent():
    # Monthly rate 1%, first payment on the start date (annuity due):
    # 1000 * 0.01 / ((1 - 1.01**-3) * 1.01) = 336.6555... -> $336.66.
    plan = amortization_schedule(D("1000"), D("12"), 3, date(2026, 12, 1))
    assert plan.installments == (
        Installment(1, date(2026, 12, 1), D("336.66"), D("0.00"), D("336.66"), D("663.34")),
        Installment(2, date(2027, 1, 1), D("336.66"), D("6.63"), D("330.03"), D("333.31")),
        Installment(3, date(2027, 2, 1), D("336.64"), D("3.33"), D("333.31"), D("0.00")),
    )
    assert plan.total_paid == D("1009.96")
    assert plan.total_interest == D("9.96")
    assert (plan.principal, plan.apr_percent, plan.months) == (D("1000.00"), D("12"), 3)


def test_the_first_payment_on_the_start_date_carries_no_interest():
    plan = amortization_schedule(D("5000"), D("24"), 6, date(2026, 12, 1))
    first = plan.installments[0]
    assert first.interest == D("0.00")
    assert first.principal == first.payment
    assert first.balance == D("5000.00") - first.payment


def test_a_one_month_plan_is_paid_on_the_start_date_without_interest():
    plan = amortization_schedule(D("1234.56"), D("29.99"), 1, date(2026, 3, 15))
    assert [(i.payment, i.interest) for i in plan.installments] == [(D("1234.56"), D("0.00"))]
    assert plan.total_interest == D("0.00")


def test_the_level_payment_follows_the_annuity_due_formula():
    assert level_payment(D("1000"), D("12"), 3) == D("336.66")
    # 3250 * 0.00825 / ((1 - 1.00825**-12) * 1.00825) = 283.2388... -> $283.24.
    assert level_payment(D("3250"), D("9.9"), 12) == D("283.24")
    assert level_payment(D("1000"), D("0"), 3) == D("333.33")


def test_a_rounded_up_payment_never_pays_more_than_is_owed():
    # $0.10 over a year at 1%: the level payment rounds up to a cent and clears the debt early.
    plan = amortization_schedule(D("0.10"), D("1"), 12, date(2026, 1, 1))
    assert [i.payment for i in plan.installments] == [D("0.01")] * 10 + [D("0.00")] * 2
    assert all(i.balance >= 0 for i in plan.installments)
    assert plan.total_paid == D("0.10")


def test_a_zero_principal_gives_zero_payments():
    plan = amortization_schedule(D("0"), D("10"), 2, date(2026, 1, 1))
    assert [i.payment for i in plan.installments] == [D("0.00"), D("0.00")]


@pytest.mark.parametrize(
    ("principal", "apr", "months", "message"),
    [
        ("1000", "12", 0, "months: 0 is fewer than one month"),
        ("1000", "101", 12, "apr_percent: 101"),
        ("1000", "-1", 12, "apr_percent: -1"),
        ("-1", "12", 12, "principal: -1"),
    ],
)
def test_it_rejects_an_impossible_payment_plan(principal: str, apr: str, months: int, message: str):
    with pytest.raises(CostInputError, match=message):
        amortization_schedule(D(principal), D(apr), months, date(2026, 1, 1))


# Properties ---------------------------------------------------------------------------------

principals = st.decimals(min_value=0, max_value=100_000, places=2)
aprs = st.decimals(min_value=0, max_value=100, places=2)
terms = st.integers(min_value=1, max_value=120)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(principal=principals, apr=aprs, months=terms, first=days)
def test_installments_sum_to_principal_plus_interest_and_end_at_zero(
    principal: Decimal, apr: Decimal, months: int, first: date
):
    plan = amortization_schedule(principal, apr, months, first)
    payments = [i.payment for i in plan.installments]
    assert len(payments) == months
    assert sum(payments, D(0)) == plan.total_paid == principal + plan.total_interest
    assert sum((i.principal for i in plan.installments), D(0)) == principal
    assert plan.installments[-1].balance == D("0.00")
    balance = principal
    for number, installment in enumerate(plan.installments, start=1):
        assert installment.number == number
        assert installment.due == add_months(first, number - 1)
        assert installment.payment >= 0
        assert installment.interest >= 0
        assert installment.principal >= 0
        assert installment.payment == installment.interest + installment.principal
        balance -= installment.principal
        assert installment.balance == balance >= 0


@given(principal=principals, apr=aprs, months=terms, first=days)
def test_the_first_installment_never_carries_interest(
    principal: Decimal, apr: Decimal, months: int, first: date
):
    plan = amortization_schedule(principal, apr, months, first)
    assert plan.installments[0].interest == D("0.00")
    assert plan.installments[0].due == first


@given(principal=principals, apr=aprs, months=st.integers(min_value=2, max_value=120), first=days)
def test_each_later_month_charges_interest_on_the_balance_left_the_month_before(
    principal: Decimal, apr: Decimal, months: int, first: date
):
    plan = amortization_schedule(principal, apr, months, first)
    rate = apr / 100 / 12
    for before, installment in zip(plan.installments, plan.installments[1:], strict=False):
        assert installment.interest == cents(before.balance * rate)


def test_paying_from_the_start_date_costs_less_interest_than_paying_a_month_later():
    # The ordinary annuity of the same loan (first payment a month after the start) pays
    # 3 x 340.02 + 0.01 = $1,020.07; paying from the start date pays $1,009.96.
    plan = amortization_schedule(D("1000"), D("12"), 3, date(2026, 12, 1))
    assert plan.total_interest == D("9.96") < D("20.07")


@given(principal=principals, months=terms, first=days)
def test_at_zero_apr_the_total_paid_is_the_principal(principal: Decimal, months: int, first: date):
    plan = amortization_schedule(principal, D("0"), months, first)
    assert plan.total_paid == principal
    assert plan.total_interest == D("0.00")
    *equal, last = [i.payment for i in plan.installments]
    assert len(set(equal)) <= 1
    assert all(last >= payment for payment in equal)


@given(start=days, months=st.integers(min_value=-240, max_value=240))
def test_adding_months_moves_the_month_and_never_overshoots_the_day(start: date, months: int):
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day <= start.day
    if start.day <= 28:
        assert moved.day == start.day

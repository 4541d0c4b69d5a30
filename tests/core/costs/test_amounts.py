from decimal import Decimal

import pytest

from ketacover.core.costs.amounts import (
    CostInputError,
    amount,
    count,
    missing,
    percent,
    percent_of,
    usd,
)
from ketacover.core.errors import KetacoverError


def test_an_amount_is_rounded_half_up_to_cents():
    assert amount("charge", Decimal("450.005")) == Decimal("450.01")
    assert str(amount("charge", Decimal("450"))) == "450.00"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("-0.01"), "charge: -0.01 is negative"),
        (Decimal("NaN"), "charge: NaN is not a number of dollars"),
        (Decimal("Infinity"), "charge: Infinity is not a number of dollars"),
    ],
)
def test_it_rejects_an_amount_that_is_negative_or_not_a_number(value: Decimal, message: str):
    with pytest.raises(CostInputError, match=message):
        amount("charge", value)


@pytest.mark.parametrize("value", ["0", "20", "100", "12.5"])
def test_a_percent_between_0_and_100_is_accepted_as_given(value: str):
    assert percent("coinsurance_percent", Decimal(value)) == Decimal(value)


@pytest.mark.parametrize("value", ["-1", "100.01", "NaN", "-Infinity"])
def test_it_rejects_a_percent_outside_0_to_100(value: str):
    with pytest.raises(CostInputError, match=r"^coinsurance_percent: "):
        percent("coinsurance_percent", Decimal(value))


def test_a_cost_input_error_is_a_ketacover_error_and_a_value_error():
    assert issubclass(CostInputError, KetacoverError)
    assert issubclass(CostInputError, ValueError)


def test_it_rejects_a_negative_count():
    assert count("sessions", 0) == 0
    with pytest.raises(CostInputError, match="sessions: -1 is negative"):
        count("sessions", -1)


@pytest.mark.parametrize(
    ("base", "rate", "expected"),
    [
        ("333.33", "20", "66.67"),
        ("100", "0", "0.00"),
        ("0.05", "10", "0.01"),
        ("80", "100", "80.00"),
    ],
)
def test_percent_of_rounds_to_cents(base: str, rate: str, expected: str):
    assert percent_of(Decimal(base), Decimal(rate)) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "text"), [("1234.5", "$1,234.50"), ("0", "$0.00"), ("10", "$10.00")]
)
def test_usd_writes_dollars_with_thousands_separators(value: str, text: str):
    assert usd(Decimal(value)) == text


def test_a_missing_fact_names_the_path_then_what_to_ask():
    assert missing("plan.in_network", "ask the plan") == "plan.in_network: ask the plan"


def test_a_gap_is_told_as_what_to_do_without_its_key():
    from ketacover.core.costs.amounts import gap_ask, missing

    gap = missing("marginal_tax_rate", "give the marginal tax rate (percent)")
    assert gap_ask(gap) == "Give the marginal tax rate (percent)"
    assert gap_ask("allowed amount (session)") == "Allowed amount (session)"

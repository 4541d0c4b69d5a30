from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.tax import (
    ELIGIBILITY_NOTE,
    HEALTH_FSA_LIMIT_2026,
    HSA_CATCH_UP_2026,
    HSA_FAMILY_LIMIT_2026,
    HSA_SELF_ONLY_LIMIT_2026,
    Account,
    account_notes,
    limit_2026,
    tax_saving,
)
from ketacover.core.model import cents
from ketacover.core.sources import Confidence

D = Decimal


def test_the_2026_limits_are_those_in_the_facts():
    limits = (HSA_SELF_ONLY_LIMIT_2026, HSA_FAMILY_LIMIT_2026, HSA_CATCH_UP_2026)
    assert limits == (D("4400"), D("8750"), D("1000"))
    assert str(HEALTH_FSA_LIMIT_2026) == "3400.00"


@pytest.mark.parametrize(
    ("account", "age_55_or_older", "limit"),
    [
        (Account.HSA_SELF_ONLY, False, "4400.00"),
        (Account.HSA_SELF_ONLY, True, "5400.00"),
        (Account.HSA_FAMILY, False, "8750.00"),
        (Account.HSA_FAMILY, True, "9750.00"),
        (Account.HEALTH_FSA, False, "3400.00"),
        (Account.HEALTH_FSA, True, "3400.00"),
    ],
)
def test_the_catch_up_raises_only_hsa_limits(account: Account, age_55_or_older: bool, limit: str):
    assert limit_2026(account, age_55_or_older=age_55_or_older) == D(limit)


def test_the_fsa_limit_is_marked_partly_verified_and_the_hsa_limits_verified():
    assert Account.HEALTH_FSA.source.confidence is Confidence.PARTLY_VERIFIED
    assert Account.HEALTH_FSA.source.key == "health-fsa-limit-2026"
    assert Account.HSA_FAMILY.source.confidence is Confidence.VERIFIED
    assert "Rev. Proc. 2025-19" in Account.HSA_SELF_ONLY.source.citation


def test_the_saving_is_the_spend_times_the_marginal_rate():
    result = tax_saving(D("3000"), D("24"))
    assert result.saving == D("720.00")
    assert result.sheltered == D("3000.00")
    assert not result.capped
    assert result.notes[0] == ELIGIBILITY_NOTE
    assert any("No account limit was given" in n for n in result.notes)


def test_the_account_limit_caps_what_is_sheltered():
    result = tax_saving(D("5000"), D("22"), account_limit=HEALTH_FSA_LIMIT_2026)
    assert result.sheltered == D("3400.00")
    assert result.saving == D("748.00")
    assert result.capped
    assert any("Only $3,400.00 of the $5,000.00" in n for n in result.notes)


def test_a_spend_under_the_limit_is_not_capped():
    result = tax_saving(D("333.33"), D("22"), account_limit=D("4400"))
    assert result.saving == D("73.33")
    assert not result.capped
    assert result.notes == (ELIGIBILITY_NOTE,)


def test_the_eligibility_note_says_likely_partly_verified_and_letter_of_medical_necessity():
    assert "likely" in ELIGIBILITY_NOTE
    assert "(partly verified)" in ELIGIBILITY_NOTE
    assert "letter of medical necessity" in ELIGIBILITY_NOTE
    assert "(partly verified)" in account_notes(None)[1]


@pytest.mark.parametrize(
    ("spend", "rate", "limit", "message"),
    [
        ("100", "101", None, "marginal_tax_rate: 101"),
        ("100", "-1", None, "marginal_tax_rate: -1"),
        ("-100", "20", None, "eligible_spend: -100"),
        ("100", "20", "-1", "account_limit: -1"),
    ],
)
def test_it_rejects_a_rate_outside_0_to_100_and_negative_amounts(
    spend: str, rate: str, limit: str | None, message: str
):
    with pytest.raises(CostInputError, match=message):
        tax_saving(D(spend), D(rate), account_limit=None if limit is None else D(limit))


@given(
    spend=st.decimals(min_value=0, max_value=50_000, places=2),
    rate=st.decimals(min_value=0, max_value=100, places=2),
    limit=st.none() | st.decimals(min_value=0, max_value=20_000, places=2),
)
def test_the_saving_never_exceeds_what_is_sheltered(
    spend: Decimal, rate: Decimal, limit: Decimal | None
):
    result = tax_saving(spend, rate, account_limit=limit)
    expected_sheltered = spend if limit is None else min(spend, limit)
    assert result.sheltered == expected_sheltered
    assert result.saving == cents(expected_sheltered * rate / 100)
    assert D(0) <= result.saving <= result.sheltered <= spend
    assert result.capped == (result.sheltered < spend)

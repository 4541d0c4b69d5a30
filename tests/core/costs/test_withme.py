import pytest

from ketacover.core.costs.withme import (
    OBSERVATION_REBATE_EXCLUDED_STATES,
    Insurance,
    insurance,
    withme_notes,
)
from ketacover.core.model import PayerCategory


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (PayerCategory.COMMERCIAL_FULLY_INSURED, Insurance.COMMERCIAL),
        (PayerCategory.COMMERCIAL_SELF_FUNDED, Insurance.COMMERCIAL),
        (PayerCategory.MARKETPLACE_QHP, Insurance.COMMERCIAL),
        (PayerCategory.INDIVIDUAL, Insurance.COMMERCIAL),
        (PayerCategory.MEDICARE, Insurance.GOVERNMENT),
        (PayerCategory.MEDICARE_ADVANTAGE, Insurance.GOVERNMENT),
        (PayerCategory.MEDICAID, Insurance.GOVERNMENT),
        (PayerCategory.MEDICAID_MANAGED_CARE, Insurance.GOVERNMENT),
        (PayerCategory.TRICARE, Insurance.GOVERNMENT),
        (PayerCategory.OTHER, Insurance.UNKNOWN),
        (None, Insurance.UNKNOWN),
    ],
)
def test_each_payer_category_is_commercial_government_or_unknown(
    category: PayerCategory | None, expected: Insurance
):
    assert insurance(category) is expected


def test_the_observation_rebate_is_not_valid_in_four_states():
    assert frozenset({"MA", "MI", "MN", "RI"}) == OBSERVATION_REBATE_EXCLUDED_STATES


def test_commercially_insured_patients_hear_of_the_10_dollar_drug_copay_without_caps():
    notes = withme_notes(category=PayerCategory.COMMERCIAL_SELF_FUNDED, state="TX", sessions=8)
    text = " ".join(notes)
    assert "as little as $10.00 per treatment for the drug" in text
    assert "as little as $80.00 for the drug" in text
    assert "does not cover observation" in text
    assert "may bring observation to as little as $0 after rebate" in text
    assert "yearly dollar caps were not found (not confirmed in a public source" in text
    assert "1-844-479-4846" in text
    assert "government" not in text


@pytest.mark.parametrize("state", ["MA", "mi", " MN ", "RI"])
def test_the_observation_rebate_is_ruled_out_in_ma_mi_mn_and_ri(state: str):
    notes = withme_notes(category=PayerCategory.COMMERCIAL_FULLY_INSURED, state=state, sessions=1)
    code = state.strip().upper()
    assert f"The separate observation rebate is not valid in {code}" in " ".join(notes)


def test_without_a_state_it_lists_the_states_where_the_rebate_is_not_valid():
    notes = withme_notes(category=PayerCategory.INDIVIDUAL, state=None, sessions=1)
    assert any("not valid in MA, MI, MN, RI; the case has no state" in n for n in notes)


def test_government_insured_patients_are_told_the_savings_exclude_them():
    notes = withme_notes(category=PayerCategory.MEDICARE, state="TX", sessions=4)
    assert len(notes) == 1
    assert "exclude government-insured patients" in notes[0]
    assert "(partly verified)" in notes[0]
    assert "$10" not in notes[0]


def test_an_unknown_category_is_told_to_ask_the_program():
    notes = withme_notes(category=None, state="TX", sessions=2)
    assert notes[0].endswith("Ask the program whether this plan qualifies.")
    assert "as little as $20.00 for the drug" in notes[1]

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.reimbursement import (
    ChargeLine,
    course_reimbursement,
    superbill_reimbursement,
)
from ketacover.core.model import CostShare

D = Decimal

# Out-of-network terms of a PPO: $1,000 deductible, nothing met, 40% coinsurance, $6,000 maximum.
PPO_OON = CostShare(deductible=D("1000"), coinsurance_percent=D("40"), out_of_pocket_max=D("6000"))


def test_with_a_known_allowed_amount_it_gives_the_exact_money_flow():
    # 6 infusions at $500, allowed $300 each. The first $1,000 of allowed goes to the deductible
    # (sessions 1-3 and $100 of session 4); then the plan pays 60% of what is left.
    result = course_reimbursement(D("500"), 6, PPO_OON, allowed_per_session=D("300"))
    assert result.paid_up_front == D("3000.00")
    assert result.allowed_total == D("1800.00")
    assert result.balance_billed == D("1200.00")
    assert result.patient_share == D("1320.00")
    assert result.reimbursement == D("480.00")
    assert result.net == D("2520.00")
    assert result.share is not None
    assert [s.plan for s in result.share.sessions] == [
        D("0.00"),
        D("0.00"),
        D("0.00"),
        D("120.00"),
        D("180.00"),
        D("180.00"),
    ]
    assert result.reimbursement_low == result.reimbursement_high == D("480.00")
    assert result.best_case_net == result.worst_case_net == D("2520.00")
    assert result.missing == ()
    assert any("Balance billing" in a for a in result.assumptions)


def test_without_the_allowed_amount_it_gives_a_range_and_no_invented_percentage():
    result = course_reimbursement(D("500"), 6, PPO_OON)
    # Best case, the plan allows the full $500: $1,000 deductible over two sessions, then the plan
    # pays 60% of $500 = $300 on each of the other four.
    assert result.reimbursement_high == D("1200.00")
    assert result.reimbursement_low == D("0.00")
    assert result.best_case_net == D("1800.00")
    assert result.worst_case_net == D("3000.00")
    assert result.reimbursement is None
    assert result.net is None
    assert result.allowed_total is None
    assert result.balance_billed is None
    assert result.patient_share is None
    assert result.share is None
    assert result.missing == (
        "allowed amount (session): ask the plan for its out-of-network allowed amount for the "
        "session, or read it from an explanation of benefits",
    )
    assert any("must come from the plan" in a for a in result.assumptions)


def test_a_deductible_that_swallows_even_the_full_charge_settles_the_reimbursement():
    terms = CostShare(
        deductible=D("5000"), coinsurance_percent=D("40"), out_of_pocket_max=D("9000")
    )
    result = course_reimbursement(D("500"), 2, terms)
    assert result.reimbursement_low == result.reimbursement_high == D("0.00")
    assert (result.reimbursement, result.net) == (D("0.00"), D("1000.00"))
    assert (result.allowed_total, result.balance_billed, result.patient_share) == (None, None, None)
    assert result.missing[0].startswith("allowed amount (session):")
    assert any("gives the same reimbursement, $0.00" in a for a in result.assumptions)
    assert not any("is a range" in a for a in result.assumptions)


def test_an_evaluation_with_an_unknown_allowed_amount_widens_the_range():
    lines = [
        ChargeLine(D("250"), None, "evaluation"),
        *[ChargeLine(D("500"), D("300"))] * 2,
    ]
    terms = CostShare(deductible=D("0"), coinsurance_percent=D("40"), out_of_pocket_max=D("6000"))
    result = superbill_reimbursement(lines, terms)
    assert result.paid_up_front == D("1250.00")
    assert result.reimbursement_low == D("360.00")
    assert result.reimbursement_high == D("510.00")
    assert [m.split(":")[0] for m in result.missing] == ["allowed amount (evaluation)"]


def test_without_out_of_network_terms_it_says_what_to_ask_the_plan():
    result = course_reimbursement(D("500"), 6, None, allowed_per_session=D("300"))
    assert result.paid_up_front == D("3000.00")
    assert result.reimbursement is None
    assert result.reimbursement_low is None
    assert result.reimbursement_high is None
    assert result.best_case_net is None
    assert result.worst_case_net is None
    assert result.missing[0].startswith("plan.out_of_network: ask the plan whether it pays out")


def test_with_incomplete_terms_it_lists_the_missing_terms_and_allowed_amount():
    result = course_reimbursement(D("500"), 2, CostShare(coinsurance_percent=D("40")))
    facts = [m.split(":")[0] for m in result.missing]
    assert facts == [
        "plan.out_of_network.deductible",
        "plan.out_of_network.out_of_pocket_max",
        "allowed amount (session)",
    ]
    assert result.reimbursement_high is None


def test_an_allowed_amount_above_the_charge_is_taken_as_the_charge():
    terms = CostShare(deductible=D("0"), coinsurance_percent=D("20"), out_of_pocket_max=D("9999"))
    result = course_reimbursement(D("200"), 1, terms, allowed_per_session=D("250"))
    assert result.allowed_total == D("200.00")
    assert result.balance_billed == D("0.00")
    assert result.reimbursement == D("160.00")
    assert any("above the charge" in a for a in result.assumptions)


def test_an_unknown_out_of_pocket_maximum_is_carried_into_the_missing_facts():
    terms = CostShare(deductible=D("0"), coinsurance_percent=D("40"))
    result = course_reimbursement(D("500"), 1, terms, allowed_per_session=D("400"))
    assert result.reimbursement == D("240.00")
    assert [m.split(":")[0] for m in result.missing] == ["plan.out_of_network.out_of_pocket_max"]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([ChargeLine(D("-1"))], r"lines\[0\]\.charge: -1"),
        ([ChargeLine(D("1")), ChargeLine(D("1"), D("-2"))], r"lines\[1\]\.allowed: -2"),
    ],
)
def test_it_rejects_negative_charges_and_allowed_amounts(lines: list[ChargeLine], message: str):
    with pytest.raises(CostInputError, match=message):
        superbill_reimbursement(lines, PPO_OON)


# Properties ---------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=5_000, places=2)


@st.composite
def oon_terms(draw: st.DrawFn) -> CostShare:
    return CostShare(
        deductible=draw(money),
        deductible_met=draw(money),
        coinsurance_percent=draw(st.decimals(min_value=0, max_value=100, places=2)),
        copay=draw(st.none() | st.decimals(min_value=0, max_value=200, places=2)),
        out_of_pocket_max=draw(st.none() | money),
        out_of_pocket_met=draw(money),
    )


@given(
    charge=money, allowed=money, sessions=st.integers(min_value=0, max_value=10), terms=oon_terms()
)
def test_net_is_what_was_paid_less_reimbursement_and_is_share_plus_balance_billing(
    charge: Decimal, allowed: Decimal, sessions: int, terms: CostShare
):
    result = course_reimbursement(charge, sessions, terms, allowed_per_session=allowed)
    assert result.reimbursement is not None
    assert result.net == result.paid_up_front - result.reimbursement
    assert result.patient_share is not None
    assert result.balance_billed is not None
    assert result.net == result.patient_share + result.balance_billed
    assert result.allowed_total is not None
    assert D(0) <= result.reimbursement <= result.allowed_total <= result.paid_up_front


@given(
    charge=money, allowed=money, sessions=st.integers(min_value=0, max_value=10), terms=oon_terms()
)
def test_the_range_without_the_allowed_amount_holds_the_exact_answer(
    charge: Decimal, allowed: Decimal, sessions: int, terms: CostShare
):
    unknown = course_reimbursement(charge, sessions, terms)
    known = course_reimbursement(charge, sessions, terms, allowed_per_session=allowed)
    assert unknown.reimbursement_low is not None
    assert unknown.reimbursement_high is not None
    assert known.reimbursement is not None
    assert D(0) <= unknown.reimbursement_low <= unknown.reimbursement_high
    assert unknown.reimbursement_high <= unknown.paid_up_front
    assert unknown.reimbursement_low <= known.reimbursement <= unknown.reimbursement_high
    if unknown.reimbursement is not None:
        assert unknown.reimbursement == known.reimbursement
        assert unknown.net == known.net

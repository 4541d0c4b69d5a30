from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.share import (
    NetworkTier,
    SessionShare,
    share_ceiling,
    share_for_course,
    share_for_service,
    share_for_sessions,
)
from ketacover.core.model import CostShare

D = Decimal


def dollars(*values: str) -> list[Decimal]:
    return [D(v) for v in values]


# The worked example: $500 allowed x 6 sessions, $1,000 deductible with $200 met, 20% coinsurance,
# $3,000 out-of-pocket maximum with $2,600 met. $800 of deductible is left but only $400 of the
# out-of-pocket maximum, so the first session costs $400 (all deductible) and the rest nothing.
NEAR_THE_MAXIMUM = CostShare(
    deductible=D("1000"),
    deductible_met=D("200"),
    coinsurance_percent=D("20"),
    out_of_pocket_max=D("3000"),
    out_of_pocket_met=D("2600"),
)


def test_the_out_of_pocket_maximum_caps_a_course_that_starts_near_it():
    result = share_for_course(D("500"), 6, NEAR_THE_MAXIMUM)
    assert [s.patient for s in result.sessions] == dollars("400", "0", "0", "0", "0", "0")
    assert [s.plan for s in result.sessions] == dollars("100", "500", "500", "500", "500", "500")
    assert result.sessions[0] == SessionShare(
        allowed=D("500.00"),
        deductible=D("400.00"),
        coinsurance=D("0.00"),
        copay=D("0.00"),
        patient=D("400.00"),
        plan=D("100.00"),
    )
    assert result.patient_total == D("400.00")
    assert result.plan_total == D("2600.00")
    assert result.deductible_left_after == D("400.00")
    assert result.oop_left_after == D("0.00")
    assert result.missing == ()


def test_the_deductible_is_paid_first_then_coinsurance():
    # Same plan, nothing of the out-of-pocket maximum met: the cap never bites.
    terms = CostShare(
        deductible=D("1000"),
        deductible_met=D("200"),
        coinsurance_percent=D("20"),
        out_of_pocket_max=D("3000"),
    )
    result = share_for_course(D("500"), 6, terms)
    # Session 1: $500 to the deductible. Session 2: the last $300 of it, then 20% of $200.
    assert [s.deductible for s in result.sessions] == dollars("500", "300", "0", "0", "0", "0")
    assert [s.coinsurance for s in result.sessions] == dollars(
        "0", "40", "100", "100", "100", "100"
    )
    assert [s.patient for s in result.sessions] == dollars("500", "340", "100", "100", "100", "100")
    assert result.patient_total == D("1240.00")
    assert result.plan_total == D("1760.00")
    assert result.deductible_left_after == D("0.00")
    assert result.oop_left_after == D("1760.00")


def test_the_cap_can_stop_coinsurance_part_way_through_a_session():
    terms = CostShare(
        deductible=D("0"),
        coinsurance_percent=D("50"),
        out_of_pocket_max=D("1000"),
        out_of_pocket_met=D("900"),
    )
    result = share_for_course(D("300"), 2, terms)
    assert [s.coinsurance for s in result.sessions] == dollars("100", "0")
    assert [s.plan for s in result.sessions] == dollars("200", "300")


def test_coinsurance_is_rounded_to_cents():
    terms = CostShare(deductible=D("0"), coinsurance_percent=D("20"), out_of_pocket_max=D("9000"))
    assert share_for_service(D("333.33"), terms).patient_total == D("66.67")


def test_a_copay_applies_after_the_deductible_instead_of_coinsurance():
    terms = CostShare(deductible=D("100"), copay=D("25"), out_of_pocket_max=D("5000"))
    result = share_for_course(D("300"), 3, terms)
    assert [s.deductible for s in result.sessions] == dollars("100", "0", "0")
    assert [s.copay for s in result.sessions] == dollars("25", "25", "25")
    assert [s.patient for s in result.sessions] == dollars("125", "25", "25")
    assert all(s.coinsurance == 0 for s in result.sessions)
    assert "A in-network copay" not in " ".join(result.assumptions)
    assert any("copay of $25.00 per session" in a for a in result.assumptions)


def test_a_copay_is_never_more_than_what_is_left_of_the_allowed_amount():
    terms = CostShare(deductible=D("0"), copay=D("25"), out_of_pocket_max=D("5000"))
    session = share_for_service(D("20"), terms).sessions[0]
    assert (session.copay, session.plan) == (D("20.00"), D("0.00"))


def test_the_cap_also_limits_a_copay():
    terms = CostShare(
        deductible=D("0"), copay=D("40"), out_of_pocket_max=D("100"), out_of_pocket_met=D("90")
    )
    assert [s.copay for s in share_for_course(D("200"), 2, terms).sessions] == dollars("10", "0")


def test_when_both_are_given_the_copay_wins_and_the_result_says_so():
    terms = CostShare(
        deductible=D("0"), copay=D("30"), coinsurance_percent=D("20"), out_of_pocket_max=D("900")
    )
    result = share_for_service(D("200"), terms)
    assert result.patient_total == D("30.00")
    assert any("coinsurance is not applied" in a for a in result.assumptions)


@pytest.mark.parametrize(
    ("terms", "facts"),
    [
        (
            CostShare(coinsurance_percent=D("20"), out_of_pocket_max=D("3000")),
            ["plan.in_network.deductible"],
        ),
        (
            CostShare(deductible=D("500"), out_of_pocket_max=D("3000")),
            ["plan.in_network.coinsurance_percent"],
        ),
        (
            CostShare(),
            [
                "plan.in_network.deductible",
                "plan.in_network.coinsurance_percent",
                "plan.in_network.out_of_pocket_max",
            ],
        ),
    ],
)
def test_it_gives_no_number_without_the_deductible_or_the_coinsurance(
    terms: CostShare, facts: list[str]
):
    result = share_for_course(D("500"), 6, terms)
    assert not result.computed
    assert result.sessions == ()
    assert result.patient_total is None
    assert result.plan_total is None
    assert result.deductible_left_after is None
    assert result.oop_left_after is None
    assert [m.split(":")[0] for m in result.missing] == facts
    assert all(": ask the plan" in m for m in result.missing)


def test_without_the_out_of_pocket_maximum_the_share_is_an_uncapped_upper_bound():
    terms = CostShare(deductible=D("1000"), deductible_met=D("1000"), coinsurance_percent=D("20"))
    result = share_for_course(D("500"), 2, terms)
    assert result.computed
    assert result.patient_total == D("200.00")
    assert result.oop_left_after is None
    assert result.missing == (
        "plan.in_network.out_of_pocket_max: ask the plan for the in-network out-of-pocket "
        "maximum and how much is met",
    )
    assert any("upper bounds" in a for a in result.assumptions)


def test_it_names_the_out_of_network_tier_when_asked_for_it():
    result = share_for_service(D("500"), CostShare(), tier=NetworkTier.OUT_OF_NETWORK)
    assert result.missing[0].startswith(
        "plan.out_of_network.deductible: ask the plan for the out-of-network deductible"
    )
    assert NetworkTier.OUT_OF_NETWORK.label == "out-of-network"


def test_it_says_when_none_of_the_deductible_is_counted_as_met():
    fresh = CostShare(deductible=D("500"), coinsurance_percent=D("20"), out_of_pocket_max=D("9"))
    started = CostShare(
        deductible=D("500"),
        deductible_met=D("1"),
        coinsurance_percent=D("20"),
        out_of_pocket_max=D("9"),
    )
    assert any(
        "None of the in-network deductible" in a
        for a in share_for_service(D("1"), fresh).assumptions
    )
    assert not any("None of" in a for a in share_for_service(D("1"), started).assumptions)


def test_it_notes_the_plan_year_only_for_more_than_one_session():
    terms = CostShare(deductible=D("0"), coinsurance_percent=D("20"), out_of_pocket_max=D("9000"))
    assert not any("plan year" in a for a in share_for_service(D("100"), terms).assumptions)
    assert any("plan year" in a for a in share_for_course(D("100"), 2, terms).assumptions)


def test_an_amount_met_above_the_maximum_leaves_nothing_to_pay():
    terms = CostShare(
        deductible=D("500"),
        deductible_met=D("700"),
        coinsurance_percent=D("20"),
        out_of_pocket_max=D("1000"),
        out_of_pocket_met=D("1200"),
    )
    result = share_for_service(D("400"), terms)
    assert result.patient_total == D("0.00")
    assert result.deductible_left_after == D("0.00")


def test_no_sessions_cost_nothing():
    result = share_for_sessions([], NEAR_THE_MAXIMUM)
    assert (result.patient_total, result.plan_total, result.sessions) == (D("0"), D("0"), ())
    assert result.oop_left_after == D("400.00")


def test_sessions_may_have_different_allowed_amounts():
    terms = CostShare(deductible=D("100"), coinsurance_percent=D("10"), out_of_pocket_max=D("999"))
    result = share_for_sessions(dollars("250", "80", "1000"), terms)
    assert [s.patient for s in result.sessions] == dollars("115", "8", "100")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: share_for_sessions(dollars("1", "-2"), NEAR_THE_MAXIMUM), r"allowed\[1\]: -2"),
        (lambda: share_for_course(D("1"), -1, NEAR_THE_MAXIMUM), "sessions: -1"),
        (
            lambda: share_for_service(
                D("1"), CostShare(deductible=D("0"), coinsurance_percent=D("120"))
            ),
            "plan.in_network.coinsurance_percent: 120",
        ),
        (
            lambda: share_for_service(D("1"), CostShare(deductible=D("-5"), copay=D("1"))),
            "plan.in_network.deductible: -5",
        ),
        (
            lambda: share_for_service(
                D("1"),
                CostShare(deductible=D("0"), copay=D("1"), out_of_pocket_met=D("-1")),
                tier=NetworkTier.OUT_OF_NETWORK,
            ),
            "plan.out_of_network.out_of_pocket_met: -1",
        ),
    ],
)
def test_it_rejects_impossible_inputs_naming_the_field(call, message: str):
    with pytest.raises(CostInputError, match=message):
        call()


# Properties ---------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=20_000, places=2)
rates = st.decimals(min_value=0, max_value=100, places=2)


@st.composite
def cost_shares(draw: st.DrawFn) -> CostShare:
    # Always computable: a deductible, and a coinsurance (a copay, when drawn, takes its place).
    return CostShare(
        deductible=draw(money),
        deductible_met=draw(money),
        coinsurance_percent=draw(rates),
        copay=draw(st.none() | st.decimals(min_value=0, max_value=500, places=2)),
        out_of_pocket_max=draw(st.none() | money),
        out_of_pocket_met=draw(money),
    )


@given(allowed=st.lists(money, max_size=12), terms=cost_shares())
def test_each_session_splits_the_allowed_amount_between_patient_and_plan(
    allowed: list[Decimal], terms: CostShare
):
    result = share_for_sessions(allowed, terms)
    assert len(result.sessions) == len(allowed)
    for session in result.sessions:
        assert session.patient >= 0
        assert session.plan >= 0
        assert session.patient <= session.allowed
        assert session.patient + session.plan == session.allowed
        assert session.deductible + session.coinsurance + session.copay == session.patient
        for value in (session.patient, session.plan, session.deductible, session.coinsurance):
            assert value.as_tuple().exponent == -2
    assert result.patient_total == sum((s.patient for s in result.sessions), D(0))
    assert result.plan_total == sum((s.plan for s in result.sessions), D(0))


@given(allowed=st.lists(money, max_size=12), terms=cost_shares())
def test_the_patient_never_pays_more_than_the_out_of_pocket_maximum_left(
    allowed: list[Decimal], terms: CostShare
):
    result = share_for_sessions(allowed, terms)
    assert result.patient_total is not None
    if terms.out_of_pocket_max is None:
        assert result.oop_left_after is None
        return
    left = max(D(0), terms.out_of_pocket_max - terms.out_of_pocket_met)
    assert result.patient_total <= left
    assert result.oop_left_after == left - result.patient_total
    running = left
    for session in result.sessions:
        assert session.patient <= running
        running -= session.patient


@given(allowed=st.lists(money, max_size=12), terms=cost_shares())
def test_the_deductible_left_falls_by_what_went_to_the_deductible(
    allowed: list[Decimal], terms: CostShare
):
    result = share_for_sessions(allowed, terms)
    assert terms.deductible is not None
    start = max(D(0), terms.deductible - terms.deductible_met)
    paid = sum((s.deductible for s in result.sessions), D(0))
    assert result.deductible_left_after == start - paid
    assert D(0) <= paid <= start


def test_the_ceiling_is_what_is_left_of_the_out_of_pocket_maximum():
    terms = CostShare(out_of_pocket_max=Decimal("5000"), out_of_pocket_met=Decimal("900"))
    assert share_ceiling(terms, tier=NetworkTier.IN_NETWORK) == Decimal("4100.00")


def test_the_ceiling_is_zero_once_the_maximum_is_met_and_none_when_it_is_unknown():
    met = CostShare(out_of_pocket_max=Decimal("3000"), out_of_pocket_met=Decimal("3200"))
    assert share_ceiling(met, tier=NetworkTier.IN_NETWORK) == Decimal("0.00")
    assert share_ceiling(CostShare(deductible=Decimal("500")), tier=NetworkTier.IN_NETWORK) is None


def test_a_negative_maximum_is_refused_naming_the_field():
    with pytest.raises(CostInputError, match=r"plan\.out_of_network\.out_of_pocket_max"):
        share_ceiling(CostShare(out_of_pocket_max=Decimal("-1")), tier=NetworkTier.OUT_OF_NETWORK)


@given(
    allowed=st.decimals(min_value=0, max_value=5000, places=2),
    sessions=st.integers(min_value=1, max_value=40),
    oop_max=st.decimals(min_value=0, max_value=20000, places=2),
)
def test_no_allowed_amount_makes_the_share_exceed_the_ceiling(allowed, sessions, oop_max):
    terms = CostShare(
        deductible=Decimal("1500"),
        coinsurance_percent=Decimal("30"),
        out_of_pocket_max=oop_max,
    )
    ceiling = share_ceiling(terms, tier=NetworkTier.IN_NETWORK)
    result = share_for_course(allowed, sessions, terms)
    assert ceiling is not None
    assert result.patient_total is not None
    assert result.patient_total <= ceiling

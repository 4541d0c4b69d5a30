from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.comparison import CostComparison, PathwayCost, case_costs, cheapest
from ketacover.core.costs.tax import ELIGIBILITY_NOTE
from ketacover.core.coverage.result import PathwayId
from ketacover.core.model import (
    Address,
    Case,
    CostShare,
    Patient,
    PayerCategory,
    Plan,
    PlanType,
    Treatment,
    TreatmentPlan,
)

D = Decimal

# Synthetic people and plans, named by scenario.
NEAR_THE_MAXIMUM = CostShare(
    deductible=D("1000"),
    deductible_met=D("200"),
    coinsurance_percent=D("20"),
    out_of_pocket_max=D("3000"),
    out_of_pocket_met=D("2600"),
)
PPO_OON = CostShare(deductible=D("1000"), coinsurance_percent=D("40"), out_of_pocket_max=D("6000"))
PPO = Plan(
    payer="Example Health",
    category=PayerCategory.COMMERCIAL_SELF_FUNDED,
    plan_type=PlanType.PPO,
    state="NY",
    in_network=NEAR_THE_MAXIMUM,
    out_of_network=PPO_OON,
    out_of_network_benefits=True,
)
IV_COURSE = TreatmentPlan(
    treatment=Treatment.IV_KETAMINE,
    sessions=6,
    price_per_session=D("500"),
    allowed_per_session=D("300"),
    start=date(2026, 12, 1),
)
BOSTON = Address(line1="1 Example St", city="Boston", state="MA", postal_code="02110")


def a_case(**changes: object) -> Case:
    base = Case(
        id="case-costs",
        patient=Patient(given_name="Pat", family_name="Example", date_of_birth=date(1980, 1, 1)),
        plan=PPO,
        treatment_plan=IV_COURSE,
    )
    return replace(base, **changes)


def test_an_iv_course_on_a_ppo_is_priced_on_every_pathway_that_applies():
    result = case_costs(a_case(), marginal_tax_rate=D("24"))
    assert [p.pathway for p in result.pathways] == [
        PathwayId.IV_KETAMINE_PA,
        PathwayId.OON_REIMBURSEMENT,
        PathwayId.HYBRID_BILLING,
        PathwayId.SELF_PAY,
        PathwayId.CLINICAL_TRIAL,
    ]
    figures = {
        p.pathway: (p.up_front, p.reimbursement, p.net, p.per_session_net, p.hsa_saving)
        for p in result.pathways
    }
    # In network: $800 of deductible left but only $400 of the out-of-pocket maximum.
    assert figures[PathwayId.IV_KETAMINE_PA] == (
        D("400.00"),
        D("0.00"),
        D("400.00"),
        D("66.67"),
        D("96.00"),
    )
    # Out of network: allowed $1,800, share $1,320, balance billing $1,200, back $480.
    assert figures[PathwayId.OON_REIMBURSEMENT] == (
        D("3000.00"),
        D("480.00"),
        D("2520.00"),
        D("420.00"),
        D("604.80"),
    )
    assert figures[PathwayId.HYBRID_BILLING] == (
        D("3000.00"),
        D("0.00"),
        D("3000.00"),
        D("500.00"),
        D("720.00"),
    )
    assert figures[PathwayId.SELF_PAY] == (
        D("3000.00"),
        D("0.00"),
        D("3000.00"),
        D("500.00"),
        D("720.00"),
    )
    assert figures[PathwayId.CLINICAL_TRIAL] == (None, None, None, None, None)
    assert result.cheapest is PathwayId.IV_KETAMINE_PA
    assert result.payment_plan == ()
    assert result.missing == ()
    assert ELIGIBILITY_NOTE in result.notes
    assert result.case_id == "case-costs"


def test_the_pathways_say_where_their_numbers_come_from():
    result = case_costs(a_case())
    pa = result.pathway(PathwayId.IV_KETAMINE_PA)
    assert "These amounts hold only if the prior authorization is approved." in pa.notes
    assert any("IV ketamine coverage is rare" in n for n in pa.notes)
    oon = result.pathway(PathwayId.OON_REIMBURSEMENT)
    assert any("used as the out-of-network allowed amount" in n for n in oon.notes)
    self_pay = result.pathway(PathwayId.SELF_PAY)
    assert any("initial evaluation" in n and "Thervo" in n for n in self_pay.notes)
    trial = result.pathway(PathwayId.CLINICAL_TRIAL)
    assert trial.missing[0].startswith("clinical_trial.costs: ask the trial team")
    assert trial.notes == (
        "What a trial charges is not on record here, and trial terms vary: ask the trial.",
    )


def test_without_a_marginal_rate_the_hsa_saving_is_missing_not_guessed():
    result = case_costs(a_case())
    self_pay = result.pathway(PathwayId.SELF_PAY)
    assert self_pay.hsa_saving is None
    assert self_pay.missing == (
        "marginal_tax_rate: give the marginal tax rate (percent) to estimate the HSA/FSA saving",
    )
    assert result.notes == ()


def test_an_account_limit_caps_the_hsa_saving():
    result = case_costs(a_case(), marginal_tax_rate=D("10"), account_limit=D("1000"))
    assert result.pathway(PathwayId.SELF_PAY).hsa_saving == D("100.00")
    assert result.pathway(PathwayId.IV_KETAMINE_PA).hsa_saving == D("40.00")
    assert result.notes == (ELIGIBILITY_NOTE,)


def test_a_net_cost_above_the_smallest_account_limit_asks_for_the_account_limit():
    course = replace(IV_COURSE, price_per_session=D("1000"))
    uncapped = case_costs(a_case(treatment_plan=course), marginal_tax_rate=D("24"))
    self_pay = uncapped.pathway(PathwayId.SELF_PAY)
    assert self_pay.hsa_saving == D("1440.00")
    assert [m.split(":")[0] for m in self_pay.missing] == ["account_limit"]
    assert "health FSA $3,400.00 (partly verified)" in self_pay.missing[0]
    assert uncapped.pathway(PathwayId.IV_KETAMINE_PA).missing == ()
    capped = case_costs(
        a_case(treatment_plan=course), marginal_tax_rate=D("24"), account_limit=D("4400")
    )
    assert capped.pathway(PathwayId.SELF_PAY).hsa_saving == D("1056.00")
    assert capped.pathway(PathwayId.SELF_PAY).missing == ()


def test_it_rejects_a_marginal_rate_above_100_percent():
    with pytest.raises(CostInputError, match="marginal_tax_rate: 124"):
        case_costs(a_case(), marginal_tax_rate=D("124"))


def test_an_evaluation_is_added_to_self_pay_and_billed_in_network_in_the_hybrid():
    plan = replace(
        PPO,
        in_network=CostShare(deductible=D("0"), copay=D("30"), out_of_pocket_max=D("4000")),
        out_of_network_benefits=False,
    )
    course = replace(IV_COURSE, evaluation_price=D("250"))
    result = case_costs(a_case(plan=plan, treatment_plan=course))
    assert result.pathway(PathwayId.SELF_PAY).up_front == D("3250.00")
    hybrid = result.pathway(PathwayId.HYBRID_BILLING)
    assert hybrid.up_front == D("3030.00")
    assert hybrid.notes[0] == "The sessions are self-pay: 6 × $500.00 = $3,000.00."
    assert any("at most what is shown" in n for n in hybrid.notes)
    # In network with a $30 copay: evaluation $30 plus six sessions at $30.
    assert result.pathway(PathwayId.IV_KETAMINE_PA).net == D("210.00")
    oon = result.pathway(PathwayId.OON_REIMBURSEMENT)
    assert (oon.up_front, oon.reimbursement, oon.net) == (D("3250.00"), D("0.00"), D("3250.00"))
    assert "The plan reports no out-of-network benefits: nothing comes back." in oon.notes
    assert result.cheapest is PathwayId.IV_KETAMINE_PA


def test_an_unknown_allowed_amount_gives_an_out_of_network_range_and_no_net():
    plan = replace(PPO, out_of_network_benefits=None)
    course = replace(IV_COURSE, allowed_per_session=None)
    result = case_costs(a_case(plan=plan, treatment_plan=course), marginal_tax_rate=D("24"))
    oon = result.pathway(PathwayId.OON_REIMBURSEMENT)
    assert (oon.up_front, oon.reimbursement, oon.net, oon.hsa_saving) == (
        D("3000.00"),
        None,
        None,
        None,
    )
    assert "Net cost between $1,800.00 (best case) and $3,000.00." in oon.notes
    facts = [m.split(":")[0] for m in oon.missing]
    assert facts == ["plan.out_of_network_benefits", "allowed amount (session)"]
    pa = result.pathway(PathwayId.IV_KETAMINE_PA)
    assert pa.net is None
    assert pa.missing[0].startswith("treatment_plan.allowed_per_session: ask the plan")


def test_without_a_plan_only_the_self_pay_figures_are_given():
    course = replace(IV_COURSE, evaluation_price=D("200"))
    result = case_costs(a_case(plan=None, treatment_plan=course), marginal_tax_rate=D("0"))
    for pathway in (PathwayId.IV_KETAMINE_PA, PathwayId.OON_REIMBURSEMENT):
        cost = result.pathway(pathway)
        assert cost.net is None
        assert "plan: add the health plan and its cost sharing to the case" in cost.missing
    assert result.pathway(PathwayId.HYBRID_BILLING).up_front is None
    assert result.pathway(PathwayId.SELF_PAY).net == D("3200.00")
    assert result.pathway(PathwayId.SELF_PAY).hsa_saving == D("0.00")
    assert result.cheapest is PathwayId.SELF_PAY


def test_a_plan_without_in_network_terms_is_asked_for_them():
    result = case_costs(a_case(plan=replace(PPO, in_network=None)))
    assert (
        result.pathway(PathwayId.IV_KETAMINE_PA)
        .missing[0]
        .startswith("plan.in_network: ask the plan for the in-network deductible")
    )


def test_incomplete_in_network_terms_leave_the_evaluation_unpriced_in_the_hybrid():
    plan = replace(PPO, in_network=CostShare(coinsurance_percent=D("20")))
    course = replace(IV_COURSE, evaluation_price=D("250"))
    result = case_costs(a_case(plan=plan, treatment_plan=course))
    hybrid = result.pathway(PathwayId.HYBRID_BILLING)
    assert hybrid.up_front is None
    assert hybrid.missing[0].startswith("plan.in_network.deductible: ask the plan")
    pa = result.pathway(PathwayId.IV_KETAMINE_PA)
    assert (pa.up_front, pa.net) == (None, None)


def test_without_a_price_it_gives_reported_ranges_and_asks_the_clinic():
    course = replace(IV_COURSE, price_per_session=None)
    result = case_costs(a_case(treatment_plan=course))
    for pathway in (PathwayId.OON_REIMBURSEMENT, PathwayId.HYBRID_BILLING, PathwayId.SELF_PAY):
        cost = result.pathway(pathway)
        assert cost.net is None
        assert cost.missing[0] == (
            "treatment_plan.price_per_session: ask the clinic for its self-pay price per session"
        )
        assert any("$400.00–$800.00" in n for n in cost.notes)
    assert result.cheapest is PathwayId.IV_KETAMINE_PA


def test_a_course_of_no_sessions_has_no_per_session_figure():
    course = replace(IV_COURSE, sessions=0, evaluation_price=D("250"))
    result = case_costs(a_case(treatment_plan=course))
    self_pay = result.pathway(PathwayId.SELF_PAY)
    assert (self_pay.net, self_pay.per_session_net) == (D("250.00"), None)


def test_without_a_treatment_plan_there_is_nothing_to_price():
    result = case_costs(a_case(treatment_plan=None), plan_months=12)
    assert result == CostComparison(
        case_id="case-costs",
        pathways=(),
        cheapest=None,
        payment_plan=(),
        missing=("treatment_plan: add the planned treatment, sessions and prices",),
    )


def test_a_pathway_that_does_not_apply_is_a_key_error():
    result = case_costs(
        a_case(treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=1))
    )
    with pytest.raises(KeyError):
        result.pathway(PathwayId.HYBRID_BILLING)


def test_the_self_pay_course_can_be_financed_from_the_planned_start():
    result = case_costs(a_case(), plan_months=12, plan_apr=D("0"))
    assert len(result.payment_plan) == 12
    assert {i.payment for i in result.payment_plan} == {D("250.00")}
    assert result.payment_plan[0].due == date(2026, 12, 1)
    assert result.payment_plan[-1].due == date(2027, 11, 1)
    assert (
        "Payment plan: 12 monthly payments of $250.00 from 2026-12-01 (last $250.00 on "
        "2027-11-01) at 0% APR; total interest $0.00, total paid $3,000.00."
    ) in result.pathway(PathwayId.SELF_PAY).notes


def test_a_given_first_due_date_wins_over_the_planned_start():
    result = case_costs(a_case(), plan_months=3, plan_apr=D("12"), plan_first_due=date(2027, 1, 31))
    assert [i.due for i in result.payment_plan] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]
    assert sum((i.payment for i in result.payment_plan), D(0)) > D("3000")


def test_a_payment_plan_without_its_terms_says_what_is_missing():
    course = replace(IV_COURSE, price_per_session=None, start=None)
    result = case_costs(a_case(treatment_plan=course), plan_months=12)
    assert result.payment_plan == ()
    assert [m.split(":")[0] for m in result.missing] == [
        "treatment_plan.price_per_session",
        "plan_apr",
        "plan_first_due",
    ]


def test_the_cheapest_is_the_lowest_known_net_and_ties_go_to_the_first_listed():
    def cost(pathway: PathwayId, net: str | None) -> PathwayCost:
        value = None if net is None else D(net)
        return PathwayCost(pathway, value, D("0"), value, value, None)

    assert cheapest(()) is None
    assert cheapest((cost(PathwayId.CLINICAL_TRIAL, None),)) is None
    assert (
        cheapest(
            (
                cost(PathwayId.SELF_PAY, "100"),
                cost(PathwayId.HYBRID_BILLING, "100"),
                cost(PathwayId.CLINICAL_TRIAL, None),
            )
        )
        is PathwayId.SELF_PAY
    )
    assert (
        cheapest((cost(PathwayId.SELF_PAY, "100"), cost(PathwayId.OON_REIMBURSEMENT, "99.99")))
        is PathwayId.OON_REIMBURSEMENT
    )


@pytest.mark.parametrize(
    ("changes", "keywords", "message"),
    [
        ({"price_per_session": D("-1")}, {}, "treatment_plan.price_per_session: -1"),
        ({"allowed_per_session": D("-2")}, {}, "treatment_plan.allowed_per_session: -2"),
        ({"evaluation_price": D("-3")}, {}, "treatment_plan.evaluation_price: -3"),
        ({"sessions": -1}, {}, "treatment_plan.sessions: -1"),
        ({}, {"account_limit": D("-4")}, "account_limit: -4"),
        ({}, {"plan_apr": D("101")}, "plan_apr: 101"),
    ],
)
def test_it_rejects_impossible_inputs_naming_the_case_field(
    changes: dict[str, object], keywords: dict[str, Decimal], message: str
):
    course = replace(IV_COURSE, **changes)
    with pytest.raises(CostInputError, match=message):
        case_costs(a_case(treatment_plan=course), **keywords)


def test_prices_in_fractions_of_a_cent_are_rounded_per_session_on_every_pathway():
    course = replace(IV_COURSE, price_per_session=D("333.335"), allowed_per_session=None)
    result = case_costs(a_case(treatment_plan=course))
    assert result.pathway(PathwayId.SELF_PAY).up_front == D("2000.04")
    assert result.pathway(PathwayId.OON_REIMBURSEMENT).up_front == D("2000.04")
    assert result.pathway(PathwayId.HYBRID_BILLING).up_front == D("2000.04")

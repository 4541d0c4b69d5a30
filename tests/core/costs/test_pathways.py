from datetime import date
from decimal import Decimal

from ketacover.core.costs.comparison import case_costs
from ketacover.core.costs.pathways import TREATMENT_PATHWAYS, CostInputs, in_network_pa
from ketacover.core.coverage.result import PathwayId
from ketacover.core.model import (
    Address,
    Case,
    CostShare,
    Patient,
    PayerCategory,
    Plan,
    Treatment,
    TreatmentPlan,
)

D = Decimal

COMMERCIAL_IN_MICHIGAN = Plan(
    payer="Example Health",
    category=PayerCategory.COMMERCIAL_FULLY_INSURED,
    state="mi",
    in_network=CostShare(
        deductible=D("0"), coinsurance_percent=D("20"), out_of_pocket_max=D("5000")
    ),
)
ESKETAMINE = TreatmentPlan(
    treatment=Treatment.ESKETAMINE, sessions=4, allowed_per_session=D("800"), dose_mg=56
)


def inputs(plan: Plan | None, state: str | None = None) -> CostInputs:
    return CostInputs.checked(
        ESKETAMINE, plan, state=state, marginal_tax_rate=None, account_limit=None
    )


def test_every_treatment_has_its_pathways_and_only_racemic_ketamine_goes_out_of_network():
    assert set(TREATMENT_PATHWAYS) == set(Treatment)
    assert TREATMENT_PATHWAYS[Treatment.ESKETAMINE] == (
        PathwayId.ESKETAMINE_PA,
        PathwayId.SELF_PAY,
        PathwayId.CLINICAL_TRIAL,
    )
    assert PathwayId.IV_KETAMINE_PA not in TREATMENT_PATHWAYS[Treatment.IM_KETAMINE]
    for pathways in TREATMENT_PATHWAYS.values():
        assert pathways[-2:] == (PathwayId.SELF_PAY, PathwayId.CLINICAL_TRIAL)


def test_esketamine_on_a_commercial_plan_notes_withme_and_the_rebate_state():
    cost = in_network_pa(PathwayId.ESKETAMINE_PA, inputs(COMMERCIAL_IN_MICHIGAN, "mi"))
    assert (cost.up_front, cost.net, cost.per_session_net) == (
        D("640.00"),
        D("640.00"),
        D("160.00"),
    )
    text = " ".join(cost.notes)
    assert "as little as $40.00 for the drug" in text
    assert "The shares above are before any program savings." in text
    assert "The separate observation rebate is not valid in MI" in text
    assert "IV ketamine" not in text


def test_the_patients_state_wins_over_the_plans_for_the_observation_rebate():
    patient = Patient(
        given_name="Pat",
        family_name="Example",
        date_of_birth=date(1980, 1, 1),
        address=Address(line1="1 Example St", city="Boston", state="MA", postal_code="02110"),
    )
    plan = Plan(payer="Example Health", category=PayerCategory.INDIVIDUAL, state="TX")
    case = Case(id="case-ma", patient=patient, plan=plan, treatment_plan=ESKETAMINE)
    cost = case_costs(case).pathway(PathwayId.ESKETAMINE_PA)
    assert "The separate observation rebate is not valid in MA, so it does not apply." in cost.notes
    assert cost.net is None
    assert cost.missing[0].startswith("plan.in_network: ask the plan")


def test_esketamine_on_medicare_says_the_savings_program_excludes_it():
    plan = Plan(payer="Medicare", category=PayerCategory.MEDICARE)
    cost = in_network_pa(PathwayId.ESKETAMINE_PA, inputs(plan))
    assert any("exclude government-insured patients" in n for n in cost.notes)
    assert not any("$10.00" in n for n in cost.notes)


def test_esketamine_without_a_plan_asks_the_program_about_eligibility():
    cost = in_network_pa(PathwayId.ESKETAMINE_PA, inputs(None))
    assert any(n.endswith("Ask the program whether this plan qualifies.") for n in cost.notes)
    assert "plan: add the health plan and its cost sharing to the case" in cost.missing


def test_im_ketamine_is_priced_without_a_prior_authorization_pathway_or_a_price_range():
    case = Case(
        id="case-im",
        patient=Patient(given_name="Pat", family_name="Example", date_of_birth=date(1980, 1, 1)),
        treatment_plan=TreatmentPlan(treatment=Treatment.IM_KETAMINE, sessions=3),
    )
    result = case_costs(case)
    assert [p.pathway for p in result.pathways] == [
        PathwayId.OON_REIMBURSEMENT,
        PathwayId.HYBRID_BILLING,
        PathwayId.SELF_PAY,
        PathwayId.CLINICAL_TRIAL,
    ]
    assert any(
        "No reported price range for IM ketamine injection" in n
        for n in result.pathway(PathwayId.SELF_PAY).notes
    )
    assert result.cheapest is None

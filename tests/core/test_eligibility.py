"""What an eligibility response changes in a case's plan: empty fields filled, the case's values
kept, conflicts shown."""

from decimal import Decimal

from ketacover.core.eligibility import (
    Eligibility,
    NetworkBenefits,
    PlanChange,
    ServiceBenefit,
    plan_changes,
)
from ketacover.core.model import CostShare, PayerCategory, Plan, PlanType

RESPONSE = Eligibility(
    payer="EXAMPLE HEALTH",
    member_id="XKC000123456",
    group_number="GRP004521",
    plan_name="EXAMPLE HEALTH CHOICE PPO",
    insurance_type="PR",
    active=True,
    in_network=NetworkBenefits(
        deductible=Decimal("1500"),
        deductible_remaining=Decimal("600"),
        out_of_pocket_max=Decimal("5000"),
        out_of_pocket_remaining=Decimal("3800"),
    ),
    services=(
        ServiceBenefit(
            service_type="MH",
            in_network=True,
            coinsurance_percent=Decimal("20"),
            prior_authorization=True,
        ),
        ServiceBenefit(service_type="98", in_network=True, copay=Decimal("30")),
    ),
)


def test_an_empty_plan_is_filled_from_the_response():
    plan = Plan(payer="Example Health", category=PayerCategory.COMMERCIAL_SELF_FUNDED)
    merged, changes = plan_changes(plan, RESPONSE)
    assert merged.member_id == "XKC000123456"
    assert merged.plan_type is PlanType.PPO
    assert merged.prior_authorization_required is True
    assert merged.in_network == CostShare(
        deductible=Decimal("1500"),
        deductible_met=Decimal("900"),
        coinsurance_percent=Decimal("20"),
        copay=Decimal("30"),
        out_of_pocket_max=Decimal("5000"),
        out_of_pocket_met=Decimal("1200"),
    )
    assert merged.out_of_network is None
    assert not any(change.conflict for change in changes)
    assert PlanChange("in_network.deductible", None, Decimal("1500"), conflict=False) in changes


def test_values_the_case_holds_are_kept_and_differences_are_conflicts():
    plan = Plan(
        payer="Example Health",
        category=PayerCategory.COMMERCIAL_SELF_FUNDED,
        member_id="XKC000123456",
        plan_name="Example Health Choice PPO",
        in_network=CostShare(deductible=Decimal("2000"), deductible_met=Decimal("600")),
    )
    merged, changes = plan_changes(plan, RESPONSE)
    assert merged.in_network.deductible == Decimal("2000")
    assert merged.in_network.deductible_met == Decimal("600")
    assert merged.in_network.coinsurance_percent == Decimal("20")
    conflicts = {change.field: change for change in changes if change.conflict}
    assert set(conflicts) == {"in_network.deductible", "in_network.deductible_met"}
    assert conflicts["in_network.deductible"].case_value == Decimal("2000")
    assert conflicts["in_network.deductible"].response_value == Decimal("1500")


def test_text_differing_only_in_case_is_not_a_conflict():
    plan = Plan(
        payer="Example Health",
        category=PayerCategory.COMMERCIAL_SELF_FUNDED,
        plan_name="Example Health  Choice PPO",
    )
    _, changes = plan_changes(plan, RESPONSE)
    assert not [change for change in changes if change.field == "plan_name"]


def test_a_case_without_a_plan_gets_one_of_the_kind_the_response_names():
    medicare = Eligibility(payer="CMS", insurance_type="MB", active=True)
    merged, changes = plan_changes(None, medicare)
    assert merged.payer == "CMS"
    assert merged.category is PayerCategory.MEDICARE
    assert changes[0] == PlanChange("payer", None, "CMS", conflict=False)


def test_a_response_that_says_nothing_changes_nothing():
    plan = Plan(payer="Example Health", category=PayerCategory.OTHER)
    merged, changes = plan_changes(plan, Eligibility(payer="EXAMPLE HEALTH"))
    assert merged == plan
    assert changes == ()


def test_changes_read_as_a_person_writes_them():
    change = PlanChange("in_network.deductible", Decimal("2000"), Decimal("1500"), conflict=True)
    assert (change.case_text, change.response_text) == ("2,000.00", "1,500.00")
    percent = PlanChange("in_network.coinsurance_percent", None, Decimal("20"), conflict=False)
    assert (percent.case_text, percent.response_text) == ("", "20%")
    flag = PlanChange("prior_authorization_required", True, False, conflict=True)
    assert (flag.case_text, flag.response_text) == ("yes", "no")

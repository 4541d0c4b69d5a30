"""The plan from a Coverage: ActCode and Source of Payment Typology types, class, member id."""

import pytest

from ketacover.core.model import PayerCategory, PlanType
from ketacover.interop.fhir import import_bundle

ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
SOPT = "https://nahdo.org/sopt"
CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class"
MB = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MB"}]}


def plan(bundle, **fields):
    resource = {
        "resourceType": "Coverage",
        "id": "c1",
        "status": "active",
        "beneficiary": {"reference": "Patient/p1"},
        "payor": [{"display": "Example Health"}],
        **fields,
    }
    return import_bundle(bundle(resource))


@pytest.mark.parametrize(
    ("system", "code", "plan_type", "category"),
    [
        (ACT, "PPO", PlanType.PPO, PayerCategory.OTHER),
        (ACT, "HMO", PlanType.HMO, PayerCategory.OTHER),
        (ACT, "POS", PlanType.POS, PayerCategory.OTHER),
        (ACT, "ppo", PlanType.PPO, PayerCategory.OTHER),
        (ACT, "HIP", None, PayerCategory.OTHER),
        (ACT, "MCPOL", None, PayerCategory.OTHER),
        (SOPT, "112", PlanType.PPO, PayerCategory.MEDICARE_ADVANTAGE),
        (SOPT, "12", None, PayerCategory.MEDICARE),
        (SOPT, "129", None, PayerCategory.MEDICARE),
        (SOPT, "122", None, PayerCategory.OTHER),
        (SOPT, "212", PlanType.PPO, PayerCategory.MEDICAID_MANAGED_CARE),
        (SOPT, "213", None, PayerCategory.MEDICAID_MANAGED_CARE),
        (SOPT, "3116", PlanType.HMO, PayerCategory.TRICARE),
        (SOPT, "511", PlanType.HMO, PayerCategory.OTHER),
        (SOPT, "513", PlanType.POS, PayerCategory.OTHER),
        (SOPT, "521", PlanType.INDEMNITY, PayerCategory.OTHER),
        (SOPT, "522", None, PayerCategory.COMMERCIAL_SELF_FUNDED),
        (SOPT, "612", PlanType.PPO, PayerCategory.OTHER),
        (SOPT, "622", None, PayerCategory.COMMERCIAL_SELF_FUNDED),
        (SOPT, "72", PlanType.PPO, PayerCategory.OTHER),
        ("http://example.org/local", "PPO", None, PayerCategory.OTHER),
    ],
)
def test_the_coverage_type_gives_the_plan_type_and_category(
    bundle, system, code, plan_type, category
):
    result = plan(bundle, type={"coding": [{"system": system, "code": code}]})
    assert (result.case.plan.plan_type, result.case.plan.category) == (plan_type, category)
    assert result.report.plan_category_recognized is (category is not PayerCategory.OTHER)


def test_a_category_from_one_system_and_a_type_from_the_other_are_both_kept(bundle):
    concept = {"coding": [{"system": SOPT, "code": "121"}, {"system": ACT, "code": "PPO"}]}
    result = plan(bundle, type=concept)
    assert (result.case.plan.category, result.case.plan.plan_type) == (
        PayerCategory.MEDICARE,
        PlanType.PPO,
    )


@pytest.mark.parametrize(
    ("classes", "group", "group_name", "plan_name"),
    [
        (
            [
                {
                    "type": {"coding": [{"system": CLASS, "code": "group"}]},
                    "value": "G1",
                    "name": "Acme",
                },
                {
                    "type": {"coding": [{"system": CLASS, "code": "plan"}]},
                    "value": "P1",
                    "name": "Gold",
                },
            ],
            "G1",
            "Acme",
            "Gold",
        ),
        (
            [
                {"type": {"coding": [{"system": CLASS, "code": "group"}]}, "value": "G1"},
                {"type": {"coding": [{"system": CLASS, "code": "plan"}]}, "value": "P1"},
            ],
            "G1",
            None,
            "P1",
        ),
        (
            [
                {
                    "type": {"coding": [{"system": CLASS, "code": "subgroup"}]},
                    "value": "S",
                    "name": "N",
                }
            ],
            None,
            None,
            None,
        ),
    ],
)
def test_class_values_give_group_number_group_name_and_plan_name(
    bundle, classes, group, group_name, plan_name
):
    found = plan(bundle, **{"class": classes}).case.plan
    assert (found.group_number, found.group_name, found.plan_name) == (group, group_name, plan_name)


@pytest.mark.parametrize(
    ("fields", "member_id"),
    [
        ({"subscriberId": "SUB-1"}, "SUB-1"),
        ({"subscriberId": "SUB-1", "identifier": [{"type": MB, "value": "SUB-1-02"}]}, "SUB-1-02"),
        ({"identifier": [{"value": "ANY-1"}, {"type": MB, "value": "MB-1"}]}, "MB-1"),
        ({"subscriberId": "SUB-1", "identifier": [{"value": "ANY-1"}]}, "SUB-1"),
        ({"identifier": [{"value": "ANY-1"}]}, "ANY-1"),
        ({}, None),
    ],
)
def test_the_member_id_is_the_member_number_else_the_subscriber_id(bundle, fields, member_id):
    assert plan(bundle, **fields).case.plan.member_id == member_id

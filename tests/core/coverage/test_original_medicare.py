"""Original Medicare has no prior authorization for these treatments: the contractor decides on
the claim, which the clinic files. Medicare Advantage keeps prior authorization."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.coverage import ChecklistStatus, PathwayId, Verdict, assess
from ketacover.core.model import Case, PayerCategory
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TODAY = date(2026, 12, 8)
TREATMENTS = (PathwayId.ESKETAMINE_PA, PathwayId.IV_KETAMINE_PA)


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def texts(case: Case) -> list[str]:
    found = []
    for pathway in assess(case, TODAY).pathways:
        found += [action.text for action in pathway.actions]
        found += [missing.ask for missing in pathway.missing]
    return found


@pytest.mark.parametrize("name", ["medicare-iv-ketamine", "medicare-esketamine"])
def test_original_medicare_gets_no_prior_authorization_advice(name):
    said = " ".join(texts(example(name)))
    assert "Submit the prior-authorization request" not in said
    assert "submit the prior-authorization request" not in said
    assert "whether prior authorization is required" not in said


@pytest.mark.parametrize("name", ["medicare-iv-ketamine", "medicare-esketamine"])
def test_the_next_step_is_the_clinics_claim_with_the_medicare_contractor(name):
    assessment = assess(example(name), TODAY)
    planned = example(name).treatment_plan
    assert planned is not None
    pathway = assessment.pathway(
        PathwayId.ESKETAMINE_PA
        if planned.treatment.value == "esketamine"
        else PathwayId.IV_KETAMINE_PA
    )
    assert pathway.claim_path
    assert "billed to Medicare by the clinic (no prior authorization)" in pathway.label
    assert any(
        action.text.startswith("The clinic files the claim with the Medicare contractor")
        for action in pathway.actions
    )


def test_the_checklist_says_prior_authorization_is_not_needed():
    items = {item.id: item for item in assess(example("medicare-iv-ketamine"), TODAY).checklist}
    assert items["prior_authorization_required"].status is ChecklistStatus.NOT_NEEDED


def test_the_superbill_pathway_is_closed_as_the_clinic_must_file():
    pathway = assess(example("medicare-iv-ketamine"), TODAY).pathway(PathwayId.OON_REIMBURSEMENT)
    assert pathway.verdict is Verdict.UNLIKELY
    assert [reason.rule_id for reason in pathway.blocked_by] == ["oon.original_medicare"]


def test_iv_ketamine_under_original_medicare_asks_for_the_abn():
    pathway = assess(example("medicare-iv-ketamine"), TODAY).pathway(PathwayId.IV_KETAMINE_PA)
    assert any("Advance Beneficiary Notice (form CMS-R-131)" in a.text for a in pathway.actions)


def test_medicare_advantage_keeps_prior_authorization():
    case = example("medicare-esketamine")
    assert case.plan is not None
    case = replace(case, plan=replace(case.plan, category=PayerCategory.MEDICARE_ADVANTAGE))
    assessment = assess(case, TODAY)
    for pathway_id in TREATMENTS:
        pathway = assessment.pathway(pathway_id)
        assert not pathway.claim_path
        assert "with prior authorization" in pathway.label
        assert not any("files the claim" in action.text for action in pathway.actions)
    esketamine = assessment.pathway(PathwayId.ESKETAMINE_PA)
    assert any(
        action.text.startswith("Submit the prior-authorization request")
        for action in esketamine.actions
    )


@pytest.mark.parametrize("name", ["medicare-iv-ketamine", "medicare-esketamine"])
def test_the_closed_superbill_pathway_asks_no_plan_type_or_out_of_network_questions(name):
    superbill = assess(example(name), TODAY).pathway(PathwayId.OON_REIMBURSEMENT)
    assert superbill.verdict is Verdict.UNLIKELY
    assert superbill.missing == ()


def test_a_pathway_capped_by_an_exclusion_still_asked_is_not_closed():
    # A commercial PPO whose out-of-network benefits are unknown: the superbill pathway's
    # questions stay, as their answers decide it.
    case = example("medicare-iv-ketamine")
    assert case.plan is not None
    commercial = replace(
        case, plan=replace(case.plan, category=PayerCategory.COMMERCIAL_FULLY_INSURED)
    )
    superbill = assess(commercial, TODAY).pathway(PathwayId.OON_REIMBURSEMENT)
    assert "plan.out_of_network_benefits" in [m.fact for m in superbill.missing]

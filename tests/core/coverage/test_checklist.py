"""The documentation checklist and the payer packs' own rules, on small variations of one case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ketacover.core.coverage import ChecklistStatus, PathwayId, Verdict, assess
from ketacover.core.model import (
    Appeal,
    Denial,
    Scale,
    ScaleScore,
    Specialty,
    SubstanceUse,
    Treatment,
    TreatmentPlan,
    TreatmentTrial,
    TrialKind,
)

TODAY = date(2026, 11, 23)
ESK = PathwayId.ESKETAMINE_PA


def items(case):
    return {item.id: item for item in assess(case, TODAY).checklist}


def test_it_lists_every_checklist_item_for_an_esketamine_case(make_case):
    found = items(make_case())
    assert list(found) == [
        "member_id",
        "group_number",
        "plan_phones",
        "diagnosis_codes",
        "procedure_codes",
        "clinic_npi",
        "prescriber_npi",
        "failed_treatments",
        "baseline_scale",
        "letter_of_medical_necessity",
        "clinical_notes",
        "prior_authorization_required",
        "rems_certification",
    ]
    assert found["letter_of_medical_necessity"].status is ChecklistStatus.MISSING


@pytest.mark.parametrize(
    ("changes", "item_id", "status", "detail"),
    [
        ({"diagnoses": ()}, "diagnosis_codes", "missing", "Add the diagnosis"),
        ({"treatment_plan": None}, "procedure_codes", "unknown", "Add the treatment plan"),
        (
            {"treatment_plan": TreatmentPlan(treatment=Treatment.IM_KETAMINE, sessions=6)},
            "procedure_codes",
            "done",
            "96372 (unverified",
        ),
        (
            {"treatment_plan": TreatmentPlan(treatment=Treatment.IV_KETAMINE, sessions=6)},
            "procedure_codes",
            "unknown",
            "add infusion minutes",
        ),
        (
            {
                "treatment_plan": TreatmentPlan(
                    treatment=Treatment.IV_KETAMINE, sessions=6, infusion_minutes=40
                )
            },
            "procedure_codes",
            "done",
            "J3490 with the NDC, 96365 x 1",
        ),
        ({"prescriber": None}, "prescriber_npi", "missing", "Add the 10-digit NPI"),
        ({"scores": ()}, "baseline_scale", "missing", "baseline"),
        (
            {"treatment_history": (TreatmentTrial(name="sertraline", weeks=2),)},
            "failed_treatments",
            "missing",
            "not met",
        ),
        (
            {
                "treatment_history": (
                    TreatmentTrial(name="sertraline"),
                    TreatmentTrial(name="fluoxetine"),
                )
            },
            "failed_treatments",
            "unknown",
            "not documented",
        ),
    ],
)
def test_it_marks_checklist_items(make_case, changes, item_id, status, detail):
    item = items(make_case(**changes))[item_id]
    assert item.status.value == status
    assert detail in item.detail


def test_it_checks_npi_check_digits_and_plan_phones(make_case, make_plan):
    case = make_case(plan=make_plan(phone_medical=None))
    case = replace(case, clinic=replace(case.clinic, npi="1234567890"))
    found = items(case)
    assert found["clinic_npi"].status is ChecklistStatus.MISSING
    assert "check digit" in found["clinic_npi"].detail
    assert found["plan_phones"].status is ChecklistStatus.UNKNOWN
    found = items(make_case(plan=make_plan(prior_authorization_required=False)))
    assert found["prior_authorization_required"].detail == "Not required, per the plan."


def test_it_applies_the_bcbs_ma_severity_threshold(make_case, make_plan, make_trial):
    trials = tuple(
        make_trial(n) for n in ("sertraline", "fluoxetine", "bupropion", "venlafaxine", "lithium")
    )
    plan = make_plan(criteria_pack="bcbs_ma_087")
    low = make_case(
        plan=plan,
        treatment_history=trials,
        scores=(
            ScaleScore(scale=Scale.MADRS, score=20, on=date(2026, 11, 1)),
            ScaleScore(scale=Scale.HAMD17, score=12, on=date(2026, 11, 1)),
        ),
    )
    esk = assess(low, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.UNLIKELY
    assert "bcbs_ma_087.severity" in {r.rule_id for r in esk.reasons}
    high = replace(
        low,
        scores=(
            ScaleScore(scale=Scale.MADRS, score=30, on=date(2026, 11, 1)),
            ScaleScore(scale=Scale.MADRS, score=20, on=date(2026, 1, 1)),
        ),
    )
    assessment = assess(high, TODAY)
    assert assessment.pathway(ESK).verdict is Verdict.LIKELY
    iv = assessment.pathway(PathwayId.IV_KETAMINE_PA)
    assert any(a.rule_id == "bcbs_ma_087.iv_ketamine" for a in iv.actions)


def test_it_applies_the_bcbs_nd_specialist_and_antidepressant_rules(make_case, make_plan):
    case = make_case(plan=make_plan(criteria_pack="bcbs_nd"))
    case = replace(
        case,
        prescriber=replace(
            case.prescriber, specialty=Specialty.PRIMARY_CARE, consults_psychiatrist=False
        ),
    )
    esk = assess(case, TODAY).pathway(ESK)
    ids = {r.rule_id for r in esk.reasons}
    assert {"bcbs_nd.specialist", "bcbs_nd.concurrent_antidepressant"} <= ids
    assert esk.verdict is Verdict.UNLIKELY
    consults = replace(case, prescriber=replace(case.prescriber, consults_psychiatrist=True))
    assert "bcbs_nd.specialist" not in {
        r.rule_id for r in assess(consults, TODAY).pathway(ESK).reasons
    }


def test_it_applies_carefirst_augmentation_or_psychotherapy(make_case, make_plan, make_trial):
    trials = (
        make_trial("sertraline", 10, end=date(2025, 3, 1)),
        make_trial("venlafaxine", 9, end=date(2026, 2, 1)),
        TreatmentTrial(kind=TrialKind.PSYCHOTHERAPY, name="CBT"),
    )
    case = make_case(plan=make_plan(criteria_pack="carefirst_caremark"), treatment_history=trials)
    esk = assess(case, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.LIKELY
    assert "carefirst_caremark.augmentation_or_psychotherapy" in {r.rule_id for r in esk.reasons}


@pytest.mark.parametrize(
    ("since", "verdict"),
    [
        (date(2026, 11, 10), Verdict.UNLIKELY),
        (date(2026, 6, 1), Verdict.POSSIBLE),
        (None, Verdict.UNKNOWN),
    ],
)
def test_it_applies_premera_abstinence(make_case, make_plan, since, verdict):
    case = make_case(plan=make_plan(criteria_pack="premera"))
    case = replace(
        case,
        history=replace(
            case.history, substance_use=SubstanceUse.IN_REMISSION, substance_remission_since=since
        ),
    )
    assert assess(case, TODAY).pathway(ESK).verdict is verdict


def test_it_links_appealed_denials_to_the_planned_treatment(make_case):
    denial = Denial(id="d-1", notice_date=date(2026, 10, 1))
    appeal = Appeal(denial_id="d-9", submitted=date(2026, 10, 20))
    case = make_case(denials=(denial,), appeals=(appeal,))
    esk = assess(case, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.POSSIBLE
    assert any(a.due == date(2027, 3, 30) for a in esk.actions)

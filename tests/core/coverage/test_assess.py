"""Scenario tests: one synthetic case per situation issue 2 names, assessed end to end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.coverage import PathwayId, Verdict, assess
from ketacover.core.model import (
    ClinicalHistory,
    Decision,
    Denial,
    DenialReason,
    Diagnosis,
    NetworkStatus,
    PayerCategory,
    PlanType,
    PriorAuthorization,
    SubstanceUse,
    Treatment,
    TreatmentPlan,
    Urgency,
)

TODAY = date(2026, 11, 23)
ESK = PathwayId.ESKETAMINE_PA
IV = PathwayId.IV_KETAMINE_PA
OON = PathwayId.OON_REIMBURSEMENT
HYBRID = PathwayId.HYBRID_BILLING
SELF = PathwayId.SELF_PAY
TRIAL = PathwayId.CLINICAL_TRIAL


def rule_ids(assessment, pathway):
    return {reason.rule_id for reason in assessment.pathway(pathway).reasons}


def missing_facts(assessment, pathway):
    return {item.fact for item in assessment.pathway(pathway).missing}


def test_it_finds_esketamine_likely_for_ready_trd_on_a_commercial_ppo(make_case):
    assessment = assess(make_case(), TODAY)
    esk = assessment.pathway(ESK)
    assert esk.verdict is Verdict.LIKELY
    assert "generic_commercial.min_agents" in rule_ids(assessment, ESK)
    assert any("sertraline 12 weeks" in r.explain for r in esk.reasons)
    assert any(a.rule_id == "esketamine.submit" for a in esk.actions)
    assert assessment.pathway(OON).verdict is Verdict.POSSIBLE
    assert assessment.pathway(SELF).verdict is Verdict.POSSIBLE
    assert assessment.expedited is False
    assert [p.pathway for p in assessment.pathways] == list(PathwayId)


def test_it_says_one_failed_trial_is_not_ready_and_names_what_is_missing(make_case, make_trial):
    case = make_case(treatment_history=(make_trial("sertraline", 12),))
    esk = assess(case, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.UNLIKELY
    not_met = [r for r in esk.reasons if r.rule_id == "generic_commercial.min_agents"]
    assert "1 adequate failed antidepressant trial" in not_met[0].explain
    assert "the criteria ask for 2, so 1 more is needed" in not_met[0].explain
    assert any(a.rule_id == "esketamine.criteria" for a in esk.actions)


def test_it_finds_iv_ketamine_possible_for_crps_on_a_ppo(make_case):
    case = make_case(
        diagnoses=(Diagnosis(code="G90.512", primary=True),),
        treatment_plan=TreatmentPlan(
            treatment=Treatment.IV_KETAMINE, sessions=10, infusion_minutes=240
        ),
        treatment_history=(),
    )
    assessment = assess(case, TODAY)
    iv = assessment.pathway(IV)
    assert iv.verdict is Verdict.POSSIBLE
    assert "iv.pain_diagnosis" in rule_ids(assessment, IV)
    assert any("Cohen" in r.explain for r in iv.reasons)
    assert "plan.ketamine_infusion_covered" in missing_facts(assessment, IV)
    assert assessment.pathway(ESK).verdict is Verdict.UNLIKELY
    procedure = next(i for i in assessment.checklist if i.id == "procedure_codes")
    assert "96365 x 1" in procedure.detail
    assert "96366 x 3" in procedure.detail


def test_it_finds_iv_ketamine_unlikely_for_depression_unless_the_plan_says_covered(
    make_case, make_plan
):
    off_label = assess(make_case(), TODAY).pathway(IV)
    assert off_label.verdict is Verdict.UNLIKELY
    covered = assess(make_case(plan=make_plan(ketamine_infusion_covered=True)), TODAY)
    assert covered.pathway(IV).verdict is Verdict.LIKELY
    declined = assess(
        make_case(
            plan=make_plan(ketamine_infusion_covered=False),
            diagnoses=(Diagnosis(code="G89.4"),),
        ),
        TODAY,
    )
    assert declined.pathway(IV).verdict is Verdict.UNLIKELY
    assert "iv.plan_declines" in rule_ids(declined, IV)


@pytest.mark.parametrize(
    ("plan_type", "benefits", "verdict", "asks"),
    [
        (PlanType.HMO, False, Verdict.UNLIKELY, False),
        (PlanType.HMO, None, Verdict.UNLIKELY, True),
        (PlanType.EPO, True, Verdict.POSSIBLE, False),
        (PlanType.PPO, None, Verdict.POSSIBLE, True),
        (PlanType.POS, True, Verdict.POSSIBLE, False),
        (None, None, Verdict.UNKNOWN, True),
        (PlanType.HDHP, None, Verdict.POSSIBLE, True),
        (PlanType.PPO, False, Verdict.UNLIKELY, False),
    ],
)
def test_it_judges_out_of_network_reimbursement_by_plan_design(
    make_case, make_plan, plan_type, benefits, verdict, asks
):
    case = make_case(plan=make_plan(plan_type=plan_type, out_of_network_benefits=benefits))
    assessment = assess(case, TODAY)
    assert assessment.pathway(OON).verdict is verdict
    assert ("plan.out_of_network_benefits" in missing_facts(assessment, OON)) is asks


def test_it_points_an_hmo_without_oon_benefits_to_other_pathways(make_case, make_plan):
    case = make_case(plan=make_plan(plan_type=PlanType.HMO, out_of_network_benefits=False))
    oon = assess(case, TODAY).pathway(OON)
    assert oon.verdict is Verdict.UNLIKELY
    assert any("hybrid" in a.text for a in oon.actions)


def test_it_explains_medicare_g_codes_for_esketamine(make_case, make_plan):
    case = make_case(
        plan=make_plan(category=PayerCategory.MEDICARE, group_number=None),
        treatment_plan=TreatmentPlan(
            treatment=Treatment.ESKETAMINE, sessions=8, start=date(2026, 12, 1)
        ),
    )
    assessment = assess(case, TODAY)
    ids = rule_ids(assessment, ESK)
    assert {"esketamine.medicare_g_codes", "esketamine.medicare_kx"} <= ids
    assert "esketamine.drug_code_j0013" not in ids
    procedure = next(i for i in assessment.checklist if i.id == "procedure_codes")
    assert "G2082" in procedure.detail
    group = next(i for i in assessment.checklist if i.id == "group_number")
    assert group.status.value == "not_needed"
    assert "self_pay.withme_government" in rule_ids(assessment, SELF)
    assert "self_pay.withme" not in rule_ids(assessment, SELF)


def test_it_names_s0013_for_a_2025_date_of_service(make_case):
    case = make_case(
        treatment_plan=TreatmentPlan(
            treatment=Treatment.ESKETAMINE, sessions=8, start=date(2025, 6, 1)
        )
    )
    assert "esketamine.drug_code_s0013" in rule_ids(assess(case, TODAY), ESK)


def test_it_gives_the_appeal_action_the_filing_deadline_of_a_denial(make_case):
    pa = PriorAuthorization(
        id="pa-1",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 10, 1),
        decision=Decision.DENIED,
        decided=date(2026, 10, 10),
    )
    denial = Denial(
        id="denial-1",
        notice_date=date(2026, 10, 10),
        received=date(2026, 10, 14),
        reason=DenialReason.NOT_MEDICALLY_NECESSARY,
        prior_authorization_id="pa-1",
    )
    case = make_case(prior_authorizations=(pa,), denials=(denial,))
    esk = assess(case, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.POSSIBLE
    appeal = [a for a in esk.actions if a.text.startswith("File the internal appeal")]
    assert appeal
    assert appeal[0].due == date(2027, 4, 12)
    assert appeal[0].ref == "denial-1"
    assert all(a.rule_id != "esketamine.submit" for a in esk.actions)


def test_it_uses_the_deadline_printed_on_the_notice(make_case):
    denial = Denial(
        id="denial-2",
        notice_date=date(2026, 11, 2),
        appeal_deadline_on_notice=date(2027, 1, 15),
    )
    case = make_case(
        denials=(denial,),
        treatment_plan=TreatmentPlan(treatment=Treatment.IV_KETAMINE, sessions=6),
    )
    iv = assess(case, TODAY).pathway(IV)
    appeal = [a for a in iv.actions if a.text.startswith("File the internal appeal")]
    assert appeal[0].due == date(2027, 1, 15)
    assert "iv.denied" in {r.rule_id for r in iv.reasons}


def test_it_lists_pending_and_approved_request_actions(make_case):
    pending = PriorAuthorization(
        id="pa-2", treatment=Treatment.ESKETAMINE, submitted=date(2026, 11, 16)
    )
    esk = assess(make_case(prior_authorizations=(pending,)), TODAY).pathway(ESK)
    follow_up = [a for a in esk.actions if a.text.startswith("Follow up")]
    assert follow_up
    assert follow_up[0].due is not None
    approved = PriorAuthorization(
        id="pa-3",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 9, 1),
        decision=Decision.APPROVED,
        decided=date(2026, 9, 5),
        sessions_approved=8,
        valid_from=date(2026, 9, 5),
        valid_through=date(2026, 12, 31),
    )
    esk = assess(make_case(prior_authorizations=(approved,)), TODAY).pathway(ESK)
    assert esk.verdict is Verdict.LIKELY
    assert any(a.rule_id == "esketamine.approved" for a in esk.actions)


@pytest.mark.parametrize(
    "changes",
    [
        {"urgency": Urgency.URGENT},
        {"diagnoses": (Diagnosis(code="F33.2"), Diagnosis(code="R45.851"))},
        {"history": ClinicalHistory(suicidal_ideation=True, bipolar_history=False)},
    ],
)
def test_it_marks_suicidal_ideation_cases_expedited(make_case, changes):
    assessment = assess(make_case(**changes), TODAY)
    assert assessment.expedited is True
    for pathway in (ESK, IV):
        reasons = assessment.pathway(pathway).reasons
        expedited = [r for r in reasons if r.rule_id == "urgency.expedited"]
        assert "does not replace hospitalization" in expedited[0].explain
        assert "not medical advice" in expedited[0].explain


def test_it_caps_esketamine_for_suicidality_without_an_oral_antidepressant(make_case):
    esk = assess(make_case(urgency=Urgency.URGENT), TODAY).pathway(ESK)
    assert esk.verdict is Verdict.POSSIBLE
    assert "esketamine.suicidality_needs_antidepressant" in {r.rule_id for r in esk.reasons}


def test_it_excludes_esketamine_for_bipolar_depression_but_keeps_other_pathways(make_case):
    case = make_case(
        diagnoses=(Diagnosis(code="F31.4", primary=True),),
        history=ClinicalHistory(bipolar_history=True, psychotic_features=False),
    )
    assessment = assess(case, TODAY)
    esk = assessment.pathway(ESK)
    assert esk.verdict is Verdict.UNLIKELY
    assert "esketamine.bipolar" in {r.rule_id for r in esk.reasons}
    assert esk.actions
    assert assessment.pathway(SELF).verdict is Verdict.POSSIBLE
    assert assessment.pathway(TRIAL).verdict is Verdict.POSSIBLE
    for pathway in assessment.pathways:
        assert pathway.reasons


def test_it_answers_unknown_with_asks_when_the_plan_is_missing(make_case):
    assessment = assess(make_case(plan=None), TODAY)
    for pathway in (ESK, OON, HYBRID):
        item = assessment.pathway(pathway)
        assert item.verdict is Verdict.UNKNOWN
        assert "plan.category" in {m.fact for m in item.missing}
        assert all(m.ask for m in item.missing)
    # Off-label IV ketamine for depression stays unlikely whatever the plan, but still asks.
    iv = assessment.pathway(IV)
    assert iv.verdict is Verdict.UNLIKELY
    assert {"plan.category", "plan.ketamine_infusion_covered"} <= {m.fact for m in iv.missing}
    assert assessment.pathway(SELF).verdict is Verdict.POSSIBLE
    statuses = {i.id: i.status.value for i in assessment.checklist}
    assert statuses["member_id"] == "missing"
    assert statuses["prior_authorization_required"] == "unknown"


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"patient_age": 16}, "esketamine.adult"),
        ({"diagnoses": (Diagnosis(code="F33.3"),)}, "esketamine.psychotic_features"),
        ({"substance": SubstanceUse.ACTIVE}, "esketamine.substance_use"),
        ({"rems": False}, "esketamine.rems"),
        ({"esketamine_covered": False}, "esketamine.plan_excludes"),
        ({"diagnoses": (Diagnosis(code="F43.12"),)}, "esketamine.diagnosis"),
    ],
)
def test_it_applies_each_esketamine_exclusion(make_case, make_plan, changes, rule):
    from dataclasses import replace

    case = make_case()
    if "patient_age" in changes:
        case = replace(case, patient=replace(case.patient, date_of_birth=date(2010, 6, 1)))
    if "diagnoses" in changes:
        case = replace(case, diagnoses=changes["diagnoses"])
    if "substance" in changes:
        case = replace(case, history=replace(case.history, substance_use=changes["substance"]))
    if "rems" in changes:
        case = replace(case, clinic=replace(case.clinic, rems_certified=False))
    if "esketamine_covered" in changes:
        case = replace(case, plan=make_plan(esketamine_covered=False))
    esk = assess(case, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.UNLIKELY
    assert rule in {r.rule_id for r in esk.reasons}


def test_it_caps_at_possible_and_asks_when_exclusions_are_undocumented(make_case):
    case = make_case(history=ClinicalHistory(), diagnoses=(Diagnosis(code="F33.1"),))
    assessment = assess(case, TODAY)
    esk = assessment.pathway(ESK)
    assert esk.verdict is Verdict.POSSIBLE
    asked = {m.fact for m in esk.missing}
    assert {"dx.bipolar", "dx.psychotic_features", "history.substance_use"} <= asked
    bipolar = next(m for m in esk.missing if m.fact == "dx.bipolar")
    assert bipolar.ask.startswith("Ask the prescriber to document")
    assert bipolar.rule_id == "esketamine.bipolar"


def test_it_asks_for_the_history_when_none_is_recorded(make_case):
    assessment = assess(make_case(treatment_history=()), TODAY)
    esk = assessment.pathway(ESK)
    assert esk.verdict is Verdict.UNKNOWN
    assert "criteria.min_agents" in {m.fact for m in esk.missing}
    failed = next(i for i in assessment.checklist if i.id == "failed_treatments")
    assert failed.status.value == "missing"


def test_it_judges_hybrid_billing_by_the_clinicians_network_status(make_case):
    from dataclasses import replace

    case = make_case()
    out = replace(
        case,
        prescriber=replace(case.prescriber, network_status=NetworkStatus.OUT_OF_NETWORK),
        clinic=replace(case.clinic, network_status=NetworkStatus.OUT_OF_NETWORK),
    )
    assert assess(out, TODAY).pathway(HYBRID).verdict is Verdict.UNLIKELY
    unknown = replace(case, prescriber=None, clinic=None)
    hybrid = assess(unknown, TODAY).pathway(HYBRID)
    assert hybrid.verdict is Verdict.UNKNOWN
    assert "prescriber.in_network" in {m.fact for m in hybrid.missing}
    assert assess(case, TODAY).pathway(HYBRID).verdict is Verdict.POSSIBLE


def test_it_warns_about_bad_codes_and_unknown_packs(make_case, make_plan):
    case = make_case(
        diagnoses=(Diagnosis(code="F33.4"), Diagnosis(code="F42.0")),
        plan=make_plan(criteria_pack="no_such_pack"),
    )
    warnings = " ".join(assess(case, TODAY).warnings)
    assert "F33.4 is a category" in warnings
    assert "F42.0 is not in the ICD-10-CM table" in warnings
    assert "'no_such_pack' is not a known criteria pack" in warnings


def test_it_judges_by_the_pack_the_plan_names(make_case, make_plan, make_trial):
    case = make_case(
        plan=make_plan(criteria_pack="bcbs_nc"),
        treatment_history=(
            make_trial("sertraline", 12, improvement_percent=Decimal(10)),
            make_trial("escitalopram", 8, improvement_percent=Decimal(20)),
        ),
    )
    esk = assess(case, TODAY).pathway(ESK)
    assert esk.verdict is Verdict.UNLIKELY
    classes = next(r for r in esk.reasons if r.rule_id == "bcbs_nc.min_classes")
    assert classes.explain.startswith("Not met")

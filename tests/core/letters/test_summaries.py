"""Treatment-history summary, clinical summary and evidence list: golden text and behaviour."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import catalog
from ketacover.core.model import (
    Case,
    ClinicalHistory,
    Diagnosis,
    Scale,
    ScaleScore,
    SubstanceUse,
    Treatment,
    TreatmentPlan,
    Urgency,
)
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 23)
ALL = sorted(path.stem for path in (ROOT / "examples").glob("*.yaml"))
WITH_EVIDENCE = [name for name in ALL if name != "bipolar-depression"]
CASES = [
    *(("treatment-history", name) for name in ALL),
    *(("clinical-summary", name) for name in ALL),
    *(("evidence-list", name) for name in WITH_EVIDENCE),
]


def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


def text_of(kind: str, case: Case) -> str:
    return catalog.compose(kind, case, TODAY).text()


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_the_document_matches_its_golden_text(kind, name):
    text = text_of(kind, example(name))
    path = GOLDEN / kind / f"{name}.txt"
    if os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_every_document_names_the_patient_and_member_and_leaves_no_marker(kind, name):
    case = example(name)
    text = text_of(kind, case)
    assert case.patient.full_name in text
    assert case.plan.member_id in text
    assert "[" + "insert" not in text.lower()
    assert "TODO" not in text


@pytest.mark.parametrize("name", ALL)
def test_the_treatment_history_lists_every_treatment(name):
    case = example(name)
    text = text_of("treatment-history", case)
    for trial in case.treatment_history:
        assert trial.name in text


def _without_plan_criteria(case):
    return replace(case, plan=replace(case.plan, criteria=()))


def test_the_history_is_judged_against_the_plans_criteria_pack():
    case = _without_plan_criteria(example("esketamine-ready-ppo"))
    generic = text_of("treatment-history", case)
    assert "Generic commercial" not in generic
    assert "criteria health plans commonly apply" in generic
    assert "Failed antidepressant trials | met | 3 adequate failed" in generic
    assert "ask for" not in generic
    carefirst = replace(case, plan=replace(case.plan, criteria_pack="carefirst_caremark"))
    text = text_of("treatment-history", carefirst)
    assert "Set against the plan's criteria: CareFirst BlueCross BlueShield" in text
    assert "the criteria ask for 2" in text
    assert "Augmentation or psychotherapy | met" in text


def test_an_unknown_pack_falls_back_to_the_common_criteria_without_internal_words():
    case = _without_plan_criteria(example("esketamine-ready-ppo"))
    text = text_of("treatment-history", replace(case, plan=replace(case.plan, criteria_pack="x")))
    assert "criteria health plans commonly apply" in text
    assert "criteria_pack" not in text


def test_the_plans_own_criteria_are_answered_one_by_one_in_its_words():
    text = text_of("treatment-history", example("esketamine-ready-ppo"))
    assert "Set against the criteria Example Health stated (benefits call of November 10" in text
    assert "Psychiatrist prescribing | met | The prescriber, Elena Fakename, MD, is a" in text
    assert "REMS-certified setting | met | Maple Hollow" in text
    assert "Age 18 or older | met | The patient is 42." in text
    assert "Failed antidepressant trials" not in text


def test_the_plans_own_criteria_win_over_its_pack():
    case = example("esketamine-ready-ppo")
    text = text_of(
        "treatment-history", replace(case, plan=replace(case.plan, criteria_pack="bcbs_ma_087"))
    )
    assert "Psychiatrist prescribing | met" in text
    assert "Massachusetts" not in text
    assert "4 adequate" not in text
    assert "ask for 4" not in text


def test_a_criterion_not_met_is_stated_as_not_met():
    text = text_of("treatment-history", example("esketamine-one-failed-trial"))
    assert "Failed antidepressant trials | not met" in text


def test_the_pain_history_has_no_antidepressant_criteria():
    assert "Criteria:" not in text_of("treatment-history", example("crps-iv-ketamine-ppo"))


def test_the_history_needs_a_treatment_history():
    with pytest.raises(MissingFactsError, match="treatment_history"):
        text_of("treatment-history", replace(example("esketamine-ready-ppo"), treatment_history=()))


def test_the_clinical_summary_gives_the_change_from_first_to_latest_score():
    text = text_of("clinical-summary", example("approved-pa-reauth"))
    assert "PHQ-9: 21 on 10/26/2026, 11 on 11/20/2026: 10 points lower (48%)." in text
    assert "MADRS: 33 on 10/26/2026, 17 on 11/20/2026: 16 points lower (48%)." in text


def test_score_changes_say_higher_or_no_change():
    case = replace(
        example("approved-pa-reauth"),
        scores=(
            ScaleScore(scale=Scale.PHQ9, score=0, on=date(2026, 1, 1)),
            ScaleScore(scale=Scale.PHQ9, score=3, on=date(2026, 2, 1)),
            ScaleScore(scale=Scale.MADRS, score=20, on=date(2026, 1, 1)),
            ScaleScore(scale=Scale.MADRS, score=20, on=date(2026, 2, 1)),
        ),
    )
    text = text_of("clinical-summary", case)
    assert "PHQ-9: 0 on 01/01/2026, 3 on 02/01/2026: 3 points higher." in text
    assert "MADRS: 20 on 01/01/2026, 20 on 02/01/2026: no change." in text


def test_history_flags_are_stated_as_documented_or_not_documented():
    case = replace(
        example("approved-pa-reauth"),
        history=ClinicalHistory(bipolar_history=True, substance_use=SubstanceUse.ACTIVE),
    )
    text = text_of("clinical-summary", case)
    assert "History of bipolar disorder or mania: documented." in text
    assert "History of psychotic features: not documented." in text
    assert "Substance use disorder: active." in text
    assert "Current episode began" not in text
    remission = replace(
        case,
        history=ClinicalHistory(
            substance_use=SubstanceUse.IN_REMISSION, substance_remission_since=date(2026, 1, 5)
        ),
    )
    assert "Substance use disorder: in remission since January 5, 2026." in text_of(
        "clinical-summary", remission
    )
    bare = replace(case, history=ClinicalHistory(substance_use=SubstanceUse.IN_REMISSION))
    assert "Substance use disorder: in remission." in text_of("clinical-summary", bare)
    unknown = replace(case, history=ClinicalHistory())
    assert "Substance use disorder: not documented." in text_of("clinical-summary", unknown)


def test_the_clinical_summary_states_urgency():
    assert "Urgent: waiting" in text_of("clinical-summary", example("suicidal-ideation-expedited"))
    assert "Standard: no urgent" in text_of("clinical-summary", example("esketamine-ready-ppo"))


@pytest.mark.parametrize(
    ("start", "weeks", "expected"),
    [
        (date(2026, 12, 1), None, "The course is planned to start on December 1, 2026."),
        (None, 4, "The course is planned over about 4 weeks."),
        (None, None, None),
    ],
)
def test_the_course_is_described_with_what_is_known(start, weeks, expected):
    case = example("approved-pa-reauth")
    case = replace(case, treatment_plan=replace(case.treatment_plan, start=start, weeks=weeks))
    text = text_of("clinical-summary", case)
    if expected:
        assert expected in text
    else:
        assert "The course is planned" not in text


def test_the_clinical_summary_leaves_out_an_absent_plan_and_scores_and_needs_a_diagnosis():
    case = replace(example("approved-pa-reauth"), treatment_plan=None, scores=())
    text = text_of("clinical-summary", case)
    assert "Treatment plan" not in text
    assert "Rating scales" not in text
    with pytest.raises(MissingFactsError, match="diagnoses"):
        text_of("clinical-summary", replace(case, diagnoses=()))


def test_the_evidence_list_carries_key_findings_and_numbered_citations():
    letter = catalog.compose("evidence-list", example("denial-appeal-running"), TODAY)
    text = letter.text()
    assert "response 55.4% with ketamine vs 41.2% with ECT" in text
    assert "ECT was superior on remission (63%)" in text
    assert letter.citations[0].startswith("Anand A, Mathew SJ, Sanacora G, et al.")
    assert "[1] Anand et al. (ELEKT-D), 2023" in text


def test_the_evidence_list_for_esketamine_gives_escape_trd_remission():
    text = text_of("evidence-list", example("esketamine-ready-ppo"))
    assert "Remission at week 8 was 27.1% with esketamine vs 17.6%" in text


def test_the_evidence_list_refuses_a_case_the_library_has_nothing_for():
    with pytest.raises(KetacoverError, match="no citations for treatment esketamine"):
        text_of("evidence-list", example("bipolar-depression"))
    im = replace(
        example("denial-appeal-running"),
        treatment_plan=TreatmentPlan(treatment=Treatment.IM_KETAMINE, sessions=4),
    )
    with pytest.raises(KetacoverError, match="im_ketamine"):
        text_of("evidence-list", im)


def test_the_evidence_list_needs_a_diagnosis_and_a_treatment_plan():
    case = replace(example("denial-appeal-running"), diagnoses=(), treatment_plan=None)
    with pytest.raises(MissingFactsError) as raised:
        text_of("evidence-list", case)
    assert [why.split(":")[0] for why in raised.value.missing] == ["diagnoses", "treatment_plan"]


def test_suicidal_ideation_alone_selects_the_aspire_trials_for_esketamine():
    case = replace(
        example("suicidal-ideation-expedited"),
        diagnoses=(Diagnosis(code="R45.851", primary=True), Diagnosis(code="F33.2")),
        urgency=Urgency.URGENT,
    )
    assert "ASPIRE I" in text_of("evidence-list", case)

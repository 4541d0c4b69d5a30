"""The letter of medical necessity: golden text per example, variants, required facts."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import catalog, medical_necessity
from ketacover.core.letters.catalog import Options
from ketacover.core.letters.letter import Table
from ketacover.core.letters.readiness import RequestBlockedError
from ketacover.core.model import (
    Case,
    ClinicalHistory,
    Decision,
    Diagnosis,
    PriorAuthorization,
    Treatment,
    TreatmentPlan,
    Urgency,
)
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).parent / "golden" / "medical-necessity"
TODAY = date(2026, 11, 23)
EXAMPLES = {
    "crps-iv-ketamine-ppo": "pain-iv",
    "denial-appeal-running": "trd-iv",
    "esketamine-ready-ppo": "esketamine",
    "hmo-no-oon-benefits": "trd-iv",
    "medicare-advantage-pa-pending": "esketamine",
    "medicare-esketamine": "esketamine",
    "ptsd-iv-ketamine-self-pay-hsa": "ptsd-iv",
    "suicidal-ideation-expedited": "esketamine",
}


def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


def compose(case: Case, variant: str | None = None) -> str:
    return catalog.compose("medical-necessity", case, TODAY, Options(variant=variant)).text()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_letter_matches_its_golden_text(name):
    text = compose(example(name))
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_letter_carries_the_identifiers_codes_and_failed_drugs(name):
    case = example(name)
    text = compose(case)
    assert case.patient.full_name in text
    assert case.plan.member_id in text
    assert case.prescriber.npi in text
    for diagnosis in case.diagnoses:
        assert diagnosis.code in text
    for trial in case.treatment_history:
        assert trial.name in text
    assert "[" + "insert" not in text.lower()
    assert "TODO" not in text
    sentences = [s for s in text.replace("\n", " ").split(". ") if len(s) > 40]
    assert len(sentences) == len(set(sentences)), "a sentence is repeated"


@pytest.mark.parametrize(("name", "expected"), sorted(EXAMPLES.items()))
def test_the_variant_is_chosen_from_the_treatment_and_diagnoses(name, expected):
    assert medical_necessity.variant(example(name)) == expected


def test_the_esketamine_letter_gives_the_fda_approval_dates_and_rems_facts():
    text = compose(example("esketamine-ready-ppo"))
    for fact in (
        "March 5, 2019",
        "August 3, 2020",
        "January 21, 2025",
        "at least 2 hours",
        "never dispensed for home use",
        "within 7 days",
        "before the first treatment",
    ):
        assert fact in text
    assert "off-label" not in text


def test_the_iv_letter_states_the_off_label_use_and_cites_elekt_d_not_ketect_as_equivalence():
    text = compose(example("denial-appeal-running"))
    assert "outside its FDA-approved labeling (off-label)" in text
    assert "non-inferior to electroconvulsive therapy [1]" in text
    assert "ECT was superior on remission" in text
    assert "Ekstrand" in text
    assert "Anand" in text
    assert "REMS" not in text


def test_the_pain_letter_cites_the_consensus_guideline_and_the_crps_trial():
    text = compose(example("crps-iv-ketamine-ppo"))
    assert "the grade of the evidence they give depends on the condition [1]" in text
    assert "10 daily 4-hour outpatient infusions of up to 0.35 mg/kg/h [2]" in text
    assert "96366 | IV infusion, each additional hour | 3" in text


def test_the_pain_letter_leaves_the_crps_trial_sentence_out_without_a_crps_code():
    case = replace(
        example("crps-iv-ketamine-ppo"), diagnoses=(Diagnosis(code="G89.4", primary=True),)
    )
    text = compose(case)
    assert "For complex regional pain syndrome" not in text
    assert "Cohen SP" in text


def test_the_ptsd_letter_never_cites_the_counterpoint():
    text = compose(example("ptsd-iv-ketamine-self-pay-hsa"))
    assert "Feder A" in text
    assert "Abdallah" not in text


def test_an_urgent_case_asks_for_an_expedited_review_and_names_the_reason():
    text = compose(example("suicidal-ideation-expedited"))
    assert "Please decide this request as expedited (urgent)." in text
    assert "has current suicidal ideation" in text
    assert "Prior authorization reference: PSH-PA-2026-55871" in text
    assert "does not replace hospitalization" in text
    assert "[1] Ionescu et al. (ASPIRE II), 2021" in text


def test_an_urgent_case_without_suicidal_ideation_says_the_clinician_judges_it_urgent():
    case = replace(
        example("denial-appeal-running"),
        urgency=Urgency.URGENT,
        history=ClinicalHistory(suicidal_ideation=False),
    )
    text = compose(case)
    assert "the treating clinician judges the case urgent" in text


def test_the_reference_is_the_latest_pending_prior_authorization():
    case = example("esketamine-ready-ppo")
    pending = PriorAuthorization(
        id="pa-9", treatment=Treatment.ESKETAMINE, submitted=TODAY, reference="REF-9"
    )
    denied = replace(pending, id="pa-8", reference="REF-8", decision=Decision.DENIED)
    text = compose(replace(case, prior_authorizations=(denied, pending)))
    assert "Prior authorization reference: REF-9" in text
    assert "REF-8" not in text


def test_medicare_esketamine_is_requested_with_the_bundled_g_code():
    text = compose(example("medicare-esketamine"))
    assert "G2083" in text
    assert "J0013" not in text


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"plan": None}, ["plan", "plan.member_id"]),
        ({"prescriber": None}, ["prescriber", "prescriber.npi"]),
        ({"diagnoses": ()}, ["diagnoses"]),
        ({"treatment_plan": None}, ["treatment_plan"]),
    ],
)
def test_a_missing_fact_raises_naming_it(changes, missing):
    case = replace(example("esketamine-ready-ppo"), **changes)
    with pytest.raises(MissingFactsError) as raised:
        compose(case)
    assert [why.split(":")[0] for why in raised.value.missing] == missing


def test_esketamine_needs_to_know_the_setting_is_rems_certified():
    case = example("esketamine-ready-ppo")
    unknown = replace(case, clinic=replace(case.clinic, rems_certified=None))
    with pytest.raises(MissingFactsError, match=r"clinic\.rems_certified"):
        compose(unknown)
    with pytest.raises(MissingFactsError, match=r"clinic\.rems_certified"):
        compose(replace(case, clinic=None))


def test_esketamine_in_an_uncertified_setting_is_refused_saying_it_must_be_certified():
    case = example("esketamine-ready-ppo")
    uncertified = replace(case, clinic=replace(case.clinic, rems_certified=False))
    with pytest.raises(RequestBlockedError, match="REMS-certified setting") as raised:
        compose(uncertified)
    assert "the clinic's certification under the SPRAVATO REMS" in str(raised.value)


def test_options_variant_overrides_the_choice_among_iv_variants():
    case = replace(
        example("denial-appeal-running"),
        diagnoses=(Diagnosis(code="F33.2", primary=True), Diagnosis(code="G89.4")),
    )
    assert medical_necessity.variant(case) == "trd-iv"
    assert "Cohen SP" in compose(case, "pain-iv")


def test_an_unknown_variant_is_refused_naming_the_allowed_ones():
    with pytest.raises(KetacoverError, match=r"'iv-ocd'.*trd-iv, ptsd-iv, pain-iv, esketamine"):
        compose(example("denial-appeal-running"), "iv-ocd")


def test_a_variant_for_another_treatment_is_refused():
    with pytest.raises(KetacoverError, match=r"'esketamine' is for esketamine.*iv_ketamine"):
        compose(example("denial-appeal-running"), "esketamine")
    case = replace(example("denial-appeal-running"), treatment_plan=None)
    with pytest.raises(KetacoverError, match="not set"):
        medical_necessity.variant(case, "trd-iv")


def test_one_failed_trial_gets_no_letter_claiming_it_is_enough():
    with pytest.raises(
        RequestBlockedError, match="1 adequate failed antidepressant trial"
    ) as raised:
        compose(example("esketamine-one-failed-trial"))
    assert "further adequate antidepressant trials" in str(raised.value)


def test_esketamine_for_bipolar_depression_has_no_letter():
    with pytest.raises(RequestBlockedError, match="bipolar disorder") as raised:
        compose(example("bipolar-depression"))
    assert "What would change it" in str(raised.value)


def test_im_ketamine_or_an_unmatched_diagnosis_has_no_variant():
    case = example("denial-appeal-running")
    im = replace(case, treatment_plan=TreatmentPlan(treatment=Treatment.IM_KETAMINE, sessions=6))
    with pytest.raises(KetacoverError, match="treatment im_ketamine"):
        medical_necessity.variant(im)
    bare = replace(case, treatment_plan=None)
    with pytest.raises(KetacoverError, match="treatment no treatment"):
        medical_necessity.variant(bare)


def test_a_case_without_scores_or_history_leaves_those_sections_out():
    case = replace(example("denial-appeal-running"), scores=(), treatment_history=())
    letter = catalog.compose("medical-necessity", case, TODAY)
    text = letter.text()
    assert "Rating scales" not in text
    assert "Medication trials" not in text
    assert "The latest ratings" not in text
    assert all(not isinstance(b, Table) or b.rows for b in letter.body)


def test_an_invalid_code_is_described_plainly():
    case = replace(
        example("denial-appeal-running"),
        diagnoses=(Diagnosis(code="F33.2"), Diagnosis(code="F33.99")),
    )
    assert "the diagnosis coded (F33.2)" not in compose(case)
    odd = replace(case, diagnoses=(Diagnosis(code="F33.9X", primary=True),))
    assert "the diagnosis coded (F33.9X)" in compose(odd, "trd-iv")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_letter_states_no_clinic_price(name):
    case = example(name)
    assert case.treatment_plan is not None
    assert "$" not in compose(case)


def test_an_approved_treatment_gets_no_initial_letter_but_is_pointed_to_the_continuation():
    from ketacover.core.letters.readiness import ContinuationDueError

    with pytest.raises(ContinuationDueError) as raised:
        compose(example("approved-pa-reauth"))
    said = str(raised.value)
    assert "AUTH-55012-A" in said
    assert "continuation" in said

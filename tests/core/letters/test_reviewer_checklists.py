"""The reviewer's checklists (docs/reviewer-checklists.md): one test per item, on the example
cases' output. An item the documents do not meet yet is an expected failure with its reason."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.core.letters import catalog
from ketacover.core.letters.catalog import Options
from ketacover.core.letters.letter import Letter
from ketacover.core.model import (
    Appeal,
    AppealOutcome,
    Case,
    DenialLevel,
    Diagnosis,
    TrialKind,
    Urgency,
)
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)
ESKETAMINE = "esketamine-ready-ppo"
IV = "hmo-no-oon-benefits"
APPROVED = "approved-pa-reauth"
DENIED = "denial-appeal-running"
HSA = "ptsd-iv-ketamine-self-pay-hsa"


@cache
def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


@cache
def letter(kind: str, name: str, variant: str | None = None) -> Letter:
    return catalog.compose(kind, example(name), TODAY, Options(variant=variant))


def text(kind: str, name: str) -> str:
    return letter(kind, name).text()


def urgent() -> Case:
    """The denial example with current suicidal ideation."""
    case = example(DENIED)
    return replace(
        case,
        urgency=Urgency.URGENT,
        history=replace(case.history, suicidal_ideation=True),
        diagnoses=(*case.diagnoses, Diagnosis(code="R45.851")),
    )


def final_internal() -> Case:
    """The denial example after the internal appeal of the PA denial was upheld."""
    case = example(DENIED)
    upheld = replace(
        case.denials[0],
        id="denial-3",
        level=DenialLevel.FINAL_INTERNAL,
        notice_date=date(2027, 1, 15),
        received=date(2027, 1, 19),
    )
    appeal = Appeal(
        denial_id="denial-1",
        submitted=date(2026, 12, 1),
        outcome=AppealOutcome.UPHELD,
        decided=date(2027, 1, 15),
    )
    return replace(case, denials=(*case.denials, upheld), appeals=(appeal,))


# Letter of medical necessity


def test_a_letter_of_medical_necessity_identifies_the_patient_by_name_birth_date_and_member_id():
    written = text("medical-necessity", ESKETAMINE)
    assert "Patient: Avery Testperson" in written
    assert "Date of birth: 03/14/1984" in written
    assert "Member ID: XKC000123456" in written


def test_a_letter_of_medical_necessity_gives_each_diagnosis_with_its_code_and_description():
    written = text("medical-necessity", ESKETAMINE)
    for diagnosis in example(ESKETAMINE).diagnoses:
        assert re.search(rf"{re.escape(diagnosis.code)} \| \w", written)


def test_a_letter_of_medical_necessity_lists_each_trial_with_dose_dates_weeks_and_outcome():
    written = text("medical-necessity", ESKETAMINE)
    for trial in example(ESKETAMINE).treatment_history:
        if trial.kind is TrialKind.MEDICATION:
            row = next(line for line in written.splitlines() if line.startswith(f"{trial.name} |"))
            assert trial.dose in row
            assert trial.start is not None
            assert f"{trial.start:%m/%d/%Y}" in row


def test_a_letter_of_medical_necessity_states_the_sessions_and_codes_requested():
    written = text("medical-necessity", ESKETAMINE)
    sessions = example(ESKETAMINE).treatment_plan.sessions
    assert f"approve {sessions} sessions of esketamine nasal spray (Spravato) (J0013)" in written
    assert "J0013 | Esketamine nasal spray, per 1 mg | " in written


def test_a_letter_of_medical_necessity_gives_the_failed_trials_and_the_latest_scores():
    written = text("medical-necessity", ESKETAMINE)
    assert "adequate antidepressant trials of at least 6 weeks" in written
    assert "The latest ratings are" in written


def test_an_esketamine_letter_states_the_rems_certification_and_the_two_hour_monitoring():
    written = text("medical-necessity", ESKETAMINE)
    assert "certified in the SPRAVATO REMS" in written
    assert "at least 2 hours" in written


def test_an_iv_ketamine_letter_says_plainly_it_is_off_label():
    assert "off-label" in text("medical-necessity", IV)


def test_a_letter_of_medical_necessity_cites_its_evidence_in_full():
    found = letter("medical-necessity", ESKETAMINE)
    assert found.citations
    assert all(re.search(r"\b(doi:|PMID )", item) for item in found.citations)


def test_a_letter_of_medical_necessity_is_signed_by_the_prescriber_and_offers_a_peer_to_peer():
    found = letter("medical-necessity", ESKETAMINE)
    assert found.signature is not None
    assert found.signature.npi == example(ESKETAMINE).prescriber.npi
    assert "available for a peer-to-peer review" in found.text()


def test_a_letter_of_medical_necessity_states_no_clinic_price():
    assert "$" not in text("medical-necessity", ESKETAMINE)


def test_a_letter_of_medical_necessity_answers_the_plans_own_criteria_in_its_words():
    assert "psychiatrist" in text("medical-necessity", ESKETAMINE)


def test_no_initial_letter_is_written_once_the_plan_has_approved_the_treatment():
    with pytest.raises(KetacoverError, match="continuation"):
        letter("medical-necessity", APPROVED)


# Continuation request


def test_a_continuation_request_states_the_existing_authorization_number():
    found = letter("continuation", APPROVED)
    assert ("Current authorization", "AUTH-55012-A") in found.references
    assert "beyond authorization AUTH-55012-A" in found.text()


def test_a_continuation_request_states_the_approved_dates_and_sessions():
    written = text("continuation", APPROVED)
    assert "Approved: 8 sessions of esketamine nasal spray (Spravato) from November 2, 2026" in (
        written
    )
    assert "through November 29, 2026." in written


def test_a_continuation_request_states_the_sessions_used_of_those_approved():
    written = text("continuation", APPROVED)
    used = [s for s in example(APPROVED).sessions if s.authorization_id == "pa-1"]
    assert f"Used as of November 23, 2026: {len(used)} sessions" in written
    assert all(int(n) <= int(m) for n, m in re.findall(r"\b(\d+) of (\d+)\b", written))


def test_a_continuation_request_gives_baseline_and_latest_scores_with_dates_and_percent():
    written = text("continuation", APPROVED)
    assert "PHQ-9 | 21 on 10/26/2026 | 11 on 11/20/2026 | 10 points lower (48%)" in written
    assert "MADRS | 33 on 10/26/2026 | 17 on 11/20/2026 | 16 points lower (48%)" in written


def test_a_continuation_request_judges_response_and_remission_against_published_thresholds():
    found = letter("continuation", APPROVED)
    written = found.text()
    assert "at least 50% below the baseline" in written
    assert "PHQ-9 below 5 or MADRS 12 or less" in written
    assert any("CNS Drugs 2023;37(8):715-723" in item for item in found.citations)


def test_a_continuation_request_asks_for_the_labeled_maintenance_schedule():
    found = letter("continuation", APPROVED)
    assert "once weekly, the label's maintenance phase" in found.text()
    assert any("prescribing information" in item for item in found.citations)


def test_a_continuation_request_asks_for_sessions_and_dates_after_the_authorization_ends():
    written = text("continuation", APPROVED)
    assert (
        "authorize 4 sessions of esketamine nasal spray (Spravato) (J0013) from November 30, "
        in (written)
    )
    assert "through December 27, 2026, continuing authorization AUTH-55012-A." in written


def test_a_continuation_request_is_signed_by_the_prescriber():
    found = letter("continuation", APPROVED)
    assert found.signature is not None
    assert found.signature.npi == example(APPROVED).prescriber.npi


# Cover sheet and packet


def test_a_cover_sheet_names_the_patient_member_prescriber_and_how_to_reach_the_clinic():
    written = text("pa-cover-sheet", ESKETAMINE)
    case = example(ESKETAMINE)
    assert f"Member ID: {case.plan.member_id}" in written
    assert f"NPI {case.prescriber.npi}" in written
    assert f"Phone {case.clinic.phone} · Fax {case.clinic.fax}" in written


def test_a_cover_sheet_states_the_urgency_and_the_decision_clock_with_its_rule():
    written = text("pa-cover-sheet", ESKETAMINE)
    assert "Standard review requested." in written
    assert re.search(r"the plan's decision is (due|expected)", written)


def test_a_cover_sheet_states_the_codes_sessions_and_dates_requested():
    written = text("pa-cover-sheet", ESKETAMINE)
    assert "J0013 | Esketamine nasal spray, per 1 mg | " in written
    assert re.search(r"\d+ sessions of esketamine nasal spray \(Spravato\), starting ", written)


def test_a_cover_sheet_encloses_exactly_the_documents_of_the_packet():
    for name in (ESKETAMINE, APPROVED):
        packet = catalog.prior_authorization_packet(example(name), TODAY)
        sheet, *rest = packet.documents
        assert list(sheet.enclosures) == [document.title for document in rest]


def test_a_cover_sheet_carries_a_confidentiality_notice():
    assert (letter("pa-cover-sheet", ESKETAMINE).notice or "").startswith("Confidential")


def test_a_continuation_cover_sheet_names_the_current_authorization():
    assert "Current authorization: AUTH-55012-A" in text("pa-cover-sheet", APPROVED)


# Treatment-history summary, clinical summary, evidence list


def test_a_treatment_history_gives_each_medication_with_class_dose_dates_weeks_and_outcome():
    written = text("treatment-history", DENIED)
    assert (
        "sertraline | SSRI | 200 mg daily | 06/09/2025 to 09/08/2025 | 13 | no response" in written
    )


def test_a_treatment_history_lists_the_non_drug_treatments_with_dates_and_outcome():
    assert "- behavioral activation (07/01/2025 to 10/07/2025): partial response" in text(
        "treatment-history", DENIED
    )


def test_a_clinical_summary_gives_the_diagnoses_with_their_codes():
    assert "F33.2 | Major depressive disorder" in text("clinical-summary", APPROVED)


def test_a_clinical_summary_gives_every_score_with_its_date():
    written = text("clinical-summary", APPROVED)
    for score in example(APPROVED).scores:
        assert f"{score.on:%m/%d/%Y} | {score.scale.label} | {score.score} of " in written


def test_a_clinical_summary_states_the_history_payers_exclude_on():
    written = text("clinical-summary", APPROVED)
    for what in ("bipolar disorder", "psychotic features", "Substance use", "suicidal ideation"):
        assert what in written


def test_an_evidence_list_gives_each_reference_a_journal_year_and_doi_or_pmid():
    found = letter("evidence-list", ESKETAMINE)
    assert found.citations
    for item in found.citations:
        assert re.search(r"\b(19|20)\d\d\b", item)
        assert re.search(r"\b(doi:|PMID )", item)


# Internal appeal


def test_an_appeal_names_the_denial_it_answers_by_notice_date_and_number():
    found = letter("appeal", DENIED)
    assert ("Claim number", "CLM-2026-1022-0001") in found.references
    assert ("Notice date", "11/09/2026") in found.references


def test_an_appeal_answers_the_denials_reason():
    assert "Off-label use of a drug is a different question from whether a treatment is" in text(
        "appeal", DENIED
    )


def test_an_appeal_asks_that_the_denial_be_reversed():
    assert "reverse the denial" in text("appeal", DENIED)


def test_an_appeal_states_the_filing_deadline_and_its_rule():
    written = text("appeal", DENIED)
    assert "the last day to file this appeal is" in written
    assert "29 CFR 2560.503-1(h)(3)(i)" in written


def test_an_appeal_encloses_the_denial_notice():
    assert any(item.startswith("Denial notice") for item in letter("appeal", DENIED).enclosures)


def test_an_appeal_is_signed_by_the_prescriber():
    found = letter("appeal", DENIED)
    assert found.signature is not None
    assert found.signature.npi == example(DENIED).prescriber.npi


def test_a_claim_appeal_names_the_claims_date_of_service_and_billed_amount():
    written = text("appeal", DENIED)
    assert "10/22/2026" in written or "October 22, 2026" in written
    assert "$500.00" in written


# Expedited appeal


def test_an_expedited_appeal_asks_for_a_decision_within_72_hours_with_the_rule():
    written = catalog.compose("expedited-appeal", urgent(), TODAY).text()
    assert "decided within 72 hours" in written
    assert "29 CFR 2560.503-1(i)(2)(i)" in written


def test_an_expedited_appeal_carries_the_prescribers_attestation_of_jeopardy():
    written = catalog.compose("expedited-appeal", urgent(), TODAY).text()
    assert "could seriously jeopardize the life or health" in written


def test_an_expedited_appeal_names_expedited_external_review_alongside():
    assert (
        "Expedited external review" in catalog.compose("expedited-appeal", urgent(), TODAY).text()
    )


# Peer-to-peer preparation sheet


def test_a_peer_to_peer_sheet_states_the_denial_date_and_reason():
    # The newest denial (November 9) is a post-service claim denial, which has no peer-to-peer;
    # the sheet is about the prior-authorization denial of October 30.
    written = text("peer-to-peer", DENIED)
    assert "notice dated October 30, 2026" in written
    assert "Reason: experimental or investigational" in written


def test_a_peer_to_peer_sheet_sets_the_criteria_against_the_patients_facts():
    written = text("peer-to-peer", DENIED)
    assert "Criterion | Status | Detail" in written


def test_a_peer_to_peer_sheet_gives_talking_points_and_the_evidence_to_cite():
    written = text("peer-to-peer", DENIED)
    assert "Talking points" in written
    assert "Evidence to cite" in written


def test_a_peer_to_peer_sheet_has_blanks_for_the_reviewer_reference_and_outcome():
    written = text("peer-to-peer", DENIED)
    for blank in ("Reviewer's name and specialty: ____", "Reference number: ____"):
        assert blank in written


def test_a_peer_to_peer_sheet_says_the_written_appeal_deadline_still_runs():
    assert "does not stop the appeal clock" in text("peer-to-peer", DENIED)


def test_no_peer_to_peer_sheet_is_written_for_a_post_service_claim_denial():
    with pytest.raises(KetacoverError):
        catalog.compose("peer-to-peer", example(DENIED), TODAY, Options(denial_id="denial-2"))


# External review


def test_an_external_review_request_names_the_final_internal_decision_and_its_date():
    found = catalog.compose("external-review", final_internal(), date(2027, 1, 20))
    assert ("Final notice date", "01/15/2027") in found.references
    assert "final internal decision" in found.text()


def test_an_external_review_request_asks_for_an_independent_review_organization():
    written = catalog.compose("external-review", final_internal(), date(2027, 1, 20)).text()
    assert "external review by an independent review organization" in written


def test_an_external_review_request_states_the_deadline_and_the_decision_times():
    written = catalog.compose("external-review", final_internal(), date(2027, 1, 20)).text()
    assert "within 4 months of receiving the final internal denial" in written
    assert "decided within 45 days" in written


def test_an_external_review_request_lists_the_decisions_and_appeals_so_far():
    written = catalog.compose("external-review", final_internal(), date(2027, 1, 20)).text()
    assert "appeal filed, upheld on January 15, 2027" in written


# HSA/FSA letter


def test_an_hsa_letter_gives_the_diagnosis_code_and_the_treatment_prescribed_for_it():
    written = text("hsa-fsa-letter", HSA)
    assert "(F43.12)" in written
    assert "I have prescribed 6 sessions of IV ketamine infusion to treat this illness" in written


def test_an_hsa_letter_says_why_it_is_medical_care():
    assert "IRS Publication 502" in text("hsa-fsa-letter", HSA)


def test_an_hsa_letter_is_signed_by_the_prescriber():
    found = letter("hsa-fsa-letter", HSA)
    assert found.signature is not None
    assert found.signature.npi == example(HSA).prescriber.npi


def test_an_hsa_letter_names_the_evaluation_the_clinic_bills():
    assert "evaluation" in text("hsa-fsa-letter", HSA).lower()


def test_an_hsa_letter_counts_the_evaluation_in_the_total():
    case = example(HSA)
    plan = case.treatment_plan
    assert plan is not None
    assert plan.price_per_session is not None
    assert plan.evaluation_price is not None
    total = plan.price_per_session * plan.sessions + plan.evaluation_price
    assert f"the total is ${total:,.2f}" in text("hsa-fsa-letter", HSA)


# Superbill


def test_a_superbill_gives_the_billing_npi_and_tin_and_the_rendering_npi():
    written = text("superbill", APPROVED)
    case = example(APPROVED)
    assert f"NPI | {case.clinic.npi}" in written
    assert f"TIN | {case.clinic.tin}" in written
    assert f"Rendering clinician NPI | {case.prescriber.npi}" in written


def test_a_superbill_gives_each_date_of_service_with_place_code_units_and_charge():
    written = text("superbill", APPROVED)
    for session in example(APPROVED).sessions:
        assert re.search(
            rf"{session.on:%m/%d/%Y} \| 11 \| J0013 \|  \| .* \| A \| \d+ \| \$[\d,]+\.\d\d",
            written,
        )


def test_a_superbill_points_each_line_to_an_icd10_diagnosis():
    assert "A | F33.2 | Major depressive disorder" in text("superbill", APPROVED)


def test_a_superbill_gives_the_payments_received_and_the_balance():
    written = text("superbill", APPROVED)
    assert "Payments received | $3,096.00" in written
    assert "Balance | $6,120.00" in written


def test_a_superbill_gives_the_prior_authorization_number():
    assert "Prior authorization | AUTH-55012-A" in text("superbill", APPROVED)


def test_a_superbill_carries_the_clinicians_certification_and_signature():
    found = letter("superbill", APPROVED)
    assert "I certify that the services listed above were rendered" in found.text()
    assert found.signature is not None


# Parity disclosure request


def test_a_parity_request_names_the_mental_health_parity_law():
    assert "Mental Health Parity and Addiction Equity Act" in text("parity-request", IV)


def test_a_parity_request_asks_for_the_criteria_and_the_comparative_analysis():
    written = text("parity-request", IV)
    assert "The comparative analysis for this nonquantitative treatment limitation" in written
    assert "The medical policy or criteria the plan used" in written


def test_a_parity_request_asks_how_the_limit_applies_to_medical_surgical_benefits():
    assert "to medical/surgical benefits in the same classification" in text("parity-request", IV)


# Benefits call script


def test_a_call_script_gives_the_member_id_and_group_number_to_have_ready():
    written = text("call-script", ESKETAMINE)
    assert "- Member ID XKC000123456" in written
    assert "- Group number GRP004521" in written


def test_a_call_script_gives_the_codes_to_quote():
    written = text("call-script", ESKETAMINE)
    assert "Codes to quote" in written
    assert "F33.2 | " in written
    assert "J0013 | " in written


def test_a_call_script_leaves_blanks_for_the_representative_and_the_reference_number():
    written = text("call-script", ESKETAMINE)
    assert re.search(r"[Rr]epresentative[^\n]*: ____", written)
    assert re.search(r"[Rr]eference number[^\n]*: ____", written)

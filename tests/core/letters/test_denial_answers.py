"""Each appeal answers one denial, and its argument follows the denial's reason and the facts."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ketacover.core.letters import appeal, denial_choice, external_review
from ketacover.core.letters.catalog import Options
from ketacover.core.model import (
    Appeal,
    AppealOutcome,
    Case,
    Claim,
    ClaimStatus,
    ClinicalHistory,
    DenialLevel,
    DenialReason,
    PayerCategory,
    Treatment,
    TreatmentTrial,
    TrialKind,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TODAY = date(2026, 11, 23)


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def test_a_claim_appeal_names_its_date_code_and_amounts_and_never_a_number_of_sessions():
    text = appeal.compose(example(), TODAY, Options(denial_id="denial-2")).text()
    assert "pay claim CLM-2026-1022-0001 for IV ketamine infusion on October 22, 2026" in text
    assert "10/22/2026 | J3490" in text
    assert "10/22/2026 | 96365" in text
    assert "billed $500.00, allowed $0.00 and paid $0.00" in text
    assert "6 sessions" not in text


def test_a_prior_authorization_appeal_asks_for_the_course_requested():
    text = appeal.compose(example(), TODAY, Options(denial_id="denial-1")).text()
    assert "approve the course requested: 6 sessions of IV ketamine infusion over 3 weeks" in text
    assert "submitted on October 19, 2026 (reference EMI-PA-2026-104455)" in text


def test_a_medicare_redetermination_lists_the_services_and_dates_under_405_944():
    case = example()
    plan = replace(case.plan, category=PayerCategory.MEDICARE)
    letter = appeal.compose(replace(case, plan=plan), TODAY, Options(denial_id="denial-2"))
    text = letter.text()
    assert letter.title == "Request for redetermination"
    assert "10/22/2026 | J3490" in text
    assert "42 CFR 405.944" in text
    assert "sessions of" not in text
    assert ("Medicare number", "XKC000678901") in letter.references


def test_the_newest_open_denial_is_answered_by_default():
    case = example()
    assert denial_choice.newest(case).id == "denial-2"
    paid = replace(case.claims[0], status=ClaimStatus.PAID)
    assert denial_choice.newest(replace(case, claims=(paid,))).id == "denial-1"
    overturned = Appeal(denial_id="denial-2", submitted=TODAY, outcome=AppealOutcome.OVERTURNED)
    assert denial_choice.newest(replace(case, appeals=(overturned,))).id == "denial-1"


def test_the_choices_are_labeled_in_words_newest_first():
    assert denial_choice.choices(example()) == [
        (
            "denial-2",
            "Example Mountain Insurance, notice of 11/09/2026: claim CLM-2026-1022-0001, IV "
            "ketamine infusion on 10/22/2026",
        ),
        (
            "denial-1",
            "Example Mountain Insurance, notice of 10/30/2026: prior authorization for IV ketamine "
            "infusion",
        ),
    ]


def suicidal_esketamine(**history: object) -> Case:
    case = example()
    plan = replace(case.treatment_plan, treatment=Treatment.ESKETAMINE, dose_mg=56)
    pa = replace(case.prior_authorizations[0], treatment=Treatment.ESKETAMINE)
    denial = replace(
        case.denials[0],
        reason=DenialReason.NOT_MEDICALLY_NECESSARY,
        reason_text="Fewer than 3 failed antidepressant trials documented.",
    )
    flags = replace(case.history, **history) if history else case.history
    return replace(
        case, treatment_plan=plan, prior_authorizations=(pa,), denials=(denial,), history=flags
    )


def test_suicidal_ideation_answers_a_failed_trials_denial_with_the_2020_indication():
    text = appeal.compose(suicidal_esketamine(suicidal_ideation=True), TODAY, Options()).text()
    assert "The indication that applies" in text
    assert "acute suicidal ideation or behavior" in text
    assert "This indication asks for no failed antidepressant trials" in text


def test_without_suicidal_ideation_the_2020_indication_is_not_argued():
    case = suicidal_esketamine()
    assert isinstance(case.history, ClinicalHistory)
    text = appeal.compose(case, TODAY, Options()).text()
    assert "The indication that applies" not in text


def test_an_iv_ketamine_appeal_gives_the_dose_in_mg_per_kg_monitoring_and_continuation():
    text = appeal.compose(example(), TODAY, Options(denial_id="denial-1")).text()
    assert "The dose ordered is 0.5 mg/kg over 40 minutes" in text
    assert "Anand et al., 2023" in text
    assert "blood pressure, heart rate and dissociative symptoms" in text
    assert "a fall of at least 50% from the baseline score" in text


def test_why_not_esketamine_or_ect_uses_only_the_case_facts():
    case = example()
    assert "Why not esketamine or ECT" not in appeal.compose(case, TODAY, Options()).text()
    ect = TreatmentTrial(
        kind=TrialKind.ECT,
        name="ECT",
        start=date(2026, 9, 1),
        end=date(2026, 9, 20),
        reason_stopped="Memory loss",
    )
    clinic = replace(case.clinic, rems_certified=False)
    changed = replace(case, treatment_history=(*case.treatment_history, ect), clinic=clinic)
    text = appeal.compose(changed, TODAY, Options()).text()
    assert "Why not esketamine or ECT" in text
    assert "ECT was tried (09/01/2026 to 09/20/2026); Memory loss." in text
    assert "is not certified in the SPRAVATO REMS" in text


def test_an_erisa_appeal_asks_for_the_claim_file_criteria_definition_and_a_reviewer_in_the_field():
    text = appeal.compose(example(), TODAY, Options()).text()
    for needle in (
        "29 CFR 2560.503-1(h)(2)(iii)",
        "the plan's definition of experimental or investigational",
        "here psychiatry (29 CFR 2560.503-1(h)(3)(iii))",
        "29 CFR 2560.503-1(h)(3)(iv)",
    ):
        assert needle in text


def test_a_medicare_appeal_makes_no_erisa_requests():
    case = example()
    plan = replace(case.plan, category=PayerCategory.MEDICARE)
    text = appeal.compose(replace(case, plan=plan), TODAY, Options()).text()
    assert "2560.503-1(h)(2)(iii)" not in text


def final(case: Case, category: PayerCategory) -> Case:
    denial = replace(case.denials[0], level=DenialLevel.FINAL_INTERNAL)
    return replace(case, denials=(denial,), plan=replace(case.plan, category=category))


def test_external_review_of_an_experimental_denial_carries_the_physician_certification():
    case = final(example(), PayerCategory.COMMERCIAL_FULLY_INSURED)
    text = external_review.compose(case, TODAY, Options()).text()
    assert "Treating physician's certification" in text
    assert "likely to be more beneficial" in text
    assert "the state where the coverage is issued (CO)" in text


def test_a_self_funded_plan_goes_to_the_federal_external_review_process():
    case = final(example(), PayerCategory.COMMERCIAL_SELF_FUNDED)
    text = external_review.compose(case, TODAY, Options()).text()
    assert "the federal external review process applies" in text
    assert "29 CFR 2590.715-2719" in text


def test_the_patient_external_review_encloses_the_certification_instead_of_signing_it():
    case = final(example(), PayerCategory.COMMERCIAL_FULLY_INSURED)
    letter = external_review.compose(case, TODAY, Options(variant="patient"))
    assert "Treating physician's certification" in letter.enclosures
    assert "By signing this request" not in letter.text()


def test_a_claim_with_several_dates_lists_each_date_of_service():
    case = example()
    sessions = (*case.sessions, replace(case.sessions[0], on=date(2026, 10, 24)))
    claim = Claim(
        claim_number="CLM-2026-1022-0001",
        service_from=date(2026, 10, 22),
        service_to=date(2026, 10, 24),
        billed=Decimal("1000.00"),
    )
    changed = replace(case, sessions=sessions, claims=(claim,))
    text = appeal.compose(changed, TODAY, Options(denial_id="denial-2")).text()
    assert "on October 22, 2026 and October 24, 2026" in text
    assert "10/24/2026 | J3490" in text


def test_an_urgent_appeal_asks_for_an_expedited_decision_and_names_expedited_external_review():
    case = replace(example(), history=replace(example().history, suicidal_ideation=True))
    text = appeal.compose(case, TODAY, Options(denial_id="denial-1")).text()
    assert "decide this appeal as an expedited (urgent) appeal" in text
    assert "expedited external review by an independent review organization can run" in text
    calm = appeal.compose(example(), TODAY, Options(denial_id="denial-1")).text()
    assert "expedited (urgent) appeal" not in calm

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import appeal
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Letter
from ketacover.core.model import (
    Case,
    Claim,
    ClinicalHistory,
    Decision,
    Denial,
    DenialLevel,
    DenialReason,
    Diagnosis,
    PayerCategory,
    PriorAuthorization,
    Scale,
    ScaleScore,
    Session,
    Treatment,
    TreatmentPlan,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
DRUGS = ("sertraline", "duloxetine", "bupropion XL", "nortriptyline", "lithium")


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def matches_golden(kind: str, name: str, letter: Letter) -> None:
    path = GOLDEN / kind / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def with_denial(case: Case, **changes: object) -> Case:
    base = Denial(id="d-9", notice_date=date(2026, 11, 2), received=date(2026, 11, 5))
    return replace(case, denials=(replace(base, **changes),))  # type: ignore[arg-type]


def assert_sound(letter: Letter) -> str:
    text = letter.text()
    for needle in ("Morgan Fictional", "XKC000678901", "F33.2"):
        assert needle in text
    assert "[" + "insert" not in text.lower()
    assert "TODO" not in text
    body = [b.text for b in letter.body if hasattr(b, "text")]
    assert len(body) == len(set(body)), "a sentence or heading is repeated"
    return text


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("denial-appeal-running", Options()),
        ("denial-appeal-running.denial-1", Options(denial_id="denial-1")),
        ("denial-appeal-running.patient", Options(denial_id="denial-1", variant="patient")),
    ],
)
def test_the_example_appeals_match_their_golden_text(name, options):
    letter = compose("appeal", example(), TODAY, options)
    matches_golden("appeal", name, letter)
    text = assert_sound(letter)
    for drug in DRUGS:
        assert drug in text


def test_the_prior_authorization_appeal_is_due_180_days_after_receipt():
    letter = appeal.compose(example(), TODAY, Options(denial_id="denial-1"))
    text = letter.text()
    assert "the last day to file this appeal is May 3, 2027" in text
    assert "Reference number: EMI-PA-2026-104455" in text
    assert "notice dated October 30, 2026" in letter.subject


def test_the_experimental_appeal_states_the_off_label_facts_and_the_approvals():
    text = appeal.compose(example(), TODAY, Options(denial_id="denial-1")).text()
    assert "off-label, and this letter does not claim otherwise" in text
    for day in ("March 5, 2019", "August 3, 2020", "January 21, 2025"):
        assert day in text
    assert "non-inferior to electroconvulsive therapy" in text
    assert "cited only to show that ketamine works in severe depression" in text
    assert "eligible for external review" in text


def test_the_claim_appeal_cites_the_claim_number_and_its_own_deadline():
    text = appeal.compose(example(), TODAY, Options()).text()
    assert "Claim number: CLM-2026-1022-0001" in text
    assert "May 11, 2027" in text


def test_the_patient_variant_is_sent_and_signed_by_the_patient():
    letter = appeal.compose(example(), TODAY, Options(variant="patient"))
    assert letter.sender is not None
    assert letter.sender.name == "Morgan Fictional"
    assert letter.signature is not None
    assert letter.signature.npi is None
    assert letter.text().count("I am writing to appeal") == 1
    assert "Please send the decision to me at the address above." in letter.text()


def test_esketamine_experimental_denial_is_answered_with_its_labeling():
    case = replace(
        example(),
        treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8, dose_mg=84),
    )
    case = with_denial(case, reason=DenialReason.EXPERIMENTAL_INVESTIGATIONAL)
    text = appeal.compose(case, TODAY, Options()).text()
    assert "within its FDA-approved labeling, in a REMS-certified setting" in text
    assert "off-label" not in text
    assert "Popova" in text
    uncertified = replace(case, clinic=replace(case.clinic, rems_certified=None))
    assert "it is an FDA-approved drug" in appeal.compose(uncertified, TODAY, Options()).text()


def test_a_pain_experimental_appeal_cites_the_pain_guideline_without_claiming_approval():
    case = replace(example(), diagnoses=(Diagnosis(code="G90.511", primary=True),))
    case = with_denial(case, reason=DenialReason.EXPERIMENTAL_INVESTIGATIONAL)
    text = appeal.compose(case, TODAY, Options()).text()
    assert "does not claim FDA approval for intravenous ketamine in chronic pain" in text
    assert "Cohen et al., 2018" in text
    assert "Schwartzman" in text


def test_a_not_medically_necessary_appeal_lists_the_criteria_met_and_why_now():
    case = with_denial(example(), reason=DenialReason.NOT_MEDICALLY_NECESSARY)
    text = assert_sound(appeal.compose(case, TODAY, Options()))
    assert "the history is set against the criteria health plans commonly apply" in text
    assert "Generic commercial" not in text
    assert "4 adequate failed antidepressant trials" in text
    assert not re.search(r"\b4 of 2\b", text)
    assert "Morgan Fictional has tried 4 antidepressants" in text
    assert (
        "The most recent scores are PHQ-9 24 of 27 and MADRS 36 of 60 (October 12, 2026)." in text
    )
    assert "Zarate et al., 2006" in text


def test_a_missing_documentation_appeal_lists_what_is_now_enclosed():
    case = with_denial(example(), reason=DenialReason.MISSING_DOCUMENTATION)
    letter = appeal.compose(case, TODAY, Options())
    assert "Documents now enclosed" in letter.text()
    assert letter.enclosures == (
        "Denial notice dated 11/02/2026",
        "Letter of medical necessity",
        "Treatment-history summary",
        "Clinical summary",
        "Rating scales (PHQ-9 and MADRS)",
        "Evidence list",
        "Recent clinical notes",
    )


def test_a_no_authorization_appeal_asks_for_retro_authorization_without_inventing_why():
    case = with_denial(
        example(),
        reason=DenialReason.NO_PRIOR_AUTHORIZATION,
        pre_service=False,
        claim_number="CLM-2026-1022-0001",
    )
    text = appeal.compose(case, TODAY, Options()).text()
    assert "authorize retroactively the services given on October 22, 2026" in text
    assert (
        "submitted on October 19, 2026 (reference EMI-PA-2026-104455); its status is denied" in text
    )
    assert "because" not in text.split("Retro-authorization request")[1].split("\n")[1].replace(
        "because prior authorization was not obtained", ""
    )


def test_an_out_of_network_appeal_requests_an_exception_without_asserting_a_network_gap():
    case = with_denial(example(), reason=DenialReason.OUT_OF_NETWORK)
    text = appeal.compose(case, TODAY, Options()).text()
    assert "network-gap exception" in text
    assert "single-case agreement" in text
    assert "If the plan has an in-network provider who offers this treatment" in text
    assert "no in-network" not in text.lower()
    assert "specialty is psychiatry" in text


def test_an_out_of_network_esketamine_appeal_mentions_rems_certification():
    case = replace(
        example(), treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8)
    )
    case = with_denial(case, reason=DenialReason.OUT_OF_NETWORK)
    assert "certified in the SPRAVATO REMS" in appeal.compose(case, TODAY, Options()).text()


def test_a_frequency_limit_appeal_shows_sessions_approved_and_used_and_the_response():
    pa = PriorAuthorization(
        id="pa-2",
        treatment=Treatment.IV_KETAMINE,
        submitted=date(2026, 10, 1),
        decision=Decision.APPROVED,
        authorization_number="AUTH-1",
        sessions_approved=6,
        valid_from=date(2026, 10, 5),
        valid_through=date(2026, 12, 31),
    )
    sessions = tuple(
        Session(on=date(2026, 10, day), treatment=Treatment.IV_KETAMINE, authorization_id="pa-2")
        for day in (5, 8, 12, 15, 19, 22)
    )
    scores = (
        *example().scores,
        ScaleScore(scale=Scale.PHQ9, score=9, on=date(2026, 11, 10)),
        ScaleScore(scale=Scale.MADRS, score=40, on=date(2026, 11, 10)),
    )
    case = replace(example(), prior_authorizations=(pa,), sessions=sessions, scores=scores)
    case = with_denial(case, reason=DenialReason.FREQUENCY_LIMIT)
    text = appeal.compose(case, TODAY, Options()).text()
    assert "AUTH-1 | 10/05/2026 to 12/31/2026 | 6 | 6" in text
    assert "6 sessions given from October 5, 2026 to October 22, 2026." in text
    assert "PHQ-9: 24 on 10/12/2026, 9 on 11/10/2026 (15 points lower, 63%)" in text
    assert "MADRS: 36 on 10/12/2026, 40 on 11/10/2026 (4 points higher)" in text
    assert "authorize the additional sessions" in text
    patient = appeal.compose(case, TODAY, Options(variant="patient")).text()
    assert "My rating-scale scores:" in patient


def test_unchanged_scores_are_reported_as_unchanged():
    scores = (*example().scores, ScaleScore(scale=Scale.PHQ9, score=24, on=date(2026, 11, 1)))
    case = with_denial(replace(example(), scores=scores), reason=DenialReason.FREQUENCY_LIMIT)
    assert "(unchanged)" in appeal.compose(case, TODAY, Options()).text()


def test_a_coding_error_gets_a_corrected_claim_cover_with_the_codes_and_rules():
    case = with_denial(
        example(), carc_codes=("CO-16",), pre_service=False, claim_number="CLM-2026-1022-0001"
    )
    letter = appeal.compose(case, TODAY, Options())
    text = letter.text()
    assert letter.title == "Corrected claim"
    assert (
        "Please process the enclosed corrected claim in place of claim CLM-2026-1022-0001." in text
    )
    assert "not a medical appeal" in text
    assert "(claim adjustment reason code 16)" in text
    assert "J3490 | Unclassified drug" in text
    assert "96365 | IV infusion of a drug, first hour | 1" in text
    assert "modifier 25" in text
    assert letter.enclosures == ("Denial notice dated 11/02/2026", "Corrected claim")
    assert letter.recipient is not None
    assert letter.recipient.lines[0] == "Claims department"


def test_a_corrected_esketamine_claim_names_j0013_and_s0013_by_date():
    case = replace(
        example(),
        treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8, dose_mg=56),
        sessions=(Session(on=date(2026, 11, 3), treatment=Treatment.ESKETAMINE),),
        claims=(Claim(claim_number="C-7", service_from=date(2026, 11, 3), billed=1),),
    )
    case = with_denial(case, reason=DenialReason.CODING_ERROR, claim_number="C-7")
    text = appeal.compose(case, TODAY, Options()).text()
    assert "J0013 | Esketamine nasal spray, per 1 mg | 56" in text
    assert "J0013 for dates of service from January 1, 2026, S0013 before then" in text
    assert "(date of service 11/03/2026)" in text


def test_a_coding_error_without_a_claim_number_is_missing_that_fact():
    case = with_denial(example(), reason=DenialReason.CODING_ERROR)
    with pytest.raises(MissingFactsError) as raised:
        appeal.compose(case, TODAY, Options())
    assert raised.value.missing[0].startswith("denials[d-9].claim_number: ")


@pytest.mark.parametrize("reason", [DenialReason.BENEFIT_EXCLUSION, DenialReason.OTHER])
def test_exclusions_of_mental_health_treatment_point_to_the_parity_request(reason):
    case = with_denial(example(), reason=reason)
    text = appeal.compose(case, TODAY, Options()).text()
    assert "separate parity disclosure request" in text
    pain = replace(case, diagnoses=(Diagnosis(code="G89.4", primary=True),))
    assert "parity" not in appeal.compose(pain, TODAY, Options()).text()


def test_every_denial_reason_gives_a_letter_that_cites_the_denial():
    for reason in DenialReason:
        case = with_denial(example(), reason=reason, claim_number="C-1", reference="R-1")
        text = assert_sound(appeal.compose(case, TODAY, Options()))
        assert "November 2, 2026" in text
        assert "C-1" in text


def test_a_final_internal_employer_denial_is_sent_to_external_review_instead():
    case = with_denial(example(), level=DenialLevel.FINAL_INTERNAL)
    with pytest.raises(KetacoverError, match="external review"):
        appeal.compose(case, TODAY, Options())


@pytest.mark.parametrize(
    "category", [PayerCategory.MEDICARE_ADVANTAGE, PayerCategory.MEDICAID_MANAGED_CARE]
)
def test_later_levels_of_managed_care_plans_are_not_internal_appeals(category):
    case = replace(example(), plan=replace(example().plan, category=category))
    case = with_denial(case, level=DenialLevel.INTERNAL_APPEAL)
    with pytest.raises(KetacoverError, match="d-9"):
        appeal.compose(case, TODAY, Options())


@pytest.mark.parametrize(
    ("category", "level", "title", "deadline"),
    [
        (
            PayerCategory.MEDICARE,
            DenialLevel.INITIAL,
            "Request for redetermination",
            "March 5, 2027",
        ),
        (
            PayerCategory.MEDICARE,
            DenialLevel.INTERNAL_APPEAL,
            "Request for reconsideration",
            "May 4, 2027",
        ),
        (
            PayerCategory.MEDICARE_ADVANTAGE,
            DenialLevel.INITIAL,
            "Request for reconsideration",
            "January 6, 2027",
        ),
        (
            PayerCategory.MEDICAID_MANAGED_CARE,
            DenialLevel.INITIAL,
            "Plan appeal",
            "January 1, 2027",
        ),
        (
            PayerCategory.INDIVIDUAL,
            DenialLevel.INTERNAL_APPEAL,
            "Second-level internal appeal",
            "May 4, 2027",
        ),
    ],
)
def test_the_title_and_deadline_follow_the_plan_and_level(category, level, title, deadline):
    case = replace(example(), plan=replace(example().plan, category=category))
    letter = appeal.compose(with_denial(case, level=level), TODAY, Options())
    assert letter.title == title
    assert deadline in letter.text()


def test_tricare_appeals_defer_to_the_notice_for_the_deadline():
    case = replace(example(), plan=replace(example().plan, category=PayerCategory.TRICARE))
    text = appeal.compose(with_denial(case), TODAY, Options()).text()
    assert "The denial notice and the plan documents give the appeal deadline" in text


def test_missing_member_id_and_prescriber_npi_are_listed():
    case = replace(
        example(),
        plan=replace(example().plan, member_id=None),
        prescriber=replace(example().prescriber, npi=None),
    )
    with pytest.raises(MissingFactsError) as raised:
        appeal.compose(case, TODAY, Options())
    assert [m.split(":")[0] for m in raised.value.missing] == ["plan.member_id", "prescriber.npi"]


def test_a_case_without_a_treatment_plan_or_clinic_still_gets_a_letter():
    case = replace(example(), treatment_plan=None, clinic=None)
    letter = appeal.compose(case, TODAY, Options(denial_id="denial-1"))
    assert letter.sender is None
    assert "approve prior authorization for IV ketamine infusion." in letter.text()
    assert "I am available to discuss this case with the plan's reviewer." in letter.text()


def bare(**changes: object) -> Case:
    """Only what an appeal needs: the patient, the plan, the prescriber and the denial."""
    case = example()
    base = Case(
        id="case-bare",
        patient=replace(case.patient, address=None),
        plan=case.plan,
        prescriber=case.prescriber,
        denials=(
            Denial(
                id="d-1",
                notice_date=date(2026, 11, 2),
                pre_service=False,
                claim_number="C-1",
            ),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("reason", list(DenialReason))
def test_a_bare_case_gets_a_letter_without_empty_sections_for_every_reason(reason):
    case = bare()
    case = replace(case, denials=(replace(case.denials[0], reason=reason),))
    letter = appeal.compose(case, TODAY, Options())
    text = letter.text()
    for heading in ("Diagnoses", "Rating scales", "Treatment history", "Evidence"):
        assert f"\n{heading}\n" not in text
    assert "The record shows" not in text
    assert "Morgan Fictional" in text


def test_a_bare_not_medically_necessary_appeal_with_suicidal_ideation_says_so():
    case = bare(history=ClinicalHistory(suicidal_ideation=True))
    case = replace(
        case, denials=(replace(case.denials[0], reason=DenialReason.NOT_MEDICALLY_NECESSARY),)
    )
    text = appeal.compose(case, TODAY, Options(variant="clinic")).text()
    assert "Why this treatment now\nMorgan Fictional has current suicidal ideation." in text


@pytest.mark.parametrize(
    ("plan_changes", "expected"),
    [
        (
            {"grandfathered": None},
            "(45 CFR 147.136; Centers for Medicare & Medicaid Services, HealthCare.gov: External "
            "review), if the plan is not grandfathered.",
        ),
        ({"category": PayerCategory.MEDICARE}, None),
        ({"grandfathered": True}, None),
    ],
)
def test_experimental_appeals_mention_external_review_only_where_it_applies(plan_changes, expected):
    case = with_denial(example(), reason=DenialReason.EXPERIMENTAL_INVESTIGATIONAL)
    case = replace(case, plan=replace(case.plan, **plan_changes))
    text = appeal.compose(case, TODAY, Options()).text()
    if expected is None:
        assert "Experimental or investigational determinations are eligible" not in text
    else:
        assert expected in text


def test_an_im_ketamine_coding_appeal_bills_j3490_and_the_injection():
    case = replace(
        example(),
        treatment_plan=TreatmentPlan(treatment=Treatment.IM_KETAMINE, sessions=6),
        clinic=replace(example().clinic, npi=None),
    )
    case = with_denial(case, reason=DenialReason.CODING_ERROR, claim_number="C-404")
    text = appeal.compose(case, TODAY, Options()).text()
    assert "96372 | Injection under the skin or into a muscle | 1" in text
    assert "Infusion units follow" not in text
    assert "(date of service 10/22/2026)" in text
    oon = with_denial(case, reason=DenialReason.OUT_OF_NETWORK)
    assert (
        "The treating clinic is Front Range Sample Infusion Clinic."
        in appeal.compose(oon, TODAY, Options()).text()
    )
    nothing = replace(oon, clinic=None, prescriber=replace(oon.prescriber, specialty=None))
    assert "treating clinic" not in appeal.compose(nothing, TODAY, Options()).text()

"""The prior-authorization cover sheet: golden text for every example, urgency and its clock.

Regenerate the golden files after a deliberate change with ``KETACOVER_UPDATE_GOLDEN=1``.
"""

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Letter, Paragraph
from ketacover.core.letters.readiness import NoPriorAuthorizationError, RequestBlockedError
from ketacover.core.model import (
    Case,
    ClinicalHistory,
    Decision,
    PayerCategory,
    PriorAuthorization,
    Treatment,
    Urgency,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "pa-cover-sheet"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
BLOCKED = ("bipolar-depression", "esketamine-one-failed-trial")
"""Examples whose record argues against the request: no cover sheet listing a letter that is
not written."""
ORIGINAL_MEDICARE = ("medicare-esketamine", "medicare-iv-ketamine")
"""Examples under Original Medicare, which has no prior authorization: no cover sheet."""
NAMES = sorted(
    path.stem
    for path in EXAMPLES.glob("*.yaml")
    if path.stem not in BLOCKED and path.stem not in ORIGINAL_MEDICARE
)


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def sheet(case: Case, variant: str | None = None, today: date = TODAY) -> Letter:
    return compose("pa-cover-sheet", case, today, Options(variant=variant))


def paragraphs(letter: Letter) -> list[str]:
    return [block.text for block in letter.body if isinstance(block, Paragraph)]


@pytest.mark.parametrize("name", NAMES)
def test_the_cover_sheet_matches_its_golden_text(name):
    letter = sheet(example(name))
    path = GOLDEN / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", BLOCKED)
def test_no_cover_sheet_is_written_where_the_record_argues_against_the_request(name):
    with pytest.raises(RequestBlockedError, match="cover sheet is not written"):
        sheet(example(name))


@pytest.mark.parametrize("name", NAMES)
def test_the_sheet_names_the_patient_member_codes_and_prescriber(name):
    case = example(name)
    text = sheet(case).text()
    assert case.patient.full_name in text
    assert case.plan is not None
    assert case.plan.member_id in text
    for diagnosis in case.diagnoses:
        assert diagnosis.code in text
    assert case.prescriber is not None
    assert f"NPI {case.prescriber.npi}" in text
    assert "[" + "insert" not in text.lower()
    assert "TODO" not in text
    assert "Confidential" in text


def test_an_urgent_case_asks_for_expedited_review_with_the_72_hour_date():
    letter = sheet(example("suicidal-ideation-expedited"))
    assert letter.subject.startswith("URGENT: expedited prior-authorization request")
    texts = paragraphs(letter)
    assert texts[0].startswith("URGENT: expedited review requested.")
    assert texts[1] == (
        "Submitted on November 23, 2026; the plan's decision is expected within 72 hours of the "
        "plan's receipt of this request."
    )
    assert "November 25" not in texts[1]
    assert dict(letter.references)["Plan reference"] == "PSH-PA-2026-55871"


@pytest.mark.parametrize(
    ("urgency", "suicidal", "due"),
    [
        (Urgency.STANDARD, False, "is due by December 8, 2026. Clock: 15 calendar days"),
        (Urgency.URGENT, False, "is due within 72 hours of the plan's receipt of this request."),
        (Urgency.STANDARD, True, "is due within 72 hours of the plan's receipt of this request."),
    ],
)
def test_an_employer_plan_gets_the_erisa_clock_with_its_rule(urgency, suicidal, due):
    case = replace(
        example("crps-iv-ketamine-ppo"),
        urgency=urgency,
        history=ClinicalHistory(suicidal_ideation=suicidal),
    )
    texts = paragraphs(sheet(case))
    assert texts[0].startswith("URGENT" if urgency is Urgency.URGENT or suicidal else "Standard")
    assert f"the plan's decision {due}" in texts[1]
    assert texts[1].endswith("Rule: 29 CFR 2560.503-1(f)(2).")


def test_a_pending_request_sets_the_start_of_the_clock():
    letter = sheet(example("medicare-advantage-pa-pending"))
    text = paragraphs(letter)[1]
    assert text.startswith("Counted from submission on November 18, 2026")
    assert "is expected by November 25, 2026. Clock: 7 calendar days" in text
    assert "Rule:" not in text


def test_a_pending_urgent_request_keeps_the_sheet_urgent():
    case = example("crps-iv-ketamine-ppo")
    pending = PriorAuthorization(
        id="pa-1",
        treatment=Treatment.IV_KETAMINE,
        submitted=date(2026, 11, 20),
        urgency=Urgency.URGENT,
        decision=Decision.PENDING,
    )
    decided = replace(pending, id="pa-0", decision=Decision.DENIED, urgency=Urgency.STANDARD)
    letter = sheet(replace(case, prior_authorizations=(decided, pending)))
    texts = paragraphs(letter)
    assert texts[0].startswith("URGENT")
    assert "November 20, 2026" in texts[1]
    assert "due within 72 hours of the plan's receipt" in texts[1]
    assert "Plan reference" not in dict(letter.references)


@pytest.mark.parametrize("name", ORIGINAL_MEDICARE)
def test_original_medicare_gets_no_cover_sheet_as_the_contractor_decides_on_the_claim(name):
    with pytest.raises(NoPriorAuthorizationError, match="Original Medicare has no prior"):
        sheet(example(name))


def test_a_medicare_advantage_case_still_gets_its_cover_sheet():
    letter = sheet(example("medicare-advantage-pa-pending"))
    assert "prior-authorization request" in letter.subject


def test_the_sheet_lists_what_is_requested_and_enclosed():
    letter = sheet(example("crps-iv-ketamine-ppo"))
    assert (
        "10 sessions of IV ketamine infusion, starting December 7, "
        "2026, over 2 weeks." in paragraphs(letter)
    )
    assert letter.enclosures == (
        "Letter of medical necessity",
        "Treatment-history summary",
        "Clinical summary",
        "Evidence list",
    )
    assert sheet(example("crps-iv-ketamine-ppo"), "with-clinical-notes").enclosures[-1] == (
        "Clinical notes"
    )
    assert "Pages" not in letter.text()


def test_a_plan_without_dates_or_fax_still_reads():
    case = example("crps-iv-ketamine-ppo")
    assert case.treatment_plan is not None
    assert case.clinic is not None
    case = replace(
        case,
        treatment_plan=replace(case.treatment_plan, start=None, weeks=None, price_per_session=None),
        clinic=replace(case.clinic, fax=None),
    )
    letter = sheet(case)
    assert "10 sessions of IV ketamine infusion." in paragraphs(letter)
    assert letter.sender is not None
    assert "Phone 614-555-0160" in letter.sender.lines


def test_a_variant_it_does_not_understand_is_refused():
    with pytest.raises(KetacoverError, match="with-clinical-notes"):
        sheet(example("crps-iv-ketamine-ppo"), "fax")


@pytest.mark.parametrize(
    ("change", "fact"),
    [
        ({"plan": None}, "plan"),
        ({"prescriber": None}, "prescriber"),
        ({"treatment_plan": None}, "treatment_plan"),
        ({"diagnoses": ()}, "diagnoses"),
        ({"clinic": None}, "clinic"),
    ],
)
def test_a_missing_required_fact_is_named(change, fact):
    with pytest.raises(MissingFactsError) as raised:
        sheet(replace(example("crps-iv-ketamine-ppo"), **change))
    assert fact in [why.split(":")[0] for why in raised.value.missing]


def test_a_clinic_without_a_phone_number_cannot_send_a_cover_sheet():
    case = example("crps-iv-ketamine-ppo")
    assert case.clinic is not None
    with pytest.raises(MissingFactsError) as raised:
        sheet(replace(case, clinic=replace(case.clinic, phone=None)))
    assert [why.split(":")[0] for why in raised.value.missing] == ["clinic.phone"]


def test_a_medicaid_plan_gets_the_seven_day_clock():
    case = example("crps-iv-ketamine-ppo")
    assert case.plan is not None
    case = replace(case, plan=replace(case.plan, category=PayerCategory.MEDICAID_MANAGED_CARE))
    assert "due by November 30, 2026. Clock: 7 calendar days" in paragraphs(sheet(case))[1]

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import expedited_appeal
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Letter
from ketacover.core.model import (
    Case,
    ClinicalHistory,
    DenialLevel,
    DenialReason,
    Diagnosis,
    PayerCategory,
    Urgency,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def urgent() -> Case:
    case = example()
    return replace(
        case,
        urgency=Urgency.URGENT,
        history=replace(case.history, suicidal_ideation=True),
        diagnoses=(*case.diagnoses, Diagnosis(code="R45.851")),
    )


def matches_golden(kind: str, name: str, letter: Letter) -> None:
    path = GOLDEN / kind / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_example_is_not_urgent_so_no_expedited_appeal_is_written():
    with pytest.raises(MissingFactsError) as raised:
        compose("expedited-appeal", example(), TODAY, Options(denial_id="denial-1"))
    assert raised.value.missing[0].startswith("urgency: ")


def test_the_urgent_example_matches_its_golden_text():
    letter = compose("expedited-appeal", urgent(), TODAY, Options(denial_id="denial-1"))
    matches_golden("expedited-appeal", "denial-appeal-running.urgent", letter)
    text = letter.text()
    assert "decided within 72 hours" in text
    assert "By signing this request I attest that applying the standard appeal timeframe" in text
    assert "Morgan Fictional has current suicidal ideation" in text
    assert "suicidal ideation is diagnosed (ICD-10-CM R45.851)" in text
    assert "Because the plan is not grandfathered, an expedited external review" in text
    assert "May 3, 2027" in text
    assert "F33.2" in text
    assert "XKC000678901" in text
    assert letter.signature is not None
    assert letter.signature.npi == "1098765435"


@pytest.mark.parametrize(
    ("changes", "urgent_"),
    [
        ({"urgency": Urgency.URGENT}, True),
        ({"history": ClinicalHistory(suicidal_ideation=True)}, True),
        ({"diagnoses": (Diagnosis(code="R45.851"),)}, True),
        ({}, False),
    ],
)
def test_urgency_comes_from_the_case_flags_or_the_diagnosis(changes, urgent_):
    case = replace(example(), **changes)
    assert expedited_appeal.is_urgent(case, case.denials[0]) is urgent_
    flagged = replace(case.denials[0], urgent=True)
    assert expedited_appeal.is_urgent(case, flagged)


@pytest.mark.parametrize(
    ("category", "clock"),
    [
        (
            PayerCategory.COMMERCIAL_SELF_FUNDED,
            "an appeal of an urgent care claim is decided within 72 hours",
        ),
        (PayerCategory.MARKETPLACE_QHP, "applies 29 CFR 2560.503-1 to individual coverage"),
        (PayerCategory.MEDICARE_ADVANTAGE, "expedited reconsideration is decided within 72 hours"),
        (PayerCategory.MEDICAID_MANAGED_CARE, "within 72 hours, with up to a 14-day extension"),
        (PayerCategory.MEDICARE, "as quickly as the patient's condition requires"),
        (PayerCategory.TRICARE, "as quickly as the patient's condition requires"),
    ],
)
def test_the_decision_clock_follows_the_plan(category, clock):
    case = replace(urgent(), plan=replace(urgent().plan, category=category, grandfathered=None))
    text = expedited_appeal.compose(case, TODAY, Options(denial_id="denial-1")).text()
    assert clock in text
    parallel = "If the plan is not grandfathered, an expedited external review" in text
    assert parallel is (
        category in (PayerCategory.COMMERCIAL_SELF_FUNDED, PayerCategory.MARKETPLACE_QHP)
    )


def test_no_parallel_external_review_for_reasons_it_does_not_cover():
    case = urgent()
    case = replace(case, denials=(replace(case.denials[0], reason=DenialReason.OUT_OF_NETWORK),))
    assert (
        "Expedited external review" not in expedited_appeal.compose(case, TODAY, Options()).text()
    )


def test_the_expedited_appeal_has_no_patient_variant():
    with pytest.raises(KetacoverError, match="prescriber attests"):
        expedited_appeal.compose(urgent(), TODAY, Options(variant="patient"))


def test_a_final_internal_denial_is_not_appealed_internally():
    case = urgent()
    case = replace(case, denials=(replace(case.denials[0], level=DenialLevel.FINAL_INTERNAL),))
    with pytest.raises(KetacoverError, match="external review"):
        expedited_appeal.compose(case, TODAY, Options())


def test_the_statement_stands_without_scores_or_diagnoses():
    case = replace(urgent(), scores=(), diagnoses=(), history=ClinicalHistory())
    text = expedited_appeal.compose(case, TODAY, Options(denial_id="denial-1")).text()
    assert "The record shows" not in text
    assert "Rating scales" not in text

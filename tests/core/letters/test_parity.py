import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import parity
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Letter
from ketacover.core.model import Case, DenialReason, Diagnosis, Treatment, TreatmentPlan
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def matches_golden(kind: str, name: str, letter: Letter) -> None:
    path = GOLDEN / kind / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("denial-appeal-running", Options(denial_id="denial-1")),
        ("denial-appeal-running.clinic", Options(denial_id="denial-1", variant="clinic")),
    ],
)
def test_the_example_requests_match_their_golden_text(name, options):
    letter = compose("parity-request", example(), TODAY, options)
    matches_golden("parity-request", name, letter)
    text = letter.text()
    assert "Mental Health Parity and Addiction Equity Act" in text
    assert "comparative analysis for this nonquantitative treatment limitation" in text
    assert "medical/surgical benefits in the same classification" in text
    assert "F33.2" in text
    assert "XKC000678901" in text


def test_the_request_asserts_no_citation_deadline_or_right():
    text = parity.compose(example(), TODAY, Options()).text()
    for word in ("CFR", "U.S.C.", "within", "days", "entitled", "must"):
        assert word not in text
    assert "Check the plan's documents" in text


def test_the_patient_sends_it_by_default_and_the_clinic_on_request():
    patient = parity.compose(example(), TODAY, Options())
    assert patient.sender is not None
    assert patient.sender.name == "Morgan Fictional"
    assert "for my treatment" in patient.text()
    clinic = parity.compose(example(), TODAY, Options(variant="clinic"))
    assert clinic.signature is not None
    assert clinic.signature.npi == "1098765435"
    assert "my patient Morgan Fictional's treatment" in clinic.text()
    assert "the clinic at the address above" in clinic.text()


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (DenialReason.NOT_MEDICALLY_NECESSARY, "treating it as not medically necessary"),
        (DenialReason.BENEFIT_EXCLUSION, "treating it as excluded from coverage"),
    ],
)
def test_the_limitation_follows_the_denial_reason(reason, words):
    case = example()
    case = replace(case, denials=(replace(case.denials[0], reason=reason),))
    assert words in parity.compose(case, TODAY, Options()).text()


def test_without_a_denial_the_plans_own_answer_is_enough():
    case = replace(example(), denials=())
    letter = parity.compose(case, TODAY, Options())
    assert (
        "when asked whether the treatment is covered, treating it as not covered" in letter.text()
    )
    assert letter.enclosures == ()


def test_without_a_denial_or_the_plans_answer_the_request_is_missing_a_fact():
    case = replace(
        example(), denials=(), plan=replace(example().plan, ketamine_infusion_covered=None)
    )
    with pytest.raises(MissingFactsError) as raised:
        parity.compose(case, TODAY, Options())
    assert raised.value.missing[0].startswith("denials: ")
    esketamine = replace(
        case,
        treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8),
        plan=replace(case.plan, esketamine_covered=False),
    )
    assert "esketamine nasal spray" in parity.compose(esketamine, TODAY, Options()).text()
    no_plan_treatment = replace(
        case, treatment_plan=None, plan=replace(case.plan, ketamine_infusion_covered=False)
    )
    assert "the requested treatment" in parity.compose(no_plan_treatment, TODAY, Options()).text()


def test_a_case_without_a_mental_health_diagnosis_is_refused():
    case = replace(example(), diagnoses=(Diagnosis(code="G90.511", primary=True),))
    with pytest.raises(KetacoverError, match="chapter F"):
        parity.compose(case, TODAY, Options())
    with pytest.raises(MissingFactsError) as raised:
        parity.compose(replace(example(), diagnoses=()), TODAY, Options())
    assert raised.value.missing[0].startswith("diagnoses: ")

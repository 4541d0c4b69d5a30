"""Which documents a patient can use without a clinic, with the reason each fits the case."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.letters.catalog import Options, compose, cover_note
from ketacover.core.letters.language import Language
from ketacover.core.letters.patient_documents import PatientDocument, patient_documents
from ketacover.core.model import Case, DenialLevel, DenialReason, PayerCategory
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TODAY = date(2026, 11, 23)
NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
ON_THEIR_OWN = {"call-script", "appeal", "external-review", "parity-request"}


def example(name: str = "denial-appeal-running") -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def kinds(found: tuple[PatientDocument, ...]) -> list[tuple[str, str | None]]:
    return [(item.kind, item.options.denial_id) for item in found]


def test_a_denied_case_offers_the_script_an_appeal_per_denial_and_the_parity_request():
    found = patient_documents(example(), TODAY)
    assert kinds(found) == [
        ("call-script", None),
        ("appeal", "denial-2"),
        ("appeal", "denial-1"),
        ("parity-request", "denial-2"),
    ]
    assert all(item.missing == () for item in found)
    appeal = found[1]
    assert appeal.options == Options(denial_id="denial-2", variant="patient")
    assert appeal.due == date(2027, 5, 11)
    assert appeal.cover_note
    assert appeal.languages == (Language.EN,)
    assert appeal.title == "Internal appeal letter"
    assert appeal.reason.endswith("Last day to send it: May 11, 2027.")
    assert found[0].languages == (Language.EN, Language.ES)
    assert not found[0].cover_note


@pytest.mark.parametrize("name", NAMES)
def test_every_document_offered_can_be_written_in_the_language_asked_for(name):
    case = example(name)
    for item in patient_documents(case, TODAY, language=Language.ES):
        assert item.kind in ON_THEIR_OWN
        assert item.reason
        letter = compose(item.kind, case, TODAY, item.options, language=Language.ES)
        assert letter.language is (Language.ES if Language.ES in item.languages else Language.EN)
        if item.cover_note:
            note = cover_note(item.kind, case, TODAY, item.options, language=Language.ES)
            assert note.language is Language.ES
        assert item.options.variant in (None, "patient")


def test_the_reasons_come_in_spanish():
    found = patient_documents(example(), TODAY, language=Language.ES)
    assert found[0].title == "Guion para llamar a su plan de salud"
    assert found[1].reason == (
        "Example Mountain Insurance negó el reclamo por la infusión intravenosa (IV) de ketamina "
        "en el aviso con fecha 9 de noviembre de 2026. Puede apelar con esta carta, que usted "
        "firma y envía. Último día para enviarla: 11 de mayo de 2027."
    )
    assert "autorización previa" in found[2].reason


def test_a_final_internal_denial_offers_external_review_instead_of_an_appeal():
    case = example()
    final = replace(case.denials[0], level=DenialLevel.FINAL_INTERNAL)
    found = patient_documents(replace(case, denials=(final,)), TODAY)
    assert kinds(found)[1] == ("external-review", "denial-1")
    assert found[1].due == date(2027, 3, 4)
    assert "external review" in found[1].reason
    assert "appeal" not in [item.kind for item in found]


def test_a_plan_without_external_review_offers_neither_review_nor_appeal_for_a_final_denial():
    case = example()
    assert case.plan is not None
    final = replace(case.denials[0], level=DenialLevel.FINAL_INTERNAL)
    plan = replace(case.plan, category=PayerCategory.MEDICARE)
    found = patient_documents(replace(case, plan=plan, denials=(final,)), TODAY)
    assert [item.kind for item in found if item.kind != "parity-request"] == ["call-script"]


def test_a_coding_error_is_left_to_the_clinic_to_correct():
    case = example()
    coding = replace(case.denials[1], reason=DenialReason.CODING_ERROR)
    found = patient_documents(replace(case, denials=(coding,)), TODAY)
    assert [item.kind for item in found] == ["call-script"]


def test_a_missing_address_is_named_so_a_form_can_ask_for_it():
    case = example()
    found = patient_documents(replace(case, patient=replace(case.patient, address=None)), TODAY)
    appeal = next(item for item in found if item.kind == "appeal")
    assert appeal.missing == ("patient.address",)
    assert next(item for item in found if item.kind == "call-script").missing == ()


def test_a_case_without_a_plan_still_offers_the_call_with_what_it_lacks():
    case = replace(example(), plan=None)
    (script,) = patient_documents(case, TODAY)
    assert script.kind == "call-script"
    assert "plan" in script.missing
    assert "your plan" in script.reason


def test_a_past_deadline_is_said_in_the_reason():
    found = patient_documents(example(), date(2027, 6, 1))
    appeal = next(item for item in found if item.kind == "appeal")
    assert appeal.reason.endswith("The last day to send it was May 11, 2027: call the plan first.")


def test_the_parity_request_needs_a_mental_health_diagnosis():
    found = patient_documents(example("crps-iv-ketamine-ppo"), TODAY)
    assert "parity-request" not in [item.kind for item in found]


def test_a_plan_without_an_appeal_rule_gives_no_last_day():
    case = example()
    assert case.plan is not None
    found = patient_documents(
        replace(case, plan=replace(case.plan, category=PayerCategory.TRICARE)), TODAY
    )
    appeal = next(item for item in found if item.kind == "appeal")
    assert appeal.due is None
    assert "Last day" not in appeal.reason


def test_a_denial_of_an_unknown_treatment_is_worded_without_one():
    case = example()
    bare = replace(case, treatment_plan=None, prior_authorizations=())
    found = patient_documents(bare, TODAY, language=Language.ES)
    reasons = [item.reason for item in found if item.kind in ("appeal", "parity-request")]
    assert reasons
    assert all("el tratamiento pedido" in reason for reason in reasons)


def test_without_a_denial_the_parity_request_waits_for_the_plan_to_decline_even_with_gaps():
    case = example()
    plan = replace(
        case.plan, member_id=None, ketamine_infusion_covered=None, esketamine_covered=None
    )
    undecided = replace(case, denials=(), plan=plan)
    assert "parity-request" not in [item.kind for item in patient_documents(undecided, TODAY)]
    declined = replace(
        undecided, plan=replace(plan, ketamine_infusion_covered=False, esketamine_covered=False)
    )
    parity = next(
        item for item in patient_documents(declined, TODAY) if item.kind == "parity-request"
    )
    assert "plan.member_id" in parity.missing

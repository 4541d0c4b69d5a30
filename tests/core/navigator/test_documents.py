"""The documents a situation calls for, what each still needs, and the core letters they are."""

from __future__ import annotations

from ketacover.core.letters.language import Language
from ketacover.core.navigator.answers import Answers
from ketacover.core.navigator.documents import compose_note, compose_offer, document_case, offers
from ketacover.core.navigator.outlook import outlook

from .scenarios import SCENARIOS, TODAY


def _offers(answers: Answers, language: Language = Language.EN):
    found = outlook(answers, TODAY)
    return {offer.name: offer for offer in offers(answers, found, language)}, found


def test_no_plan_no_documents():
    assert _offers(SCENARIOS["nothing known"])[0] == {}


def test_a_call_script_waits_for_the_persons_details():
    found, _ = _offers(SCENARIOS["job plan, Spravato, two failed medicines"])
    assert list(found) == ["call-script"]
    script = found["call-script"]
    assert not script.ready
    assert script.needs == ("your name and date of birth", "your member ID")


def test_no_insurer_name_no_letter_to_it():
    answers = SCENARIOS["job plan, Spravato, two failed medicines"].updated({"insurer": None})
    found, _ = _offers(answers, Language.ES)
    assert "el nombre de su aseguradora" in found["call-script"].needs


def test_a_final_denial_calls_for_the_external_review_and_parity_letters():
    answers = SCENARIOS["Marketplace HMO, IV ketamine, denied as experimental, final"]
    found, merged = _offers(answers, Language.ES)
    assert list(found) == ["call-script", "external-review", "parity-request"]
    assert all(offer.ready for offer in found.values())
    assert found["call-script"].language is Language.ES
    assert found["external-review"].language is Language.EN
    assert found["external-review"].options.variant == "patient"
    assert found["external-review"].has_note
    letter = compose_offer(found["external-review"], answers, merged, TODAY)
    text = letter.text()
    assert "Testperson" in text
    assert "XKC000123456" in text
    script = compose_offer(found["call-script"], answers, merged, TODAY)
    assert "Example Health" in script.text()
    note = compose_note(found["external-review"], answers, merged, Language.ES)
    assert note.text() != letter.text()


def test_a_first_denial_calls_for_an_appeal_the_patient_signs_with_their_address():
    answers = SCENARIOS["Marketplace HMO, IV ketamine, denied as experimental, final"].updated(
        {"denial_level": "first", "street": None}
    )
    found, _ = _offers(answers)
    assert "appeal" in found
    assert "external-review" not in found
    assert found["appeal"].needs == ("your mailing address",)
    assert found["call-script"].ready


def test_the_document_case_prints_nothing_empty():
    answers = SCENARIOS["Marketplace HMO, IV ketamine, denied as experimental, final"]
    case = document_case(answers, outlook(answers, TODAY), TODAY)
    assert case.clinic is None
    assert case.patient.full_name == "Robin Testperson"

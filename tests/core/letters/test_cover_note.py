"""The patient's cover note: what an English letter to the plan is, who signs it, where it goes
and by when, in the patient's language."""

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.deadlines import external_review_filing
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import cover_note as cover_note_module
from ketacover.core.letters.catalog import Options, compose, cover_note
from ketacover.core.letters.cover_note import KINDS
from ketacover.core.letters.denials import appeal_rights
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Blank, Bullets, Heading, Letter, Paragraph
from ketacover.core.letters.text import long_date
from ketacover.core.model import (
    Address,
    Appeal,
    AppealOutcome,
    Case,
    DenialLevel,
    DenialReason,
    PayerCategory,
    Urgency,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "cover-note"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
PATIENT = Options(variant="patient")
ES = Language.ES


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def with_appeals_address(case: Case) -> Case:
    assert case.plan is not None
    address = Address(line1="PO Box 0100", city="Denver", state="CO", postal_code="80202")
    plan = replace(case.plan, appeals_address=address, appeals_fax="866-555-0199")
    return replace(case, plan=plan)


def final() -> Case:
    """The example after the internal appeal of denial-1 was upheld on 2027-01-15."""
    case = example()
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


def note(name: str, case: Case, options: Options = PATIENT, today: date = TODAY) -> Letter:
    return cover_note(name, case, today, options, language=ES)


def section(letter: Letter, heading: str) -> list[str]:
    """The words under ``heading``, up to the next heading."""
    words: list[str] = []
    inside = False
    for block in letter.body:
        if isinstance(block, Heading):
            inside = block.text == heading
        elif inside and isinstance(block, Paragraph):
            words.append(block.text)
        elif inside and isinstance(block, Bullets):
            words += block.items
    return words


@pytest.mark.parametrize(
    ("name", "case", "options"),
    [
        ("appeal.patient", "example", PATIENT),
        ("appeal.clinic", "example", Options()),
        ("external-review.patient", "final", PATIENT),
        ("parity-request.patient", "example", Options()),
    ],
)
def test_the_spanish_cover_notes_match_their_golden_text(name, case, options):
    built = with_appeals_address(example() if case == "example" else final())
    letter = note(name.split(".")[0], built, options)
    path = GOLDEN / f"{name}.es.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_note_is_spanish_and_quotes_the_english_title():
    letter = note("appeal", example())
    assert letter.language is Language.ES
    assert letter.kind == "cover-note"
    assert letter.title == "Nota sobre la carta «Internal appeal»"
    assert section(letter, "Qué es esta carta")[0] == (
        "La carta se titula «Internal appeal»: es una apelación interna."
    )
    assert "La carta está en inglés porque la lee su plan de salud." in letter.text()


def test_the_patient_signs_and_only_the_signers_fields_are_named():
    letter = note("appeal", example())
    (signer,) = section(letter, "Quién la firma")
    assert signer.startswith("Usted. Firme en la línea «Signature»")
    assert "«Date signed»" in signer
    assert not any(isinstance(block, Blank) for block in letter.body)
    assert "____" not in letter.text()
    assert "[insert" not in letter.text().lower()


def test_the_clinic_variant_says_the_prescriber_signs_and_the_clinic_sends_it():
    letter = note("appeal", example(), Options())
    (signer,) = section(letter, "Quién la firma")
    assert signer.startswith("La firma Tomas Exampleton")
    assert "Guarde una copia de todo lo que envíe." not in letter.text()
    assert "Pida a la clínica una copia de lo que envíe." in letter.text()


def test_the_deadline_is_the_appeal_window_of_the_denial_answered():
    case = example()
    assert case.plan is not None
    window = appeal_rights(case.denials[1], case.plan).window
    assert window is not None
    (when,) = section(note("appeal", case), "Para cuándo")
    assert f"el último día es el {long_date(window.deadline.due, ES)}." in when
    first = note("appeal", case, Options(variant="patient", denial_id="denial-1"))
    other = appeal_rights(case.denials[0], case.plan).window
    assert other is not None
    assert long_date(other.deadline.due, ES) in " ".join(section(first, "Para cuándo"))


def test_a_date_printed_on_the_notice_is_the_one_given():
    case = example()
    printed = replace(case.denials[1], appeal_deadline_on_notice=date(2027, 4, 30))
    case = replace(case, denials=(case.denials[0], printed))
    (when,) = section(note("appeal", case), "Para cuándo")
    assert when.startswith("El aviso de negación da el 30 de abril de 2027 como último día.")


def test_a_date_already_past_says_so():
    later = date(2027, 6, 1)
    text = " ".join(section(note("appeal", example(), today=later), "Para cuándo"))
    assert "Esa fecha ya pasó." in text


def test_an_urgent_case_is_told_to_ask_for_an_urgent_review():
    case = replace(example(), urgency=Urgency.URGENT)
    text = " ".join(section(note("appeal", case), "Para cuándo"))
    assert "pida una revisión urgente" in text
    assert "revisión urgente" not in " ".join(section(note("appeal", example()), "Para cuándo"))


def test_a_plan_without_a_rule_sends_the_reader_to_the_notice():
    case = example()
    assert case.plan is not None
    case = replace(case, plan=replace(case.plan, category=PayerCategory.TRICARE))
    (when,) = section(note("appeal", case), "Para cuándo")
    assert when.startswith("El aviso de negación y los documentos del plan dan la fecha límite")


def test_the_address_and_fax_on_file_are_where_it_goes():
    letter = note("appeal", with_appeals_address(example()))
    where = section(letter, "Adónde enviarla")
    assert where == [
        "Envíela a Example Mountain Insurance, departamento de apelaciones («Appeals department»):",
        "Por correo: PO Box 0100, Denver, CO 80202",
        "Por fax: 866-555-0199",
    ]


def test_without_an_address_the_reader_is_told_where_to_look():
    (where,) = section(note("appeal", example()), "Adónde enviarla")
    assert "Búsquelos en el aviso de negación" in where


def test_the_external_review_note_gives_the_four_month_deadline():
    case = with_appeals_address(final())
    assert case.plan is not None
    letter = note("external-review", case)
    window = external_review_filing(case.denials[-1], case.plan)
    assert window is not None
    assert long_date(window.deadline.due, ES) in " ".join(section(letter, "Para cuándo"))
    assert "una solicitud de revisión externa" in letter.text()
    assert "La decisión de esa organización es obligatoria para el plan." in letter.text()
    assert "Si el aviso final da otra dirección para la revisión externa, use esa." in (
        section(letter, "Adónde enviarla")
    )


def test_the_parity_request_note_claims_no_deadline():
    letter = note("parity-request", example(), Options())
    (when,) = section(letter, "Para cuándo")
    assert when.startswith("Las fuentes de ketacover no dan una fecha límite")
    assert "Mental Health Parity and Addiction Equity Act" in letter.text()


def test_the_enclosures_are_named_in_spanish_beside_the_letters_english():
    case = example()
    letter = compose("appeal", case, TODAY, PATIENT)
    items = section(note("appeal", case), "Qué enviar con la carta")[1:]
    assert len(items) == len(letter.enclosures)
    for item, english in zip(items, letter.enclosures, strict=True):
        assert item.endswith(f"(«{english}»)")
    assert items[0] == (
        "El aviso de negación del 9 de noviembre de 2026 («Denial notice dated 11/09/2026»)"
    )
    assert "Los cuestionarios de síntomas PHQ-9 y MADRS («Rating scales (PHQ-9 and MADRS)»)" in (
        items
    )


@pytest.mark.parametrize("reason", list(DenialReason))
@pytest.mark.parametrize("category", list(PayerCategory))
def test_every_reason_and_plan_gets_a_note_without_english_outside_quotes(
    reason, category, english_leaks
):
    case = with_appeals_address(example())
    assert case.plan is not None
    denial = replace(case.denials[1], reason=reason, claim_number="CLM-2026-1022-0001")
    case = replace(case, plan=replace(case.plan, category=category), denials=(denial,))
    try:
        letter = note("appeal", case)
    except KetacoverError as error:
        # The appeal itself is refused for this plan (not the next step): no note either.
        with pytest.raises(KetacoverError, match=str(error)):
            compose("appeal", case, TODAY, PATIENT)
        return
    assert english_leaks(letter.text(), case) == []


def test_the_external_review_and_parity_notes_have_no_english_outside_quotes(english_leaks):
    case = with_appeals_address(final())
    for name in ("external-review", "parity-request"):
        assert english_leaks(note(name, case).text(), case) == []


def test_the_english_note_says_the_same_in_english():
    letter = cover_note("appeal", example(), TODAY, PATIENT, language=Language.EN)
    assert letter.language is Language.EN
    assert letter.title == 'A note about the letter "Internal appeal"'
    assert "«" not in letter.text()
    assert "By the rule for your plan, the last day is May 11, 2027." in letter.text()


def test_a_kind_without_a_note_is_refused_with_the_kinds_that_have_one():
    with pytest.raises(KetacoverError, match="medical-necessity has no cover note"):
        note("medical-necessity", example())
    assert KINDS == ("appeal", "external-review", "parity-request")


def test_a_letter_that_cannot_be_written_gets_no_note():
    case = replace(example(), patient=replace(example().patient, address=None))
    with pytest.raises(MissingFactsError) as raised:
        note("appeal", case)
    assert any(item.startswith("patient.address") for item in raised.value.missing)


@pytest.mark.parametrize(
    ("wording", "value", "field"),
    [
        (cover_note_module._letter_name, "Love letter", "a letter titled 'Love letter'"),
        (cover_note_module._department, "Mailroom", "the department 'Mailroom'"),
        (cover_note_module._translated_enclosure, "Photographs", "the enclosure 'Photographs'"),
    ],
)
def test_wording_it_does_not_have_is_refused_by_name_never_left_in_english(wording, value, field):
    with pytest.raises(KetacoverError, match=f"no cover-note wording for {field}"):
        wording(value, ES)


def test_every_title_department_and_enclosure_the_letters_use_has_wording():
    case = with_appeals_address(final())
    for name, built in (("appeal", example()), ("external-review", case)):
        for options in (PATIENT, Options()):
            letter = compose(name, built, TODAY, options)
            assert letter.title in cover_note_module.say.LETTER_NAMES
            for item in letter.enclosures:
                assert cover_note_module._translated_enclosure(item, ES)


def test_a_denial_of_an_unknown_treatment_is_worded_without_one():
    bare = replace(example(), treatment_plan=None, prior_authorizations=())
    (_, asks, _) = section(note("appeal", bare), "Qué es esta carta")
    assert "el reclamo por los servicios pedidos" in asks
    parity = note("parity-request", bare, Options())
    assert "para no cubrir el tratamiento pedido" in section(parity, "Qué es esta carta")[1]

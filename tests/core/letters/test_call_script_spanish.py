"""The benefits call script in Spanish: for a Spanish-speaking caller phoning a US plan.

Golden text for every example (regenerate with ``KETACOVER_UPDATE_GOLDEN=1``), each question in
Spanish with the English to read aloud under it, and no English anywhere else.
"""

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.coverage import assess
from ketacover.core.letters.call_script import compose as compose_script
from ketacover.core.letters.call_script import questions
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Blank, Heading, Letter, Paragraph
from ketacover.core.model import Case, PayerCategory, PlanType, Treatment, Urgency
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "call-script-es"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
READ = "Lea en inglés: «"
BLANKS = {
    "Respuesta",
    "Fecha y hora de la llamada",
    "Número al que llamó",
    "Nombre o número de identificación del representante",
    "Número de referencia de la llamada",
}


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def spanish(case: Case) -> Letter:
    return compose("call-script", case, TODAY, language=Language.ES)


def paragraphs(letter: Letter) -> list[str]:
    return [block.text for block in letter.body if isinstance(block, Paragraph)]


def variants() -> list[Case]:
    """The examples under other plans, treatments and urgencies, for the sweeps below."""
    found = []
    for number, name in enumerate(NAMES):
        case = example(name)
        assert case.plan is not None
        assert case.treatment_plan is not None
        for offset, category in enumerate(PayerCategory):
            if (number + offset) % 3:
                continue
            plan_type = list(PlanType)[(number + offset) % len(PlanType)]
            treatment = list(Treatment)[(number + offset) % len(Treatment)]
            found.append(
                replace(
                    case,
                    plan=replace(case.plan, category=category, plan_type=plan_type),
                    treatment_plan=replace(
                        case.treatment_plan,
                        treatment=treatment,
                        infusion_minutes=(10, 40, 240)[offset % 3],
                    ),
                    urgency=Urgency.URGENT if offset % 2 else Urgency.STANDARD,
                )
            )
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_spanish_call_script_matches_its_golden_text(name):
    letter = spanish(example(name))
    path = GOLDEN / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_each_question_is_in_spanish_with_its_english_to_read_aloud_beneath(name):
    case = example(name)
    letter = spanish(case)
    assessment = assess(case, TODAY)
    english = [q.text for q in questions(case, TODAY, assessment) if q.known is None]
    es = [q.text for q in questions(case, TODAY, assessment, language=Language.ES) if not q.known]
    assert len(es) == len(english)
    texts = paragraphs(letter)
    for number, (question, sentence) in enumerate(zip(es, english, strict=True), start=1):
        at = texts.index(f"{number}. {question}")
        assert texts[at + 1] == f"{READ}{sentence}»"
        assert question != sentence


@pytest.mark.parametrize("name", NAMES)
def test_every_answer_on_file_is_confirmed_in_english(name):
    case = example(name)
    assessment = assess(case, TODAY)
    english = [q.known for q in questions(case, TODAY, assessment) if q.known is not None]
    texts = paragraphs(spanish(case))
    confirmations = [t for t in texts if t.startswith(f"{READ}Please confirm: ")]
    assert confirmations == [f"{READ}Please confirm: {answer}»" for answer in english]
    assert len([t for t in texts if t.startswith("Ya se sabe: ")]) == len(english)


@pytest.mark.parametrize("name", NAMES)
def test_no_english_leaks_outside_the_lines_read_aloud(name, english_leaks):
    case = example(name)
    assert english_leaks(spanish(case).text(), case) == []


def test_no_english_leaks_in_any_plan_treatment_or_urgency(english_leaks):
    for case in variants():
        assert english_leaks(spanish(case).text(), case) == [], case.id


@pytest.mark.parametrize("name", NAMES)
def test_only_the_call_fields_are_left_blank_and_labelled_in_spanish(name):
    letter = spanish(example(name))
    labels = {block.label for block in letter.body if isinstance(block, Blank)}
    assert labels <= BLANKS
    assert BLANKS - {"Respuesta"} <= labels
    text = letter.text()
    assert "[insert" not in text.lower()
    assert text.count("____") == sum(isinstance(block, Blank) for block in letter.body)


def test_the_spanish_script_names_the_patient_dates_and_plan_in_spanish():
    letter = spanish(example("denial-appeal-running"))
    assert letter.title == "Guion para llamar a su plan de salud"
    assert letter.language is Language.ES
    assert ("Fecha de nacimiento", "9 de agosto de 1975") in letter.references
    assert ("Número de miembro", "XKC000678901") in letter.references
    assert letter.running_header == "Morgan Fictional · Fecha de nacimiento: 9 de agosto de 1975"
    headings = [block.text for block in letter.body if isinstance(block, Heading)]
    assert headings[:4] == [
        "Para qué es esta llamada",
        "A quién llamar",
        "Tenga a mano",
        ("Códigos para dar al representante"),
    ]


def test_the_caller_may_ask_for_an_interpreter_but_no_right_to_one_is_claimed():
    letter = spanish(example("esketamine-ready-ppo"))
    lines = [line for line in letter.text().splitlines() if re.search("rprete|rpreter", line)]
    assert lines == [
        "Prefiero hablar en español. ¿Hay un intérprete de español para esta llamada?",
        "Lea en inglés: «I prefer to speak Spanish. Is a Spanish interpreter available for this "
        "call?»",
    ]


def test_the_opening_reads_the_patients_identifiers_aloud_in_english():
    texts = paragraphs(spanish(example("denial-appeal-running")))
    assert (
        f"{READ}Hello. I am calling about coverage for a treatment for the member Morgan "
        "Fictional, date of birth August 9, 1975, member ID XKC000678901.»"
    ) in texts


def test_the_decision_clocks_are_given_in_spanish_and_in_english():
    text = spanish(example("denial-appeal-running")).text()
    assert "15 días calendario desde que el plan recibe la solicitud" in text
    assert "72 horas desde que el plan recibe la solicitud" in text
    assert "15 calendar days from receipt of the request (counted from submission)" in text


def test_english_stays_the_default_and_unchanged():
    case = example("hmo-no-oon-benefits")
    default = compose("call-script", case, TODAY)
    assert compose("call-script", case, TODAY, language=Language.EN) == default
    assert compose_script(case, TODAY, Options()) == default
    assert default.language is Language.EN
    assert READ not in default.text()


def test_a_case_without_phones_sends_the_caller_to_the_card_in_spanish():
    case = example("esketamine-ready-ppo")
    assert case.plan is not None
    bare = replace(case, plan=replace(case.plan, phone_behavioral_health=None, phone_medical=None))
    text = spanish(bare).text()
    assert "detrás de su tarjeta del seguro" in text


def test_only_the_other_line_on_file_is_named_in_spanish():
    case = example("esketamine-ready-ppo")
    assert case.plan is not None
    medical_only = replace(case, plan=replace(case.plan, phone_behavioral_health=None))
    text = spanish(medical_only).text()
    assert "Llame a la línea de beneficios médicos al" in text
    assert "el caso no tiene el número de la línea de salud mental" in text


def test_the_leak_check_finds_english_outside_the_guillemets(english_leaks):
    case = example("esketamine-ready-ppo")
    assert english_leaks("Respuesta: «the answer» and the rest", case) == ["and", "the"]
    assert english_leaks(f"Paciente: {case.patient.full_name}", case) == []

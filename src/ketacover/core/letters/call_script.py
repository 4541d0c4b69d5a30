"""The benefits call script: what to ask the plan on the phone, with room for the answers.

Tailored to the plan (which phone line, the plan type, the payer category) and to the pathways:
the planned treatment, plus the other prior-authorization pathway when the coverage assessment
(:func:`ketacover.core.coverage.assess`) does not find it unlikely. Questions whose answers the
case already holds are not asked again but listed as "already known" lines to confirm. Codes to
quote come from sourcebook codes.toml; the decision clocks quoted for comparison come from
:func:`ketacover.core.deadlines.pa_decision_due` (sourcebook appeals.toml); the S0013 to J0013
question follows sourcebook codes.toml (confirm which code an existing authorization references
(partly verified)). Only the answers, the representative, the reference number and the time of the
call are left blank.

In Spanish (``language=Language.ES``) the script is for a Spanish-speaking caller phoning a US
plan: every instruction and question is in Spanish, and under each question, each answer to
confirm and each thing to say is the English sentence to read to the representative (in
«guillemets»). The blanks to fill (the answers, the representative, the reference number) are
labelled in Spanish. The wording is in :mod:`.call_phrases` and :mod:`.script_phrases`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ketacover.core.coverage import Assessment, Verdict, assess
from ketacover.core.letters import parts
from ketacover.core.letters import script_phrases as say
from ketacover.core.letters.call_questions import Question, questions, service_date
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.language import READ_ALOUD, Language, Phrase
from ketacover.core.letters.letter import Blank, Block, Bullets, Heading, Letter, Paragraph
from ketacover.core.letters.terms import pathway_name, treatment_name, verdict_word
from ketacover.core.letters.text import long_date
from ketacover.core.model import Case

DOCUMENT = "call-script"
NOTICE = say.NOTICE.en

__all__ = ["DOCUMENT", "NOTICE", "Question", "compose", "questions"]


def compose(
    case: Case, today: date, options: Options, *, language: Language = Language.EN
) -> Letter:
    """The call script for the case's plan and treatment plan, in ``language``."""
    parts.require(
        DOCUMENT,
        [
            *parts.identity_checks(case),
            (case.treatment_plan is not None, "treatment_plan: the treatment to ask about"),
            (bool(case.diagnoses), "diagnoses: coverage is asked for a diagnosis code"),
        ],
    )
    plan, treatment = case.plan, case.treatment_plan
    assert plan is not None
    assert treatment is not None
    lang = language
    spoken = lang is not Language.EN
    assessment = assess(case, today)
    all_questions = questions(case, today, assessment, language=lang)
    # The same questions in English, in the same order: the lines read to the representative.
    english = questions(case, today, assessment) if spoken else all_questions
    pairs = list(zip(all_questions, english, strict=True))
    asked = [(q, en) for q, en in pairs if q.known is None]
    known = [(q, en) for q, en in pairs if q.known is not None]
    body: list[Block] = [
        Heading(say.PURPOSE.format(lang)),
        Bullets(tuple(_purposes(case, assessment, lang))),
        Heading(say.WHOM.format(lang)),
        Paragraph(_whom_to_call(case, lang)),
        Heading(say.HAVE_READY.format(lang)),
        Bullets(tuple(_have_ready(case, lang))),
        Heading(say.CODES.format(lang)),
        parts.diagnosis_table(case, language=lang),
        parts.service_table(case, service_date(case, today), language=lang),
    ]
    if spoken:
        body += _opening(case)
    if known:
        body.append(Heading(say.KNOWN.format(lang)))
        if spoken:
            for question, en in known:
                assert question.known is not None
                assert en.known is not None
                body.append(Paragraph(say.ALREADY_KNOWN.format(lang, answer=question.known)))
                body.append(_read_aloud(say.CONFIRM.format(Language.EN, answer=en.known)))
        else:
            lines = [say.ALREADY_KNOWN.format(lang, answer=q.known) for q, _ in known]
            body.append(Bullets(tuple(lines)))
    body.append(Heading(say.QUESTIONS.format(lang)))
    for number, (question, en) in enumerate(asked, start=1):
        body.append(Paragraph(say.NUMBERED.format(lang, number=number, text=question.text)))
        if spoken:
            body.append(_read_aloud(en.text))
        body.append(Blank(say.ANSWER.format(lang), lines=2))
    body.append(Heading(say.RECORD.format(lang)))
    if spoken:
        body += _spoken(say.ASK_NAME_AND_REFERENCE) + _spoken(say.SPELL_IT)
    body += [
        Blank(say.CALLED_WHEN.format(lang)),
        Blank(say.CALLED_NUMBER.format(lang)),
        Blank(say.REPRESENTATIVE.format(lang)),
        Blank(say.REFERENCE.format(lang)),
        Paragraph(say.AFTER_THE_CALL.format(lang)),
    ]
    return Letter(
        kind=DOCUMENT,
        title=say.TITLE.format(lang),
        date=today,
        subject=say.SUBJECT.format(
            lang, payer=plan.payer, treatment=treatment_name(treatment.treatment, lang)
        ),
        body=tuple(body),
        running_header=parts.running_header(case, language=lang),
        references=parts.references(case, language=lang),
        notice=say.NOTICE.format(lang),
        language=lang,
    )


def _read_aloud(english: str) -> Paragraph:
    """The English sentence a Spanish-speaking caller reads to the representative."""
    return Paragraph(READ_ALOUD.format(Language.ES, text=english))


def _spoken(phrase: Phrase, **values: object) -> list[Block]:
    """What a line means, in Spanish, and the English to say."""
    return [
        Paragraph(phrase.format(Language.ES, **values)),
        _read_aloud(phrase.format(Language.EN, **values)),
    ]


def _opening(case: Case) -> list[Block]:
    """How a Spanish-speaking caller opens the call: who the call is about, and an interpreter."""
    plan = case.plan
    assert plan is not None
    patient = case.patient
    greeting = [
        Paragraph(
            say.GREETING.format(
                Language.ES,
                name=patient.full_name,
                born=long_date(patient.date_of_birth, Language.ES),
                member_id=plan.member_id,
            )
        ),
        _read_aloud(
            say.GREETING.format(
                Language.EN,
                name=patient.full_name,
                born=long_date(patient.date_of_birth),
                member_id=plan.member_id,
            )
        ),
    ]
    return [
        Heading(say.OPENING.format(Language.ES)),
        Paragraph(say.HOW_TO_READ.format(Language.ES)),
        *greeting,
        *_spoken(say.INTERPRETER),
    ]


def _purposes(case: Case, assessment: Assessment, lang: Language) -> Iterator[str]:
    planned = case.treatment_plan
    assert planned is not None
    yield say.PLANNED.format(
        lang, summary=parts.request_summary(case, language=lang, with_price=True)
    )
    for pathway in assessment.pathways:
        if pathway.verdict is not Verdict.UNLIKELY:
            yield say.PATHWAY.format(
                lang,
                pathway=pathway_name(pathway.pathway, lang, claim_path=pathway.claim_path),
                verdict=verdict_word(pathway.verdict, lang),
            )


def _whom_to_call(case: Case, lang: Language) -> str:
    plan = case.plan
    assert plan is not None
    primary = sorted(case.diagnoses, key=lambda d: not d.primary)[0]
    mental = primary.code.upper().startswith("F")
    lines = [
        (say.BEHAVIORAL_LINE.format(lang), plan.phone_behavioral_health),
        (say.MEDICAL_LINE.format(lang), plan.phone_medical),
    ]
    if not mental:
        lines.reverse()
    known = [(name, number) for name, number in lines if number]
    if not known:
        return say.NO_PHONE.format(lang)
    why = (say.MENTAL_DIAGNOSIS if mental else say.OTHER_DIAGNOSIS).format(lang)
    first_name, first_number = known[0]
    if first_name != lines[0][0]:
        return say.ONLY_LINE.format(lang, line=first_name, number=first_number, missing=lines[0][0])
    text = say.START_WITH.format(lang, line=first_name, number=first_number, why=why)
    if len(known) > 1:
        second_name, second_number = known[1]
        text += say.THEN_OTHER.format(lang, line=second_name, number=second_number)
    return text


def _have_ready(case: Case, lang: Language) -> Iterator[str]:
    plan = case.plan
    assert plan is not None
    patient = case.patient
    yield say.READY_MEMBER.format(lang, member_id=plan.member_id)
    if plan.group_number:
        yield say.READY_GROUP.format(lang, group=plan.group_number)
    born = long_date(patient.date_of_birth, lang)
    yield say.READY_PATIENT.format(lang, name=patient.full_name, born=born)
    clinic = case.clinic
    if clinic is not None:
        ids = [f"NPI {clinic.npi}" if clinic.npi else "", f"TIN {clinic.tin}" if clinic.tin else ""]
        if any(ids):
            yield f"{clinic.name}: {', '.join(i for i in ids if i)}"
    prescriber = case.prescriber
    if prescriber is not None and prescriber.npi:
        yield say.READY_PRESCRIBER.format(lang, name=prescriber.name, npi=prescriber.npi)
    yield say.READY_CODES.format(lang)

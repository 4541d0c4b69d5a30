"""The benefits call script: what to ask the plan on the phone, with room for the answers.

Tailored to the plan (which phone line, the plan type, the payer category) and to the pathways:
the planned treatment, plus the other prior-authorization pathway when the coverage assessment
(:func:`ketacover.core.coverage.assess`) does not find it unlikely. Questions whose answers the
case already holds are not asked again but listed as "already known" lines to confirm. Codes to
quote come from facts.md sections 1 and 2; the decision clocks quoted for comparison come from
:func:`ketacover.core.deadlines.pa_decision_due` (facts.md sections 4 and 5); the S0013 to J0013
question follows facts.md section 1 (confirm which code an existing authorization references
[PV]). Only the answers, the representative, the reference number and the time of the call are
left blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ketacover.core.coverage import Assessment, Verdict, assess
from ketacover.core.letters import parts
from ketacover.core.letters.call_questions import Question, questions, service_date
from ketacover.core.letters.catalog import Options
from ketacover.core.letters.letter import Blank, Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import long_date
from ketacover.core.model import Case

DOCUMENT = "call-script"
NOTICE = (
    "Information to help you ask the plan, not legal or medical advice. What the plan's written "
    "documents say governs over what is said on the phone."
)

__all__ = ["DOCUMENT", "NOTICE", "Question", "compose", "questions"]


def compose(case: Case, today: date, options: Options) -> Letter:
    """The call script for the case's plan and treatment plan."""
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
    assessment = assess(case, today)
    all_questions = questions(case, today, assessment)
    asked = [q for q in all_questions if q.known is None]
    known = [f"Already known: {q.known}" for q in all_questions if q.known is not None]
    body: list[Block] = [
        Heading("What this call is for"),
        Bullets(tuple(_purposes(case, assessment))),
        Heading("Whom to call"),
        Paragraph(_whom_to_call(case)),
        Heading("Have ready"),
        Bullets(tuple(_have_ready(case))),
        Heading("Codes to quote"),
        parts.diagnosis_table(case),
        Table(
            columns=("Code", "Description", "Units per session"),
            rows=tuple(parts.service_lines(case, service_date(case, today))),
            widths=(2, 6, 2),
        ),
    ]
    if known:
        body += [Heading("Confirm what is already known"), Bullets(tuple(known))]
    body.append(Heading("Questions"))
    for number, question in enumerate(asked, start=1):
        body += [Paragraph(f"{number}. {question.text}"), Blank("Answer", lines=2)]
    body += [
        Heading("Call record"),
        Blank("Date and time of the call"),
        Blank("Number called"),
        Blank("Representative's name or ID"),
        Blank("Call reference number"),
        Paragraph(
            "After the call, record it in the case's call log (calls): the date and time, the "
            "line called, the representative, the reference number and each question with its "
            "answer. Answers that settle a plan fact, such as whether prior authorization is "
            "required, belong in the plan's details too."
        ),
    ]
    return Letter(
        kind=DOCUMENT,
        title="Benefits call script",
        date=today,
        subject=f"Questions for {plan.payer} about {treatment.treatment.label}",
        body=tuple(body),
        running_header=parts.running_header(case),
        references=parts.references(case),
        notice=NOTICE,
    )


def _purposes(case: Case, assessment: Assessment) -> Iterator[str]:
    planned = case.treatment_plan
    assert planned is not None
    yield f"The planned treatment: {parts.request_summary(case)}."
    for pathway in assessment.pathways:
        if pathway.verdict is not Verdict.UNLIKELY:
            yield f"{pathway.pathway.label}: {pathway.verdict.value} by ketacover's assessment."


def _whom_to_call(case: Case) -> str:
    plan = case.plan
    assert plan is not None
    primary = sorted(case.diagnoses, key=lambda d: not d.primary)[0]
    mental = primary.code.upper().startswith("F")
    lines = [
        ("behavioral-health line", plan.phone_behavioral_health),
        ("medical benefits line", plan.phone_medical),
    ]
    if not mental:
        lines.reverse()
    known = [(name, number) for name, number in lines if number]
    if not known:
        return (
            "The plan's phone numbers are not in the case: call the member services number on "
            "the back of the insurance card and ask for the benefits that cover this treatment."
        )
    why = "a mental-health diagnosis" if mental else "not a mental-health diagnosis"
    first_name, first_number = known[0]
    if first_name != lines[0][0]:
        return (
            f"Call the {first_name} at {first_number} (no {lines[0][0]} number is on file) and "
            "ask for the benefits that cover this treatment."
        )
    text = f"Start with the {first_name} at {first_number}: the primary diagnosis is {why}."
    if len(known) > 1:
        second_name, second_number = known[1]
        text += (
            f" If the representative says the treatment falls under the other benefit, call the "
            f"{second_name} at {second_number}."
        )
    return text


def _have_ready(case: Case) -> Iterator[str]:
    plan = case.plan
    assert plan is not None
    patient = case.patient
    yield f"Member ID {plan.member_id}"
    if plan.group_number:
        yield f"Group number {plan.group_number}"
    born = long_date(patient.date_of_birth)
    yield f"Patient's name and date of birth: {patient.full_name}, {born}"
    clinic = case.clinic
    if clinic is not None:
        ids = [f"NPI {clinic.npi}" if clinic.npi else "", f"TIN {clinic.tin}" if clinic.tin else ""]
        if any(ids):
            yield f"{clinic.name}: {', '.join(i for i in ids if i)}"
    prescriber = case.prescriber
    if prescriber is not None and prescriber.npi:
        yield f"Prescriber {prescriber.name}: NPI {prescriber.npi}"
    yield "The diagnosis and procedure codes below"

"""The HSA/FSA letter of medical necessity, to the account administrator.

IRS Publication 502 defines medical care as amounts paid to diagnose, cure, ease, treat or
prevent disease, and prescribed drugs qualify (sourcebook costs.toml, (verified)). Pub 502 does not
name ketamine; a legal prescription drug given by a clinician for a diagnosed illness fits the
general definition, so the treatment is *likely* to qualify (partly verified), and the administrator
decides. Administrators may ask for this letter.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.letters import clinical, parts
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Heading, Letter, Paragraph, Party
from ketacover.core.letters.text import join_words, long_date, money, plural
from ketacover.core.model import Case, TreatmentPlan

KIND: Final = "hsa-fsa-letter"


def compose(case: Case, today: date, options: Options) -> Letter:
    """The letter for ``case``'s HSA or FSA administrator, signed by the prescriber."""
    plan = case.treatment_plan
    parts.require(
        KIND,
        [
            *parts.signer_checks(case),
            (bool(case.diagnoses), "diagnoses: the illness the treatment is for"),
            (plan is not None, "treatment_plan: the treatment, sessions and dates"),
        ],
    )
    assert plan is not None  # required above
    patient = case.patient.full_name
    diagnoses = []
    for diagnosis in sorted(case.diagnoses, key=lambda d: not d.primary):
        code = icd10cm.normalize(diagnosis.code)
        described = icd10cm.describe(code) if icd10cm.is_valid(code) else "diagnosis"
        diagnoses.append(f"{described.lower()} ({code})")
    treatment = [
        f"{patient} is under my care for {join_words(diagnoses)}. I have prescribed "
        f"{plural(plan.sessions, 'session')} of {plan.treatment.label} to treat this illness."
    ]
    course = clinical.course_sentence(case)
    if course:
        treatment.append(course)
    if plan.evaluation_price is not None:
        treatment.append(
            "The treatment begins with an initial evaluation, billed separately, which is part "
            "of diagnosing and treating this illness."
        )
    body: list[Block] = [
        Paragraph(
            f"I am writing to confirm that the treatment described below is medically necessary "
            f"for {patient}, born {long_date(case.patient.date_of_birth)}, so that it may be paid "
            "or reimbursed from a health savings account (HSA) or flexible spending account (FSA)."
        ),
        Heading("Diagnosis and treatment"),
        Paragraph(" ".join(treatment)),
    ]
    cost = _cost(plan)
    if cost:
        body += [Heading("Cost"), Paragraph(cost)]
    body += [
        Heading("Why this is medical care"),
        Paragraph(
            "IRS Publication 502 defines medical care as amounts paid to diagnose, cure, "
            "ease, treat or prevent disease, and it includes prescribed drugs. The treatment "
            "is a prescription drug, prescribed and given by a clinician to treat the diagnosed "
            "illness above. Publication 502 does not name ketamine, so the expense is likely, "
            "not certain, to qualify; the account administrator decides."
        ),
    ]
    return Letter(
        kind=KIND,
        title="Letter of medical necessity for HSA/FSA reimbursement",
        date=today,
        subject=f"Letter of medical necessity: {plan.treatment.label} for {patient}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=parts.clinic_sender(case),
        recipient=Party(name="HSA/FSA account administrator"),
        references=parts.references(case),
        salutation="To the account administrator:",
        closing="Sincerely,",
        signature=parts.prescriber_signature(case),
        notice=(
            "This letter states medical facts. Whether an expense qualifies under the tax rules "
            "is decided by the account administrator; it is not tax advice."
        ),
    )


def _cost(plan: TreatmentPlan) -> str:
    """The clinic's charges: the sessions and, when billed separately, the initial evaluation."""
    sentences = []
    total = plan.evaluation_price
    if plan.price_per_session is not None:
        sessions = plan.price_per_session * plan.sessions
        total = sessions + (total or 0)
        sentences.append(
            f"The clinic's price is {money(plan.price_per_session)} per session, "
            f"{money(sessions)} for the {plural(plan.sessions, 'session')}."
        )
    if plan.evaluation_price is not None:
        evaluation = (
            f"The initial evaluation is billed separately at {money(plan.evaluation_price)}"
        )
        if plan.price_per_session is not None and total is not None:
            evaluation += f", so the total is {money(total)}"
        sentences.append(f"{evaluation}.")
    return " ".join(sentences)

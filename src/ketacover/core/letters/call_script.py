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
from dataclasses import dataclass
from datetime import date

from ketacover.core.codes import procedures
from ketacover.core.coverage import Assessment, PathwayId, Verdict, assess
from ketacover.core.deadlines import pa_decision_due
from ketacover.core.letters import parts
from ketacover.core.letters.catalog import Options
from ketacover.core.letters.letter import Blank, Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import join_words, long_date, money
from ketacover.core.model import (
    Case,
    CostShare,
    Decision,
    PayerCategory,
    Plan,
    PlanType,
    Treatment,
    Urgency,
)

DOCUMENT = "call-script"
NOTICE = (
    "Information to help you ask the plan, not legal or medical advice. What the plan's written "
    "documents say governs over what is said on the phone."
)
_NETWORK_ONLY = frozenset({PlanType.HMO, PlanType.EPO})
_EMPLOYER = frozenset(
    {PayerCategory.COMMERCIAL_FULLY_INSURED, PayerCategory.COMMERCIAL_SELF_FUNDED}
)
_ACA = frozenset(
    {*_EMPLOYER, PayerCategory.MARKETPLACE_QHP, PayerCategory.INDIVIDUAL, PayerCategory.OTHER}
)
_ESKETAMINE_AUTHORIZED = frozenset(
    {Decision.APPROVED, Decision.PARTIALLY_APPROVED, Decision.PENDING}
)


@dataclass(frozen=True, slots=True)
class Question:
    """One question for the call, or, when the case already has the answer, that answer."""

    text: str
    known: str | None = None
    """The answer on file: the question is not asked, the answer is confirmed."""


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
            rows=tuple(parts.service_lines(case, _service_date(case, today))),
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


def questions(case: Case, today: date, assessment: Assessment) -> list[Question]:
    """Every question of the script, in order, with the answers the case already holds.

    ``assessment`` is the case's coverage assessment on ``today``: it decides whether the other
    prior-authorization pathway is worth asking about.
    """
    plan, treatment = case.plan, case.treatment_plan
    assert plan is not None
    assert treatment is not None
    found: list[Question] = []
    for therapy in _treatments(case, assessment):
        found += _coverage(case, therapy, today)
    found += _prior_authorization(case, plan, today)
    if plan.plan_type is None and plan.category is not PayerCategory.MEDICARE:
        found.append(Question("What is the plan type: PPO, HMO, EPO or POS?"))
    if plan.plan_type in _NETWORK_ONLY:
        found += _single_case_agreement(case, plan)
    else:
        found += _out_of_network(case, plan)
    found += _appeals(plan)
    found += _governing_rules(plan)
    return found


def _treatments(case: Case, assessment: Assessment) -> list[Treatment]:
    """The planned treatment, then the other prior-authorization pathway if it is not unlikely."""
    planned = case.treatment_plan
    assert planned is not None
    other = (
        (Treatment.ESKETAMINE, PathwayId.ESKETAMINE_PA)
        if planned.treatment is not Treatment.ESKETAMINE
        else (Treatment.IV_KETAMINE, PathwayId.IV_KETAMINE_PA)
    )
    verdict = assessment.pathway(other[1]).verdict
    if verdict is Verdict.UNLIKELY:
        return [planned.treatment]
    return [planned.treatment, other[0]]


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


def _service_date(case: Case, today: date) -> date:
    start = case.treatment_plan.start if case.treatment_plan is not None else None
    return max(today, start) if start is not None else today


def _coverage(case: Case, therapy: Treatment, today: date) -> list[Question]:
    plan = case.plan
    assert plan is not None
    dx = join_words([d.code for d in sorted(case.diagnoses, key=lambda d: not d.primary)])
    codes = join_words(_codes(case, therapy, today))
    answer: bool | None = None
    if therapy is Treatment.ESKETAMINE:
        answer = plan.esketamine_covered
    elif therapy is Treatment.IV_KETAMINE:
        answer = plan.ketamine_infusion_covered
    found = [
        Question(
            f"Is {therapy.label} covered for diagnosis {dx}, billed as {codes}?",
            known=None
            if answer is None
            else f"the plan said {therapy.label} is {'' if answer else 'not '}covered "
            "for this diagnosis.",
        )
    ]
    if case.treatment_plan is not None and therapy is case.treatment_plan.treatment:
        found.append(
            Question(
                f"Which medical-necessity criteria apply to {therapy.label}? What are the number "
                "and title of the policy that sets them?"
            )
        )
    if therapy is Treatment.ESKETAMINE:
        found += _esketamine_codes(case, today)
    return found


def _codes(case: Case, therapy: Treatment, today: date) -> list[str]:
    """The codes a session of ``therapy`` is billed with (facts.md section 1)."""
    on = _service_date(case, today)
    plan = case.plan
    if therapy is Treatment.ESKETAMINE:
        if plan is not None and plan.category is PayerCategory.MEDICARE:
            return ["G2082", "G2083"]
        return [procedures.esketamine_drug_code(on)]
    if therapy is Treatment.IM_KETAMINE:
        return ["J3490", "96372"]
    minutes = case.treatment_plan.infusion_minutes if case.treatment_plan is not None else None
    if case.treatment_plan is None or case.treatment_plan.treatment is not therapy or not minutes:
        return ["J3490", "96365"]
    return ["J3490", *(code for code, _ in procedures.infusion_units(minutes))]


def _esketamine_codes(case: Case, today: date) -> list[Question]:
    plan = case.plan
    assert plan is not None
    found: list[Question] = []
    if plan.category is PayerCategory.MEDICARE:
        found.append(
            Question(
                "Which codes does Medicare want for esketamine sessions?",
                known="Original Medicare bills esketamine sessions as G2082 (up to 56 mg) or "
                "G2083 (more than 56 mg), which include the drug.",
            )
        )
    else:
        found.append(
            Question(
                f"Which codes does the plan want for esketamine: "
                f"{procedures.esketamine_drug_code(_service_date(case, today))} per 1 mg, or "
                "G2082/G2083 (some commercial plans take these)?"
            )
        )
    for pa in case.prior_authorizations:
        if pa.treatment is Treatment.ESKETAMINE and pa.decision in _ESKETAMINE_AUTHORIZED:
            which = (
                pa.authorization_number or pa.reference or f"submitted {long_date(pa.submitted)}"
            )
            found.append(
                Question(
                    f"Which code does the authorization {which} reference: S0013 or J0013? "
                    "J0013 replaced S0013 on January 1, 2026, and the switch left some "
                    "authorizations and claims on different codes."
                )
            )
    return found


def _prior_authorization(case: Case, plan: Plan, today: date) -> list[Question]:
    treatment = case.treatment_plan
    assert treatment is not None
    required = plan.prior_authorization_required
    found = [
        Question(
            f"Is prior authorization required for {treatment.treatment.label}?",
            known=None
            if required is None
            else f"prior authorization is {'' if required else 'not '}required.",
        )
    ]
    if required is False:
        return found
    urgent = case.urgency is Urgency.URGENT or case.history.suicidal_ideation is True
    how = "How is the request submitted: portal, fax (which number) or phone? Is there a form?" + (
        " This request is urgent: how is expedited review asked for?" if urgent else ""
    )
    found.append(
        Question(
            how,
            known=f"prior-authorization requests go by fax to {plan.prior_authorization_fax}."
            if plan.prior_authorization_fax
            else None,
        )
    )
    timing = "How long does a standard decision take, and how long an urgent (expedited) one?"
    standard = pa_decision_due(plan.category, Urgency.STANDARD, treatment.treatment, today)
    expedited = pa_decision_due(plan.category, Urgency.URGENT, treatment.treatment, today)
    if standard is not None and expedited is not None:
        timing += (
            f" For comparison, the rules for this kind of plan give {standard.clock} for a "
            f"standard request and {expedited.clock} for an urgent one."
        )
    found.append(Question(timing))
    return found


def _out_of_network(case: Case, plan: Plan) -> list[Question]:
    pays = plan.out_of_network_benefits
    found = [
        Question(
            "Does the plan pay anything for out-of-network providers for this treatment?",
            known=None
            if pays is None
            else "the plan pays out of network."
            if pays
            else "the plan has no out-of-network benefits.",
        )
    ]
    if pays is False:
        return found
    share = plan.out_of_network or CostShare()
    found += [
        Question(
            "What is the out-of-network deductible, and how much of it is met this plan year?",
            known=None
            if share.deductible is None
            else f"out-of-network deductible {money(share.deductible)}, "
            f"{money(share.deductible_met)} met.",
        ),
        Question(
            "What is the out-of-network coinsurance after the deductible?",
            known=None
            if share.coinsurance_percent is None
            else f"out-of-network coinsurance {share.coinsurance_percent.normalize():f}%.",
        ),
        Question(
            "What is the out-of-network out-of-pocket maximum, and how much of it is met?",
            known=None
            if share.out_of_pocket_max is None
            else f"out-of-network out-of-pocket maximum {money(share.out_of_pocket_max)}, "
            f"{money(share.out_of_pocket_met)} met.",
        ),
        Question(
            "How does the plan set the allowed amount for out-of-network claims, and what is it "
            "for these codes?"
        ),
        Question(
            "Where does the member send an out-of-network claim with a superbill, and is there "
            "a claim form to use?"
        ),
    ]
    return found


def _single_case_agreement(case: Case, plan: Plan) -> list[Question]:
    clinic = case.clinic
    who = "the treating clinic" if clinic is None else clinic.name
    found: list[Question] = []
    if plan.out_of_network_benefits is not None:
        found.append(
            Question(
                "Does the plan pay anything out of network?",
                known="the plan pays out of network."
                if plan.out_of_network_benefits
                else "the plan has no out-of-network benefits.",
            )
        )
    found.append(
        Question(
            f"If no in-network provider offers this treatment, would the plan consider a "
            f"single-case agreement with {who}? Whom should the clinic contact about it?"
        )
    )
    return found


def _appeals(plan: Plan) -> list[Question]:
    where = [*parts.address_lines(plan.appeals_address)]
    if plan.appeals_fax:
        where.append(f"fax {plan.appeals_fax}")
    return [
        Question(
            "How long does the member have to file an internal appeal after a denial?",
            known=None
            if plan.appeal_window_days is None
            else f"the plan documents give {plan.appeal_window_days} days to file an appeal.",
        ),
        Question(
            "Where are appeals sent (mailing address and fax number)?",
            known=f"appeals go to {', '.join(where)}." if where else None,
        ),
    ]


def _governing_rules(plan: Plan) -> list[Question]:
    found: list[Question] = []
    if plan.category in _EMPLOYER:
        funding = (
            "fully insured (ERISA plus state insurance law)"
            if plan.category is PayerCategory.COMMERCIAL_FULLY_INSURED
            else "self-funded (governed by ERISA)"
        )
        found.append(
            Question("Is the plan fully insured or self-funded?", f"the plan is {funding}.")
        )
    elif plan.category is PayerCategory.OTHER:
        found.append(
            Question(
                "Is the plan fully insured or self-funded? This decides whether state insurance "
                "rules or ERISA govern its appeals."
            )
        )
    if plan.category in _ACA:
        grandfathered = plan.grandfathered
        found.append(
            Question(
                "Is the plan grandfathered under the Affordable Care Act? Non-grandfathered "
                "plans must offer external review.",
                known=None
                if grandfathered is None
                else "the plan is grandfathered under the Affordable Care Act."
                if grandfathered
                else "the plan is not grandfathered, so the ACA external review rules apply.",
            )
        )
    return found

"""The expedited appeal request: a 72-hour decision when waiting could seriously harm the patient.

Where sourcebook appeals.toml gives a 72-hour clock, the request names it: employer plans'
urgent-care appeals (29 CFR 2560.503-1(i)(2)(i)), individual and Marketplace coverage under the same
rule (45 CFR 147.136), Medicare Advantage expedited reconsideration (42 CFR 422.590) and Medicaid
managed care expedited plan appeals (42 CFR 438 subpart F) (partly verified). Elsewhere it asks for
the fastest review the plan offers without naming a clock. The prescriber attests by signing that
the standard timeframe could seriously jeopardize the patient's life or health, with the suicidal
ideation facts the case records. For employer, individual and Marketplace plans, an expedited
external review can run in parallel with the urgent internal appeal (45 CFR 147.136(d)(3)).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.deadlines import authorities as auth
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import parts
from ketacover.core.letters.appeal import NOTICE, check_step, denied_what
from ketacover.core.letters.appeal_reasons import enclosed_documents
from ketacover.core.letters.denial_subject import is_urgent, subject_blocks
from ketacover.core.letters.denials import (
    CLINIC,
    appeal_rights,
    classify,
    notice_words,
    select_denial,
    variant,
)
from ketacover.core.letters.external_route import parallel_external_review
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Heading, Letter, Paragraph
from ketacover.core.letters.text import join_words, long_date, short_date
from ketacover.core.model import Case, PayerCategory

__all__ = ["DOCUMENT", "compose", "is_urgent"]

DOCUMENT: Final = "expedited appeal"

_EMPLOYER_URGENT: Final = (
    f"Under {auth.ERISA_APPEAL_URGENT.citation}, an appeal of an urgent care claim is decided "
    "within 72 hours."
)
_INDIVIDUAL_URGENT: Final = (
    f"Under {auth.ACA_INDIVIDUAL_AS_GROUP.citation}, which applies 29 CFR 2560.503-1 to "
    f"individual coverage, an appeal of an urgent care claim is decided within 72 hours "
    f"({auth.ERISA_APPEAL_URGENT.citation})."
)
_DECISION: Final[dict[PayerCategory, str]] = {
    PayerCategory.COMMERCIAL_FULLY_INSURED: _EMPLOYER_URGENT,
    PayerCategory.COMMERCIAL_SELF_FUNDED: _EMPLOYER_URGENT,
    PayerCategory.INDIVIDUAL: _INDIVIDUAL_URGENT,
    PayerCategory.MARKETPLACE_QHP: _INDIVIDUAL_URGENT,
    PayerCategory.MEDICARE_ADVANTAGE: (
        f"Under {auth.MA_RECONSIDERATION_DECISION.citation}, an expedited reconsideration is "
        "decided within 72 hours."
    ),
    PayerCategory.MEDICAID_MANAGED_CARE: (
        f"Under {auth.MEDICAID_MC_APPEAL_DECISION.citation}, an expedited plan appeal is decided "
        "within 72 hours, with up to a 14-day extension."
    ),
}
"""The 72-hour decision clock by payer category (sourcebook appeals.toml)."""


def compose(case: Case, today: date, options: Options) -> Letter:
    """The expedited appeal request for the chosen denial, signed by the prescriber."""
    denial = select_denial(case, options, DOCUMENT)
    if variant(options, CLINIC) != CLINIC:
        raise KetacoverError(
            "expedited-appeal has no patient variant: the prescriber attests to the urgency"
        )
    parts.require(DOCUMENT, parts.identity_checks(case) + parts.signer_checks(case))
    if not is_urgent(case, denial):
        raise MissingFactsError(
            DOCUMENT,
            [
                "urgency: an expedited appeal is for care that cannot wait; record urgency: urgent "
                "(or the denial's urgent flag, or history.suicidal_ideation) when the standard "
                "timeframe could seriously jeopardize the patient's life or health"
            ],
        )
    plan = case.plan
    assert plan is not None  # identity_checks required it
    check_step(denial, plan)
    name = case.patient.full_name
    body: list[Block] = [
        Paragraph(
            f"I request an expedited appeal of {plan.payer}'s denial of {denied_what(case, denial)}"
            f", in {notice_words(denial, claim_named=not denial.pre_service)}, on behalf of my "
            f"patient, {name}."
        ),
        Paragraph(
            _DECISION.get(
                plan.category,
                "I ask the plan to decide this appeal as quickly as the patient's condition "
                "requires and to tell me the timeframe that applies.",
            )
        ),
        *subject_blocks(case, denial),
        Heading("Prescriber's statement"),
        Paragraph(_statement(case, name)),
    ]
    if case.diagnoses:
        body += [Heading("Diagnoses"), parts.diagnosis_table(case)]
    if case.scores:
        body += [Heading("Rating scales"), parts.scores_table(case)]
    parallel = parallel_external_review(plan, classify(denial).reason)
    if parallel:
        body += [Heading("Expedited external review"), Paragraph(parallel)]
    rights = appeal_rights(denial, plan)
    body += [Heading("Appeal rights and deadline"), *(Paragraph(p) for p in rights.paragraphs)]
    enclosures = [
        f"Denial notice dated {short_date(denial.notice_date)}",
        "Appeal letter",
        *enclosed_documents(case),
    ]
    return Letter(
        kind="expedited-appeal",
        title="Expedited appeal request",
        date=today,
        subject=f"Expedited appeal request: {notice_words(denial)}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=parts.clinic_sender(case),
        recipient=parts.plan_recipient(case, "Appeals department (urgent)", appeals=True),
        references=parts.references(
            case,
            ("Claim number", denial.claim_number),
            ("Reference number", denial.reference),
            ("Notice date", short_date(denial.notice_date)),
        ),
        salutation="Dear Appeals Reviewer:",
        closing="Sincerely,",
        signature=parts.prescriber_signature(case),
        enclosures=tuple(enclosures),
        notice=NOTICE,
    )


def _statement(case: Case, name: str) -> str:
    text = (
        "By signing this request I attest that applying the standard appeal timeframe could "
        f"seriously jeopardize the life or health of my patient, {name}."
    )
    facts = []
    if case.history.suicidal_ideation is True:
        facts.append(f"{name} has current suicidal ideation")
    if any(icd10cm.normalize(d.code) == "R45.851" for d in case.diagnoses):
        facts.append("suicidal ideation is diagnosed (ICD-10-CM R45.851)")
    if case.scores:
        last_day = max(s.on for s in case.scores)
        latest = [
            f"{s.scale.label} {s.score} of {s.scale.max_score}"
            for s in case.scores
            if s.on == last_day
        ]
        facts.append(f"the most recent scores, on {long_date(last_day)}, are {join_words(latest)}")
    if facts:
        joined = join_words(facts)
        text += f" The record shows that {joined}."
    return text

"""The internal appeal letter: the answer to a denial, tailored to its reason.

It cites the denial (notice date, claim or reference number), argues what the reason calls for
(:mod:`ketacover.core.letters.appeal_reasons`), states the appeal rights that apply to the plan and
the deadline (:mod:`ketacover.core.letters.denials`, sourcebook appeals.toml), and lists the
enclosures. The clinic sends it and the prescriber signs (a provider appeal); ``variant="patient"``
gives the same letter sent and signed by the patient. For Original Medicare it is a request for
redetermination (or reconsideration after one), for Medicare Advantage a request for
reconsideration, for Medicaid managed care a plan appeal. A coding-error denial gets a
corrected-claim cover letter instead (CARC 16 is fixed and resubmitted, not appealed: sourcebook
codes.toml).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.deadlines import why_no_appeal_window
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.errors import KetacoverError
from ketacover.core.letters import parts
from ketacover.core.letters.appeal_erisa import erisa_blocks
from ketacover.core.letters.appeal_reasons import Voice, content, enclosed_documents
from ketacover.core.letters.denial_subject import denied_treatment, is_urgent, subject_blocks
from ketacover.core.letters.denial_subject import what_words as denied_what
from ketacover.core.letters.denials import (
    CLINIC,
    PATIENT,
    appeal_rights,
    classify,
    notice_words,
    select_denial,
    sender_and_signature,
    signer_checks,
    variant,
)
from ketacover.core.letters.external_route import parallel_external_review
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Heading, Letter, Paragraph
from ketacover.core.letters.text import short_date
from ketacover.core.model import (
    Case,
    Denial,
    DenialLevel,
    DenialReason,
    PayerCategory,
    Plan,
)

__all__ = ["DOCUMENT", "NOTICE", "check_step", "compose", "denied_treatment", "denied_what"]

DOCUMENT: Final = "appeal"

NOTICE: Final = (
    "This letter gives information, not legal advice. The appeal rights above are the minimums "
    "in the rules cited; the plan documents and the date on the denial notice govern if they "
    "differ."
)


def compose(case: Case, today: date, options: Options) -> Letter:
    """The appeal of the chosen denial (default: the latest), from the clinic or the patient."""
    denial = select_denial(case, options, DOCUMENT)
    chosen = variant(options, CLINIC)
    classification = classify(denial)
    coding = classification.reason is DenialReason.CODING_ERROR
    checks = parts.identity_checks(case) + signer_checks(case, chosen)
    if coding:
        checks.append(
            (
                denial.claim_number is not None,
                f"denials[{denial.id}].claim_number: a corrected claim names the claim it replaces",
            )
        )
    parts.require(DOCUMENT, checks)
    plan = case.plan
    assert plan is not None  # identity_checks required it
    check_step(denial, plan)
    voice = Voice(patient=chosen == PATIENT, name=case.patient.full_name)
    reason = content(case, denial, classification, today, voice)
    rights = appeal_rights(denial, plan)
    title = "Corrected claim" if coding else _title(denial, plan.category)
    body: list[Block] = [
        Paragraph(_opening(case, denial, plan, voice, title)),
        Paragraph(reason.request),
    ]
    if not coding and is_urgent(case, denial):
        body.append(Paragraph(_urgent_words(plan, classification.reason)))
    if not coding:
        body += subject_blocks(case, denial)
    body += reason.blocks
    if not coding:
        body += erisa_blocks(case, plan, classification.reason)
    body += [Heading("Appeal rights and deadline"), *(Paragraph(p) for p in rights.paragraphs)]
    body.append(Paragraph(_closing_line(voice, case)))
    sender, signature = sender_and_signature(case, chosen)
    enclosures = [f"Denial notice dated {short_date(denial.notice_date)}"]
    enclosures += reason.enclosures or enclosed_documents(case)
    return Letter(
        kind=DOCUMENT,
        title=title,
        date=today,
        subject=f"{title}: {notice_words(denial)}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=sender,
        recipient=parts.plan_recipient(case, _department(plan.category, coding), appeals=True),
        references=_references(case, denial, plan),
        salutation="Dear Appeals Reviewer:",
        closing="Sincerely,",
        signature=signature,
        citations=tuple(item.formatted() for item in reason.evidence),
        enclosures=tuple(dict.fromkeys(enclosures)),
        notice=NOTICE,
    )


def _references(case: Case, denial: Denial, plan: Plan) -> tuple[tuple[str, str], ...]:
    """The identifier lines; for Original Medicare the member ID is the Medicare number, which a
    redetermination request names (42 CFR 405.944(b))."""
    refs = parts.references(
        case,
        ("Claim number", denial.claim_number),
        ("Reference number", denial.reference),
        ("Notice date", short_date(denial.notice_date)),
    )
    if plan.category is not PayerCategory.MEDICARE:
        return refs
    return tuple(("Medicare number" if k == "Member ID" else k, v) for k, v in refs)


def check_step(denial: Denial, plan: Plan) -> None:
    """Refuse an internal appeal where the rules make the next step something else."""
    category = plan.category
    final = denial.level is DenialLevel.FINAL_INTERNAL
    later = denial.level is not DenialLevel.INITIAL
    no_appeal = (category in EMPLOYER_AND_INDIVIDUAL and final) or (
        later
        and category in (PayerCategory.MEDICARE_ADVANTAGE, PayerCategory.MEDICAID_MANAGED_CARE)
    )
    if no_appeal:
        why = why_no_appeal_window(denial, category)
        raise KetacoverError(f"denial {denial.id!r} ({denial.level.value}): {why}")


def _title(denial: Denial, category: PayerCategory) -> str:
    initial = denial.level is DenialLevel.INITIAL
    if category is PayerCategory.MEDICARE:
        return "Request for redetermination" if initial else "Request for reconsideration"
    if category is PayerCategory.MEDICARE_ADVANTAGE:
        return "Request for reconsideration"
    if category is PayerCategory.MEDICAID_MANAGED_CARE:
        return "Plan appeal"
    return "Internal appeal" if initial else "Second-level internal appeal"


def _department(category: PayerCategory, coding: bool) -> str:
    if coding:
        return "Claims department"
    if category is PayerCategory.MEDICARE:
        return "Redeterminations"
    return "Appeals department"


def _opening(case: Case, denial: Denial, plan: Plan, voice: Voice, title: str) -> str:
    what = denied_what(case, denial)
    cited = notice_words(denial, claim_named=not denial.pre_service)
    action = "to submit a corrected claim after" if title == "Corrected claim" else "to appeal"
    if voice.patient:
        text = f"I am writing {action} {plan.payer}'s denial of {what}, in {cited}."
    else:
        text = (
            f"I am writing on behalf of my patient, {case.patient.full_name}, {action} "
            f"{plan.payer}'s denial of {what}, in {cited}."
        )
    if denial.reason_text:
        quoted = " ".join(denial.reason_text.split()).rstrip(".")
        text += f' The notice gives this reason: "{quoted}."'
    return text


def _urgent_words(plan: Plan, reason: DenialReason) -> str:
    """The urgent case: an expedited decision, and an expedited external review alongside."""
    text = (
        "The care is urgent, and waiting could seriously jeopardize the patient's health: I ask "
        "the plan to decide this appeal as an expedited (urgent) appeal."
    )
    parallel = parallel_external_review(plan, reason)
    if parallel:
        text += f" {parallel[0].upper()}{parallel[1:]}"
    return text


def _closing_line(voice: Voice, case: Case) -> str:
    if voice.patient:
        return "Please send the decision to me at the address above."
    contact = ""
    if case.clinic is not None and case.clinic.phone:
        contact = f" at {case.clinic.phone}"
    return f"I am available to discuss this case with the plan's reviewer{contact}."

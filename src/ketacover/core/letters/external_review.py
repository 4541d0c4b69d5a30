"""The external review request, after the final internal denial (45 CFR 147.136, sourcebook
appeals.toml).

Only a denial at the ``final_internal`` level can go to external review; any other denial, a plan
outside the employer, individual and Marketplace categories, or a plan recorded as grandfathered is
refused with the reason (:func:`ketacover.core.deadlines.why_no_external_review`). The request
gives the 4-month deadline (month-end and next-business-day rules, from
:func:`ketacover.core.deadlines.external_review_filing`; a date printed on the notice wins), the
eligibility (medical-judgment and experimental or investigational denials; grandfathering unknown
is said), the decision times (45 days standard, 72 hours expedited), that the decision binds the
plan, the argument for the denial's reason, and the enclosures.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines import external_review_filing, why_no_external_review
from ketacover.core.errors import KetacoverError
from ketacover.core.letters import parts
from ketacover.core.letters.appeal import denied_what
from ketacover.core.letters.appeal_reasons import Voice, content
from ketacover.core.letters.denial_subject import is_urgent, subject_blocks
from ketacover.core.letters.denials import (
    CLINIC,
    PATIENT,
    REASON_WORDS,
    classify,
    notice_words,
    select_denial,
    sender_and_signature,
    signer_checks,
    variant,
)
from ketacover.core.letters.external_route import certification_blocks, route_sentence
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph
from ketacover.core.letters.text import long_date, short_date
from ketacover.core.model import Case, Denial, DenialLevel, DenialReason, Plan
from ketacover.core.sourcebook import cite

DOCUMENT: Final = "external review request"

_ELIGIBLE: Final = frozenset(
    {DenialReason.NOT_MEDICALLY_NECESSARY, DenialReason.EXPERIMENTAL_INVESTIGATIONAL}
)

_ACA: Final = cite("cfr-45-147-136").citation
"""The federal external review rules, as cited."""


def compose(case: Case, today: date, options: Options) -> Letter:
    """The request for external review of the chosen final internal denial."""
    denial = select_denial(case, options, DOCUMENT)
    chosen = variant(options, CLINIC)
    parts.require(DOCUMENT, parts.identity_checks(case) + signer_checks(case, chosen))
    plan = case.plan
    assert plan is not None  # identity_checks required it
    if denial.level is not DenialLevel.FINAL_INTERNAL:
        raise KetacoverError(
            f"denial {denial.id!r} is an {denial.level.value.replace('_', ' ')} decision: external "
            "review follows the final internal decision, so appeal internally first"
        )
    why = why_no_external_review(denial, plan)
    window = external_review_filing(denial, plan)
    if why is not None or window is None:
        raise KetacoverError(f"denial {denial.id!r}: {why}")
    classification = classify(denial)
    voice = Voice(patient=chosen == PATIENT, name=case.patient.full_name)
    reason = content(case, denial, classification, today, voice, external_review=False)
    urgent = is_urgent(case, denial)
    whose = "" if voice.patient else f" on behalf of my patient, {case.patient.full_name},"
    opening = (
        f"I request{whose} an external review by an independent review organization of "
        f"{plan.payer}'s final internal decision upholding the denial of "
        f"{denied_what(case, denial)}, in "
        f"{notice_words(denial, claim_named=not denial.pre_service)}."
    )
    if denial.reason_text:
        quoted = " ".join(denial.reason_text.split()).rstrip(".")
        opening += f' The notice gives this reason: "{quoted}."'
    body: list[Block] = [
        Paragraph(opening),
        Paragraph(
            "Please treat this letter as the request for external review and send it on as the "
            "plan's external review process provides."
            + (
                " Because the care is urgent, I ask for an expedited external review."
                if urgent
                else ""
            )
        ),
        Heading("Eligibility"),
        Paragraph(_eligibility(plan, classification.reason)),
        Paragraph(route_sentence(plan)),
        Heading("Deadline and decision"),
        Paragraph(_deadline(window.deadline.due, window.deadline.from_notice)),
        Paragraph(
            "A standard external review is decided within 45 days of the reviewer receiving the "
            f"request ({auth.ACA_EXTERNAL_STANDARD.citation}), and an expedited review no more "
            f"than 72 hours after it ({auth.ACA_EXTERNAL_EXPEDITED.citation}). "
            "The reviewer's decision binds the plan."
        ),
    ]
    history = _history(case, denial)
    if history:
        body += [Heading("Decisions and appeals so far"), Bullets(tuple(history))]
    body += subject_blocks(case, denial)
    body += reason.blocks
    experimental = classification.reason is DenialReason.EXPERIMENTAL_INVESTIGATIONAL
    if experimental and chosen == CLINIC:
        body += certification_blocks(case)
    elif experimental:
        body.append(
            Paragraph(
                "My treating physician's written certification, which external review of an "
                "experimental or investigational denial asks for, is enclosed."
            )
        )
    related = _related(case, denial)
    enclosures = [f"Denial notice dated {short_date(d.notice_date)}" for d in related]
    appeals = [a for a in case.appeals if a.denial_id in {d.id for d in related}]
    enclosures += [f"Internal appeal filed {short_date(a.submitted)}" for a in appeals] or [
        "Internal appeal"
    ]
    if experimental and chosen != CLINIC:
        enclosures.append("Treating physician's certification")
    enclosures += [
        "Letter of medical necessity",
        "Treatment-history summary",
        "Evidence list",
        "Recent clinical notes",
    ]
    sender, signature = sender_and_signature(case, chosen)
    return Letter(
        kind="external-review",
        title="External review request",
        date=today,
        subject=f"External review request: {notice_words(denial)}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=sender,
        recipient=parts.plan_recipient(case, "Appeals department (external review)", appeals=True),
        references=parts.references(
            case,
            ("Claim number", denial.claim_number),
            ("Reference number", denial.reference),
            ("Final notice date", short_date(denial.notice_date)),
        ),
        salutation="Dear Appeals Reviewer:",
        closing="Sincerely,",
        signature=signature,
        citations=tuple(item.formatted() for item in reason.evidence),
        enclosures=tuple(dict.fromkeys(enclosures)),
        notice=(
            "This request gives information, not legal advice. The 4-month period is the federal "
            "minimum; the date on the final notice governs if it differs."
        ),
    )


def _eligibility(plan: Plan, reason: DenialReason) -> str:
    text = (
        f"External review under {_ACA} covers medical-judgment denials (including medical "
        "necessity), experimental or investigational determinations and rescissions."
    )
    if reason in _ELIGIBLE:
        text += f" This denial ({REASON_WORDS[reason]}) is one of them."
    else:
        text += " I ask the plan to confirm that this denial qualifies."
    if plan.grandfathered is None:
        text += (
            " Whether the plan is grandfathered is not recorded; federal external review applies "
            "to non-grandfathered plans, and I ask the plan to confirm its status."
        )
    else:
        text += " The plan is not grandfathered."
    return text


def _deadline(due: date, from_notice: bool) -> str:
    rule = (
        "External review must be requested within 4 months of receiving the final internal "
        "denial; when the month four months later has no matching day, the period ends on the "
        "first day of the following month, and a last day on a weekend or federal holiday moves to "
        "the next business day."
    )
    if from_notice:
        return (
            f"{rule} The final notice gives {long_date(due)} as the last day, and that date "
            "governs."
        )
    return (
        f"{rule} By that rule the last day is {long_date(due)}; the date on the final notice "
        "governs if it differs."
    )


def _related(case: Case, denial: Denial) -> list[Denial]:
    """The denials in the same chain (same prior authorization or claim), oldest first."""
    same = [
        d
        for d in case.denials
        if d.id == denial.id
        or (
            denial.prior_authorization_id
            and d.prior_authorization_id == denial.prior_authorization_id
        )
        or (denial.claim_number and d.claim_number == denial.claim_number)
    ]
    return sorted(same, key=lambda d: d.notice_date)


def _history(case: Case, denial: Denial) -> list[str]:
    events: list[tuple[date, str]] = []
    related = _related(case, denial)
    for item in related:
        level = item.level.value.replace("_", " ")
        events.append(
            (item.notice_date, f"{long_date(item.notice_date)}: denial ({level} decision).")
        )
    ids = {d.id for d in related}
    for appeal in case.appeals:
        if appeal.denial_id in ids:
            line = f"{long_date(appeal.submitted)}: appeal filed"
            if appeal.decided is not None:
                line += f", {appeal.outcome.value.replace('_', ' ')} on {long_date(appeal.decided)}"
            events.append((appeal.submitted, f"{line}."))
    return [text for _, text in sorted(events)] if len(events) > 1 else []

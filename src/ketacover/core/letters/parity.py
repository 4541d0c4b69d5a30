"""The parity disclosure request: asks the plan for the documents behind an exclusion of a
mental-health treatment (an experimental or investigational, or off-label, exclusion).

The sources list does not cover the Mental Health Parity and Addiction Equity Act, so this is a
request for documents only: the plan's criteria, and the comparative analysis for the
nonquantitative treatment limitation as applied to medical/surgical benefits in the same
classification. It names the law by its title and asserts no deadline, citation or right; the notice
line tells the reader to check the plan's documents. The patient sends it by default;
``variant="clinic"`` gives the clinic's version, signed by the prescriber.

It answers a denial when the case has one (``Options.denial_id``, else the latest); without one,
the plan's own answer that the treatment is not covered is enough to ask.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import parts
from ketacover.core.letters.denials import (
    PATIENT,
    classify,
    notice_words,
    select_denial,
    sender_and_signature,
    signer_checks,
    variant,
)
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import short_date
from ketacover.core.model import Case, Denial, DenialReason, Treatment

DOCUMENT: Final = "parity disclosure request"

LAW: Final = "Mental Health Parity and Addiction Equity Act"


def compose(case: Case, today: date, options: Options) -> Letter:
    """The request for the plan's criteria and comparative analysis behind its exclusion."""
    chosen = variant(options, PATIENT)
    checks = parts.identity_checks(case) + signer_checks(case, chosen)
    checks.append(
        (bool(case.diagnoses), "diagnoses: the mental-health diagnosis the exclusion affects")
    )
    parts.require(DOCUMENT, checks)
    mental = [d for d in case.diagnoses if icd10cm.normalize(d.code).startswith("F")]
    if not mental:
        raise KetacoverError(
            "parity-request concerns mental-health benefits: none of the case's diagnoses is a "
            "mental-health code (ICD-10-CM chapter F)"
        )
    plan = case.plan
    assert plan is not None  # identity_checks required it
    denial = select_denial(case, options, DOCUMENT) if case.denials else None
    treatment = _treatment(case)
    if denial is None and not plan_declines(case, treatment):
        raise MissingFactsError(
            DOCUMENT,
            [
                "denials: the denial whose exclusion the request asks about (or the plan's answer "
                "that the treatment is not covered, plan.ketamine_infusion_covered or "
                "plan.esketamine_covered)"
            ],
        )
    label = treatment.label if treatment is not None else "the requested treatment"
    limitation = _limitation(denial)
    patient = chosen == PATIENT
    whose = "my" if patient else f"my patient {case.patient.full_name}'s"
    where = (
        f"in {notice_words(denial)}"
        if denial is not None
        else "when asked whether the treatment is covered"
    )
    body: list[Block] = [
        Paragraph(
            f"{plan.payer} has declined coverage of {label} for {whose} treatment {where}, "
            f"treating it as {limitation}. This request concerns the {LAW}."
        ),
        Table(
            columns=("ICD-10-CM", "Description"),
            rows=tuple((icd10cm.normalize(d.code), _describe(d.code)) for d in mental),
            caption="The mental-health diagnoses the exclusion affects",
            widths=(2, 8),
        ),
        Heading("Documents requested"),
        Paragraph("Please send copies of the following:"),
        Bullets(
            (
                f"The medical policy or criteria the plan used to decide that {label} is "
                f"{limitation}, with the evidence and sources it relied on.",
                f"The comparative analysis for this nonquantitative treatment limitation (the "
                f"exclusion of {label} as {limitation}), as the plan designs and applies it to "
                "mental-health benefits.",
                "How the plan designs and applies the same kind of limitation (experimental, "
                "investigational or off-label exclusions) to medical/surgical benefits in the same "
                "classification, with the criteria and processes it uses for them.",
                "The sections of the plan documents that set out this exclusion.",
            )
        ),
        Paragraph(
            "Please send the documents to "
            + ("me at the address above." if patient else "the clinic at the address above.")
        ),
    ]
    sender, signature = sender_and_signature(case, chosen)
    extra: list[tuple[str, str | None]] = []
    if denial is not None:
        extra = [
            ("Claim number", denial.claim_number),
            ("Reference number", denial.reference),
            ("Notice date", short_date(denial.notice_date)),
        ]
    return Letter(
        kind="parity-request",
        title="Parity disclosure request",
        date=today,
        subject="Request for the criteria and comparative analysis behind the exclusion of "
        f"{label}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=sender,
        recipient=parts.plan_recipient(case, "Member services", appeals=True),
        references=parts.references(case, *extra),
        salutation="Dear Member Services:",
        closing="Sincerely,",
        signature=signature,
        enclosures=(f"Denial notice dated {short_date(denial.notice_date)}",) if denial else (),
        notice=(
            "This is a request for documents; it states no deadline or legal right. Check the "
            "plan's documents (the summary plan description or evidence of coverage) for how the "
            "plan handles requests like this one."
        ),
    )


def _treatment(case: Case) -> Treatment | None:
    return case.treatment_plan.treatment if case.treatment_plan is not None else None


def plan_declines(case: Case, treatment: Treatment | None) -> bool:
    """Whether the plan said (on a call) that it does not cover the planned treatment."""
    plan = case.plan
    if plan is None:
        return False
    if treatment is Treatment.ESKETAMINE:
        return plan.esketamine_covered is False
    return plan.ketamine_infusion_covered is False


def _limitation(denial: Denial | None) -> str:
    if denial is None:
        return "not covered"
    reason = classify(denial).reason
    if reason is DenialReason.EXPERIMENTAL_INVESTIGATIONAL:
        return "experimental or investigational"
    if reason is DenialReason.NOT_MEDICALLY_NECESSARY:
        return "not medically necessary"
    return "excluded from coverage"


def _describe(code: str) -> str:
    normalized = icd10cm.normalize(code)
    return icd10cm.describe(normalized) if icd10cm.is_valid(normalized) else "not in the code set"

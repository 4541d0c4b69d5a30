"""What one denial refused: a claim (its number, dates of service, codes and amounts) or a prior
authorization (the course requested).

A letter about a denial asks for exactly what was denied: the appeal of a claim asks the plan to
pay that claim for its dates of service, never for a number of sessions; the appeal of a
prior-authorization denial asks for the course the request named. A request for Medicare
redetermination names the specific services and the dates of service (42 CFR 405.944(b),
sourcebook appeals.toml). The codes follow sourcebook codes.toml through
:func:`ketacover.core.letters.parts.service_lines`.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.letters import parts
from ketacover.core.letters.letter import Block, Heading, Paragraph, Table
from ketacover.core.letters.text import join_words, long_date, money, plural, short_date
from ketacover.core.model import (
    Case,
    Claim,
    Denial,
    PayerCategory,
    PriorAuthorization,
    Treatment,
    Urgency,
)
from ketacover.core.sourcebook import cite

_REDETERMINATION: Final = cite("cfr-42-405-944").citation
"""Where the content of a Medicare redetermination request is set, as cited."""


def prior_authorization_of(case: Case, denial: Denial) -> PriorAuthorization | None:
    """The prior-authorization request the denial answers, when it names one in the case."""
    for pa in case.prior_authorizations:
        if pa.id == denial.prior_authorization_id:
            return pa
    return None


def claim_of(case: Case, denial: Denial) -> Claim | None:
    """The claim the denial answers, found by its claim number."""
    if denial.claim_number is None:
        return None
    for claim in case.claims:
        if claim.claim_number == denial.claim_number:
            return claim
    return None


def denied_treatment(case: Case, denial: Denial) -> Treatment | None:
    """The treatment a denial refused: its prior authorization's, else the planned one."""
    pa = prior_authorization_of(case, denial)
    if pa is not None:
        return pa.treatment
    return case.treatment_plan.treatment if case.treatment_plan is not None else None


def is_urgent(case: Case, denial: Denial) -> bool:
    """Whether the denied care is urgent: the case or the denial records urgency, or the case
    records suicidal ideation (the history flag or ICD-10-CM R45.851)."""
    coded = any(icd10cm.normalize(d.code) == "R45.851" for d in case.diagnoses)
    return (
        case.urgency is Urgency.URGENT
        or denial.urgent
        or case.history.suicidal_ideation is True
        or coded
    )


def is_claim_denial(denial: Denial) -> bool:
    """Whether the denial is of a claim (post-service) rather than of a prior authorization."""
    return not denial.pre_service


def service_dates(case: Case, denial: Denial) -> list[date]:
    """The dates of service the denial covers: its claim's dates (the sessions given in the
    claim's period, else its first day), else for a claim denial without a recorded claim the
    sessions given before the notice; a prior-authorization denial has none."""
    claim = claim_of(case, denial)
    if claim is not None:
        last = claim.service_to or claim.service_from
        given = sorted({s.on for s in case.sessions if claim.service_from <= s.on <= last})
        return given or [claim.service_from]
    if denial.pre_service:
        return []
    return sorted({s.on for s in case.sessions if s.on <= denial.notice_date})


def what_words(case: Case, denial: Denial) -> str:
    """``prior authorization for IV ketamine infusion`` or ``claim CLM-1 for IV ketamine
    infusion on October 22, 2026``."""
    treatment = denied_treatment(case, denial)
    label = treatment.label if treatment is not None else "the requested services"
    if denial.pre_service:
        return f"prior authorization for {label}"
    claim = f"claim {denial.claim_number}" if denial.claim_number else "the claim"
    dates = service_dates(case, denial)
    when = f" on {join_words([long_date(d) for d in dates])}" if dates else ""
    return f"{claim} for {label}{when}"


def course_words(case: Case, denial: Denial) -> str:
    """The course a prior-authorization request asked for: ``6 sessions of IV ketamine infusion
    over 3 weeks from October 22, 2026``, from the treatment plan of the same treatment."""
    plan = case.treatment_plan
    treatment = denied_treatment(case, denial)
    if plan is None or (treatment is not None and plan.treatment is not treatment):
        label = treatment.label if treatment is not None else "the requested services"
        return f"{label}, as the request asked"
    text = parts.request_summary(case)
    if plan.weeks:
        text += f" over {plural(plan.weeks, 'week')}"
    if plan.start:
        text += f" from {long_date(plan.start)}"
    return text


def request_sentence(case: Case, denial: Denial) -> str:
    """What the letter asks: pay the claim for its dates of service, or approve the course."""
    if denial.pre_service:
        plan = case.treatment_plan
        if plan is None or plan.treatment is not denied_treatment(case, denial):
            return f"I ask the plan to reverse the denial and approve {what_words(case, denial)}."
        return (
            "I ask the plan to reverse the denial and approve the course requested: "
            f"{course_words(case, denial)}."
        )
    return f"I ask the plan to reverse the denial and pay {what_words(case, denial)}."


def subject_blocks(case: Case, denial: Denial) -> list[Block]:
    """The denied claim (dates of service, codes, amounts) or the course requested, as a table
    and a sentence a reviewer can match against the notice."""
    if denial.pre_service:
        return _course_blocks(case, denial)
    return _claim_blocks(case, denial)


def _claim_blocks(case: Case, denial: Denial) -> list[Block]:
    rows: list[tuple[str, ...]] = []
    for day in service_dates(case, denial):
        for code, service, units in parts.service_lines(case, day):
            rows.append((short_date(day), code, service, units))
    blocks: list[Block] = [Heading("The denied claim")]
    facts = []
    if denial.claim_number:
        facts.append(f"Claim number {denial.claim_number}")
    claim = claim_of(case, denial)
    if claim is not None:
        amounts = [f"billed {money(claim.billed)}"]
        if claim.allowed is not None:
            amounts.append(f"allowed {money(claim.allowed)}")
        if claim.paid is not None:
            amounts.append(f"paid {money(claim.paid)}")
        if claim.patient_share is not None:
            amounts.append(f"patient responsibility {money(claim.patient_share)}")
        facts.append(join_words(amounts))
    if facts:
        blocks.append(Paragraph(f"{'; '.join(facts)}."))
    if rows:
        blocks.append(
            Table(
                columns=("Date of service", "Code", "Service", "Units"),
                rows=tuple(rows),
                widths=(3, 2, 6, 3),
            )
        )
    if case.plan is not None and case.plan.category is PayerCategory.MEDICARE:
        blocks.append(
            Paragraph(
                "This request names the beneficiary, the Medicare number, the specific services "
                f"and their dates of service, as {_REDETERMINATION} asks."
            )
        )
    return blocks if len(blocks) > 1 else []


def _course_blocks(case: Case, denial: Denial) -> list[Block]:
    pa = prior_authorization_of(case, denial)
    sentence = f"The request asked for {course_words(case, denial)}"
    if pa is not None:
        ref = f" (reference {pa.reference})" if pa.reference else ""
        sentence = (
            f"The prior-authorization request submitted on {long_date(pa.submitted)}{ref} asked "
            f"for {course_words(case, denial)}"
        )
    blocks: list[Block] = [Heading("The course requested"), Paragraph(f"{sentence}.")]
    plan = case.treatment_plan
    if plan is not None and plan.treatment is denied_treatment(case, denial):
        blocks.append(parts.service_table(case, plan.start or denial.notice_date))
    return blocks

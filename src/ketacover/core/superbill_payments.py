"""Payments received against a superbill's services, and the notes that explain the statement.

A superbill lists what the patient paid at each visit and what the plan paid on recorded claims
whose every session is on the statement; a plan payment that also covers dates not on the
statement is not divided among sessions but left out, with a note. The notes say how charges are
shown and why each code was used (sourcebook codes.toml: J3490 with the NDC for ketamine; S0013
before 2026-01-01, J0013 from then; G2082 and G2083 include the drug, and CGS asks for modifier
KX (partly verified); 96372 is unverified (unverified)).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Final

from ketacover.core.model import Case, Claim, cents

_ZERO: Final = Decimal("0.00")


class PaymentSource(StrEnum):
    """Who paid."""

    PATIENT = "patient"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment received against the services on the statement."""

    source: PaymentSource
    amount: Decimal
    service_from: date
    service_to: date
    reference: str | None = None
    """The plan's claim number, for plan payments."""


def patient_payments(visits: Iterable[tuple[date, Decimal]]) -> tuple[Payment, ...]:
    """What the patient paid at each visit, from ``(date of service, amount)``; zero is left out."""
    return tuple(
        Payment(source=PaymentSource.PATIENT, amount=amount, service_from=on, service_to=on)
        for on, amount in visits
        if amount > 0
    )


def plan_payments(case: Case, billed: set[date]) -> tuple[Payment, ...]:
    """What the plan paid on recorded claims whose every session is among the ``billed`` dates."""
    return tuple(
        Payment(
            source=PaymentSource.PLAN,
            amount=cents(claim.paid or _ZERO),
            service_from=claim.service_from,
            service_to=claim.service_to or claim.service_from,
            reference=claim.claim_number,
        )
        for claim in paid_claims(case)
        if claim_fits(case, claim, billed)
    )


def paid_claims(case: Case) -> list[Claim]:
    """The case's claims on which the plan paid something."""
    return [claim for claim in case.claims if claim.paid is not None and claim.paid > 0]


def claim_fits(case: Case, claim: Claim, billed: set[date]) -> bool:
    """Whether every session the claim covers is on the statement (and at least one is)."""
    start, end = claim.service_from, claim.service_to or claim.service_from
    covered = {s.on for s in case.sessions if start <= s.on <= end}
    return bool(covered) and covered <= billed


def claim_overlaps(case: Case, claim: Claim, billed: set[date]) -> bool:
    """Whether the claim covers some of the ``billed`` dates and also dates not on the statement."""
    start, end = claim.service_from, claim.service_to or claim.service_from
    return any(start <= day <= end for day in billed) and not claim_fits(case, claim, billed)


def statement_notes(case: Case, *, codes: set[str], billed: set[date], pointers: str) -> list[str]:
    """The notes under a statement: how charges are shown, why each drug or administration code
    was used (``codes`` on the statement), the diagnoses beyond the ``pointers`` letters, and
    how plan payments for the ``billed`` dates were found."""
    notes = [
        "Each line is charged from the clinic's fee schedule (its charge per unit times the "
        "units); a date's charge is the sum of its lines, the same as on the claim."
    ]
    if "J3490" in codes:
        notes.append(
            "J3490 (unclassified drug) is the code payers instruct for ketamine, which has no "
            "drug code of its own; the line carries the NDC, drug name, strength and dose given."
        )
    if "S0013" in codes:
        notes.append(
            "S0013 is used for dates of service before January 1, 2026; J0013 replaced it from "
            "that date."
        )
    if codes & {"G2082", "G2083"}:
        notes.append(
            "G2082 and G2083 include the drug, so no esketamine drug code is billed with them. "
            "CGS (a Medicare contractor) asks for modifier KX on these codes to show REMS "
            "enrollment, with the treating facility and ZIP code in the claim note or box 19 "
            "(partly verified); other Medicare contractors were not checked, so no modifier is "
            "added here: ask the contractor that processes the claim."
        )
    if "96372" in codes:
        notes.append(
            "96372 (intramuscular injection) is a standard CPT number that ketacover has not "
            "confirmed in a source (unverified); confirm the code with the plan before sending."
        )
    extra = len(case.diagnoses) - len(pointers)
    if extra > 0:
        left = "1 further diagnosis is" if extra == 1 else f"{extra} further diagnoses are"
        notes.append(
            f"Claim lines point to at most {len(pointers)} diagnoses (A to D); {left} not listed."
        )
    if any(claim_fits(case, claim, billed) for claim in paid_claims(case)):
        notes.append(
            "Plan payments come from the claims recorded for these dates of service; "
            "adjustments on the explanation of benefits are not listed."
        )
    for claim in paid_claims(case):
        if claim_overlaps(case, claim, billed):
            which = f"claim {claim.claim_number}" if claim.claim_number else "a claim"
            notes.append(
                f"The plan's payment on {which} also covers dates of service not on this "
                "statement; it is not divided among sessions and is left out."
            )
    return notes

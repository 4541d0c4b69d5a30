"""A remittance in figures: claims, billed, paid, adjusted by group, denied by reason, and what
does not balance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ketacover.core.model import DenialReason
from ketacover.core.remittance import CONTRACTUAL, FEE_SCHEDULE
from ketacover.interop.x12.balance import (
    PaymentMismatch,
    UnbalancedClaim,
    payment_mismatch,
    unbalanced_claims,
)
from ketacover.interop.x12.classify import ClaimOutcome, outcome
from ketacover.interop.x12.model import Remittance

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class GroupTotal:
    """Adjustments of one group code (CO, PR, OA, PI), claim and line level together."""

    group: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class ReasonTotal:
    """Denied claims (whole or in part) of one reason; ``reason`` is ``None`` when no code was
    classified."""

    reason: DenialReason | None
    claims: int
    amount: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """The figures of one remittance."""

    payer: str
    payment: Decimal
    """BPR02."""
    payment_date: date | None
    """Date of the payment."""
    claims: int
    billed: Decimal
    paid: Decimal
    patient_responsibility: Decimal
    adjusted: tuple[GroupTotal, ...]
    """By group code, in order of first appearance."""
    contractual: Decimal
    """The CO-45 contractual write-off (part of the CO group total), which is not a denial."""
    provider_adjustments: Decimal
    """Sum of PLB amounts (positive reduces the payment)."""
    denied: int
    """Claims denied whole or in part."""
    denied_amount: Decimal
    denied_by_reason: tuple[ReasonTotal, ...]
    """Largest amount first."""
    unbalanced: tuple[UnbalancedClaim, ...]
    payment_mismatch: PaymentMismatch | None


def summarize(remittance: Remittance, outcomes: Sequence[ClaimOutcome] | None = None) -> Summary:
    """The figures of ``remittance``; ``outcomes`` are its claims already read (in file order),
    when the caller has them."""
    billed = paid = share = denied_amount = contractual = _ZERO
    groups: dict[str, Decimal] = {}
    reasons: dict[DenialReason | None, list[Decimal]] = {}
    denied = 0
    for index, claim in enumerate(remittance.claims):
        billed += claim.charge
        paid += claim.paid
        share += claim.patient_responsibility
        for adjustment in claim.adjustments:
            groups[adjustment.group] = groups.get(adjustment.group, _ZERO) + adjustment.amount
            if adjustment.reason == FEE_SCHEDULE and adjustment.group == CONTRACTUAL:
                contractual += adjustment.amount
        for line in claim.service_lines:
            for adjustment in line.adjustments:
                groups[adjustment.group] = groups.get(adjustment.group, _ZERO) + adjustment.amount
                if adjustment.reason == FEE_SCHEDULE and adjustment.group == CONTRACTUAL:
                    contractual += adjustment.amount
        read = outcomes[index] if outcomes is not None else outcome(claim)
        if read.is_denial:
            denied += 1
            denied_amount += read.denied_amount
            tally = reasons.setdefault(read.reason, [_ZERO, _ZERO])
            tally[0] += 1
            tally[1] += read.denied_amount
    by_reason = sorted(
        (ReasonTotal(reason, int(count), amount) for reason, (count, amount) in reasons.items()),
        key=lambda total: (-total.amount, total.reason or ""),
    )
    return Summary(
        payer=remittance.payer.name,
        payment=remittance.payment.amount,
        payment_date=remittance.payment.date,
        claims=len(remittance.claims),
        billed=billed,
        paid=paid,
        patient_responsibility=share,
        adjusted=tuple(GroupTotal(group, amount) for group, amount in groups.items()),
        contractual=contractual,
        provider_adjustments=sum((plb.amount for plb in remittance.provider_adjustments), _ZERO),
        denied=denied,
        denied_amount=denied_amount,
        denied_by_reason=tuple(by_reason),
        unbalanced=unbalanced_claims(remittance),
        payment_mismatch=payment_mismatch(remittance),
    )

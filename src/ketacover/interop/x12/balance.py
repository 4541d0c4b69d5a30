"""Balancing checks on a remittance; an unbalanced claim is reported, never fatal.

- A claim balances when its charge less its payment equals the sum of its adjustments, claim
  level and line level (CLP03 - CLP04 = sum of CAS amounts).
- The payment balances when BPR02 equals the claims' payments less the provider-level
  adjustments (sum of CLP04 - sum of PLB amounts; a positive PLB amount reduces the payment).

These are the balancing rules of the 835 implementation guide (005010X221A1) as the issue states
them; see :mod:`ketacover.core.remittance` for the standing of that source.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ketacover.interop.x12.model import ClaimPayment, Remittance

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class UnbalancedClaim:
    """A claim whose adjustments do not account for the difference between charge and payment."""

    claim_id: str
    """Patient control number (CLP01)."""
    segment: int
    """Number of its CLP segment in the file."""
    charge: Decimal
    paid: Decimal
    adjusted: Decimal
    """Sum of its claim- and line-level adjustments."""

    @property
    def difference(self) -> Decimal:
        """Charge less payment less adjustments: what the adjustments leave unexplained."""
        return self.charge - self.paid - self.adjusted


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentMismatch:
    """BPR02 differs from the claims' payments less the provider-level adjustments."""

    payment: Decimal
    """BPR02."""
    claims_paid: Decimal
    """Sum of CLP04."""
    provider_adjustments: Decimal
    """Sum of PLB amounts."""

    @property
    def difference(self) -> Decimal:
        """BPR02 less (claims paid less provider adjustments)."""
        return self.payment - (self.claims_paid - self.provider_adjustments)


def adjusted_total(claim: ClaimPayment) -> Decimal:
    """Sum of the claim's adjustments, claim level and line level."""
    total = sum((a.amount for a in claim.adjustments), _ZERO)
    for line in claim.service_lines:
        for adjustment in line.adjustments:
            total += adjustment.amount
    return total


def unbalanced_claim(claim: ClaimPayment) -> UnbalancedClaim | None:
    """The claim's imbalance, or ``None`` when it balances."""
    adjusted = adjusted_total(claim)
    if claim.charge - claim.paid == adjusted:
        return None
    return UnbalancedClaim(
        claim_id=claim.claim_id,
        segment=claim.segment,
        charge=claim.charge,
        paid=claim.paid,
        adjusted=adjusted,
    )


def unbalanced_claims(remittance: Remittance) -> tuple[UnbalancedClaim, ...]:
    """Every claim of the remittance that does not balance, in file order."""
    found = (unbalanced_claim(claim) for claim in remittance.claims)
    return tuple(item for item in found if item is not None)


def payment_mismatch(remittance: Remittance) -> PaymentMismatch | None:
    """The mismatch between BPR02 and the claims and provider adjustments, or ``None``."""
    mismatch = PaymentMismatch(
        payment=remittance.payment.amount,
        claims_paid=sum((claim.paid for claim in remittance.claims), _ZERO),
        provider_adjustments=sum((plb.amount for plb in remittance.provider_adjustments), _ZERO),
    )
    return None if mismatch.difference == _ZERO else mismatch

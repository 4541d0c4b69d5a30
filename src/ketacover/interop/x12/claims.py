"""Every claim of a remittance as a billing lead reads it: who and when, what status, billed,
allowed, paid and the patient's share, each adjustment as its group-reason pair with its amount
and kind (the CO-45 contractual write-off kept apart from denials), and the remark codes.

The **allowed** amount is the sum of the service lines' allowed amounts (AMT*B6, 2110 loop) when
every line carries one; otherwise it is computed as the payment plus the patient's share
(CLP04 + CLP05). The claim-level AMT*AU is the *covered* amount, "the sum of the original submitted
provider charges that are considered for payment" (X12 RFI 1937,
https://x12.org/resources/requests-for-interpretation/rfi-1937-835-covered-amount), not the
allowed amount, so it is shown as such and never used for ``allowed``.

What the status codes, groups and reasons mean is :mod:`ketacover.core.remittance`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final, NamedTuple

from ketacover.core import remittance as rules
from ketacover.core.model import DenialReason
from ketacover.interop.x12.classify import ClaimOutcome, outcome
from ketacover.interop.x12.model import ClaimPayment

_ZERO: Final = Decimal(0)
COVERED: Final = "AU"
"""AMT01 qualifier of the claim's covered amount."""


class AdjustmentTotal(NamedTuple):
    """One group-reason pair on a claim, claim and line levels added up (an immutable record;
    a named tuple because a large remittance builds a hundred thousand of them)."""

    group: str
    reason: str
    amount: Decimal
    kind: rules.AdjustmentKind

    @property
    def code(self) -> str:
        """``CO-45``."""
        return f"{self.group}-{self.reason}"


class ClaimDetail(NamedTuple):
    """One claim payment, read for a person (an immutable record; a named tuple because a large
    remittance builds tens of thousands of them)."""

    segment: int
    """Number of its CLP segment in the file (1 = ISA)."""
    patient_control_number: str
    """CLP01."""
    payer_claim_number: str | None
    """CLP07."""
    patient_name: str | None
    """NM1*QC, ``LAST, FIRST``."""
    service_from: date | None
    service_to: date | None
    status_code: str
    """CLP02."""
    status: str
    """CLP02 in words."""
    billed: Decimal
    """CLP03."""
    allowed: Decimal
    allowed_from_lines: bool
    """Whether ``allowed`` is the lines' AMT*B6 (else CLP04 + CLP05)."""
    covered: Decimal | None
    """AMT*AU, when given."""
    paid: Decimal
    """CLP04."""
    patient_responsibility: Decimal
    """CLP05."""
    adjustments: tuple[AdjustmentTotal, ...]
    """Group-reason pairs in order of first appearance, claim level then lines."""
    remarks: tuple[str, ...]
    """Remark codes: MOA/MIA on the claim, then LQ*HE on the lines, each once."""
    denied: bool
    """The whole claim was denied."""
    denied_lines: int
    """Service lines denied on a claim not denied as a whole."""
    denial_reason: DenialReason | None
    """What the denial codes point to (``None`` when nothing was denied or nothing matched)."""

    @property
    def contractual(self) -> Decimal:
        """The CO-45 write-off."""
        kind = rules.AdjustmentKind.CONTRACTUAL
        return sum((a.amount for a in self.adjustments if a.kind is kind), _ZERO)

    @property
    def denied_amount(self) -> Decimal:
        """What the denial adjustments take."""
        kind = rules.AdjustmentKind.DENIAL
        return sum((a.amount for a in self.adjustments if a.kind is kind), _ZERO)

    @property
    def is_denial(self) -> bool:
        """Whether the claim or any of its lines was denied."""
        return self.denied or self.denied_lines > 0


def claim_detail(claim: ClaimPayment, read: ClaimOutcome | None = None) -> ClaimDetail:
    """``claim`` read for a person; ``read`` is its :func:`outcome` when already computed."""
    if read is None:
        read = outcome(claim)
    denied = read.denied
    denied_lines = read.denied_lines
    amounts: dict[tuple[str, str], Decimal] = {}
    denials: set[tuple[str, str]] = set()
    for adjustment in claim.adjustments:
        key = (adjustment.group, adjustment.reason)
        found = amounts.get(key)
        amounts[key] = adjustment.amount if found is None else found + adjustment.amount
        if denied:
            denials.add(key)
    remarks = claim.remarks
    allowed_lines = _ZERO
    every_line_allowed = bool(claim.service_lines)
    for index, line in enumerate(claim.service_lines):
        on_denied = denied or (bool(denied_lines) and index in denied_lines)
        for adjustment in line.adjustments:
            key = (adjustment.group, adjustment.reason)
            found = amounts.get(key)
            amounts[key] = adjustment.amount if found is None else found + adjustment.amount
            if on_denied:
                denials.add(key)
        if line.remarks:
            remarks = remarks + line.remarks
        if line.allowed is None:
            every_line_allowed = False
        else:
            allowed_lines += line.allowed
    if len(remarks) > 1:
        remarks = tuple(dict.fromkeys(remarks))
    covered = None
    for qualifier, amount in claim.amounts:
        if qualifier == COVERED:
            covered = amount
            break
    kind = rules.adjustment_kind
    return ClaimDetail(
        segment=claim.segment,
        patient_control_number=claim.patient_control_number,
        payer_claim_number=claim.payer_claim_number,
        patient_name=claim.patient_name,
        service_from=claim.service_from,
        service_to=claim.service_to,
        status_code=claim.status_code,
        status=rules.describe_status(claim.status_code),
        billed=claim.charge,
        allowed=(
            allowed_lines if every_line_allowed else claim.paid + claim.patient_responsibility
        ),
        allowed_from_lines=every_line_allowed,
        covered=covered,
        paid=claim.paid,
        patient_responsibility=claim.patient_responsibility,
        adjustments=tuple(
            AdjustmentTotal(
                group, reason, amount, kind(group=group, reason=reason, on_denied=key in denials)
            )
            for key, amount in amounts.items()
            for group, reason in (key,)
        ),
        remarks=remarks,
        denied=denied,
        denied_lines=len(denied_lines) if not denied else 0,
        denial_reason=read.reason if read.is_denial else None,
    )

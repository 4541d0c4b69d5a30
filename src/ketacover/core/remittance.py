"""What a remittance (an X12 835 claim payment) says about a claim: its claim status code, whether
the claim or a service line was denied, and the claim status that follows.

The claim status code is CLP02 of the 835 (ASC X12 005010X221A1). X12 claim status codes are not
in ketacover's domain facts, so this module keeps to the plain meaning of the code list printed in
the 835 implementation guide: 1, 2 and 3 processed as primary, secondary and tertiary; 4 denied;
19, 20 and 21 processed as primary, secondary and tertiary and forwarded to another payer; 22 a
reversal of a previous payment. Other codes exist (23 not our claim, forwarded; 25 predetermination
pricing only) and are accepted without a meaning (wrongly rejecting a real code is worse than
wrongly accepting one).

A claim is treated as **denied** when the payer says so (status 4), or when it paid nothing on a
claim it adjusted. A **service line** is denied when nothing was paid on it and contractual (CO)
adjustments take its whole charge. These are ketacover's reading of the remittance, stated here
so that every screen uses the same one.

>>> is_denied_claim(status_code="4", paid=Decimal("0"), adjusted=True)
True
>>> is_denied_line(charge=Decimal("500"), paid=Decimal("0"), contractual=Decimal("500"))
True
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from ketacover.core.model import ClaimStatus, DenialReason
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source

IMPLEMENTATION_GUIDE: Final = "https://x12.org/products/transaction-sets"
"""Where X12 publishes the 835 implementation guide (005010X221A1) and its code lists."""

SOURCE: Final = cite("code-835-claim-status")
"""The authority for the claim status codes below, partly verified."""

DENIED: Final = "4"
"""CLP02 status code for a denied claim."""
REVERSAL: Final = "22"
"""CLP02 status code for the reversal of a previous payment."""
CONTRACTUAL: Final = "CO"
"""Group code for a contractual obligation (the provider absorbs the amount)."""
PATIENT: Final = "PR"
"""Group code for patient responsibility (deductible, coinsurance, copay, ...)."""
FEE_SCHEDULE: Final = "45"
"""CARC 45: the charge exceeds the fee schedule or maximum allowable (the contracted or allowed
rate). With group CO it is the contractual write-off every paid in-network claim carries, not a
denial."""

ZERO: Final = Decimal(0)


@dataclass(frozen=True, slots=True)
class ClaimStatusCode:
    """One CLP02 claim status code and its plain meaning."""

    code: str
    meaning: str
    source: Source = SOURCE


CLAIM_STATUS_CODES: Final[dict[str, ClaimStatusCode]] = {
    code: ClaimStatusCode(code, meaning)
    for code, meaning in (
        ("1", "processed as primary"),
        ("2", "processed as secondary"),
        ("3", "processed as tertiary"),
        (DENIED, "denied"),
        ("19", "processed as primary, forwarded to additional payer(s)"),
        ("20", "processed as secondary, forwarded to additional payer(s)"),
        ("21", "processed as tertiary, forwarded to additional payer(s)"),
        (REVERSAL, "reversal of previous payment"),
    )
}
"""The claim status codes ketacover knows, by code."""


def describe_status(code: str) -> str:
    """The plain meaning of a CLP02 status code, or a note that ketacover does not know it."""
    entry = CLAIM_STATUS_CODES.get(code)
    if entry is None:
        return f"claim status {code} (no meaning in ketacover; see the 835 implementation guide)"
    return entry.meaning


def is_reversal(status_code: str) -> bool:
    """Whether the claim payment reverses an earlier one (status 22)."""
    return status_code == REVERSAL


def is_denied_claim(*, status_code: str, paid: Decimal, adjusted: bool) -> bool:
    """Whether the whole claim was denied: status 4, or nothing paid on a claim with adjustments.

    A reversal is never a denial: it takes back an earlier payment, and its amounts are negative.
    """
    if status_code == DENIED:
        return True
    return not is_reversal(status_code) and paid == ZERO and adjusted


def is_denied_line(*, charge: Decimal, paid: Decimal, contractual: Decimal) -> bool:
    """Whether a service line was denied: nothing paid and CO adjustments take its whole charge."""
    return charge > ZERO and paid == ZERO and contractual == charge


def claim_status(*, denied: bool, lines_denied: bool) -> ClaimStatus:
    """The case's claim status after the remittance: denied, partially paid (some line denied), or
    paid."""
    if denied:
        return ClaimStatus.DENIED
    if lines_denied:
        return ClaimStatus.PARTIALLY_PAID
    return ClaimStatus.PAID


class AdjustmentKind(StrEnum):
    """What one adjustment (group and reason) means for the clinic, so that a contractual
    write-off is never read as a denial."""

    CONTRACTUAL = "contractual"
    """CO-45: the charge reduced to the allowed amount (the contracted rate)."""
    PATIENT = "patient"
    """PR: the patient's share (deductible, coinsurance, copay, non-covered for the patient)."""
    DENIAL = "denial"
    """An adjustment on a claim or service line that was denied."""
    OTHER = "other"
    """Anything else (another payer's payment, a payer-initiated reduction, ...)."""


def adjustment_kind(*, group: str, reason: str, on_denied: bool) -> AdjustmentKind:
    """The kind of one adjustment; ``on_denied`` says whether it sits on a denied claim or a
    denied service line.

    >>> adjustment_kind(group="CO", reason="45", on_denied=False)
    <AdjustmentKind.CONTRACTUAL: 'contractual'>
    >>> adjustment_kind(group="CO", reason="50", on_denied=True)
    <AdjustmentKind.DENIAL: 'denial'>
    """
    if group == PATIENT:
        return _PATIENT_SHARE
    if reason == FEE_SCHEDULE and group == CONTRACTUAL:
        return _CONTRACTUAL
    return _DENIAL if on_denied else _OTHER


# Members read once: an enum member looked up on its class costs a descriptor call, and a large
# remittance asks for a kind a hundred thousand times.
_PATIENT_SHARE: Final = AdjustmentKind.PATIENT
_CONTRACTUAL: Final = AdjustmentKind.CONTRACTUAL
_DENIAL: Final = AdjustmentKind.DENIAL
_OTHER: Final = AdjustmentKind.OTHER


PAYMENT_METHODS: Final[dict[str, str]] = {
    "ACH": "electronic funds transfer (ACH)",
    "CHK": "check",
    "BOP": "financial institution option",
    "FWT": "wire transfer",
    "NON": "no payment",
}
"""BPR04 payment method codes of the 835 and their plain meaning."""


def describe_payment_method(code: str) -> str:
    """The plain meaning of a BPR04 payment method code, or the code itself when unknown."""
    return PAYMENT_METHODS.get(code, f"payment method {code}")


def denial_label(reason: DenialReason | None) -> str:
    """The words for a denial reason, ``unclassified`` when no code pointed to one."""
    return reason.label if reason is not None else "unclassified"

"""What each claim payment means for the clinic: denied, partly denied (a line denied) or paid,
with its adjustment codes and the denial reason they point to.

The reading of status codes and lines is :mod:`ketacover.core.remittance`; the reason comes from
:func:`ketacover.core.codes.carc.classify` over the claim's CAS codes (claim and line level),
written with their group codes (``CO-50``).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ketacover.core import remittance as rules
from ketacover.core.codes import carc
from ketacover.core.model import ClaimStatus, DenialReason
from ketacover.interop.x12.model import Adjustment, ClaimPayment

_ZERO = Decimal(0)


class ClaimOutcome(NamedTuple):
    """One claim payment, read (an immutable record; a named tuple because every claim of a
    large remittance gets one)."""

    denied: bool
    """The whole claim was denied (status 4, or nothing paid on an adjusted claim)."""
    denied_lines: tuple[int, ...]
    """Indexes of the service lines denied (nothing paid, CO adjustments take the charge)."""
    codes: tuple[str, ...]
    """Every adjustment code on the claim, claim level then line level, e.g. ``CO-50``."""
    denial_codes: tuple[str, ...]
    """The codes of what was denied: all codes for a denied claim, the denied lines' otherwise."""
    reason: DenialReason | None
    """The reason the codes point to (denial codes for a denial, all codes otherwise)."""
    denied_amount: Decimal
    """Charge less payment for a denied claim; the denied lines' charges for a partial one."""
    status: ClaimStatus
    """The claim status that follows: denied, partially paid or paid."""

    @property
    def is_denial(self) -> bool:
        """Whether the claim or any of its lines was denied."""
        return self.denied or bool(self.denied_lines)


@lru_cache(maxsize=4096)
def _reason(codes: tuple[str, ...]) -> DenialReason | None:
    return carc.classify(code for code in codes if carc.is_valid(code))


_CODES: dict[tuple[str, str], str] = {}


def _code(group: str, reason: str) -> str:
    found = _CODES.get((group, reason))
    if found is None:
        found = _CODES[(group, reason)] = f"{group}-{reason}"
    return found


def _unique(adjustments: list[Adjustment]) -> tuple[str, ...]:
    if len(adjustments) == 1:
        first = adjustments[0]
        return (_code(first.group, first.reason),)
    return tuple(dict.fromkeys(_code(a.group, a.reason) for a in adjustments))


def outcome(claim: ClaimPayment) -> ClaimOutcome:
    """Read one claim payment."""
    every = list(claim.adjustments)
    denied_lines = []
    denied_line_adjustments: list[Adjustment] = []
    denied_line_amount = _ZERO
    for index, line in enumerate(claim.service_lines):
        every.extend(line.adjustments)
        if line.paid != _ZERO or not line.adjustments:
            continue
        contractual = sum(
            (a.amount for a in line.adjustments if a.group == rules.CONTRACTUAL), _ZERO
        )
        if rules.is_denied_line(charge=line.charge, paid=line.paid, contractual=contractual):
            denied_lines.append(index)
            denied_line_adjustments.extend(line.adjustments)
            denied_line_amount += line.charge
    codes = _unique(every)
    denied = rules.is_denied_claim(
        status_code=claim.status_code, paid=claim.paid, adjusted=bool(every)
    )
    if denied:
        denial_codes, amount = codes, claim.charge - claim.paid
    else:
        denial_codes, amount = _unique(denied_line_adjustments), denied_line_amount
    return ClaimOutcome(
        denied=denied,
        denied_lines=tuple(denied_lines),
        codes=codes,
        denial_codes=denial_codes,
        reason=_reason(denial_codes if denial_codes else codes),
        denied_amount=amount,
        status=rules.claim_status(denied=denied, lines_denied=bool(denied_lines)),
    )

"""A remittance as plain data for programs and for the web app's history: the payer, the payee
and the payment, the totals, and one entry per claim. Amounts are always strings with two
decimals (``"3050.00"``), dates ISO text, so the JSON of ``ketacover import 835 --json`` and the
stored history read alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core import remittance as rules
from ketacover.core.model import ClaimStatus
from ketacover.interop.x12.claims import ClaimDetail, claim_detail
from ketacover.interop.x12.classify import ClaimOutcome, outcome
from ketacover.interop.x12.model import ClaimPayment, Party, Remittance
from ketacover.interop.x12.summary import Summary, summarize

_ZERO: Final = Decimal(0)
_CENT: Final = Decimal("0.01")

Data = dict[str, object]


def money(amount: Decimal) -> str:
    """``amount`` with two decimals: ``Decimal("3050")`` -> ``"3050.00"``."""
    return str(amount.quantize(_CENT))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


_PAID: Final = ClaimOutcome(
    denied=False,
    denied_lines=(),
    codes=(),
    denial_codes=(),
    reason=None,
    denied_amount=_ZERO,
    status=ClaimStatus.PAID,
)
"""What the summary and the claim rows read of a claim that cannot be a denial: neither uses
the codes of a claim that is not one, so most claims of a large file skip :func:`outcome`."""


def _read(claim: ClaimPayment) -> ClaimOutcome:
    """:func:`outcome` for a claim that may be a denial, :data:`_PAID` for one that cannot be:
    not status 4, something paid, and something paid on every line (the only ways
    :mod:`ketacover.core.remittance` reads a denial)."""
    if claim.status_code == rules.DENIED or claim.paid == _ZERO:
        return outcome(claim)
    for line in claim.service_lines:
        if line.paid == _ZERO:
            return outcome(claim)
    return _PAID


def read_remittance(remittance: Remittance) -> tuple[Summary, tuple[ClaimDetail, ...]]:
    """The summary and every claim's detail, each claim read once."""
    outcomes = [_read(claim) for claim in remittance.claims]
    details = tuple(
        claim_detail(claim, read) for claim, read in zip(remittance.claims, outcomes, strict=True)
    )
    return summarize(remittance, outcomes), details


def party_data(party: Party) -> Data:
    """``{"name", "id", "qualifier", "npi"}``."""
    return {"name": party.name, "id": party.id, "qualifier": party.qualifier, "npi": party.npi}


def claim_data(detail: ClaimDetail) -> Data:
    """One claim as plain data."""
    return {
        "segment": detail.segment,
        "patient_control_number": detail.patient_control_number,
        "payer_claim_number": detail.payer_claim_number,
        "patient_name": detail.patient_name,
        "service_from": _day(detail.service_from),
        "service_to": _day(detail.service_to),
        "status_code": detail.status_code,
        "status": detail.status,
        "billed": money(detail.billed),
        "allowed": money(detail.allowed),
        "allowed_source": "AMT*B6" if detail.allowed_from_lines else "paid + patient",
        "covered": money(detail.covered) if detail.covered is not None else None,
        "paid": money(detail.paid),
        "patient_responsibility": money(detail.patient_responsibility),
        "contractual": money(detail.contractual),
        "adjustments": [
            {
                "group": each.group,
                "reason": each.reason,
                "code": each.code,
                "amount": money(each.amount),
                "kind": each.kind.value,
            }
            for each in detail.adjustments
        ],
        "remarks": list(detail.remarks),
        "denied": detail.denied,
        "denied_lines": detail.denied_lines,
        "denial_reason": detail.denial_reason.value if detail.denial_reason else None,
    }


def summary_data(summary: Summary) -> Data:
    """The totals of one remittance as plain data."""
    mismatch = summary.payment_mismatch
    return {
        "payer": summary.payer,
        "payment": money(summary.payment),
        "payment_date": _day(summary.payment_date),
        "claims": summary.claims,
        "billed": money(summary.billed),
        "paid": money(summary.paid),
        "patient_responsibility": money(summary.patient_responsibility),
        "adjusted": [
            {"group": total.group, "amount": money(total.amount)} for total in summary.adjusted
        ],
        "contractual": money(summary.contractual),
        "provider_adjustments": money(summary.provider_adjustments),
        "denied": summary.denied,
        "denied_amount": money(summary.denied_amount),
        "denied_by_reason": [
            {
                "reason": total.reason.value if total.reason else None,
                "label": rules.denial_label(total.reason),
                "claims": total.claims,
                "amount": money(total.amount),
            }
            for total in summary.denied_by_reason
        ],
        "unbalanced": [
            {
                "claim_id": each.claim_id,
                "segment": each.segment,
                "charge": money(each.charge),
                "paid": money(each.paid),
                "adjusted": money(each.adjusted),
                "difference": money(each.difference),
            }
            for each in summary.unbalanced
        ],
        "payment_mismatch": None
        if mismatch is None
        else {
            "payment": money(mismatch.payment),
            "claims_paid": money(mismatch.claims_paid),
            "provider_adjustments": money(mismatch.provider_adjustments),
            "difference": money(mismatch.difference),
        },
    }


def remittance_data(
    remittance: Remittance, summary: Summary, details: Sequence[ClaimDetail]
) -> Data:
    """One transaction set: ``control_number``, ``payer``, ``payee``, ``payment``, ``summary``,
    ``claims``."""
    payment = remittance.payment
    return {
        "control_number": remittance.control_number,
        "payer": party_data(remittance.payer),
        "payee": party_data(remittance.payee),
        "payment": {
            "amount": money(payment.amount),
            "method": payment.method,
            "method_words": rules.describe_payment_method(payment.method),
            "date": _day(payment.date),
            "trace": payment.trace,
        },
        "summary": summary_data(summary),
        "claims": [claim_data(detail) for detail in details],
    }

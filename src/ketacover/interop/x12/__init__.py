"""X12 files: 835 remittances (claim payment/advice, 005010X221A1): read a payer's file, check
that it balances, read each claim as paid, partly denied or denied with the reason classified
(:mod:`.claims` for the per-claim rows, :mod:`.report` for plain data), match the claims to cases
and apply them, and sum it all up; 271 eligibility responses (005010X279A1) read into the case's
terms (:mod:`.eligibility`); the 270 inquiry for a case written (:mod:`.inquiry`).

>>> from ketacover.interop.x12 import load_835, summarize   # doctest: +SKIP
>>> [summary] = [summarize(r) for r in load_835("era.835")]  # doctest: +SKIP

Parsing untrusted files happens here; what the codes mean lives in the core
(:mod:`ketacover.core.remittance`, :mod:`ketacover.core.codes.carc`).
"""

from ketacover.interop.x12.balance import (
    PaymentMismatch,
    UnbalancedClaim,
    adjusted_total,
    payment_mismatch,
    unbalanced_claim,
    unbalanced_claims,
)
from ketacover.interop.x12.classify import ClaimOutcome, outcome
from ketacover.interop.x12.delimiters import Delimiters, delimiters
from ketacover.interop.x12.errors import RemittanceError
from ketacover.interop.x12.matching import Match, MatchBasis, apply, match
from ketacover.interop.x12.model import (
    Adjustment,
    ClaimPayment,
    Party,
    Payment,
    ProviderAdjustment,
    Remittance,
    ServiceLine,
)
from ketacover.interop.x12.parser import load_835, parse_835
from ketacover.interop.x12.summary import GroupTotal, ReasonTotal, Summary, summarize

__all__ = [
    "Adjustment",
    "ClaimOutcome",
    "ClaimPayment",
    "Delimiters",
    "GroupTotal",
    "Match",
    "MatchBasis",
    "Party",
    "Payment",
    "PaymentMismatch",
    "ProviderAdjustment",
    "ReasonTotal",
    "Remittance",
    "RemittanceError",
    "ServiceLine",
    "Summary",
    "UnbalancedClaim",
    "adjusted_total",
    "apply",
    "delimiters",
    "load_835",
    "match",
    "outcome",
    "parse_835",
    "payment_mismatch",
    "summarize",
    "unbalanced_claim",
    "unbalanced_claims",
]

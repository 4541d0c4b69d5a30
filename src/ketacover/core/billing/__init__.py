"""Billing: what a claim says, composed once from the case and the clinic's fee schedule.

The superbill, the CMS-1500, the 837P and the Good Faith Estimate are views of
:class:`ProfessionalClaim`; the coding rules and their sources are in
:mod:`ketacover.core.billing.coding`, :mod:`ketacover.core.billing.timed` and
:mod:`ketacover.core.billing.regime`; filing limits and aging in
:mod:`ketacover.core.billing.filing`.

>>> from ketacover.core.billing import compose          # doctest: +SKIP
>>> claim = compose(case, on=date(2026, 11, 3))          # doctest: +SKIP
>>> [(line.code, line.units, line.charge) for line in claim.lines]  # doctest: +SKIP
"""

from ketacover.core.billing.claim import (
    DOCUMENT,
    OFFICE,
    ClaimLine,
    ProfessionalClaim,
    claims,
    compose,
    service_dates,
)
from ketacover.core.billing.coding import Coding, code_session
from ketacover.core.billing.fees import FeeSchedule
from ketacover.core.billing.filing import AgingBucket, FilingLimit, aging, filing_limit
from ketacover.core.billing.lines import CodedLine, Drug, LineKind
from ketacover.core.billing.parties import BillingProvider, Payer, RenderingProvider, Subscriber
from ketacover.core.billing.regime import Regime, regime

__all__ = [
    "DOCUMENT",
    "OFFICE",
    "AgingBucket",
    "BillingProvider",
    "ClaimLine",
    "CodedLine",
    "Coding",
    "Drug",
    "FeeSchedule",
    "FilingLimit",
    "LineKind",
    "Payer",
    "ProfessionalClaim",
    "Regime",
    "RenderingProvider",
    "Subscriber",
    "aging",
    "claims",
    "code_session",
    "compose",
    "filing_limit",
    "regime",
    "service_dates",
]

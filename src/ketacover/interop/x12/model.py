"""A remittance as read from an X12 835 (005010X221A1): the payment, the payer and payee, each
claim payment with its service lines, adjustments and remark codes, and the provider-level
adjustments. Money is :class:`~decimal.Decimal` as printed in the file; dates are
:class:`~datetime.date`.

These are plain immutable records with no behaviour: balancing, classification, matching and
the summary work on them from their own modules. The three a large file holds by the hundred
thousand (adjustments, service lines, claim payments) are named tuples, which are built in a
third of the time of a frozen dataclass; the others are frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple


class Adjustment(NamedTuple):
    """One adjustment from a CAS segment: who bears it (group), why (reason), how much."""

    group: str
    """Group code: CO, PR, OA or PI."""
    reason: str
    """Claim adjustment reason code (CARC), e.g. ``50``."""
    amount: Decimal
    """Amount adjusted (negative amounts increase the payment)."""
    quantity: Decimal | None = None
    """Units adjusted, when given."""

    @property
    def code(self) -> str:
        """Group and reason as remittances write them together: ``CO-50``."""
        return f"{self.group}-{self.reason}"


@dataclass(frozen=True, slots=True)
class Party:
    """The payer (N1*PR) or the payee (N1*PE)."""

    name: str
    """Name as printed."""
    id: str | None = None
    """Identifier (N104): the payee's NPI or tax id, the payer's id, when given."""
    qualifier: str | None = None
    """What the identifier is (N103): ``XX`` an NPI, ``FI`` a federal tax id, ``XV`` a CMS plan
    id, ``PI`` a payer id, when given."""

    @property
    def npi(self) -> str | None:
        """The NPI, when the identifier is one (N103 ``XX``)."""
        return self.id if self.qualifier == "XX" else None


@dataclass(frozen=True, slots=True)
class Payment:
    """The payment the remittance accompanies (BPR, TRN)."""

    amount: Decimal
    """Total actual provider payment (BPR02)."""
    method: str
    """Payment method code (BPR04): ACH, CHK, BOP, FWT or NON."""
    date: date | None
    """Payment (effective) date, BPR16; else the production date (DTM*405)."""
    trace: str | None
    """Check or EFT trace number (TRN02)."""

    @property
    def method_words(self) -> str:
        """The payment method in words, e.g. ``check``."""
        from ketacover.core.remittance import describe_payment_method

        return describe_payment_method(self.method)


class ServiceLine(NamedTuple):
    """One adjudicated service line (SVC loop); build it with keywords."""

    procedure: str
    """Procedure code (SVC01-2), e.g. ``96365``."""
    qualifier: str
    """Code qualifier (SVC01-1): HC for HCPCS/CPT, NU for revenue codes, ..."""
    charge: Decimal
    """Line charge (SVC02)."""
    paid: Decimal
    """Line payment (SVC03)."""
    units: Decimal
    """Units of service paid (SVC05; 1 when left out)."""
    modifiers: tuple[str, ...] = ()
    """Procedure modifiers (SVC01-3 to -6)."""
    date: date | None = None
    """Date of service (DTM*472, or the start of DTM*150)."""
    allowed: Decimal | None = None
    """Allowed amount (AMT*B6), when given."""
    adjustments: tuple[Adjustment, ...] = ()
    """Line-level adjustments."""
    remarks: tuple[str, ...] = ()
    """Remark codes (LQ*HE)."""
    control_number: str | None = None
    """Line item control number (REF*6R), when given."""


class ClaimPayment(NamedTuple):
    """One claim's adjudication (CLP loop); build it with keywords."""

    segment: int
    """Number of the CLP segment in the file (1 = ISA), for reports."""
    patient_control_number: str
    """The provider's claim id (CLP01)."""
    status_code: str
    """Claim status code (CLP02); see :mod:`ketacover.core.remittance`."""
    charge: Decimal
    """Total claim charge (CLP03)."""
    paid: Decimal
    """Claim payment (CLP04)."""
    patient_responsibility: Decimal
    """Patient responsibility (CLP05; 0 when left out)."""
    filing_indicator: str | None = None
    """Claim filing indicator code (CLP06), e.g. 12 for a PPO."""
    payer_claim_number: str | None = None
    """The payer's claim control number (CLP07)."""
    patient_name: str | None = None
    """Patient name from NM1*QC, ``LAST, FIRST``."""
    member_id: str | None = None
    """Member id: the subscriber's (NM1*IL) when given, else the patient's (NM1*QC)."""
    service_from: date | None = None
    """Claim statement period start (DTM*232); else the earliest line date."""
    service_to: date | None = None
    """Claim statement period end (DTM*233); else the latest line date."""
    received: date | None = None
    """Date the payer received the claim (DTM*050)."""
    payment_date: date | None = None
    """Date of the payment that carries the claim (BPR16, else DTM*405): the notice date."""
    adjustments: tuple[Adjustment, ...] = ()
    """Claim-level adjustments."""
    remarks: tuple[str, ...] = ()
    """Remark codes from MOA (outpatient) or MIA (inpatient)."""
    amounts: tuple[tuple[str, Decimal], ...] = ()
    """Supplemental amounts (AMT), as (qualifier, amount)."""
    quantities: tuple[tuple[str, Decimal], ...] = ()
    """Supplemental quantities (QTY), as (qualifier, quantity)."""
    service_lines: tuple[ServiceLine, ...] = ()
    """Adjudicated service lines."""

    @property
    def claim_id(self) -> str:
        """How reports name the claim: the patient control number."""
        return self.patient_control_number


@dataclass(frozen=True, slots=True)
class ProviderAdjustment:
    """One provider-level adjustment (PLB): not tied to a claim; positive amounts reduce the
    payment."""

    provider_id: str
    """Provider identifier (PLB01)."""
    fiscal_period: date | None
    """Fiscal period date (PLB02)."""
    reason: str
    """Adjustment reason code, e.g. WO (overpayment recovery) or L6 (interest)."""
    reference: str | None
    """Reference identification after the reason code, when given."""
    amount: Decimal
    """Amount; positive reduces the payment, negative increases it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Remittance:
    """One 835 transaction set (ST to SE): one payment and the claims it pays."""

    control_number: str
    """Transaction set control number (ST02)."""
    payer: Party
    """The payer (N1*PR)."""
    payee: Party
    """The payee (N1*PE)."""
    payment: Payment
    """The payment."""
    production_date: date | None = None
    """Production date (DTM*405)."""
    claims: tuple[ClaimPayment, ...] = ()
    """Claim payments, in file order."""
    provider_adjustments: tuple[ProviderAdjustment, ...] = ()
    """Provider-level adjustments (PLB)."""

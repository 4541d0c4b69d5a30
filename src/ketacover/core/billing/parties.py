"""Who a claim is from, for and to: the billing and rendering providers, the subscriber (the
patient, who holds the coverage) and the payer, as the CMS-1500 and the 837P name them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ketacover.core.model import Address, PayerCategory, Sex

__all__ = ["FILING_INDICATORS", "BillingProvider", "Payer", "RenderingProvider", "Subscriber"]

FILING_INDICATORS: Final[dict[PayerCategory, str]] = {
    PayerCategory.MEDICARE: "MB",
    PayerCategory.MEDICARE_ADVANTAGE: "16",
    PayerCategory.MEDICAID: "MC",
    PayerCategory.MEDICAID_MANAGED_CARE: "MC",
    PayerCategory.TRICARE: "CH",
}
"""The 837P claim filing indicator (SBR09) by payer category; any other plan is ``CI``
(commercial insurance). MB Medicare Part B, 16 Medicare Advantage (HMO Medicare risk),
MC Medicaid, CH TRICARE (005010X222A1, loop 2000B SBR09 code list)."""


@dataclass(frozen=True, slots=True)
class BillingProvider:
    """The clinic that bills (CMS-1500 box 33, 25; 837P loop 2010AA)."""

    name: str
    npi: str
    tin: str
    """Nine digits, no hyphen."""
    address: Address
    phone: str | None
    taxonomy: str | None
    submitter_id: str
    """The clearinghouse's submitter ID for the clinic, or its NPI."""


@dataclass(frozen=True, slots=True)
class RenderingProvider:
    """The clinician who gave the service (box 24J; loop 2310B)."""

    given_name: str
    family_name: str
    credentials: str | None
    npi: str
    taxonomy: str | None

    @property
    def name(self) -> str:
        """Given and family name, with credentials when known."""
        suffix = f", {self.credentials}" if self.credentials else ""
        return f"{self.given_name} {self.family_name}{suffix}".strip()


@dataclass(frozen=True, slots=True)
class Subscriber:
    """The insured (here always the patient) (boxes 1a, 2, 3, 4, 5, 7, 11; loop 2010BA)."""

    given_name: str
    family_name: str
    date_of_birth: date
    sex: Sex
    address: Address | None
    member_id: str | None
    group_number: str | None
    plan_name: str | None


@dataclass(frozen=True, slots=True)
class Payer:
    """The plan the claim goes to (loop 2010BB)."""

    name: str
    payer_id: str | None
    category: PayerCategory

    @property
    def filing_indicator(self) -> str:
        """The claim filing indicator code (SBR09)."""
        return FILING_INDICATORS.get(self.category, "CI")

"""Providers: the clinic (billing organization) and the rendering clinician."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ketacover.core.model._base import CONFIG
from ketacover.core.model.patient import Address


class NetworkStatus(StrEnum):
    """Whether a provider is in the patient's plan network."""

    IN_NETWORK = "in_network"
    OUT_OF_NETWORK = "out_of_network"
    UNKNOWN = "unknown"


class Specialty(StrEnum):
    """The clinician's specialty, as payer criteria ask about it."""

    PSYCHIATRY = "psychiatry"
    ANESTHESIOLOGY = "anesthesiology"
    PAIN_MEDICINE = "pain_medicine"
    PRIMARY_CARE = "primary_care"
    EMERGENCY_MEDICINE = "emergency_medicine"
    NURSE_PRACTITIONER = "nurse_practitioner"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class Clinic:
    """The clinic or practice that bills (the organization)."""

    __pydantic_config__ = CONFIG

    name: str
    """Practice name as billed."""
    npi: str | None = None
    """Organization (type 2) NPI, 10 digits."""
    tin: str | None = None
    """Tax identification number (EIN), 9 digits, e.g. ``12-3456789``."""
    network_status: NetworkStatus = NetworkStatus.UNKNOWN
    """Whether the clinic is in the patient's network."""
    rems_certified: bool | None = None
    """Whether the site is certified in the SPRAVATO REMS (required for esketamine)."""
    address: Address | None = None
    """Service address (place of service)."""
    phone: str | None = None
    """Phone number for the payer to call back."""
    fax: str | None = None
    """Fax number."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Clinician:
    """The prescriber or rendering clinician, who signs letters and does peer-to-peer calls."""

    __pydantic_config__ = CONFIG

    name: str
    """Full name as it should appear on letters."""
    credentials: str | None = None
    """Degrees and licences after the name, e.g. ``MD``."""
    npi: str | None = None
    """Individual (type 1) NPI, 10 digits."""
    specialty: Specialty | None = None
    """Specialty; some payers require a psychiatrist to prescribe or be consulted."""
    consults_psychiatrist: bool | None = None
    """For a non-psychiatrist: whether a psychiatrist was consulted."""
    network_status: NetworkStatus = NetworkStatus.UNKNOWN
    """Whether this clinician is in the patient's network."""

"""Providers: the clinic (billing organization) and the rendering clinician."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
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
class Fee:
    """One line of the clinic's fee schedule: what it charges for one unit of a code."""

    __pydantic_config__ = CONFIG

    code: str
    """The CPT number or HCPCS Level II code, e.g. ``99214``, ``J0013`` or ``G2083``."""
    charge: Decimal
    """The charge in dollars for one billing unit of the code: per 1 mg for J0013, per 15
    minutes for 99417 and G2212, per hour for 96366, per visit for an E/M. A claim line charges
    this times its units."""


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
    taxonomy: str | None = None
    """The billing provider's health care provider taxonomy code (10 characters, e.g.
    ``2084P0800X``), when known; claims carry it where payers ask for it."""
    submitter_id: str | None = None
    """The submitter ID the clearinghouse assigned to the clinic for electronic claims (837P);
    the clinic's NPI is used when it is left out."""
    place_of_service: str | None = None
    """Where the clinic gives its sessions, as a CMS place of service code: ``11`` (office, the
    default when left out), ``19`` or ``22`` (outpatient hospital, off or on campus); CMS place
    of service code set (sourcebook codes.toml ``code-pos-list``)."""
    fee_schedule: tuple[Fee, ...] = ()
    """The clinic's charges per code, used for every claim line; a code a claim needs that is
    not listed here is named as missing, never guessed."""


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
    taxonomy: str | None = None
    """The rendering clinician's provider taxonomy code (10 characters, e.g. ``2084P0800X``
    for psychiatry), when known."""

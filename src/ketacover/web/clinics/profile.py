"""A workspace's clinic profile as the core reads it, and what it fills in on a case.

**Which wins.** A case file's own facts always win over the workspace's:

- a new case that names no clinic gets the profile's clinic (and fee schedule), and one that
  names no prescriber gets the prescriber chosen (the first listed when none is chosen);
- a claim is composed from the case's own clinic and fee schedule; only where the case names no
  clinic is the profile's clinic used, and only where the case's clinic lists no fee at all is
  the profile's fee schedule used (the two are never merged code by code, so a claim is priced
  from one schedule). The rendering prescriber is never filled in at billing time: the claim
  names who treated, from the case.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from ketacover.core.model import Address, Case, Clinic, Clinician, Fee, Specialty
from ketacover.web.clinics.models import ClinicProfile


def profile_of(workspace_id: int) -> ClinicProfile | None:
    """The workspace's clinic profile, if one was saved."""
    return ClinicProfile.objects.filter(workspace_id=workspace_id).first()


def fees_of(profile: ClinicProfile) -> tuple[Fee, ...]:
    """The profile's fee schedule as the core's fees."""
    return tuple(
        Fee(code=str(row["code"]), charge=Decimal(str(row["charge"])))
        for row in profile.fee_schedule
    )


def clinic_of(profile: ClinicProfile) -> Clinic:
    """The profile's clinic as the core's clinic (its address only when it is whole)."""
    address = None
    if profile.line1 and profile.city and profile.state and profile.postal_code:
        address = Address(
            line1=profile.line1,
            line2=profile.line2 or None,
            city=profile.city,
            state=profile.state,
            postal_code=profile.postal_code,
        )
    return Clinic(
        name=profile.name,
        npi=profile.npi or None,
        tin=profile.tin or None,
        address=address,
        phone=profile.phone or None,
        taxonomy=profile.taxonomy or None,
        place_of_service=profile.place_of_service or None,
        fee_schedule=fees_of(profile),
    )


def prescriber_of(row: dict[str, Any]) -> Clinician:
    """One prescriber of the profile as the core's clinician."""
    specialty = row.get("specialty") or None
    return Clinician(
        name=str(row["name"]),
        credentials=row.get("credentials") or None,
        npi=row.get("npi") or None,
        specialty=None if specialty is None else Specialty(specialty),
        taxonomy=row.get("taxonomy") or None,
    )


def prescriber_names(profile: ClinicProfile | None) -> list[str]:
    """The profile's prescribers by name, in their order."""
    return [] if profile is None else [str(row["name"]) for row in profile.prescribers]


def prefilled(case: Case, profile: ClinicProfile | None, prescriber: int | None = None) -> Case:
    """A new case with the profile's clinic and prescriber where the case names none."""
    if profile is None:
        return case
    clinic = case.clinic if case.clinic is not None else clinic_of(profile)
    chosen = case.prescriber
    if chosen is None and profile.prescribers:
        index = prescriber if prescriber is not None else 0
        if 0 <= index < len(profile.prescribers):
            chosen = prescriber_of(profile.prescribers[index])
    return replace(case, clinic=clinic, prescriber=chosen)


def for_billing(case: Case, profile: ClinicProfile | None) -> Case:
    """The case as claims are composed from it: its own clinic and fees, the profile's where
    the case has none (see the module's "which wins")."""
    if profile is None:
        return case
    if case.clinic is None:
        return replace(case, clinic=clinic_of(profile))
    if not case.clinic.fee_schedule and profile.fee_schedule:
        return replace(case, clinic=replace(case.clinic, fee_schedule=fees_of(profile)))
    return case

"""The patient: who the case is about. Synthetic people only in this repository."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ketacover.core.model._base import CONFIG


class Sex(StrEnum):
    """Sex as claim forms record it (CMS-1500 box 3)."""

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """A postal address."""

    __pydantic_config__ = CONFIG

    line1: str
    """Street and number."""
    line2: str | None = None
    """Apartment, suite or unit."""
    city: str
    """City or town."""
    state: str
    """Two-letter US state or territory code, e.g. ``MA``."""
    postal_code: str
    """ZIP code, 5 or 9 digits."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Patient:
    """The person seeking treatment."""

    __pydantic_config__ = CONFIG

    given_name: str
    """First name as on the insurance card."""
    family_name: str
    """Last name as on the insurance card."""
    date_of_birth: date
    """Date of birth (YYYY-MM-DD)."""
    sex: Sex = Sex.UNKNOWN
    """Sex as the plan has it on file."""
    address: Address | None = None
    """Home address (superbills and appeal letters need it)."""
    phone: str | None = None
    """Phone number."""
    email: str | None = None
    """Email address."""
    signature_on_file: bool | None = None
    """Whether the clinic keeps the patient's signed authorization to release the information
    a claim needs and to pay benefits to the clinic (CMS-1500 boxes 12 and 13 then read
    "SIGNATURE ON FILE"; left out, they stay blank for a signature)."""

    @property
    def full_name(self) -> str:
        """Given and family name."""
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``."""
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - int(before_birthday)

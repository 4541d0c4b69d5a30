"""The treatment plan: what is being requested."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ketacover.core.model._base import CONFIG


class Treatment(StrEnum):
    """The ketamine-family treatments ketacover carries."""

    IV_KETAMINE = "iv_ketamine"
    """Racemic ketamine by intravenous infusion (off-label for mood disorders)."""
    ESKETAMINE = "esketamine"
    """Esketamine nasal spray (Spravato), FDA-approved, REMS setting only."""
    IM_KETAMINE = "im_ketamine"
    """Racemic ketamine by intramuscular injection (off-label)."""

    @property
    def label(self) -> str:
        """Plain-language name."""
        return {
            Treatment.IV_KETAMINE: "IV ketamine infusion",
            Treatment.ESKETAMINE: "esketamine nasal spray (Spravato)",
            Treatment.IM_KETAMINE: "IM ketamine injection",
        }[self]


class Urgency(StrEnum):
    """Whether a request can wait for the standard clock."""

    STANDARD = "standard"
    URGENT = "urgent"
    """Waiting could seriously jeopardize life or health (e.g. suicidal ideation)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TreatmentPlan:
    """The course of treatment being requested or planned."""

    __pydantic_config__ = CONFIG

    treatment: Treatment
    """Which treatment."""
    sessions: int
    """Sessions in the course (e.g. 6 infusions)."""
    price_per_session: Decimal | None = None
    """The clinic's charge (self-pay price) per session, in dollars."""
    allowed_per_session: Decimal | None = None
    """The plan's allowed amount per session, if known (from the plan or an EOB)."""
    evaluation_price: Decimal | None = None
    """Charge for the initial evaluation, if billed separately."""
    infusion_minutes: int | None = None
    """Infusion time per session, in minutes (decides infusion-hour units)."""
    dose_mg: int | None = None
    """Esketamine dose per session in mg (56 or 84)."""
    dose_mg_per_kg: Decimal | None = None
    """Ketamine dose per session in mg per kg of body weight (``0.5``), as the prescriber orders
    it; letters state it beside the dose studied in the trials."""
    ndc: str | None = None
    """National Drug Code of the ketamine product given, as on its package (a J3490 claim line
    must carry the NDC, drug name, strength and dose: sourcebook codes.toml)."""
    strength: str | None = None
    """Strength of the ketamine product as on its label, e.g. ``50 mg/mL`` (for the J3490 line)."""
    start: date | None = None
    """Planned first session."""
    weeks: int | None = None
    """Planned length of the course in weeks."""

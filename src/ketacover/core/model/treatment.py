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
    """Dose per session in mg: esketamine 56 or 84; ketamine the planned dose (a Good Faith
    Estimate's drug line states it)."""
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
    self_pay: bool | None = None
    """The patient pays the clinic directly: uninsured, or insured and not filing a claim with
    the plan for this course (a self-pay individual under the No Surprises Act, who is owed a
    Good Faith Estimate, 45 CFR 149.610)."""
    scheduled_on: date | None = None
    """The day the course's first session (``start``) was scheduled; the Good Faith Estimate is
    due within 1 or 3 business days of it."""
    estimate_requested_on: date | None = None
    """The day the patient asked for a Good Faith Estimate, when they asked before or without
    scheduling; it is then due within 3 business days."""
    estimate_given_on: date | None = None
    """The day the clinic gave the patient the Good Faith Estimate; its deadline is then met."""
    billed_on: date | None = None
    """The date on the clinic's bill to the patient for the sessions given; the patient's
    120-day window to dispute a bill well above the estimate counts from it (45 CFR 149.620)."""

"""What one coded service line says before it is priced: code, units, modifiers, the drug it
carries, and why it is there."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = ["CodedLine", "Drug", "LineKind"]


class LineKind(StrEnum):
    """What a line bills, for grouping on statements."""

    DRUG = "drug"
    VISIT = "visit"
    MONITORING = "monitoring"
    ADMINISTRATION = "administration"
    PSYCHOTHERAPY = "psychotherapy"


@dataclass(frozen=True, slots=True)
class Drug:
    """The drug a line bills, as claims identify it: the NDC (11 digits, 5-4-2, without hyphens),
    the unit of measure (``ML`` milliliter, ``UN`` unit, ``GR`` gram, ``F2`` international unit)
    and the quantity given in that unit (837P loop 2410 ``LIN``/``CTP``; CMS-1500 item 24,
    shaded part)."""

    ndc: str
    unit: str
    quantity: Decimal
    description: str
    """Drug name, strength and dose given, as a reviewer reads them."""


@dataclass(frozen=True, slots=True)
class CodedLine:
    """One service line of a session, before the fee schedule prices it."""

    code: str
    units: int
    kind: LineKind
    detail: str
    """Why the line is there: the dose, the minutes, the documented visit."""
    modifiers: tuple[str, ...] = ()
    drug: Drug | None = None

"""FHIR R4 ``Dosage`` read for a trial: the daily dose in mg, the dose as worded, units a day.

A ``Dosage`` (``MedicationRequest.dosageInstruction``, ``MedicationStatement.dosage``,
``MedicationDispense.dosageInstruction``) gives the dose in ``doseAndRate.doseQuantity`` and how
often in ``timing``: ``timing.repeat`` (``frequency`` per ``period`` ``periodUnit``) or a
``timing.code`` from the FHIR timing abbreviations (HL7 v3 GTSAbbreviation: ``QD`` once a day,
``BID`` twice, ``TID`` three times, ``QID`` four times, ``AM``/``PM`` once, ``QOD`` every other
day). Exports often carry two dose quantities: Epic writes the calculated amount in mg beside the
administered amount in tablets; both are read, the mg for the daily dose and the tablets for how
long a dispensed quantity lasts. Its ``text`` ("Take 1 tablet by mouth daily") is kept as the
dose as worded when no daily mg figure can be read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from fhir.resources.R4B.dosage import Dosage
from fhir.resources.R4B.quantity import Quantity

from ketacover.interop.casefile.checks import RANGES
from ketacover.interop.fhir.values import codes, milligrams, number, words

GTS_ABBREVIATION: Final = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
"""The code system of ``Timing.code`` (the FHIR timing-abbreviation value set)."""

_PER_DAY: Final = {"h": Decimal(24), "d": Decimal(1), "wk": Decimal(1) / 7}
_BY_CODE: Final = {
    "QD": Decimal(1),
    "AM": Decimal(1),
    "PM": Decimal(1),
    "BID": Decimal(2),
    "TID": Decimal(3),
    "QID": Decimal(4),
    "QOD": Decimal("0.5"),
}
_UNITS: Final = {
    "tab": "tablet",
    "tabs": "tablet",
    "tablet": "tablet",
    "tablets": "tablet",
    "tbl": "tablet",
    "cap": "capsule",
    "caps": "capsule",
    "capsule": "capsule",
    "capsules": "capsule",
}
_STRENGTH: Final = re.compile(r"(\d+(?:\.\d+)?)\s*mg\b(?!\s*/)", re.IGNORECASE)
_MAX_DOSE: Final = Decimal(RANGES["dose_mg_per_day"][1])
"""The largest daily dose read, in mg, as a case file allows it; a larger figure is no dose."""


def per_day(dosage: Dosage) -> Decimal | None:
    """How many times a day ``dosage`` is taken, from ``timing.repeat`` or ``timing.code``."""
    timing = dosage.timing
    if timing is None:
        return None
    repeat = timing.repeat
    if repeat is not None and repeat.periodUnit is not None:
        unit = _PER_DAY.get(str(repeat.periodUnit))
        period = number(repeat.period)
        period = Decimal(1) if period is None else period
        if unit is not None and period > 0:
            return Decimal(repeat.frequency or 1) * unit / period
    for code in codes(timing.code, GTS_ABBREVIATION):
        if code.upper() in _BY_CODE:
            return _BY_CODE[code.upper()]
    return None


def daily_dose(dosages: Iterable[Dosage] | None) -> Decimal | None:
    """The daily dose of the first dosage that states one: a dose in mg times the doses a day."""
    for dosage in dosages or ():
        amount = next(
            (mg for rate in dosage.doseAndRate or () if (mg := milligrams(rate.doseQuantity))),
            None,
        )
        times = per_day(dosage)
        if amount is not None and times is not None:
            return tidy(amount * times)
    return None


def dose_words(dosages: Iterable[Dosage] | None) -> str | None:
    """The first dosage's ``text``, tidied (the dose as the prescriber worded it)."""
    for dosage in dosages or ():
        text = words(dosage.text)
        if text:
            return text
    return None


def units_per_day(dosages: Iterable[Dosage] | None, quantity: Quantity | None) -> Decimal | None:
    """Units of ``quantity`` (tablets, capsules) taken a day, when a dosage states a dose in the
    same unit and how often; ``None`` otherwise."""
    unit = _unit(quantity)
    if unit is None:
        return None
    for dosage in dosages or ():
        times = per_day(dosage)
        for rate in dosage.doseAndRate or ():
            dose = rate.doseQuantity
            amount = number(dose.value) if dose is not None else None
            if times is not None and amount is not None and amount > 0 and _unit(dose) == unit:
                return amount * times
    return None


def fill_dose(text: str, quantity: Decimal | None, supply: int | None) -> Decimal | None:
    """One strength in mg in the product name × quantity ÷ days' supply (tablet or capsule)."""
    strengths = set(_STRENGTH.findall(text))
    if len(strengths) != 1 or quantity is None or not supply or quantity <= 0:
        return None
    return tidy(Decimal(strengths.pop()) * quantity / supply)


def tidy(amount: Decimal) -> Decimal | None:
    """``amount`` to one decimal place, or a whole number when it is one (150, not 150.0);
    ``None`` for a figure no daily dose can be (over the case file's limit, or not finite)."""
    if not amount.is_finite() or abs(amount) > _MAX_DOSE:
        return None
    tenths = amount.quantize(Decimal("0.1"))
    return tenths.quantize(Decimal(1)) if tenths == tenths.to_integral_value() else tenths


def _unit(quantity: Quantity | None) -> str | None:
    if quantity is None:
        return None
    for raw in (quantity.unit, quantity.code):
        if raw:
            found = _UNITS.get(str(raw).strip("{} ").lower())
            if found:
                return found
    return None

"""Small readers for FHIR data types: dates, codings, quantities."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Final

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.quantity import Quantity

ICD10CM: Final = "http://hl7.org/fhir/sid/icd-10-cm"
"""The FHIR system URI of ICD-10-CM."""
LOINC: Final = "http://loinc.org"
"""The FHIR system URI of LOINC."""
RXNORM: Final = "http://www.nlm.nih.gov/research/umls/rxnorm"
"""The FHIR system URI of RxNorm."""
NDC: Final = "http://hl7.org/fhir/sid/ndc"
"""The FHIR system URI of National Drug Codes."""
UCUM: Final = "http://unitsofmeasure.org"
"""The FHIR system URI of UCUM units."""

_NOT_TEXT: Final = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]+")
_SPACES: Final = re.compile(r"\s+")
WORDS_MAX: Final = 200
"""The most characters of free text (a dose as worded, a status reason) carried into a case."""
_DAY_UNITS: Final = {"d": 1, "day": 1, "days": 1, "wk": 7, "week": 7, "weeks": 7}
_MG_UNITS: Final = frozenset({"mg", "milligram", "milligrams"})


def day(value: object) -> date | None:
    """The calendar day of a FHIR date or dateTime as written (its own time zone); ``None`` for a
    partial date (a year, or a year and month) or no value."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def codings(concept: CodeableConcept | None) -> list[Coding]:
    """The codings of ``concept`` (none when it is missing)."""
    return list(concept.coding or ()) if concept is not None else []


def texts(concept: CodeableConcept | None) -> list[str]:
    """The human-readable words of ``concept``: its text, then each coding's display."""
    if concept is None:
        return []
    found = [concept.text] if concept.text else []
    found += [coding.display for coding in codings(concept) if coding.display]
    return [str(text) for text in found]


def codes(concept: CodeableConcept | None, system: str) -> list[str]:
    """The codes of ``concept`` in ``system``."""
    return [str(c.code) for c in codings(concept) if c.system == system and c.code]


def systems(concept: CodeableConcept | None) -> list[str]:
    """The code systems ``concept`` uses, each once, in order."""
    return list(dict.fromkeys(str(c.system) for c in codings(concept) if c.system))


def days(quantity: Quantity | None) -> int | None:
    """A duration quantity in whole days (days or weeks), else ``None``."""
    if quantity is None or quantity.value is None:
        return None
    unit = str(quantity.code or quantity.unit or "d").lower()
    factor = _DAY_UNITS.get(unit)
    if factor is None:
        return None
    total = Decimal(quantity.value) * factor
    return int(total) if total == total.to_integral_value() and total > 0 else None


def milligrams(quantity: Quantity | None) -> Decimal | None:
    """A dose quantity in milligrams, when its unit is mg."""
    if quantity is None or quantity.value is None:
        return None
    unit = str(quantity.code or quantity.unit or "").lower()
    return Decimal(quantity.value) if unit in _MG_UNITS else None


def number(value: object) -> Decimal | None:
    """``value`` as a Decimal, when it is a number."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def first(values: Iterable[str]) -> str | None:
    """The first non-blank string, stripped."""
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def words(value: object) -> str | None:
    """Free text from a record, fit for a case file: control characters and runs of white space
    become one space, and text longer than :data:`WORDS_MAX` characters is cut with an ellipsis.
    ``None`` for no text."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", _NOT_TEXT.sub(" ", value)).strip()
    if not text:
        return None
    return text if len(text) <= WORDS_MAX else text[: WORDS_MAX - 3].rstrip() + "..."

"""US states, the District of Columbia and the territories: their two-letter postal codes and
their names in English and Spanish, for choosing a state by name.

The codes are the USPS two-letter abbreviations (USPS Publication 28, *Postal Addressing
Standards*, Appendix B, "Two-Letter State and Possession Abbreviations",
https://pe.usps.com/text/pub28/28apb.htm); case files and claims store the code. The Spanish
names are the usual Spanish forms (Nueva York, Carolina del Norte, ...); where Spanish uses the
English name, it is kept.

>>> NAMES["TX"].en
'Texas'
>>> name("NC", "es")
'Carolina del Norte'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class StateName:
    """A state's name in English and in Spanish."""

    en: str
    es: str


def _same(name: str) -> StateName:
    return StateName(name, name)


NAMES: Final[dict[str, StateName]] = {
    "AL": _same("Alabama"),
    "AK": _same("Alaska"),
    "AZ": _same("Arizona"),
    "AR": _same("Arkansas"),
    "CA": _same("California"),
    "CO": _same("Colorado"),
    "CT": _same("Connecticut"),
    "DE": _same("Delaware"),
    "DC": StateName("District of Columbia", "Distrito de Columbia"),
    "FL": StateName("Florida", "Florida"),
    "GA": _same("Georgia"),
    "HI": StateName("Hawaii", "Hawái"),
    "ID": _same("Idaho"),
    "IL": _same("Illinois"),
    "IN": _same("Indiana"),
    "IA": _same("Iowa"),
    "KS": _same("Kansas"),
    "KY": _same("Kentucky"),
    "LA": StateName("Louisiana", "Luisiana"),
    "ME": _same("Maine"),
    "MD": _same("Maryland"),
    "MA": _same("Massachusetts"),
    "MI": StateName("Michigan", "Míchigan"),
    "MN": _same("Minnesota"),
    "MS": StateName("Mississippi", "Misisipi"),
    "MO": StateName("Missouri", "Misuri"),
    "MT": _same("Montana"),
    "NE": _same("Nebraska"),
    "NV": _same("Nevada"),
    "NH": StateName("New Hampshire", "Nuevo Hampshire"),
    "NJ": StateName("New Jersey", "Nueva Jersey"),
    "NM": StateName("New Mexico", "Nuevo México"),
    "NY": StateName("New York", "Nueva York"),
    "NC": StateName("North Carolina", "Carolina del Norte"),
    "ND": StateName("North Dakota", "Dakota del Norte"),
    "OH": _same("Ohio"),
    "OK": _same("Oklahoma"),
    "OR": StateName("Oregon", "Oregón"),
    "PA": StateName("Pennsylvania", "Pensilvania"),
    "RI": _same("Rhode Island"),
    "SC": StateName("South Carolina", "Carolina del Sur"),
    "SD": StateName("South Dakota", "Dakota del Sur"),
    "TN": _same("Tennessee"),
    "TX": _same("Texas"),
    "UT": _same("Utah"),
    "VT": _same("Vermont"),
    "VA": _same("Virginia"),
    "WA": _same("Washington"),
    "WV": StateName("West Virginia", "Virginia Occidental"),
    "WI": _same("Wisconsin"),
    "WY": _same("Wyoming"),
    "AS": StateName("American Samoa", "Samoa Americana"),
    "GU": _same("Guam"),
    "MP": StateName("Northern Mariana Islands", "Islas Marianas del Norte"),
    "PR": _same("Puerto Rico"),
    "VI": StateName("U.S. Virgin Islands", "Islas Vírgenes de los Estados Unidos"),
}
"""Every code the case model accepts, with its names."""


def name(code: str, language: str = "en") -> str:
    """The name of ``code`` in ``language`` (``en`` or ``es``); ``KeyError`` if unknown."""
    found = NAMES[code]
    return found.es if language.startswith("es") else found.en


def choices(language: str = "en") -> list[tuple[str, str]]:
    """``(code, name)`` pairs sorted by the name in ``language``, for a select."""
    return sorted(((code, name(code, language)) for code in NAMES), key=lambda pair: pair[1])
